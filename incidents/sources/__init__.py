"""Report sources -> clean `ReportDocument`s (bytes in, documents out; nothing is stored here).

`document` (ReportDocument, IngestError), `text` (plain-text reports), `html` (web pages),
`files` (report files and folders), `payloads` (form fields and JSON objects), `web`
(fetching URLs), `feeds` (reading RSS/Atom entries). Storing a document is
`incidents.services.ingest.source_ingest`, for every channel.
"""
