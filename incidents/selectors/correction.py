"""What the correction screen shows of one incident: its report text cut into plain and
mention pieces (the template escapes each), the mentions with their ranked candidates,
and the governorates an editor may put a new place in."""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer.models import Place
from incidents.models import Incident, Mention


@dataclass(slots=True)
class Piece:
    text: str
    mention: Mention | None = None
    in_sentence: bool = False


def incident_for_review(*, incident_id: int) -> Incident | None:
    """A live incident with its report and place, or None."""
    return Incident.objects.select_related("report", "place").filter(pk=incident_id).first()


def report_pieces(*, incident: Incident, mentions: list[Mention]) -> list[Piece]:
    """The report text as pieces: plain text between mentions, each mention one piece."""
    text = incident.report.text
    pieces, at = [], 0
    for mention in mentions:
        if mention.start < at or mention.end > len(text):
            continue  # overlapping or stale offsets: shown as plain text
        if mention.start > at:
            pieces.append(Piece(text[at:mention.start]))
        inside = incident.start <= mention.start and mention.end <= incident.end
        pieces.append(Piece(text[mention.start:mention.end], mention, inside))
        at = mention.end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def review_mentions(*, incident: Incident) -> list[Mention]:
    """The report's place mentions in text order (organisations' inner places left out)."""
    return list(Mention.objects.filter(report_id=incident.report_id).exclude(kind="organisation")
                .select_related("place").order_by("start"))


def mention_candidates(*, mention: Mention) -> list[dict]:
    """A mention's stored candidates, best first, each with its rank and governorate."""
    stored = [c for c in mention.candidates if isinstance(c, dict) and "place_id" in c]
    admin = dict(Place.objects.filter(pk__in=[c["place_id"] for c in stored]).values_list(
        "pk", "admin1_code"))
    names = dict(Place.objects.filter(pk__in=[c["place_id"] for c in stored], admin1__isnull=False)
                 .values_list("pk", "admin1__name_en"))
    return [
        {**c, "rank": rank, "governorate": names.get(c["place_id"]) or admin.get(c["place_id"], ""),
         "chosen": c["place_id"] == mention.place_id, "exists": c["place_id"] in admin}
        for rank, c in enumerate(stored, start=1)
    ]


def selected_mention(*, incident: Incident, mentions: list[Mention], wanted: int | None) -> Mention | None:
    """The mention asked for, else the first that needs a look inside the incident's sentence,
    else the one the incident is located by, else the first."""
    by_id = {m.pk: m for m in mentions}
    if wanted in by_id:
        return by_id[wanted]
    inside = [m for m in mentions if incident.start <= m.start and m.end <= incident.end]
    return (next((m for m in inside if m.review_reason), None)
            or next((m for m in inside if m.surface == incident.location_name), None)
            or (inside or mentions or [None])[0])


def governorate_places() -> list[Place]:
    """Governorates (ADM1 places) of Iraq and Syria, the parents a new place may have."""
    return list(Place.objects.filter(feature_code="ADM1", country_code__in=("IQ", "SY"))
                .order_by("country_code", "name").only("pk", "name", "country_code"))
