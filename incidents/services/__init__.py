"""Every write to reports, incidents and their satellites goes through a service here.

`ingest` (a source -> a stored report with mentions and incidents, the ingest log),
`analysis` (text -> toponyms and incidents, shared by ingest and the `geoparse`
command), `reprocess` (analyse a stored report again, keeping the analysts' work),
`relocate` (an analyst's geocode correction in the admin), `history` (versioned
saves, revert, soft delete and restore), `review` (the review screen's pick, new place
and bulk actions), `feeds` (polling), `tokens` (API tokens), `roles` (the role
groups). Views, admin actions, tasks and commands call these.
"""
