"""A migration operation that gives GeoDjango's PostGIS GiST indexes readable names.

GeoDjango creates a spatial index for every geometry field (spatial_index=True) and keeps it
through table rebuilds on both backends, but on PostGIS it names it with a hash
("gazetteer_place_point_5be8aba0_id"). Renaming keeps GeoDjango's handling and gives query
plans and DBAs a name to find. SpatiaLite already names its R*Tree idx_<table>_<column>.
"""

from django.db import migrations


class NameSpatialIndex(migrations.operations.base.Operation):
    reversible = True

    def __init__(self, model_name: str, field: str, name: str):
        self.model_name, self.field, self.name = model_name, field, name

    def state_forwards(self, app_label, state):
        pass  # index names are not part of Django's model state for spatial_index

    def _generated_name(self, app_label, schema_editor, state) -> str:
        model = state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.field)
        return schema_editor._create_spatial_index_name(model, field)

    def _rename(self, schema_editor, old: str, new: str) -> None:
        if schema_editor.connection.vendor == "postgresql":
            qn = schema_editor.quote_name
            schema_editor.execute(f"ALTER INDEX IF EXISTS {qn(old)} RENAME TO {qn(new)}")

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self._rename(schema_editor, self._generated_name(app_label, schema_editor, to_state), self.name)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self._rename(schema_editor, self.name, self._generated_name(app_label, schema_editor, from_state))

    def describe(self):
        return f"Name the spatial index on {self.model_name}.{self.field} {self.name}"

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {"model_name": self.model_name, "field": self.field, "name": self.name},
        )
