"""The HTTP layer, thin: pages and exports (`views`), the map's JSON API (`api`), adding
reports (`views_reports`, `forms`, `api_reports`) and the URLs (`urls`). The work is in
`incidents.services` (writes), `incidents.selectors` (reads) and `incidents.exports`.
"""
