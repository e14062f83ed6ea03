"""The real dev sets through the real pipeline, on the full shared gazetteer: their figures
stay at or above the targets of the real-text issue where those are met, and above
today's level (a regression floor) where they are not yet.

Reads ../shared/data at run time and skips when it is absent. The newer split is scored
(ACLED 2020-2023, GTD 2014: the part nobody tuned on), ACLED on a fixed sample of it.
`manage.py events_eval` prints the same figures for the whole sets.
"""

import pytest
from django.core.management import call_command

from gazetteer.index import gazetteer_index, gazetteer_index_reset
from incidents.evaluation.events import ceiling_from, score_documents
from incidents.evaluation.gold import documents_load
from incidents.management.commands.events_eval import governorate_lookup
from incidents.services.analysis import report_analyse
from tests.conftest import SHARED_DATA

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]

GAZETTEER = SHARED_DATA / "gazetteer"
BOUNDARIES = SHARED_DATA / "boundaries"
DEV = SHARED_DATA / "eval" / "dev"
ACLED_SAMPLE = 600

# (figure, floor, target): the floor is what the test asserts; where it is below the
# target, the target is not met yet (docs/evaluation.md says by how much).
FLOORS = {
    "acled": [("found", 0.98, 0.97), ("date", 0.95, 0.95), ("sub_event_type", 0.86, 0.85),
              ("acc@25km/ceiling", 0.78, 0.90), ("acc@25km/point ceiling", 0.98, 0.90),
              ("admin1", 0.975, 0.97), ("est acc@25km", 0.52, 0.49)],
    "gtd": [("found", 0.98, 0.98), ("date", 0.97, 0.97), ("acc@25km", 0.82, 0.90),
            ("admin1", 0.95, 0.97), ("est acc@25km", 0.82, 0.80)],
}


@pytest.fixture(scope="module")
def shared_gazetteer(django_db_setup, django_db_blocker):
    """The full shared gazetteer, loaded once for the module and removed afterwards."""
    if not (GAZETTEER.is_dir() and BOUNDARIES.is_dir() and DEV.is_dir()):
        pytest.skip(f"reference data not available at {SHARED_DATA} (a fresh clone has no ../shared)")
    with django_db_blocker.unblock():
        call_command("gazetteer_load_geonames", str(GAZETTEER / "geonames_cities500_IQ_SY.tsv"),
                     str(GAZETTEER / "geonames_admin1_admin2_codes_IQ_SY.json"), verbosity=0)
        call_command("gazetteer_load_csv", str(GAZETTEER / "iraq_iom_dtm_locations.csv"),
                     preset="iom-dtm", verbosity=0)
        call_command("gazetteer_load_boundaries", str(BOUNDARIES / "iraq_cod_ab_2019"),
                     str(BOUNDARIES / "syria_cod_ab_2020"), verbosity=0)
        gazetteer_index_reset()
        yield gazetteer_index()
        from django.db import connection

        # The tables as the next module expects them: empty, and no history of a test's
        # cleanup. What delete() does, in SQL: 26 s -> under 1 s on PostGIS, 7 s -> 1 s here.
        with connection.cursor() as cursor:
            for statement in _GAZETTEER_CLEARED:
                cursor.execute(statement)
        gazetteer_index_reset()


# Place's and AdminArea's delete() as SQL: names and aliases go with their places, the
# incidents' links are set to null, then the places and the areas go.
_GAZETTEER_CLEARED = (
    "DELETE FROM gazetteer_placename", "DELETE FROM gazetteer_alias",
    "UPDATE incidents_mention SET place_id = NULL WHERE place_id IS NOT NULL",
    "UPDATE incidents_incident SET place_id = NULL WHERE place_id IS NOT NULL",
    "UPDATE incidents_geocodechange SET old_place_id = NULL WHERE old_place_id IS NOT NULL",
    "UPDATE incidents_geocodechange SET new_place_id = NULL WHERE new_place_id IS NOT NULL",
    "DELETE FROM gazetteer_place", "DELETE FROM gazetteer_adminarea",
    "DELETE FROM gazetteer_admincode", "DELETE FROM gazetteer_border",
)


def _scores(path, sample, index):
    documents = [d for d in documents_load(path) if d.split == "new"]
    if sample:
        import random

        documents = random.Random(f"{path.name}/{sample}").sample(documents, sample)
    return score_documents(
        documents,
        analyse=lambda text, published: report_analyse(text=text, published=published).incidents,
        governorate=governorate_lookup(), ceiling=ceiling_from(index.candidates))


@pytest.mark.parametrize(
    ("name", "filename", "sample"),
    [("acled", "acled_syria_battles_2017-2023.csv", ACLED_SAMPLE),
     ("gtd", "gtd_iraq_2012-2014.csv", 0)],
)
def test_the_newer_split_stays_above_its_floors(shared_gazetteer, name, filename, sample):
    figures = _scores(DEV / filename, sample, shared_gazetteer)[(name, "new")].figures()
    low = {key: figures[key] for key, floor, _ in FLOORS[name] if figures[key] < floor}
    print(f"{name} newer split: {figures}")
    assert not low, f"{name} newer split below its floors: {low} (all figures: {figures})"
