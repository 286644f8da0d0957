"""A fact sheet of the store, as Markdown with footnotes and chart data.

It says what each source claims (figures of the same thing side by side), what the register
of persons counts (by status, sex, age group and month), what the estimates are (every method
with its interval), the missing persons' cases and the remains recovered. Every number
carries a footnote to its source: the quoted words, publisher, date and link or file hash; the
lists and their hashes; the estimate's method and inputs. Toll sets sources side by side and
endorses none.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

import toll
from toll.cases.figures import missing_figures
from toll.errors import TollError
from toll.estimates.store import list_estimates, show_estimate
from toll.families import family_figures
from toll.figures import compare_claims
from toll.figures.breakdown import Breakdown, register_breakdowns
from toll.figures.provenance import claim_provenance
from toll.figures.public import hidden_cells, is_suppressed
from toll.figures.reconcile import FigureGroup
from toll.incidents import IncidentView
from toll.model import Case, Source
from toll.model.base import utcnow
from toll.remains.figures import remains_figures
from toll.reports.attached import attached, incidents_in_order
from toll.reports.labels import LANGUAGES, label
from toll.reports.notes import Notes, cell, number
from toll.reports.scope import ReportScope
from toll.store.access import may_see_personal_data, require
from toll.store.history import log_event

SUPPRESSED = "fewer than five"
CONFLICT = "The sources' figures cannot all be right: they do not overlap."
AGE_LABELS = {"0-17": "0–17", "18-59": "18–59", "60+": "60+", "unknown": "unknown"}
MAX_ANNEX = 200
NOTES_HEADING = "Sources and notes"
UNATTACHED_HEADING = "Not attached to an incident"
ANNEX_HEADING = "Annex (restricted): the persons behind the register"
# The order of a fact sheet: people first, then what was destroyed.
CATEGORY_ORDER = {
    name: i
    for i, name in enumerate(
        (
            "killed",
            "casualties",
            "injured",
            "missing",
            "captured",
            "tortured",
            "displaced",
            "orphaned",
            "families_killed",
            "bodies_found",
            "buildings_destroyed",
            "buildings_damaged",
        )
    )
}


@dataclass
class Chart:
    """Data for one chart: rows of {status, value, persons}, and the note behind it."""

    name: str
    title: str
    by: str
    rows: list[dict] = field(default_factory=list)
    language: str = "en"  # of its axis titles


@dataclass
class FactSheet:
    markdown: str
    charts: dict[str, Chart]
    title: str
    language: str = "en"


class Builder:
    def __init__(self, session: Session, scope: ReportScope, public: bool, language: str = "en"):
        require(session, "read")
        if language not in LANGUAGES:
            raise TollError(f"--language {language!r}: choose from {', '.join(LANGUAGES)}")
        self.session, self.scope, self.language = session, scope, language
        self.public = public or not may_see_personal_data(session)
        self.notes = Notes()
        self.lines: list[str] = []
        self.charts: dict[str, Chart] = {}

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def t(self, text: str) -> str:
        """`text` in the report's language (`toll.reports.labels`)."""
        return label(text, self.language)

    def f(self, template: str, **values) -> str:
        """A sentence with `{values}` in the report's language: the template is translated,
        then filled (the values — titles, names, hashes, quotes — stay as written)."""
        return self.t(template).format(**values)

    def header(self, *columns: str) -> str:
        """A table's header row and rule, in the report's language."""
        return "| " + " | ".join(self.t(c) for c in columns) + " |\n" + "|---" * len(columns) + "|"

    def name(self, value: str | None) -> str:
        """A category, status, sex or qualifier as the report's readers say it."""
        return self.t((value or "").replace("_", " "))

    def count(self, value: int, key: str, text: str, hidden: bool | None = None) -> str:
        """A count with its footnote; in public reports a count under 5 is suppressed, and
        so is a cell `hidden` by the table's secondary suppression (`hidden_cells`)."""
        if self.public and (is_suppressed(value) if hidden is None else hidden):
            return self.t(SUPPRESSED) + self.notes.ref("suppressed", self.t(SUPPRESSED_NOTE))
        return number(value) + self.notes.ref(key, text)

    def hidden(self, counts: dict[str, dict[str, int]]) -> set:
        """The (status, value) cells a public report hides in a table of counts whose row
        totals (each status's persons) are shown."""
        if not self.public:
            return set()
        return hidden_cells({(s, v): n for s, values in counts.items() for v, n in values.items()})


SUPPRESSED_NOTE = (
    "Counts from one to four are not shown in public reports, so that no person can be "
    "recognised from them; where a table's row total is shown elsewhere, a second count of a "
    "row with one hidden count is hidden too (the smallest), so that the hidden count cannot "
    "be worked out from the total (docs/methods/disclosure.md)."
)


def build_fact_sheet(
    session: Session, scope: ReportScope | None = None, public: bool = False, language: str = "en"
) -> FactSheet:
    """The fact sheet of the store (narrowed to `scope`), as Markdown with chart data; its
    headings and labels in `language` (en, ru, az)."""
    scope = scope or ReportScope()
    builder = Builder(session, scope, public, language)
    scope.narrow(session)
    title = builder.t("Fact sheet") + (f": {scope.describe()}" if scope.describe() else "")
    made = builder.notes.ref(
        "made",
        builder.f(
            "Made by Toll {version} on {when} UTC from the store; ",
            version=toll.__version__,
            when=f"{utcnow():%Y-%m-%d %H:%M}",
        )
        + builder.t(
            "a public report: no personal data, counts under 5 suppressed."
            if builder.public
            else "a restricted report: it names persons; do not publish it."
        ),
    )
    builder.add(
        f"# {title}",
        "",
        f"*{builder.t('Every figure below is footnoted to the source it comes from.')}{made} "
        + builder.t(
            "Toll records who claimed what and sets the sources side by side; it endorses "
            "none of them."
        )
        + "*",
        "",
    )
    _claims(builder)
    register = _register(builder)
    _estimates(builder)
    _missing(builder)
    _remains(builder)
    _families(builder)
    if not builder.public and register:
        _annex(builder)
    builder.add(f"## {builder.t(NOTES_HEADING)}", "", builder.notes.markdown(), "")
    form = "public" if builder.public else "restricted"  # a restricted report names persons
    log_event(session, "report", "store", None, note=f"{form} report: {title}")
    return FactSheet("\n".join(builder.lines) + "\n", builder.charts, title, language)


def _claims(b: Builder) -> None:
    groups = compare_claims(b.session)
    if b.public:
        confidential = set(b.session.scalars(select(Source.id).where(Source.confidential)))
        for group in groups:
            group.claims = [c for c in group.claims if c.source_id not in confidential]
    within = b.scope.focus.within if b.scope.focus else None
    of_incident, loose = split_by_incident(groups, attached(b.session, "claim", within))
    b.add(f"## {b.t('What the sources say')}", "")
    shown = False
    for incident in incidents_in_order(b.session, set(of_incident)):
        kept = [g for g in of_incident[incident.id] if b.scope.holds_group(g, incident)]
        if kept:
            _incident_heading(b, incident)
            _groups(b, kept, "incident", INCIDENT_GROUPING)
            shown = True
    loose = [g for g in loose if g.claims and b.scope.holds_group(g)]
    if loose and not b.scope.focus:
        b.add(
            f"### {b.t(UNATTACHED_HEADING)}",
            "",
            "*"
            + b.t(
                "These figures are attached to no incident of the store: they are set side by "
                "side by what they count and the year, and may count different events."
            )
            + "*",
            "",
        )
        _groups(b, loose, "unattached", UNATTACHED_GROUPING)
        shown = True
    if not shown:
        b.add(b.t("No source in the store states a figure for this scope."), "")


INCIDENT_GROUPING = (
    "Figures attached to one incident (by hand, by the incident their words name, or from an "
    "event dataset's row; automatic attachments only once a reviewer accepted them) are set "
    "side by side when they count the same thing: the same category and subgroup. Side by "
    "side is not the same: read each source's words."
)
UNATTACHED_GROUPING = (
    "Figures attached to no incident are set side by side when they count the same thing: the "
    "same category and subgroup, in the same year of the incident (from the claim's words, "
    "else the source's date). They may count different events: read each source's words; "
    "`toll incident attach` attaches them to their incident."
)


def split_by_incident(
    groups: list[FigureGroup], incident_of: dict[int, int]
) -> tuple[dict[int, list[FigureGroup]], list[FigureGroup]]:
    """The groups of claims regrouped per incident (by category and subgroup), and the
    groups of the claims attached to none (by category, subgroup and year, as they came)."""
    by_incident: dict[int, dict[tuple, FigureGroup]] = defaultdict(dict)
    loose: list[FigureGroup] = []
    for group in groups:
        rest = FigureGroup(group.category, group.subgroup, group.year)
        for claim in group.claims:
            incident = incident_of.get(claim.claim_id)
            if incident is None:
                rest.claims.append(claim)
                continue
            found = by_incident[incident]
            key = (group.category, group.subgroup)
            found.setdefault(key, FigureGroup(group.category, group.subgroup, None))
            found[key].claims.append(claim)
        loose.append(rest)
    return {i: list(found.values()) for i, found in by_incident.items()}, loose


def _groups(b: Builder, groups: list[FigureGroup], key: str, grouping_text: str) -> None:
    groups.sort(
        key=lambda g: (
            CATEGORY_ORDER.get(g.category, len(CATEGORY_ORDER)),
            g.category,
            g.year or "",
            g.subgroup or "",
        )
    )
    grouping = b.notes.ref(f"grouping:{key}", b.t(grouping_text))
    for group in groups:
        subgroup = tagged(b.name(group.subgroup), grouping)
        what = " · ".join(p for p in (b.name(group.category), subgroup) if p)
        year = f" · {group.year}" if group.year else ""
        b.add(f"#### {what[:1].upper() + what[1:]}{year}{grouping}", "")
        if group.conflict and group.sources > 1:
            b.add(f"*{b.t(CONFLICT)}*", "")
        b.add(b.header("figure", "as stated", "publisher", "speaker", "review"))
        for claim in group.claims:
            b.add(_claim_row(b, claim))
        b.add("")


def _incident_heading(b: Builder, incident: IncidentView) -> None:
    """The incident's title, place and date (all in its footnote), and what it is part of."""
    ref = b.notes.ref(f"incident:{incident.id}", _incident_note(b, incident))
    where = ", ".join(p for p in (incident.place, incident.date) if p and p not in incident.title)
    own = [n["name"] for n in incident.names if n["language"] == b.language]
    title = own[0] if own and b.language != "en" else incident.title
    b.add(f"### {title}" + (f" — {where}" if where else "") + ref, "")
    if incident.parent:
        b.add(f"*{b.t('Part of')} {tagged(cell(incident.parent['title']), ref)}.*", "")


def _incident_note(b: Builder, incident: IncidentView) -> str:
    names = [n["name"] for n in incident.names if n["name"] != incident.title]
    place = ", ".join(p for p in (incident.place, incident.country) if p)
    if incident.latitude is not None:
        place += f" ({incident.latitude}, {incident.longitude})"
    when = incident.date
    if when and incident.date_earliest:
        latest = incident.date_latest or incident.date_earliest
        when += " " + b.f(
            "({earliest} to {latest})", earliest=incident.date_earliest, latest=latest
        )
    read_from = None
    if incident.source:
        source = b.session.get(Source, incident.source["source_id"])
        read_from = b.f(
            "read from {file} (SHA-256 {sha256}), row {row}, event {event}",
            file=source.file_name,
            sha256=source.sha256,
            row=incident.source["row"],
            event=incident.source["event_id"],
        )
    parts = [
        b.f("Incident {id} of the store: {title}", id=incident.id, title=incident.title),
        names and b.f("also named {names}", names=", ".join(names)),
        place and b.f("at {place}", place=place),
        when,
        read_from,
        b.f("`toll reconcile --incident {id}` shows why its figures differ", id=incident.id),
    ]
    return "; ".join(p for p in parts if p) + "."


def tagged(text: str, ref: str) -> str:
    """Text that holds a number (a title, a speaker) carries the footnote it comes from."""
    return text + ref if re.search(r"\d", text) else text


def _claim_row(b: Builder, claim) -> str:
    ref = b.notes.ref(f"claim:{claim.claim_id}", _claim_note(b, claim.claim_id))
    if claim.value is not None:
        figure = number(claim.value)
    elif claim.high is None:
        figure = f"{number(claim.low)}+"
    else:
        figure = f"{number(claim.low)}–{number(claim.high)}"
    qualifier = b.name(claim.qualifier)
    return (
        f"| {figure}{ref} | {cell(qualifier)} | {tagged(cell(claim.source), ref)} | "
        f"{tagged(cell(claim.speaker), ref) or '–'} | {b.name(claim.review_state)} |"
    )


def _claim_note(b: Builder, claim_id: int) -> str:
    """Where a figure comes from: the source's words as written, described in the report's
    language."""
    found = claim_provenance(b.session, claim_id)
    source = found.source
    where = source.url or b.f("file {file}, SHA-256 {sha256}", file=source.file_name,
                              sha256=source.sha256)  # fmt: skip
    quoted = found.end > found.start  # a data file's row has no words to quote, but its row
    parts = [
        f"“{found.sentence or found.words}”" if quoted else _row_note(b, found),
        source.publisher or source.file_name,
        source.title,
        source.published and b.f("published {date}", date=source.published),
        source.speaker and b.f("speaker {speaker}", speaker=source.speaker),
        where,
        b.f("claim {id} (the figure in the words “{words}”)", id=claim_id, words=found.words)
        if quoted
        else b.f("claim {id}", id=claim_id),
    ]
    return "; ".join(p for p in parts if p) + "."


def _row_note(b: Builder, found) -> str:
    """A data file's figure: the row (and event) it was read from, and the figure as read."""
    where = (
        b.f("row {row}, event {event}", row=found.row, event=found.event_id)
        if found.row is not None
        else b.t("the data file")
    )
    incident = found.figure.get("incident")
    return f"{where}: {found.words}" + (f" ({incident})" if incident else "")


def _named(lists: list[Source]) -> str:
    """Lists as footnotes name them: title, file name and SHA-256 of the original."""
    return ", ".join(f"{s.title or s.file_name} ({s.file_name}, SHA-256 {s.sha256})" for s in lists)


def _register_note(b: Builder, lists: list[Source]) -> str:
    return (
        b.f(
            "Toll's register of persons: the records of {count} lists ({lists}) linked into "
            "persons, each person counted once per status their records give (a person whose "
            "records give two statuses counts under each)",
            count=len(lists),
            lists=_named(lists),
        )
        + b.scope.records_note(b.f)
        + "."
    )


def _register(b: Builder):
    found = register_breakdowns(b.session, (None, "sex", "age_group", "month"), b.scope.records)
    total = found.by[None]
    b.add(f"## {b.t('The register of persons')}", "")
    if not total.counts:
        b.add(b.t("The register holds no linked records for this scope."), "")
        return None
    note = _register_note(b, total.lists)
    b.add(b.header("status", "persons"))
    for status, values in total.counts.items():
        b.add(f"| {b.name(status)} | {b.count(values['all'], 'register', note)} |")
    b.add("")
    for by, heading in (("sex", "By sex"), ("age_group", "By age group")):
        _breakdown_table(b, found.by[by], heading, note)
    _month_chart(b, found.by["month"], note)
    return total


def _breakdown_table(b: Builder, found: Breakdown, heading: str, note: str) -> None:
    by = found.by
    values = sorted({v for counts in found.counts.values() for v in counts})
    labels = [_label(b, by, v) for v in values]
    b.add(
        f"### {b.t(heading)}",
        "",
        f"| {b.t('status')} | " + " | ".join(labels) + " |",
        "|---|" + "---|" * len(values),
    )
    chart = Chart(by, b.t(f"Persons in the register, {heading.lower()}"), by, [], b.language)
    hidden = b.hidden(found.counts)
    for status, counts in found.counts.items():
        cells = [
            b.count(counts[v], "register", note, (status, v) in hidden) if counts.get(v) else "–"
            for v in values
        ]
        b.add(f"| {b.name(status)} | " + " | ".join(cells) + " |")
        chart.rows += [
            {"status": b.name(status), "value": b.name(_plain_label(by, v)), "persons": n}
            for v, n in counts.items()
            if (status, v) not in hidden
        ]
    b.charts[by] = chart
    b.add("", f"<!-- chart:{by} -->", "")


def _label(b: Builder, by: str, value: str) -> str:
    if by != "age_group" or value == "unknown":
        return b.name(value)
    ages = b.notes.ref(
        "ages",
        b.t(
            "Age at the event, in years: as the lists give it, else from the year of birth and "
            "the date of the event."
        ),
    )
    return AGE_LABELS.get(value, value) + ages


def _plain_label(by: str, value: str) -> str:
    return AGE_LABELS.get(value, value) if by == "age_group" else value


def _month_chart(b: Builder, found: Breakdown, note: str) -> None:
    chart = Chart(
        "month", b.t("Persons in the register by month of the event"), "month", [], b.language
    )
    hidden = b.hidden(found.counts)
    for status, counts in found.counts.items():
        chart.rows += [
            {"status": b.name(status), "value": month, "persons": n}
            for month, n in counts.items()
            if month != "unknown" and (status, month) not in hidden
        ]
    if chart.rows:
        b.charts["month"] = chart
        b.add(f"### {b.t('Over time')}", "", "<!-- chart:month -->", "")


def _estimates(b: Builder) -> None:
    stored = list_estimates(b.session)
    if b.scope.focus:
        of_incident = attached(b.session, "estimate", b.scope.focus.within)
        stored = [summary for summary in stored if summary["id"] in of_incident]
    if not stored:
        return
    b.add(
        f"## {b.t('Estimates of the victims no list recorded')}",
        "",
        b.t(
            "Multiple systems estimation infers from how the lists overlap how many victims none "
            "of them recorded. Every method is shown with its interval; they rest on different "
            "assumptions, and none is endorsed over the others."
        ),
        "",
    )
    for summary in stored:
        estimate = show_estimate(b.session, summary["id"])
        result = estimate["result"]
        if b.public and is_suppressed(result.get("observed") or 0):
            continue  # an estimate from fewer than five persons could point at them
        label_ref = b.notes.ref(f"estimate:{estimate['id']}", _estimate_note(b, estimate, None))
        b.add(f"### {tagged(cell(estimate['label']), label_ref) or b.t('Estimate')}", "")
        b.add(b.header("method", "estimate", "interval"))
        for method in result.get("methods", []):
            ref = b.notes.ref(
                f"estimate:{estimate['id']}:{method['name']}", _estimate_note(b, estimate, method)
            )
            low, high = method.get("low"), method.get("high")
            interval = f"{_whole(low)}–{_whole(high)}{ref}" if low is not None else "–"
            b.add(f"| {method['name']} | {_whole(method.get('estimate'))}{ref} | {interval} |")
        b.add("")


def _whole(value: float | None) -> str:
    """An estimate of persons, in whole persons (the footnote says how it was computed)."""
    return number(None if value is None else round(value))


def _estimate_note(b: Builder, estimate: dict, method: dict | None) -> str:
    result = estimate["result"]
    made = b.f(
        "Stored estimate {id} ({label}), made {date}" + (" by {by}" if estimate["by"] else ""),
        id=estimate["id"],
        label=estimate["label"] or b.t("no label"),
        date=f"{estimate['created_at']:%Y-%m-%d}",
        by=estimate["by"],
    )
    if method is None:
        return made + "."
    diagnostics = method.get("diagnostics") or {}
    level = (method.get("settings") or {}).get("level", 0.95)
    names = _estimate_lists(result)
    values = {"version": estimate["toll_version"], "method": method["name"]}
    parts = [
        made
        + b.f(" with Toll {version}: method {method}", **values)
        + (b.f(", model {model}", model=diagnostics["model"]) if diagnostics.get("model") else ""),
        b.f(
            "{level} interval by {interval}",
            level=f"{level:.0%}",
            interval=b.t(diagnostics.get("interval") or "the method"),
        ),
        b.f(
            "from the overlap of {count} lists ({lists}) holding {observed} persons",
            count=len(names),
            lists=", ".join(names),
            observed=number(result.get("observed")),
        ),
        method.get("seed") is not None and b.f("seed {seed}", seed=method["seed"]),
        b.f("`toll estimates show {id}` shows every input and setting", id=estimate["id"]),
    ]
    return "; ".join(p for p in parts if p) + "."


def _estimate_lists(result: dict) -> list[str]:
    """The lists an estimate was made from (a stratified one names them in each stratum)."""
    if result.get("lists"):
        return list(result["lists"])
    strata = (result.get("strata") or {}).values()
    return sorted({name for stratum in strata for name in stratum.get("lists") or []})


def _missing(b: Builder) -> None:
    figures = missing_figures(b.session)
    if b.scope.focus:  # only the cases attached to the incident
        ids = list(attached(b.session, "case", b.scope.focus.within))
        labels = set(b.session.scalars(select(Case.label).where(Case.id.in_(ids))))
        for entry in figures["by_status"].values():
            entry["count"] = len([c for c in entry["cases"] if c in labels])
        figures["total"] = sum(e["count"] for e in figures["by_status"].values())
    if not figures["total"]:
        return
    note = (
        b.t(
            "Missing-person cases in the store (each the search for one person), by their "
            "current status"
        )
        + "; "
        + _definitions(b, figures["definitions"])
    )
    if b.scope.focus:
        note += b.f("; only cases {which}", which=b.scope.attached_note(b.f))
    note += "."
    b.add(f"## {b.t('Missing persons')}", "", b.header("status", "cases"))
    for status, entry in figures["by_status"].items():
        if entry["count"]:
            b.add(f"| {b.name(status)} | {b.count(entry['count'], 'cases', note)} |")
    b.add("")


REMAINS_ROWS = (
    ("recovered", "remains recovered"),
    ("identified", "identified"),
    ("unidentified", "not identified"),
)


def _remains(b: Builder) -> None:
    """Remains recovered, identified and not, as case figures are shown; remains are of no
    incident, so a report of one incident shows none."""
    figures = remains_figures(b.session)
    if b.scope.focus or not figures["recovered"]:
        return
    note = (
        b.f(
            "Remains recorded in the store, imported from lists of remains ({lists}; `toll "
            "remains import`) or added by hand, by whether a laboratory's report identified "
            "them as the person of a missing-person case",
            lists=_named(figures["sources"]) or "—",
        )
        + "; "
        + _definitions(b, figures["definitions"])
        + "."
    )
    hidden = b.hidden({"remains": {key: figures[key] for key, _ in REMAINS_ROWS[1:]}})
    b.add(f"## {b.t('Remains')}", "", b.header("figure", "count"))
    for key, text in REMAINS_ROWS:
        shown = ("remains", key) in hidden if key != "recovered" else None
        b.add(f"| {b.t(text)} | {b.count(figures[key], 'remains', note, shown)} |")
    b.add("")


FAMILY_ROWS = (
    ("families", "families known"),
    ("families_wiped_out", "families of which every known member was lost"),
    ("children_lost_one_parent", "children who lost one parent"),
    ("children_lost_both_parents", "children who lost both parents"),
)


def _families(b: Builder) -> None:
    incident = b.scope.focus.incident.id if b.scope.focus else None
    figures = family_figures(b.session, incident_id=incident)
    rows = FAMILY_ROWS
    if incident is not None:  # the store's families, their losses in the incident only
        rows = rows[1:]
        if not any(figures[key]["count"] for key, _ in rows):
            return
    if not figures["families"]:
        return
    note = (
        b.t(
            "Families in the register, as the lists' households join them across lists, with "
            "the relations entered by hand"
        )
        + "; "
        + _definitions(b, figures["definitions"])
        + (
            b.f(
                "; only losses at the place and in the days of {title}",
                title=b.scope.focus.incident.title,
            )
            if incident is not None
            else ""
        )
        + "."
    )
    b.add(f"## {b.t('Families')}", "", b.header("figure", "count"))
    for key, text in rows:
        value = figures[key] if key == "families" else figures[key]["count"]
        b.add(f"| {b.t(text)} | {b.count(value, 'families', note)} |")
    b.add("")


def _definitions(b: Builder, definitions: dict[str, str]) -> str:
    """A figure's definitions, each in the report's language where it has been translated."""
    return "; ".join(f"{b.name(k)}: {b.t(v)}" for k, v in definitions.items())


def _annex(b: Builder) -> None:
    from toll.model import Person

    persons = b.session.execute(
        select(Person.label, Person.display_name)
        .where(Person.retracted_at.is_(None))
        .order_by(Person.id)
        .limit(MAX_ANNEX)
    ).all()
    b.add(
        f"## {b.t(ANNEX_HEADING)}",
        "",
        b.f(
            "The first {count} persons of the register; `toll person LABEL` shows each one's "
            "records side by side.",
            count=len(persons),
        ),
        "",
        b.header("person", "name"),
        *(f"| {person} | {cell(name)} |" for person, name in persons),
        "",
    )
