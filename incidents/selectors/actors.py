"""The analysts' additions to the actor dictionary, as extraction's `extra_actors` entries.

Read once per process and re-read when the ActorAlias table changes (one cheap aggregate
query per call).
"""

from django.db.models import Count, Max

from incidents.extraction.actors import ActorEntry, actor_entries
from incidents.models import ActorAlias

_cache: dict[str, object] = {"version": None, "entries": ()}


def extra_actors() -> tuple[ActorEntry, ...]:
    """ActorAlias rows grouped by actor name: ((name, aliases, state_force), ...)."""
    stats = ActorAlias.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    version = (stats["n"], stats["last"], stats["top"])
    if _cache["version"] != version:
        rows = ActorAlias.objects.order_by("name", "alias").values_list("name", "alias", "state_force")
        _cache["entries"] = actor_entries(rows)
        _cache["version"] = version
    return _cache["entries"]  # type: ignore[return-value]
