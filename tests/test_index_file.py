"""The gazetteer index file: the mapped index answers exactly as the ORM-built one does.

Every lookup the geoparser makes (keys, kinds, candidates in order, aliases, exact names,
first words, compass parts, capitals, the loose map, governorates, scoped aliases) is
compared on the default gazetteer and on a generated one, then whole geoparse outputs;
and gazetteer_index() with GAZETTEER_INDEX_DIR set builds once per stamp, then loads.
"""

import dataclasses
import json

import pytest
from django.contrib.gis.geos import Point

from bench.gazgen import gazetteer_generate
from gazetteer.geoparser import geoparse, name_key
from gazetteer.geoparser.fuzzy import _loose_map, loose_candidates
from gazetteer.index import FileIndex, _stamp, gazetteer_index, gazetteer_index_build, gazetteer_index_reset
from gazetteer.index_file import index_load, index_write
from gazetteer.models import Alias, Place
from tests.factories import PlaceFactory, PlaceNameFactory
from tests.shared import SHARED

pytestmark = pytest.mark.django_db

TEXTS = [
    "Clashes in Mosul and Tal Afar left five dead; an IED struck a patrol near Rabia.",
    "Airstrikes hit Deir ez-Zor and Al-Bukamal, 30 km southeast of Al-Mayadin, Syria.",
    "ISIS attacked a village in rural Hama, north of Homs, and in western Anbar.",
    "قصف مدفعي على قرية في ناحية حمام العليل جنوب الموصل",
    "Militants shelled Kirkuk and Tuz Khurmatu in Salahuddin governorate, northern Iraq.",
]


@pytest.fixture(autouse=True)
def fresh_index():
    gazetteer_index_reset()
    yield
    gazetteer_index_reset()


def plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def assert_same(orm, loaded, texts):
    """Every answer of the two indexes is equal (lists in the same order)."""
    assert len(loaded) == len(orm)
    for key in [*orm._by_key, *orm._kinds, "", "no such place", "zz"]:
        assert loaded.lookup(key) == orm.lookup(key), key
        assert loaded.candidates(key) == orm.candidates(key), key
        assert (key in loaded) == (key in orm)
        assert loaded.kind(key) == orm.kind(key)
    assert list(loaded.entries()) == list(orm.entries())
    assert loaded.starts == orm.starts and loaded.parts == orm.parts
    assert loaded.capitals == orm.capitals and loaded.scoped_aliases == orm.scoped_aliases
    assert loaded.near_border == orm.near_border
    assert loaded.areas.runs() == orm.areas.runs()
    for place_id, names in orm._names.items():
        for name in [*names, "Nowhere At All"]:
            assert loaded.is_exact(name, place_id) == orm.is_exact(name, place_id), (name, place_id)
            assert loaded.is_exact(name.upper(), place_id) == orm.is_exact(name.upper(), place_id)
    for pk in [*orm.by_place, -1]:
        assert loaded.by_place.get(pk) == orm.by_place.get(pk)
        assert loaded.governorate(pk) == orm.governorate(pk)
    for skeleton, pairs in _loose_map(orm).items():
        assert loaded._loose.get(skeleton) == pairs, skeleton
    for key in list(orm._by_key)[:300]:
        assert loose_candidates(loaded, key) == loose_candidates(orm, key)
    for text in texts:
        assert json.dumps(plain(geoparse(text, loaded))) == json.dumps(plain(geoparse(text, orm)))


@pytest.fixture
def with_aliases(default_gazetteer, user):
    """Aliases, a scoped one, and a duplicate GeoNames record over the default gazetteer."""
    mosul = Place.objects.filter(name="Mosul").first()
    rabia = PlaceFactory(name="Rabia", population=10, country_code="SY", point=Point(36.0, 35.6, srid=4326))
    PlaceNameFactory(place=rabia, name="Rabia", key=name_key("Rabia"))
    Alias.objects.create(key=name_key("Rabea"), surface="Rabea", place=rabia, created_by=user)
    Alias.objects.create(key=name_key("Umm Al Rabiain"), surface="Umm Al Rabiain", place=mosul,
                         context_admin1="Nineveh", created_by=user)


def test_file_index_answers_as_the_orm_index_on_the_default_gazetteer(with_aliases, tmp_path):
    orm = gazetteer_index_build()
    assert orm.near_border  # the default gazetteer has the Iraq-Syria border line
    index_write(orm, tmp_path / "idx")
    loaded = index_load(tmp_path / "idx", index_class=FileIndex)
    texts = TEXTS + ([(SHARED / "seed" / "000_1b5e2521021af511.txt").read_text(encoding="utf-8")]
                     if (SHARED / "seed").is_dir() else [])
    assert_same(orm, loaded, texts)
    view_orm = orm.in_context(keys=[name_key("Umm Al Rabiain")], governorates={"Nineveh"})
    view = loaded.in_context(keys=[name_key("Umm Al Rabiain")], governorates={"Nineveh"})
    assert view is not None and view_orm is not None
    assert view.lookup(name_key("Umm Al Rabiain")) == view_orm.lookup(name_key("Umm Al Rabiain"))
    rabia = Place.objects.get(name="Rabia", country_code="SY")
    assert loaded.lookup(name_key("Rabia"))[1][0].place_id == rabia.pk


def test_file_index_answers_as_the_orm_index_on_a_generated_gazetteer(tmp_path):
    gazetteer_generate(n_places=1500, n_names=6000)
    orm = gazetteer_index_build()
    index_write(orm, tmp_path / "idx")
    loaded = index_load(tmp_path / "idx", index_class=FileIndex)
    names = list(Place.objects.values_list("name", flat=True)[:40])
    assert_same(orm, loaded, [f"Fighting in {a} and near {b}, south of {c}." for a, b, c in
                              zip(names[::3], names[1::3], names[2::3], strict=False)])


def test_empty_gazetteer_writes_and_loads(tmp_path):
    orm = gazetteer_index_build()
    index_write(orm, tmp_path / "idx")
    assert_same(orm, index_load(tmp_path / "idx", index_class=FileIndex), TEXTS[:1])


def test_gazetteer_index_builds_the_file_once_per_stamp_and_loads_it(settings, tmp_path):
    settings.GAZETTEER_INDEX_DIR = str(tmp_path)
    mosul = PlaceFactory(name="Mosul", feature_code="PPLA", point=Point(43.11889, 36.335, srid=4326))
    PlaceNameFactory(place=mosul, name="Mosul", key=name_key("Mosul"))
    gazetteer_index_reset()
    first = gazetteer_index()
    assert isinstance(first, FileIndex) and first.path.parent == tmp_path
    assert [c.place_id for c in first.candidates(name_key("Mosul"))] == [mosul.pk]
    assert gazetteer_index() is first  # cached while the stamp stands

    PlaceNameFactory(place=mosul, name="Al-Mawsil", key=name_key("Al-Mawsil"))  # bumps the stamp
    second = gazetteer_index()
    assert second is not first and second.path != first.path
    assert [c.place_id for c in second.candidates(name_key("Al-Mawsil"))] == [mosul.pk]
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == [second.path.name]  # the old one pruned


def test_a_file_of_another_format_is_refused(monkeypatch, tmp_path):
    import gazetteer.index_file as index_file

    index_write(gazetteer_index_build(), tmp_path / "idx")
    monkeypatch.setattr(index_file, "FORMAT", index_file.FORMAT + 1)
    with pytest.raises(ValueError, match="format"):
        index_load(tmp_path / "idx", index_class=FileIndex)


def test_an_unusable_directory_falls_back_to_the_in_memory_index(settings, tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    settings.GAZETTEER_INDEX_DIR = str(tmp_path / "a-file")
    PlaceFactory(name="Mosul")
    gazetteer_index_reset()
    index = gazetteer_index()
    assert not isinstance(index, FileIndex) and len(index) == 1


def test_the_command_builds_the_file_once(settings, tmp_path):
    import io

    from django.core.management import call_command

    settings.GAZETTEER_INDEX_DIR = str(tmp_path)
    PlaceFactory(name="Mosul")
    out = io.StringIO()
    call_command("gazetteer_index", stdout=out)
    (built,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert str(built) in out.getvalue()
    mtime = built.stat().st_mtime_ns
    call_command("gazetteer_index", stdout=io.StringIO())
    assert built.stat().st_mtime_ns == mtime  # the stamp did not move: nothing rebuilt
    assert gazetteer_index().path == built  # a worker loads what the command built


def test_one_process_builds_while_the_others_wait_for_its_file(tmp_path):
    """Workers starting together: one build under the lock, the others load what it wrote."""
    import threading
    import time

    from gazetteer.index_store import index_file_build

    PlaceFactory(name="Mosul")
    index = gazetteer_index_build()
    builds = []

    def build():
        builds.append(1)
        time.sleep(0.3)  # long enough for the other threads to reach the lock
        return index

    stamp = (7, None)
    paths = []
    threads = [threading.Thread(target=lambda: paths.append(index_file_build(stamp=stamp, build=build,
                                                                              root=tmp_path)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert len(builds) == 1 and len(set(paths)) == 1 and len(paths) == 4
    assert len(index_load(paths[0], index_class=FileIndex)) == len(index)


def test_a_worker_keeps_its_index_while_another_builds_the_new_one(settings, tmp_path):
    import fcntl

    from gazetteer.index_store import index_path

    settings.GAZETTEER_INDEX_DIR = str(tmp_path)
    mosul = PlaceFactory(name="Mosul")
    gazetteer_index_reset()
    old = gazetteer_index()
    PlaceNameFactory(place=mosul, name="Al-Mawsil", key=name_key("Al-Mawsil"))  # a new stamp
    new_path = index_path(stamp=_stamp(), root=tmp_path)
    with open(tmp_path / f".lock-{new_path.name.rsplit('-', 2)[0]}", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # "another process" is building the new file
        assert gazetteer_index() is old  # no wait, no second build
        assert not new_path.exists()
    fresh = gazetteer_index()  # the builder is gone: this process builds it
    assert fresh is not old and fresh.path == new_path
    assert fresh.candidates(name_key("Al-Mawsil"))
