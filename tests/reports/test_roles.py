"""Personal data stays protected: who may back up, export and see names in a report."""

import pytest

from filled_store import fill
from toll.backup import backup_store
from toll.errors import TollError
from toll.exports import export
from toll.reports import build_fact_sheet
from toll.reports.sheet import ANNEX_HEADING
from toll.store import Store
from toll.store.access import add_user


@pytest.fixture
def viewer(store, tmp_path):
    """The filled store, opened by a viewer without the personal-data grant."""
    fill(store, tmp_path)
    with store.session() as session:
        add_user(session, "reader", "viewer", False)
    opened = Store.open(store.engine.url.render_as_string(hide_password=False), actor="reader")
    yield opened
    opened.close()


def test_a_viewer_may_not_back_up_the_store(viewer, tmp_path):
    with pytest.raises(TollError, match="role viewer"):
        backup_store(viewer, tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()


def test_a_viewer_exports_only_what_holds_no_personal_data(viewer, tmp_path):
    with viewer.session() as session:
        for what in ("records", "persons", "cases"):
            with pytest.raises(TollError, match="personal data"):
                export(session, what, "csv", tmp_path / f"{what}.csv")
        assert export(session, "records", "csv", tmp_path / "counts.csv", public=True) > 0


def test_a_viewer_gets_the_public_report(viewer):
    with viewer.session() as session:
        markdown = build_fact_sheet(session).markdown
    assert ANNEX_HEADING not in markdown and "Şəxs" not in markdown
    assert "a public report" in markdown
