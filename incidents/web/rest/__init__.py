"""The REST API (/api/v1/): Django REST framework views over the selectors and services.

`auth` (tokens, roles), `pagination`, `serializers`, one module of views per resource
(`incidents`, `reports`, `gazetteer`, `feeds`), `schema` (drf-spectacular: /api/schema/
and the docs page) and `urls`.
"""
