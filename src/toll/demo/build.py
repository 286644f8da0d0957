"""Building the demo store, one pipeline stage after another."""

from dataclasses import dataclass, field
from pathlib import Path

from toll.sources import SourceMetadata, add_document
from toll.store import Store

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
}


@dataclass
class DemoSummary:
    path: Path
    sources: int = 0
    figures: int = 0
    steps: list[str] = field(default_factory=list)


def build_demo(path: Path) -> DemoSummary:
    """Build a fresh demo store at `path` (replacing an older demo there)."""
    from toll.claims.saving import save_extracted_claims

    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    store = Store.open(str(building), actor="demo")
    summary = DemoSummary(path)
    with store.session() as session:
        for name, metadata in DEMO_SOURCES.items():
            added = add_document(session, STATEMENTS / name, metadata)
            summary.sources += 1
            summary.figures += len(save_extracted_claims(session, added.source))
    store.close()
    building.replace(path)
    return summary
