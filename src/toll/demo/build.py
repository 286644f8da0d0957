"""Building the demo store, one pipeline stage after another."""

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from toll.demo.incident import add_demo_incident
from toll.demo.missing import add_missing_and_families
from toll.estimates.store import estimate_register
from toll.persons import link_register
from toll.records.store import import_list
from toll.sources import SourceMetadata, add_statement
from toll.store import Store, encrypted_sqlite
from toll.synth import SynthSettings, write_lists

STATEMENTS = Path(__file__).parent / "statements"

DEMO_SOURCES = {
    "01_ombudsman_northfield.txt": SourceMetadata(
        title="Statement on the second anniversary of the Northfield shelling",
        publisher="Office of the Ombudsman of Valdoria",
        speaker="Lina Haviar, Ombudsman",
        published="2025-03-14",
        kind="statement",
        language="en",
    ),
    "02_relief_agency_update.txt": SourceMetadata(
        title="Humanitarian situation update No. 12",
        publisher="Relief agency (invented)",
        published="2023-03-30",
        kind="report",
        language="en",
    ),
    "03_wire_report.txt": SourceMetadata(
        title="Dozens killed as shells hit Northfield",
        publisher="Wire service (invented)",
        published="2023-03-16",
        kind="news",
        language="en",
    ),
    "04_court_finding.txt": SourceMetadata(
        title="Judgment in case no. 2-114/2025 (extract)",
        publisher="Regional Court (invented)",
        published="2025-10-09",
        kind="judgment",
        language="en",
    ),
    "05_assembly_report.txt": SourceMetadata(
        title="Report of the rapporteur on the Northfield shelling",
        publisher="Parliamentary Assembly of the Northern Council (invented)",
        published="2024-03-15",
        kind="report",
        language="en",
    ),
    "06_missing_commission_ru.txt": SourceMetadata(
        title="Statement of the Commission on Missing Persons on Northfield",
        publisher="Commission on Missing Persons of Valdoria (invented)",
        published="2024-06-10",
        kind="statement",
        language="ru",
    ),
}


# Lighter sampler settings than `toll estimate`'s defaults, so that the demo is quick.
DEMO_ESTIMATE_SETTINGS = {"n_boot": 200, "burnin": 2000, "samples": 500, "chains": 2}
DEMO_METHODS = ("independence", "loglinear-bic", "loglinear-aic", "bma", "lcmcr")


@dataclass
class DemoSummary:
    path: Path
    sources: int = 0
    figures: int = 0
    lists: int = 0
    records: int = 0
    persons: int = 0
    to_review: int = 0
    estimates: list[dict] = field(default_factory=list)
    # The synthetic lists' known truth, to judge the register and the estimate against.
    true_listed: int = 0  # persons on at least one list
    true_total: int = 0  # every victim of the synthetic population, listed or not
    missing: dict = field(default_factory=dict)  # cases, remains and families (demo/missing.py)
    incident: dict = field(default_factory=dict)  # the Northfield shelling: what is attached
    recovery_key: str | None = None  # when built encrypted (printed once)


def build_demo(
    path: Path, persons: int = 1500, progress=None, passphrase: str | None = None
) -> DemoSummary:
    """Build a fresh demo store at `path` (replacing an older demo there); with a passphrase,
    an encrypted one (`toll.store.encrypted_sqlite`).

    Statements → claims; synthetic lists (`toll synth`) → records → persons; an estimate.
    `progress(step, steps, message)` is told as each stage starts.
    """
    report = progress or (lambda step, steps, message: None)
    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    encrypted_sqlite.key_file(building).unlink(missing_ok=True)
    recovery = encrypted_sqlite.create(building, passphrase) if passphrase else None
    store = Store.open(str(building), actor="demo")
    summary = DemoSummary(path, recovery_key=recovery)
    report(0, 5, "statements")
    _add_statements(store, summary)
    report(1, 5, "lists")
    with tempfile.TemporaryDirectory() as folder:
        _import_lists(store, summary, Path(folder), persons)
    report(2, 5, "linking")
    with store.session() as session:
        linked = link_register(session)
    summary.persons, summary.to_review = linked.persons, linked.to_review
    report(3, 5, "estimating")
    _estimate(store, summary)
    with tempfile.TemporaryDirectory() as folder:
        summary.missing = add_missing_and_families(store, Path(folder))
    report(4, 5, "the incident")
    summary.incident = add_demo_incident(store, DEMO_ESTIMATE_SETTINGS)
    report(5, 5, "done")
    store.close()
    encrypted_sqlite.move(building, path)
    for lock in path.parent.glob(f"{building.name}.*.lock"):  # the build's own, now unused
        lock.unlink()
    return summary


def _add_statements(store: Store, summary: DemoSummary) -> None:
    with store.session() as session:
        for name, metadata in DEMO_SOURCES.items():
            added = add_statement(session, STATEMENTS / name, metadata)
            summary.sources += 1
            summary.figures += len(added.claims or [])


def _import_lists(store: Store, summary: DemoSummary, folder: Path, persons: int) -> None:
    written = write_lists(folder, SynthSettings(persons=persons, lists=4, seed=7, households=True))
    summary.true_listed = int(written.truth["person_id"].nunique())
    summary.true_total = len(written.population)
    for file in sorted(folder.glob("list*.csv")):
        with store.session() as session:
            metadata = SourceMetadata(title=f"{file.stem} (synthetic demo list)", kind="list")
            summary.records += import_list(session, file, metadata).records
            summary.lists += 1


def _estimate(store: Store, summary: DemoSummary) -> None:
    with store.session() as session:
        done = estimate_register(session, (), DEMO_METHODS, 1, DEMO_ESTIMATE_SETTINGS,
                                 label="demo: all lists")
    summary.estimates = [m.to_dict() for m in done.run.report.methods]
