from pathlib import Path

import pytest

from toll.estimates import CaptureTable

SHARED = Path(__file__).resolve().parents[2] / "../shared/mse"


def shared_table(name: str) -> CaptureTable:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return CaptureTable.from_csv(path)


@pytest.fixture
def kosovo() -> CaptureTable:
    return shared_table("kosovo_1999_4lists.csv")


@pytest.fixture
def spina() -> CaptureTable:
    return shared_table("spina_bifida_3lists.csv")
