"""The exports: sources, claims, records, persons and estimates, in full or public form.

A full export is what the store holds (records and persons need the personal-data grant).
A public export (`public=True`) holds no personal data: sources marked confidential and their
claims are left out, and records and persons become counts by status, sex, age group, place
and year, with every count under 5 suppressed.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.exports.tables import Column, ExportTable, columns
from toll.figures.overlap import stratum_value
from toll.figures.public import hidden_cells, is_suppressed
from toll.model import Claim, Estimate, Record, Source
from toll.persons.export import EXPORT_COLUMNS, record_rows
from toll.store.access import may_see_personal_data, require, require_personal_data

STATUS_TAGS = {
    "killed": "#affected+killed",
    "injured": "#affected+injured",
    "missing": "#affected+missing",
    "captured": "#affected+captured",
    "released": "#affected+released",
    "remains_found": "#affected+remains_found",
    "identified": "#affected+identified",
    "alive": "#affected+alive",
    "unknown": "#affected+status_unknown",
}
DIMENSIONS = ("place", "period", "sex", "age_group")

SOURCE_COLUMNS = columns(
    ("source_id", "#meta+id", "int"),
    ("title", "#meta+title"),
    ("publisher", "#org+publisher"),
    ("author", "#contact+author"),
    ("speaker", "#contact+speaker"),
    ("published", "#date+published"),
    ("kind", "#meta+kind"),
    ("language", "#meta+lang"),
    ("url", "#meta+url"),
    ("file_name", "#meta+file"),
    ("media_type", "#meta+media_type"),
    ("size", "#meta+bytes", "int"),
    ("sha256", "#meta+sha256"),
    ("confidential", "#meta+confidential", "bool"),
    ("added_at", "#date+added"),
    ("retracted_at", "#date+retracted"),
    ("retracted_by", "#contact+retracted_by"),
    ("retraction_reason", "#meta+retraction_reason"),
)
CLAIM_COLUMNS = columns(
    ("claim_id", "#meta+id", "int"),
    ("source_id", "#meta+source_id", "int"),
    ("source_sha256", "#meta+sha256"),  # the source in any store: its original's SHA-256
    ("publisher", "#org+publisher"),
    ("published", "#date+published"),
    ("category", "#indicator+category"),
    ("subgroup", "#indicator+subgroup"),
    ("value", "#affected+num", "float"),
    ("low", "#affected+num+min", "float"),
    ("high", "#affected+num+max", "float"),
    ("qualifier", "#indicator+qualifier"),
    ("subject", "#indicator+subject"),
    ("incident", "#event+name"),
    ("speaker", "#contact+speaker"),
    ("words", "#description+quote"),
    ("start", "#meta+start", "int"),
    ("end", "#meta+end", "int"),
    ("position", "#meta+position", "int"),  # order in the source; a dataset's: row × 10
    ("part_of", "#meta+part_of", "int"),
    ("review_state", "#status+review"),
    ("review_note", "#meta+review_note"),
    ("confidence", "#meta+confidence", "float"),
    ("extractor_version", "#meta+extractor"),
    # the incident the figure is attached to (its title), how, and a data file's row and event
    ("attached_to", "#event+attached"),
    ("attached_by", "#meta+attached_by"),
    ("source_row", "#meta+source_row", "int"),
    ("event_id", "#event+code"),
)
RECORD_TAGS = {
    "record_id": ("#meta+id", "int"),
    "source_id": ("#meta+source_id", "int"),
    "row": ("#meta+row", "int"),
    "person_id": ("#meta+person_id", "text"),
    "full_name": ("#affected+name", "text"),
    "sex": ("#affected+sex", "text"),
    "age": ("#affected+age", "int"),
    "event_date": ("#date+event", "text"),
    "place": ("#loc+name", "text"),
    "status": ("#status+affected", "text"),
    "age_low": ("#affected+age+min", "int"),
    "age_high": ("#affected+age+max", "int"),
    "birth_year": ("#affected+birth_year", "int"),
    "warnings": ("#meta+warnings", "json"),
}
RECORD_COLUMNS = columns(
    *((name, *RECORD_TAGS.get(name, (f"#meta+{name}", "text"))) for name in EXPORT_COLUMNS)
)
PERSON_COLUMNS = columns(
    ("person_id", "#meta+id"),
    ("full_name", "#affected+name"),  # the name shown for the person
    ("records", "#meta+records", "int"),
    ("sources", "#meta+sources", "json"),
    ("sex", "#affected+sex"),
    ("birth_year", "#affected+birth_year", "int"),
    ("status", "#status+affected"),
    ("event_date", "#date+event"),
    ("place", "#loc+name"),
)
ESTIMATE_COLUMNS = columns(
    ("estimate_id", "#meta+id", "int"),
    ("label", "#meta+label"),
    ("stratum", "#meta+stratum", "json"),
    ("method", "#meta+method"),
    ("observed", "#affected+observed", "int"),
    ("estimate", "#affected+est", "float"),
    ("low", "#affected+est+min", "float"),
    ("high", "#affected+est+max", "float"),
    ("interval", "#meta+interval"),
    ("lists", "#meta+lists", "json"),
    ("created_at", "#date+created"),
    ("toll_version", "#meta+version"),
    ("table", "#meta+capture_table", "json"),  # what `toll estimates reproduce` re-runs
    ("settings", "#meta+settings", "json"),
)
# The last column of a public export, or of one a user without the personal-data grant made:
# what it leaves out cannot be restored from it, and `toll import-export` refuses it.
PUBLIC_MARK = Column("public", "#meta+public", "bool")
COUNT_COLUMNS = columns(
    ("place", "#loc+name"),
    ("year", "#date+year"),
    ("sex", "#affected+sex"),
    ("age_group", "#affected+age_group"),
    *((status, tag, "int") for status, tag in STATUS_TAGS.items()),
    ("suppressed", "#meta+suppressed", "json"),
)


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


def sources(session: Session, public: bool) -> ExportTable:
    require(session, "read")
    hide = public or not may_see_personal_data(session)
    query = select(Source).order_by(Source.id)
    if hide:
        query = query.where(Source.confidential.is_(False), Source.retracted_at.is_(None))
    rows = (
        {
            "source_id": s.id,
            **{c.name: getattr(s, c.name, None) for c in SOURCE_COLUMNS[1:14]},
            "added_at": _iso(s.created_at),
            "retracted_at": _iso(s.retracted_at),
            "retracted_by": s.retracted_by,
            "retraction_reason": s.retraction_reason,
        }
        for s in session.scalars(query)
    )
    return _marked(ExportTable("sources", SOURCE_COLUMNS, rows, hide))


def _marked(table: ExportTable) -> ExportTable:
    """A public (redacted) table says so in a last column, on every row."""
    if not table.public:
        return table
    rows = ({**row, "public": True} for row in table.rows)
    return ExportTable(table.name, [*table.columns, PUBLIC_MARK], rows, True)


def claims(session: Session, public: bool) -> ExportTable:
    require(session, "read")
    query = (
        select(Claim, Source)
        .join(Source, Source.id == Claim.source_id)
        .where(Claim.retracted_at.is_(None))
        .order_by(Claim.source_id, Claim.position)
    )
    hide = public or not may_see_personal_data(session)
    if hide:
        query = query.where(Source.confidential.is_(False), Claim.review_state != "rejected")
    attached = _attachments(session)
    rows = (
        {
            "claim_id": claim.id,
            "source_id": source.id,
            "source_sha256": source.sha256,
            "publisher": source.publisher,
            "published": source.published,
            "words": claim.text,
            "part_of": claim.part_of_id,
            **{c.name: getattr(claim, c.name) for c in CLAIM_COLUMNS if hasattr(Claim, c.name)},
            **attached.get(claim.id, {}),
        }
        for claim, source in session.execute(query)
    )
    return _marked(ExportTable("claims", CLAIM_COLUMNS, rows, hide))


def _attachments(session: Session) -> dict[int, dict]:
    """Each claim's attachment to an incident (the first standing one), by claim id."""
    from toll.model import Incident, IncidentLink

    query = (
        select(IncidentLink, Incident.title)
        .join(Incident, Incident.id == IncidentLink.incident_id)
        .where(
            IncidentLink.claim_id.isnot(None),
            IncidentLink.state == "attached",
            IncidentLink.retracted_at.is_(None),
        )
        .order_by(IncidentLink.id)
    )
    found: dict[int, dict] = {}
    for link, title in session.execute(query):
        found.setdefault(
            link.claim_id,
            {
                "attached_to": title,
                "attached_by": link.method,
                "source_row": link.source_row,
                "event_id": link.event_id,
            },
        )
    return found


def records(session: Session, public: bool) -> ExportTable:
    if public:
        return _counts(session, "records", lambda record: record.id)
    require_personal_data(session)
    return ExportTable("records", RECORD_COLUMNS, record_rows(session))


def persons(session: Session, public: bool) -> ExportTable:
    if public:
        return _counts(session, "persons", lambda record: record.person_id)
    require_personal_data(session)
    return ExportTable("persons", PERSON_COLUMNS, _person_rows(session))


def _person_rows(session: Session) -> Iterator[dict]:
    from toll.model import Person

    query = (
        select(Record, Person.label, Person.display_name)
        .join(Person, Person.id == Record.person_id)
        .where(Record.retracted_at.is_(None), Person.retracted_at.is_(None))
        .order_by(Record.person_id, Record.id)
    )
    current, label, name, found = None, None, None, []
    for record, person_label, display_name in session.execute(query):
        if record.person_id != current and found:
            yield _person_row(label, name, found)
            found = []
        current, label, name = record.person_id, person_label, display_name
        found.append(record)
    if found:
        yield _person_row(label, name, found)


def _person_row(label: str, name: str | None, found: list[Record]) -> dict:
    def usual(field: str):
        values = Counter(getattr(r, field) for r in found if getattr(r, field) is not None)
        return values.most_common(1)[0][0] if values else None

    return {
        "person_id": label,
        "full_name": name,
        "records": len(found),
        "sources": sorted({r.source_id for r in found}),
        **{field: usual(field) for field in ("sex", "birth_year", "status", "event_date", "place")},
    }


def _counts(session: Session, what: str, unit: Callable[[Record], int | None]) -> ExportTable:
    """Counts of records (or persons) by place, year, sex and age group, by status."""
    require(session, "read")
    query = select(Record).where(Record.retracted_at.is_(None))
    if what == "persons":
        query = query.where(Record.person_id.isnot(None))
    seen: dict[tuple, set] = defaultdict(set)
    for record in session.scalars(query.execution_options(yield_per=5000)):
        key = tuple(stratum_value(record, by) or "unknown" for by in DIMENSIONS)
        seen[(key, record.status or "unknown")].add(unit(record))
    cells: dict[tuple, dict] = defaultdict(dict)
    for (key, status), units in seen.items():
        cells[key][status] = len(units)
    return ExportTable(what, COUNT_COLUMNS, _count_rows(cells), public=True)


def _count_rows(cells: dict[tuple, dict]) -> Iterator[dict]:
    """One row per place, year, sex and age group; a status's total over all rows is the
    register's count of it, published elsewhere, so the columns are protected as totals."""
    table = {(key, status): n for key, counts in cells.items() for status, n in counts.items()}
    hidden = hidden_cells(table, rows=False, columns=True)
    for key, counts in sorted(cells.items()):
        place, year, sex, age_group = key
        row = {"place": place, "year": year, "sex": sex, "age_group": age_group}
        suppressed = []
        for status in STATUS_TAGS:
            count = counts.get(status, 0)
            if (key, status) in hidden:
                suppressed.append(status)
                count = None
            row[status] = count
        row["suppressed"] = suppressed
        yield row


def estimates(session: Session, public: bool) -> ExportTable:
    require(session, "read")
    query = select(Estimate).where(Estimate.retracted_at.is_(None)).order_by(Estimate.id)
    rows = (
        row
        for estimate in session.scalars(query)
        for row in _estimate_rows(estimate)
        if not (public and is_suppressed(row["observed"] or 0))
    )
    return _marked(ExportTable("estimates", ESTIMATE_COLUMNS, rows, public))


def _estimate_rows(estimate: Estimate) -> Iterator[dict]:
    result = estimate.result or {}
    for method in result.get("methods", []):
        yield {
            "estimate_id": estimate.id,
            "label": estimate.label,
            "stratum": estimate.stratum,
            "method": method.get("name"),
            "observed": result.get("observed"),
            "estimate": method.get("estimate"),
            "low": method.get("low"),
            "high": method.get("high"),
            "interval": (method.get("diagnostics") or {}).get("interval"),
            "lists": result.get("lists"),
            "created_at": _iso(estimate.created_at),
            "toll_version": estimate.toll_version,
            "table": estimate.table,
            "settings": estimate.settings,
        }


INCIDENT_COLUMNS = columns(
    ("incident_id", "#event+id", "int"),
    ("title", "#event+name"),
    ("description", "#description"),
    ("place", "#loc+name"),
    ("country", "#country+name"),
    ("latitude", "#geo+lat", "float"),
    ("longitude", "#geo+lon", "float"),
    ("date_text", "#date+text"),
    ("date_earliest", "#date+start"),
    ("date_latest", "#date+end"),
    ("date_precision", "#date+precision"),
    ("parent_id", "#event+parent_id", "int"),
    ("source_id", "#meta+source_id", "int"),
    ("source_row", "#meta+row", "int"),
    ("event_id", "#event+code"),
)
CASE_COLUMNS = columns(
    ("case_id", "#meta+id"),
    ("person_id", "#meta+person_id"),
    ("person_name", "#affected+name"),  # the person in any store: found by name and label
    ("status", "#status+case"),
    ("reported_on", "#date+reported"),
    ("last_seen", "#date+last_seen"),
    ("last_seen_place", "#loc+last_seen"),
    ("circumstances", "#description+circumstances"),
    ("marks", "#affected+marks"),
    ("effects", "#affected+effects"),
    ("stature", "#affected+stature", "int"),
    ("incident_id", "#event+id", "int"),
    ("outcome", "#description+outcome"),
    ("incident", "#event+name"),  # the incident in any store: its title
    # every change of status: [{on, from_status, to_status, source_sha256, source, remains,
    # note, by, at}], the source named in any store by its original's SHA-256
    ("history", "#status+history", "json"),
    # the remains of the case: identified as it, named in its history, and the unidentified
    # ones that rank it among their ten best (its remains candidates), each with what the lab
    # found (restricted personal data, as the case is): [{remains_id, lab_reference, found_on,
    # found_place, sex, age_low, age_high, stature_low, stature_high, marks, effects, notes,
    # source_sha256, source, row, identified: {on, source_sha256, note, by, at} | null,
    # candidate: {rank, score} | null}]
    ("remains", "#affected+remains", "json"),
)
CASE_FIELDS = tuple(
    "status reported_on last_seen last_seen_place circumstances marks effects stature "
    "incident_id outcome".split()
)
CASE_COUNT_COLUMNS = columns(
    ("status", "#status+case"),
    ("year", "#date+year"),
    ("place", "#loc+name"),
    ("cases", "#affected+missing", "int"),
    ("suppressed", "#meta+suppressed", "bool"),
)


def incidents(session: Session, public: bool) -> ExportTable:
    from toll.model import Incident

    require(session, "read")
    query = select(Incident).where(Incident.retracted_at.is_(None)).order_by(Incident.id)
    rows = (
        {"incident_id": i.id}
        | {
            c.name: _iso(v) if hasattr(v := getattr(i, c.name), "isoformat") else v
            for c in INCIDENT_COLUMNS[1:]
        }
        for i in session.scalars(query)
    )
    return ExportTable("incidents", INCIDENT_COLUMNS, rows, public)


def cases(session: Session, public: bool) -> ExportTable:
    """Missing persons' cases: in full (who reported them stays out), or public counts."""
    from toll.model import Case, Incident, Person

    query = (
        select(Case, Person.label, Person.display_name)
        .join(Person, Person.id == Case.person_id)
        .where(Case.retracted_at.is_(None))
        .order_by(Case.id)
    )
    if public:
        require(session, "read")
        return ExportTable("cases", CASE_COUNT_COLUMNS, _case_counts(session, query), True)
    require_personal_data(session)
    titles = dict(session.execute(select(Incident.id, Incident.title)).all())
    histories = _case_histories(session)
    remains = _case_remains(session)
    rows = (
        {
            "case_id": case.label,
            "person_id": label,
            "person_name": name,
            "incident": titles.get(case.incident_id),
            "history": histories.get(case.id, []),
            "remains": remains.get(case.id, []),
        }
        | {
            name: _iso(v) if hasattr(v := getattr(case, name), "isoformat") else v
            for name in CASE_FIELDS
        }
        for case, label, name in session.execute(query)
    )
    return ExportTable("cases", CASE_COLUMNS, rows)


def _case_histories(session: Session) -> dict[int, list[dict]]:
    """Each case's changes of status, in the order they were recorded."""
    from toll.model import CaseTransition, Remains

    query = (
        select(CaseTransition, Source.sha256, Source.title, Source.file_name, Remains.label)
        .outerjoin(Source, Source.id == CaseTransition.source_id)
        .outerjoin(Remains, Remains.id == CaseTransition.remains_id)
        .order_by(CaseTransition.id)
    )
    histories: dict[int, list[dict]] = defaultdict(list)
    for change, sha256, title, file_name, remains in session.execute(query):
        histories[change.case_id].append(
            {
                "on": _iso(change.on),
                "from_status": change.from_status,
                "to_status": change.to_status,
                "source_sha256": sha256,
                "source": title or file_name,
                "remains": remains,
                "note": change.note,
                "by": change.created_by,
                "at": _iso(change.created_at),
            }
        )
    return histories


REMAINS_FIELDS = tuple(
    "lab_reference found_on found_place sex sex_raw age_low age_high stature_low stature_high "
    "marks effects notes".split()
)


def _source_names(session: Session) -> dict[int, tuple[str, str | None]]:
    """Each source's original SHA-256 and title (else file name), by id."""
    return {
        source_id: (sha256, title or file_name)
        for source_id, sha256, title, file_name in session.execute(
            select(Source.id, Source.sha256, Source.title, Source.file_name)
        )
    }


def _remains_entry(remains, sources: dict[int, tuple]) -> dict:
    """What the lab found of remains, and their source (by SHA-256), as exports write it."""
    sha256, source = sources.get(remains.source_id, (None, None))
    return {
        "remains_id": remains.label,
        **{name: getattr(remains, name) for name in REMAINS_FIELDS},
        "source_sha256": sha256,
        "source": source,
        "row": remains.row_number,
    }


def _identification_entry(identification, sources: dict[int, tuple]) -> dict:
    return {
        "on": _iso(identification.on),
        "source_sha256": sources.get(identification.source_id, (None,))[0],
        "previous_fate": identification.previous_fate,
        "note": identification.note,
        "by": identification.created_by,
        "at": _iso(identification.created_at),
    }


def _case_remains(session: Session) -> dict[int, list[dict]]:
    """Each case's remains, by case id: identified as it (with the identification), named in
    its history, and its remains candidates (with their rank and score), each once."""
    from toll.model import CaseTransition, Identification, Remains
    from toll.remains.match import candidates_by_case

    sources = _source_names(session)
    identified = {
        i.remains_id: _identification_entry(i, sources)
        for i in session.scalars(
            select(Identification)
            .where(Identification.retracted_at.is_(None))
            .order_by(Identification.id)
        )
    }
    named = select(CaseTransition.case_id, Remains).join(
        Remains, Remains.id == CaseTransition.remains_id
    )
    found: dict[int, dict[int, dict]] = defaultdict(dict)

    def add(case_id: int, remains, candidate: dict | None = None) -> None:
        if remains.retracted_at is not None or remains.id in found[case_id]:
            return
        found[case_id][remains.id] = {
            **_remains_entry(remains, sources),
            "identified": identified.get(remains.id) if remains.case_id == case_id else None,
            "candidate": candidate,
        }

    identified_as = select(Remains).where(Remains.case_id.isnot(None)).order_by(Remains.id)
    for remains in session.scalars(identified_as):
        add(remains.case_id, remains)
    for case_id, remains in session.execute(named.order_by(CaseTransition.id)):
        add(case_id, remains)
    for case_id, ranked in candidates_by_case(session).items():
        for remains, place, score in ranked:
            add(case_id, remains, {"rank": place, "score": score})
    return {case_id: list(held.values()) for case_id, held in found.items()}


REMAINS_COLUMNS = columns(
    ("remains_id", "#meta+id"),
    ("lab_reference", "#meta+lab_reference"),  # the laboratory's own, the same in every store
    ("found_on", "#date+found"),
    ("found_place", "#loc+name"),
    ("sex", "#affected+sex"),
    ("sex_raw", "#affected+sex+raw"),
    ("age_low", "#affected+age+min", "int"),
    ("age_high", "#affected+age+max", "int"),
    ("stature_low", "#affected+stature+min", "int"),
    ("stature_high", "#affected+stature+max", "int"),
    ("marks", "#affected+marks"),
    ("effects", "#affected+effects"),
    ("notes", "#description+notes"),
    ("source_sha256", "#meta+sha256"),  # the list they came from, in any store
    ("source", "#meta+source"),
    ("row", "#meta+row", "int"),
    ("case_id", "#meta+case_id"),  # the case they are identified as, if any
    # every identification, retracted ones too: [{case_id, person_id, on, source_sha256,
    # previous_fate, note, by, at, retracted_at, retracted_by, retraction_reason}]
    ("identifications", "#meta+identifications", "json"),
)


def remains(session: Session, public: bool) -> ExportTable:
    """Every remains the store holds (standing), with what the lab found, its source and every
    identification (retracted ones with their reason); public: the remains figures."""
    from toll.model import Case, Identification, Person, Remains
    from toll.remains.figures import FIGURES, remains_figures

    if public:
        require(session, "read")
        figures = remains_figures(session, public=True)
        rows = (
            {"figure": f"remains_{key}", "count": figures[key], "suppressed": figures[key] is None}
            for key in FIGURES
        )
        return ExportTable("remains", FIGURE_COLUMNS, rows, True)
    require_personal_data(session)
    sources = _source_names(session)
    cases = {
        case_id: (case, person)
        for case_id, case, person in session.execute(
            select(Case.id, Case.label, Person.label).join(Person, Person.id == Case.person_id)
        )
    }
    identifications: dict[int, list[dict]] = defaultdict(list)
    for i in session.scalars(select(Identification).order_by(Identification.id)):
        case, person = cases[i.case_id]
        identifications[i.remains_id].append(
            {"case_id": case, "person_id": person, **_identification_entry(i, sources)}
            | {
                "retracted_at": _iso(i.retracted_at),
                "retracted_by": i.retracted_by,
                "retraction_reason": i.retraction_reason,
            }
        )
    query = select(Remains).where(Remains.retracted_at.is_(None)).order_by(Remains.label)
    rows = (
        {
            **_remains_entry(r, sources),
            "case_id": cases[r.case_id][0] if r.case_id else None,
            "identifications": identifications.get(r.id, []),
        }
        for r in session.scalars(query)
    )
    return ExportTable("remains", REMAINS_COLUMNS, rows)


def _case_counts(session: Session, query) -> Iterator[dict]:
    counts: Counter = Counter()
    for case, *_ in session.execute(query):
        day = case.last_seen_earliest
        counts[(case.status, str(day.year) if day else "unknown", case.place_key or "unknown")] += 1
    # Each status's total is published (the fact sheet's missing persons): rows are statuses.
    hiding = hidden_cells(
        {(status, (year, place)): n for (status, year, place), n in counts.items()}
    )
    for (status, year, place), count in sorted(counts.items()):
        hidden = (status, (year, place)) in hiding
        yield {
            "status": status,
            "year": year,
            "place": place,
            "cases": None if hidden else count,
            "suppressed": hidden,
        }


FAMILY_COLUMNS = columns(
    ("family_id", "#group+id"),
    ("person_id", "#meta+person_id"),
    ("full_name", "#affected+name"),
    ("role", "#affected+relation"),  # relation to the family's head, as the lists give it
    ("parents", "#affected+parents", "json"),  # person labels
    ("households", "#group+households", "json"),  # [{source_id, household}]
    ("relations", "#meta+relations", "json"),  # entered by hand: [{kind, relative, ...}]
    # the member's records, by which the import finds the person in any store that holds
    # them: [{source_id, source_file, source_sha256, row}]
    ("records", "#meta+records", "json"),
)
FIGURE_COLUMNS = columns(  # a public export of figures: families, remains
    ("figure", "#indicator+name"),
    ("count", "#affected+num", "int"),
    ("suppressed", "#meta+suppressed", "bool"),
)
FAMILY_FIGURES = (
    "families",
    "families_wiped_out",
    "children_lost_one_parent",
    "children_lost_both_parents",
)


def families(session: Session, public: bool) -> ExportTable:
    """Families: one row per member (household, parents, relations entered by hand), or the
    family figures as counts, each under 5 suppressed."""
    from toll.families import family_figures

    if public:
        require(session, "read")
        figures = family_figures(session, public=True)
        rows = (
            {
                "figure": key,
                "count": (value := figures[key] if key == "families" else figures[key]["count"]),
                "suppressed": value is None,
            }
            for key in FAMILY_FIGURES
        )
        return ExportTable("families", FIGURE_COLUMNS, rows, True)
    require_personal_data(session)
    return ExportTable("families", FAMILY_COLUMNS, _family_rows(session))


def _family_rows(session: Session) -> Iterator[dict]:
    from toll.families import read_families
    from toll.model import Person

    people = {p.id: p for p in session.scalars(select(Person))}
    families = read_families(session)
    records = _member_records(session, {p for f in families for p in f.members})
    for family in families:
        households = [{"source_id": s, "household": h} for s, h in family.households]
        for person_id, role in sorted(family.members.items()):
            person = people[person_id]
            relations = [
                {
                    "kind": r.kind,
                    "relative": people[r.relative_id].label,
                    "source_id": r.source_id,
                    "note": r.note,
                }
                for r in family.relations
                if r.person_id == person_id
            ]
            yield {
                "family_id": family.family_id,
                "person_id": person.label,
                "full_name": person.display_name,
                "role": role,
                "parents": sorted(people[p].label for p in family.parents_of(person_id)),
                "households": households,
                "relations": relations,
                "records": records.get(person_id, []),
            }


def _member_records(session: Session, members: set[int]) -> dict[int, list[dict]]:
    """Each member's current records, by person id: its list (id, file, SHA-256) and row."""
    found: dict[int, list[dict]] = defaultdict(list)
    wanted = sorted(members)
    for start in range(0, len(wanted), 500):
        query = (
            select(Record.person_id, Record.source_id, Record.row_number, Source.file_name,
                   Source.sha256)
            .join(Source, Source.id == Record.source_id)
            .where(Record.person_id.in_(wanted[start : start + 500]),
                   Record.retracted_at.is_(None))
            .order_by(Record.source_id, Record.row_number)
        )  # fmt: skip
        for person_id, source_id, row, file_name, sha256 in session.execute(query):
            found[person_id].append(
                {"source_id": source_id, "source_file": file_name, "source_sha256": sha256,
                 "row": row}
            )  # fmt: skip
    return found


EXPORTS: dict[str, Callable[[Session, bool], ExportTable]] = {
    "sources": sources,
    "claims": claims,
    "records": records,
    "persons": persons,
    "estimates": estimates,
    "cases": cases,
    "incidents": incidents,
    "families": families,
    "remains": remains,
}


def export_table(session: Session, what: str, public: bool = False) -> ExportTable:
    """The export `what` (one of EXPORTS), in full or public form."""
    if what not in EXPORTS:
        raise TollError(f"cannot export {what!r}; choose from {', '.join(EXPORTS)}")
    return EXPORTS[what](session, public)
