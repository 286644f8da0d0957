"""Each export round-trips: exported, imported into a fresh store, exported again, the same.

Sources come back from their original bytes, claims on their sources' words, cases on the
persons of the same labels, estimates with their intervals; a second import adds nothing.
Bad input stops the import with one line (file, row, field, why) and writes nothing; a
public export is refused, since it cannot restore the personal data it left out.
"""

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from filled_store import fill
from incidents.event_files import GED_COLUMNS, ged_row, write
from toll.cases import CaseDetails, open_case, show_case, transition_case
from toll.cases.cases import append_transition, get_case
from toll.errors import TollError
from toll.exports import FORMATS, export, export_table, originals_folder
from toll.exports.reimport import import_export
from toll.families import relate
from toll.figures import claim_provenance
from toll.incidents import import_events
from toll.model import (
    Case,
    CaseTransition,
    Claim,
    Identification,
    Original,
    Person,
    Record,
    Relation,
    Remains,
    Source,
)
from toll.remains import RemainsDraft, add_remains, case_candidates, identify, unidentify
from toll.store import Store
from toll.store.access import add_user

SUFFIX = {"csv": ".csv", "hxl": ".csv", "xlsx": ".xlsx", "json": ".json"}
# Ids that each store gives its own rows; the rows are compared by what they hold.
LOCAL_IDS = {
    "sources": ("source_id",),
    "claims": ("claim_id", "source_id"),
    "cases": ("incident_id",),
    "estimates": ("estimate_id",),
}


@pytest.fixture
def filled(store, tmp_path):
    """The filled store, and an event dataset whose claims stand on its rows, not on words."""
    fill(store, tmp_path)
    rows = [ged_row(7, "Northfield", "2021-01-12", 12, 9, 15, civilians=8),
            ged_row(8, "Eastport", "2021-02-03", 5, 5, 6)]  # fmt: skip
    with store.session() as session:
        import_events(session, write(tmp_path / "ged.csv", GED_COLUMNS, rows))
        source = session.scalar(select(Source.id).order_by(Source.id))
        append_transition(session, get_case(session, "C-00001"), "reported", date(2021, 1, 20),
                          source, "reported by the family")  # fmt: skip
        transition_case(session, "C-00001", "fate_unknown", on=date(2021, 3, 2),
                        source_id=source, note="no trace after the first search")  # fmt: skip
    return store


def _write(store: Store, what: str, format: str, folder: Path, public: bool = False) -> Path:
    path = folder / f"{what}{SUFFIX[format]}"
    with store.session() as session:
        export(session, what, format, path, public)
    return path


def _comparable(store: Store, what: str) -> list[dict]:
    """The export's rows without the store's own ids; a part names its whole by its words."""
    with store.session() as session:
        rows = [dict(row) for row in export_table(session, what)]
    words = {row["claim_id"]: row["words"] for row in rows if what == "claims"}
    for row in rows:
        if what == "claims":
            row["part_of"] = words.get(row["part_of"], row["part_of"])
        if what == "cases":  # who wrote each change into the store, when, and whence, aside
            row["history"] = [_aside(change, "by", "at", "note") for change in row["history"]]
            row["remains"] = [  # a candidate's rank and score are the store's own ranking
                {**r, "identified": r["identified"] and _aside(r["identified"], "by", "at", "note"),
                 "candidate": bool(r["candidate"]), "notes": None}
                for r in row["remains"]
            ]  # fmt: skip
        if what == "remains":  # who wrote each identification into the store, when, whence, aside
            row["notes"] = None
            row["identifications"] = [_aside(i, "by", "at", "note") for i in row["identifications"]]
        for name in LOCAL_IDS.get(what, ()):
            row.pop(name)
    return rows


def _aside(change: dict, *names: str) -> dict:
    return {k: v for k, v in change.items() if k not in names}


def _prepare(filled: Store, fresh: Store, what: str, folder: Path) -> None:
    """What a kind stands on: claims on their sources and the incidents they are attached to;
    cases on the register's persons (as a store restored from the backup holds them) and the
    incidents they belong to."""
    if what == "claims":
        with fresh.session() as session:
            import_export(session, _write(filled, "sources", "csv", folder))
            import_export(session, _write(filled, "incidents", "json", folder))
    if what == "cases":
        with filled.session() as session:
            people = [(p.label, p.display_name) for p in session.scalars(select(Person))]
        with fresh.session() as session:
            session.add_all(Person(label=label, display_name=name) for label, name in people)
            import_export(session, _write(filled, "incidents", "json", folder))
            import_export(session, _write(filled, "sources", "csv", folder))


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("what", ["sources", "claims", "cases", "estimates"])
def test_an_export_imports_into_a_fresh_store_and_exports_the_same(
    filled, fresh_store, tmp_path, what, format
):
    _prepare(filled, fresh_store, what, tmp_path)
    path = _write(filled, what, format, tmp_path)
    with fresh_store.session() as session:
        first = import_export(session, path)
    with fresh_store.session() as session:
        again = import_export(session, path)
    expected = _comparable(filled, what)
    assert _comparable(fresh_store, what) == expected and expected
    assert first.added > 0 and (first.unchanged, again.added) == (0, 0)
    assert again.unchanged == first.added


def test_a_reimported_claim_points_at_its_source_passage_bytes(filled, fresh_store, tmp_path):
    _prepare(filled, fresh_store, "claims", tmp_path)
    with fresh_store.session() as session:
        import_export(session, _write(filled, "claims", "hxl", tmp_path))
        for claim, source in session.execute(select(Claim, Source).join(Source)):
            original = session.get(Original, source.sha256).content.decode("utf-8")
            if source.kind == "dataset":  # a claim on its row of the data file, and its event
                found = claim_provenance(session, claim.id)
                row = original.splitlines()[found.row].split(",")
                assert str(int(claim.value)) in row and row[0] == found.event_id
                continue
            assert claim.text in original
            assert source.text[claim.start : claim.end] == claim.text
    with filled.session() as session:
        hashes = set(session.scalars(select(Source.sha256)))
    assert {p.name for p in originals_folder(tmp_path / "sources.csv").iterdir()} == hashes


def test_the_same_store_imports_its_own_exports_adding_nothing(filled, tmp_path):
    for what in ("sources", "claims", "cases", "estimates", "incidents"):
        path = _write(filled, what, "json", tmp_path)
        with filled.session() as session:
            result = import_export(session, path)
        assert result.added == 0 and result.unchanged > 0, what


def _count(store: Store, model) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_sources_export_without_its_originals_names_the_row_and_writes_nothing(
    filled, fresh_store, tmp_path
):
    path = _write(filled, "sources", "csv", tmp_path)
    folder = originals_folder(path)
    for original in folder.iterdir():
        original.unlink()
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    assert str(error.value).startswith("sources.csv, row 1, field sha256: no file in")
    assert "nothing was imported" in str(error.value)
    assert (_count(fresh_store, Source), _count(fresh_store, Original)) == (0, 0)


def test_an_original_found_in_another_folder_by_its_bytes(filled, fresh_store, tmp_path):
    path = _write(filled, "sources", "csv", tmp_path)
    elsewhere = tmp_path / "documents"
    originals_folder(path).rename(elsewhere)
    for number, original in enumerate(elsewhere.iterdir()):
        original.rename(elsewhere / f"document {number}.bin")  # any name: found by its hash
    with fresh_store.session() as session:
        assert import_export(session, path, originals=elsewhere).added == 4


def _edit(path: Path, row: int, field: str, value: str) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[row][rows[0].index(field)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("words", "9,999 killed", "field words: the source's text at characters"),
        ("start", "abc", "field start: 'abc' is not a whole number"),
        ("source_sha256", "0" * 64, "field source_sha256: no source of this SHA-256"),
        ("review_state", "endorsed", "field review_state: 'endorsed' is not one of"),
        ("attached_to", "Nowhere", "field attached_to: no incident 'Nowhere' in the store"),
    ],
)
def test_a_bad_claim_row_names_file_row_field_and_writes_nothing(
    filled, fresh_store, tmp_path, field, value, message
):
    _prepare(filled, fresh_store, "claims", tmp_path)
    path = _write(filled, "claims", "csv", tmp_path)
    _edit(path, 2, field, value)
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    assert str(error.value).startswith(f"claims.csv, row 2, {message}")
    assert "\n" not in str(error.value)
    assert _count(fresh_store, Claim) == 0


def test_a_reimported_case_shows_the_same_history_noting_the_file(filled, fresh_store, tmp_path):
    _prepare(filled, fresh_store, "cases", tmp_path)
    path = _write(filled, "cases", "xlsx", tmp_path)
    with fresh_store.session() as session:
        import_export(session, path)
        imported = show_case(session, "C-00001").transitions
    with filled.session() as session:
        kept = show_case(session, "C-00001").transitions
    assert [(t.on, t.from_status, t.to_status, t.source) for t in imported] == [
        (t.on, t.from_status, t.to_status, t.source) for t in kept
    ]
    assert [t.note for t in imported] == [
        f"{t.note}; imported from cases.xlsx (recorded by {t.by} at {t.at.isoformat()[:16]})"
        for t in kept
    ]
    assert len(kept) == 2 and all(t.by == "tester" for t in imported)


def test_a_case_comes_to_the_person_of_its_name_never_to_another_of_its_label(
    filled, fresh_store, tmp_path
):
    with filled.session() as session:
        people = [(p.label, p.display_name) for p in session.scalars(select(Person))]
    path = _write(filled, "cases", "json", tmp_path)
    with fresh_store.session() as session:  # labelled otherwise, as a store that linked anew
        session.add_all(Person(label=f"P-{900 + n:05d}", display_name=name)
                        for n, (_, name) in enumerate(reversed(people)))  # fmt: skip
        import_export(session, _write(filled, "sources", "csv", tmp_path))
        import_export(session, _write(filled, "incidents", "json", tmp_path))
        import_export(session, path)
        view = show_case(session, "C-00001")
    assert (view.name, view.status) == (people[0][1], "fate_unknown")


def test_a_cases_export_of_an_earlier_toll_imports_by_label_with_one_change(
    filled, fresh_store, tmp_path
):
    _prepare(filled, fresh_store, "cases", tmp_path)
    path = _write(filled, "cases", "csv", tmp_path)
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    earlier = ("person_name", "history", "remains")
    kept = [i for i, name in enumerate(rows[0]) if name not in earlier]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in kept] for row in rows])
    with fresh_store.session() as session:
        assert import_export(session, path).added == 1
        (change,) = show_case(session, "C-00001").transitions
    assert change.to_status == "fate_unknown" and "imported from cases.csv" in change.note


def test_a_case_of_a_name_two_persons_bear_is_refused(filled, fresh_store, tmp_path):
    path = _write(filled, "cases", "csv", tmp_path)
    name = next(csv.DictReader(path.open(encoding="utf-8")))["person_name"]
    with fresh_store.session() as session:
        session.add_all(Person(label=label, display_name=name) for label in ("P-00005", "P-00006"))
    with pytest.raises(TollError, match="2 persons of the store are named so"):
        with fresh_store.session() as session:
            import_export(session, path)
    assert _count(fresh_store, Case) == 0


@pytest.fixture
def with_remains(filled):
    """The filled store with a second case, identified by remains R-00001, and remains R-00002
    unidentified: a candidate of the open case C-00001."""
    with filled.session() as session:
        source = session.scalar(select(Source.id).order_by(Source.id))
        open_case(session, "P-00002", CaseDetails(
            reported_on=date(2021, 2, 10), last_seen="03.02.2021", last_seen_place="Eastport",
            marks="scar on the left hand", stature=180, source_id=source,
        ))  # fmt: skip
        transition_case(session, "C-00002", "fate_unknown", on=date(2021, 3, 5), source_id=source)
        found = [("LAB-1", date(2021, 4, 10), "Eastport", "scar on the left hand"),
                 ("LAB-2", date(2021, 4, 12), "Northfield", "grey coat")]  # fmt: skip
        for lab, day, place, marks in found:
            add_remains(session, RemainsDraft(
                lab_reference=lab, found_on=day.isoformat(), found_earliest=day, found_latest=day,
                found_place=place, sex="male", age_low=30, age_high=50, marks=marks,
            ), source)  # fmt: skip
        identify(session, "R-00001", "C-00002", source_id=source, on=date(2021, 5, 1))
    return filled


def _remains(store: Store) -> list[tuple]:
    with store.session() as session:
        found = session.execute(
            select(Remains.label, Remains.lab_reference, Case.label)
            .outerjoin(Case, Case.id == Remains.case_id)
            .order_by(Remains.lab_reference)
        ).all()
        identified = session.execute(
            select(Identification.on, Case.label).join(Case, Case.id == Identification.case_id)
        ).all()
        named = session.scalars(
            select(Remains.label).join(CaseTransition, CaseTransition.remains_id == Remains.id)
        ).all()
        return [*map(tuple, found)], [*map(tuple, identified)], sorted(named)


@pytest.mark.parametrize("format", FORMATS)
def test_a_cases_export_brings_back_each_case_s_remains_and_candidates(
    with_remains, fresh_store, tmp_path, format
):
    _prepare(with_remains, fresh_store, "cases", tmp_path)
    path = _write(with_remains, "cases", format, tmp_path)
    with fresh_store.session() as session:
        first = import_export(session, path)
        candidates = case_candidates(session, "C-00001")
    with fresh_store.session() as session:
        again = import_export(session, path)
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)
    assert (
        _remains(fresh_store)
        == _remains(with_remains)
        == (
            [("R-00001", "LAB-1", "C-00002"), ("R-00002", "LAB-2", None)],
            [(date(2021, 5, 1), "C-00002")],
            ["R-00001", "R-00001"],  # remains_recovered, then identified
        )
    )
    assert [c["lab_reference"] for c in candidates] == ["LAB-2"]
    assert _comparable(fresh_store, "cases") == _comparable(with_remains, "cases")
    with fresh_store.session() as session:
        person = session.scalar(select(Person).join(Case).where(Case.label == "C-00002"))
        assert person.fate == "dead"


def test_a_public_cases_export_holds_no_remains_details(with_remains, tmp_path):
    for format in FORMATS:
        text = _write(with_remains, "cases", format, tmp_path, public=True).read_bytes()
        for private in (b"LAB-1", b"LAB-2", b"scar", b"grey coat", b"R-0000", b"Eastport"):
            assert private not in text, (format, private)


def test_a_bad_remains_of_a_case_names_file_row_field_and_writes_nothing(
    with_remains, fresh_store, tmp_path
):
    _prepare(with_remains, fresh_store, "cases", tmp_path)
    path = _write(with_remains, "cases", "json", tmp_path)
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[1]["remains"][0]["age_low"] = "thirty"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    assert str(error.value) == (
        "cases.json, row 2, field remains: remains 1 (R-00001): age_low 'thirty' is not a whole "
        "number; nothing was imported"
    )
    assert (_count(fresh_store, Case), _count(fresh_store, Remains)) == (0, 0)


def _found(session, day: date, lab: str, place: str, marks: str, source=None):
    add_remains(session, RemainsDraft(
        lab_reference=lab, found_on=day.isoformat(), found_earliest=day, found_latest=day,
        found_place=place, sex="male", age_low=30, age_high=50, marks=marks,
    ), source)  # fmt: skip


@pytest.fixture
def past_cases(with_remains):
    """Remains no cases export holds: R-00003, identified as C-00001, the identification
    retracted, and R-00002 and R-00004, which rank no open case once C-00001 is closed."""
    with with_remains.session() as session:
        source = session.scalar(select(Source.id).order_by(Source.id))
        _found(session, date(2021, 4, 20), "LAB-3", "Northfield", "blue scarf", source)
        identify(session, "R-00003", "C-00001", source_id=source, on=date(2021, 5, 3))
        unidentify(session, "R-00003", reason="DNA re-test excluded him", on=date(2021, 5, 20))
        transition_case(session, "C-00001", "located_alive", on=date(2021, 6, 1), source_id=source)
        _found(session, date(2021, 7, 2), "LAB-4", "Westmoor", "no marks")
    return with_remains


@pytest.mark.parametrize("format", FORMATS)
def test_a_remains_export_brings_back_every_remains_and_retracted_identification(
    past_cases, fresh_store, tmp_path, format
):
    _prepare(past_cases, fresh_store, "cases", tmp_path)
    with fresh_store.session() as session:
        import_export(session, _write(past_cases, "cases", "json", tmp_path))
    before = _remains(fresh_store)[0]
    path = _write(past_cases, "remains", format, tmp_path)
    with fresh_store.session() as session:
        first = import_export(session, path)
    with fresh_store.session() as session:
        again = import_export(session, path)
    assert before == [("R-00001", "LAB-1", "C-00002"), ("R-00003", "LAB-3", None)]
    assert (first.added, first.unchanged, again.added, again.unchanged) == (3, 1, 0, 4)
    assert _remains(fresh_store) == _remains(past_cases)
    assert _comparable(fresh_store, "remains") == _comparable(past_cases, "remains")
    with fresh_store.session() as session:
        retracted = session.scalar(select(Identification).where(
            Identification.retracted_at.isnot(None)))  # fmt: skip
        assert retracted.retraction_reason == "DNA re-test excluded him"
        assert f"imported from {path.name}" in retracted.note
        assert session.scalar(select(func.count(Remains.id))) == 4


def test_a_remains_export_imports_into_the_store_it_came_from_adding_nothing(past_cases, tmp_path):
    with past_cases.session() as session:
        result = import_export(session, _write(past_cases, "remains", "csv", tmp_path))
    assert (result.added, result.unchanged) == (0, 4)


def test_remains_identified_as_a_case_the_store_lacks_are_refused_naming_it(
    past_cases, fresh_store, tmp_path
):
    path = _write(past_cases, "remains", "csv", tmp_path)
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    assert str(error.value) == (
        "remains.csv, row 1, field identifications: remains R-00001: identification 1 is of "
        "case C-00002, which is not in this store; import the cases export first; nothing was "
        "imported"
    )
    assert _count(fresh_store, Remains) == 0


def test_a_bad_remains_row_names_file_row_field_and_writes_nothing(
    past_cases, fresh_store, tmp_path
):
    _prepare(past_cases, fresh_store, "cases", tmp_path)
    with fresh_store.session() as session:
        import_export(session, _write(past_cases, "cases", "json", tmp_path))
    path = _write(past_cases, "remains", "csv", tmp_path)
    _edit(path, 4, "lab_reference", "")
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    assert str(error.value) == (
        "remains.csv, row 4, field lab_reference: remains R-00004 has no lab_reference; all "
        "remains do; nothing was imported"
    )
    assert _count(fresh_store, Remains) == 2


def test_a_public_remains_export_is_counts_only_and_refused_on_import(
    past_cases, fresh_store, tmp_path
):
    for format in FORMATS:
        path = _write(past_cases, "remains", format, tmp_path, public=True)
        text = path.read_bytes()
        for private in (b"LAB-", b"scar", b"R-0000", b"C-0000", b"Eastport", b"DNA"):
            assert private not in text, (format, private)
    with past_cases.session() as session:
        rows = [dict(row) for row in export_table(session, "remains", public=True)]
    assert rows == [  # 4 remains, 1 identified: hidden, and so the 3 unidentified
        {"figure": "remains_recovered", "count": None, "suppressed": True},
        {"figure": "remains_identified", "count": None, "suppressed": True},
        {"figure": "remains_unidentified", "count": None, "suppressed": True},
    ]
    with pytest.raises(TollError, match="cannot restore it"), fresh_store.session() as session:
        import_export(session, path)


def test_a_later_cases_export_appends_the_changes_the_store_lacks(filled, fresh_store, tmp_path):
    _prepare(filled, fresh_store, "cases", tmp_path)
    (tmp_path / "earlier").mkdir()
    earlier = _write(filled, "cases", "json", tmp_path / "earlier")
    with filled.session() as session:
        source = session.scalar(select(Source.id).order_by(Source.id))
        transition_case(session, "C-00001", "located_alive", on=date(2021, 6, 1),
                        source_id=source, note="found in a hospital")  # fmt: skip
    later = _write(filled, "cases", "json", tmp_path)
    with fresh_store.session() as session:
        import_export(session, earlier)
    with fresh_store.session() as session:
        merged = import_export(session, later)
    with fresh_store.session() as session:
        again = import_export(session, later)
        older = import_export(session, earlier)  # the earlier file again: a prefix, nothing new
    assert (merged.added, again.added, older.added) == (1, 0, 0)
    assert "C-00001, already in the store, got 1 change(s) of status" in merged.notes[0]
    assert _comparable(fresh_store, "cases") == _comparable(filled, "cases")
    with fresh_store.session() as session:
        view = show_case(session, "C-00001")
    assert view.status == "located_alive"
    assert [t.to_status for t in view.transitions] == ["reported", "fate_unknown", "located_alive"]


def test_histories_that_part_are_refused_and_nothing_written(filled, fresh_store, tmp_path):
    _prepare(filled, fresh_store, "cases", tmp_path)
    (tmp_path / "earlier").mkdir()
    earlier = _write(filled, "cases", "csv", tmp_path / "earlier")
    with filled.session() as session:
        source = session.scalar(select(Source.id).order_by(Source.id))
        transition_case(session, "C-00001", "located_alive", on=date(2021, 6, 1), source_id=source)
    later = _write(filled, "cases", "csv", tmp_path)
    with fresh_store.session() as session:
        import_export(session, earlier)
        source = session.scalar(select(Source.id).order_by(Source.id))
        transition_case(session, "C-00001", "released", on=date(2021, 5, 20), source_id=source)
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, later)
    assert str(error.value) == (
        "cases.csv, row 1, field history: change 3 (fate_unknown to located_alive on "
        "2021-06-01) is not the store's change 3 of C-00001 (fate_unknown to released on "
        "2021-05-20): the histories part, and merging them would rewrite one; record the change "
        "by hand (`toll case transition`); nothing was imported"
    )
    with fresh_store.session() as session:
        view = show_case(session, "C-00001")
    assert [t.to_status for t in view.transitions][-1] == "released" and len(view.transitions) == 3


def _family_store(filled: Store, fresh: Store, tmp_path: Path, labels: dict[str, str]) -> Path:
    """The filled store's families export (P-00001 parent of P-00002, spouse of P-00003), and
    the fresh store holding its persons under `labels` (name -> label), as one linked anew."""
    with filled.session() as session:
        relate(session, "P-00001", "P-00003", "spouse", note="married 1990")
        names = [p.display_name for p in session.scalars(select(Person).order_by(Person.id))]
    with fresh.session() as session:
        session.add_all(Person(label=labels.get(name, f"P-{900 + n:05d}"), display_name=name)
                        for n, name in enumerate(names))  # fmt: skip
    return _write(filled, "families", "csv", tmp_path)


def _relations(store: Store) -> set[tuple[str, str, str]]:
    with store.session() as session:
        named = dict(session.execute(select(Person.id, Person.display_name)).all())
        return {(named[r.person_id], r.kind, named[r.relative_id])
                for r in session.scalars(select(Relation))}  # fmt: skip


def test_families_come_to_the_persons_of_their_names_in_a_store_linked_anew(
    filled, fresh_store, tmp_path
):
    swapped = {"Şəxs 1": "P-00002", "Şəxs 2": "P-00001", "Şəxs 3": "P-00007"}
    path = _family_store(filled, fresh_store, tmp_path, swapped)
    with fresh_store.session() as session:  # persons without records: by label and name
        first = import_export(session, path)
        assert import_export(session, path).added == 0
    assert first.added == 2 and first.notes == [
        f"row 1: person {label} (Şəxs {n}) found by label and name only (none of their records "
        "is in this store)"
        for n, label in ((1, "P-00001"), (2, "P-00002"), (3, "P-00003"))
    ]
    assert (
        _relations(fresh_store)
        == _relations(filled)
        == {
            ("Şəxs 1", "parent", "Şəxs 2"),
            ("Şəxs 1", "spouse", "Şəxs 3"),
        }
    )


def test_families_come_to_the_persons_holding_their_records_whatever_their_names(
    filled, fresh_store, tmp_path
):
    with filled.session() as session:
        relate(session, "P-00001", "P-00003", "spouse", note="married 1990")
    families = _write(filled, "families", "json", tmp_path)
    with fresh_store.session() as session:  # the records exported, imported, linked anew
        import_export(session, _write(filled, "records", "csv", tmp_path))
        held = {}
        for record in session.scalars(select(Record).order_by(Record.id)):
            label = record.original["person_id"]  # the person in the store the file came from
            if label not in held:  # labelled otherwise here, and each with a namesake
                held[label] = Person(label=f"P-{900 + len(held):05d}", display_name="Əli")
                session.add_all([held[label], Person(label=f"P-{800 + len(held):05d}",
                                                     display_name="Əli")])  # fmt: skip
                session.flush()
            record.person_id = held[label].id
    with fresh_store.session() as session:
        result = import_export(session, families)
        assert (result.added, result.notes) == (2, [])
        assert import_export(session, families).added == 0
        labels = dict(session.execute(select(Person.id, Person.label)).all())
        found = {(labels[r.person_id], r.kind, labels[r.relative_id])
                 for r in session.scalars(select(Relation))}  # fmt: skip
    assert found == {("P-00900", "parent", "P-00901"), ("P-00900", "spouse", "P-00902")}
    assert [held[label].label for label in ("P-00001", "P-00002", "P-00003")] == [
        "P-00900", "P-00901", "P-00902"
    ]  # fmt: skip


def test_a_families_export_of_an_earlier_toll_finds_its_persons_by_label_and_name(
    filled, fresh_store, tmp_path
):
    path = _family_store(filled, fresh_store, tmp_path, {"Şəxs 1": "P-00001"})
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as handle:  # without the records column
        csv.writer(handle).writerows(row[:-1] for row in rows)
    with fresh_store.session() as session:
        result = import_export(session, path)
    assert result.added == 2 and result.notes[0] == (
        "row 1: person P-00001 (Şəxs 1) found by label and name only (the file lists no records)"
    )
    assert _relations(fresh_store) == _relations(filled)


def test_a_relation_to_a_name_two_persons_bear_is_refused_and_nothing_written(
    filled, fresh_store, tmp_path
):
    path = _family_store(filled, fresh_store, tmp_path, {})
    with fresh_store.session() as session:
        session.add(Person(label="P-00008", display_name="Şəxs 3"))
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    assert str(error.value).startswith(
        "families.csv, row 1, field relations: person P-00003 (Şəxs 3) 2 persons of the store "
        "are named so (P-00902, P-00008); relate them by hand"
    )
    assert _count(fresh_store, Relation) == 0  # not even the parent, found before it


@pytest.mark.parametrize(
    ("what", "format", "start", "table"),
    [
        ("cases", "csv", "cases.csv, row 1, field person_id: person P-00001 (", Case),
        ("families", "json",
         "families.json, row 1, field person_id: person P-00001 (Şəxs 1)", Relation),
    ],
)  # fmt: skip
def test_a_row_of_a_person_the_store_lacks_says_what_to_import_first(
    filled, fresh_store, tmp_path, what, format, start, table
):
    path = _write(filled, what, format, tmp_path)
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    message = str(error.value)
    assert message.startswith(start)
    assert "import the records export and run `toll link` first" in message
    assert _count(fresh_store, table) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"to_status": "closed"}, "change 2: a case that is reported cannot move to 'closed'"),
        ({"on": "2020-01-01"}, "change 2: its date '2020-01-01' is missing, in the future or"),
        ({"from_status": None}, "change 2 is from None, but the case was 'reported' before it"),
    ],
)
def test_a_case_history_out_of_order_is_refused(filled, fresh_store, tmp_path, change, message):
    _prepare(filled, fresh_store, "cases", tmp_path)
    path = _write(filled, "cases", "csv", tmp_path)
    history = json.loads(next(csv.DictReader(path.open(encoding="utf-8")))["history"])
    history[1].update(change)
    _edit(path, 1, "history", json.dumps(history))
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    assert str(error.value).startswith(f"cases.csv, row 1, field history: {message}")
    assert _count(fresh_store, Case) == 0


@pytest.mark.parametrize("what", ["sources", "claims", "estimates", "records", "cases"])
def test_a_public_export_says_it_cannot_restore_personal_data(filled, fresh_store, tmp_path, what):
    path = _write(filled, what, "csv", tmp_path, public=True)
    with pytest.raises(TollError) as error, fresh_store.session() as session:
        import_export(session, path)
    assert "leaves out personal data and cannot restore it" in str(error.value)
    assert not originals_folder(path).exists()


def test_an_export_made_without_the_grant_is_marked_public(filled, fresh_store, tmp_path):
    with filled.session() as session:
        add_user(session, "visitor", "viewer", False)
    path = tmp_path / "claims.json"
    with filled.session(actor="visitor") as session:
        export(session, "claims", "json", path)
    with pytest.raises(TollError, match="cannot restore it"), fresh_store.session() as session:
        import_export(session, path)


def test_a_case_opened_after_an_import_takes_a_label_past_the_imported_ones(filled, tmp_path):
    path = _write(filled, "cases", "csv", tmp_path)
    _edit(path, 1, "case_id", "C-00040")  # as if cases C-00002 to C-00039 had been retracted
    _edit(path, 1, "person_id", "P-00002")
    _edit(path, 1, "person_name", "")  # by its label alone
    with filled.session() as session:
        import_export(session, path)
        opened = open_case(session, "P-00003", CaseDetails(last_seen="12.01.2021"))
        assert opened.case_id == "C-00041"
        assert session.scalar(select(func.count()).select_from(Case)) == 3
