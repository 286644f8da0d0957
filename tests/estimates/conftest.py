from pathlib import Path

import pytest

from toll.estimates import CaptureTable

# The published tables sit in shared/ beside the repository (../shared/mse), found from any
# checkout below it (a worktree too).
SHARED = next((parent / "shared" / "mse" for parent in Path(__file__).resolve().parents
               if (parent / "shared" / "mse").is_dir()), Path("../shared/mse"))


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

# Victims of human trafficking in the Netherlands, 8,234 recorded on five lists: the `Ned_5`
# table of the R package MultipleSystemsEstimation (Silverman), the six lists of Silverman
# (2020, JRSS A 183(3), 691-736, Table 2) with the two smallest, I and O, merged into IO. One
# of the tables Binette & Steorts (2022, JRSS A 185(2), 640-676) estimate with every method.
# Rows: (IO, K, P, R, Z) pattern, count; patterns not listed have 0 (K and R share nobody).
NETHERLANDS_LISTS = ("IO", "K", "P", "R", "Z")
NETHERLANDS_ROWS = [
    ((1, 0, 0, 0, 0), 756), ((0, 1, 0, 0, 0), 1299), ((0, 0, 1, 0, 0), 4466),
    ((0, 0, 0, 1, 0), 650), ((0, 0, 0, 0, 1), 632), ((1, 1, 0, 0, 0), 1),
    ((1, 0, 1, 0, 0), 81), ((1, 0, 0, 1, 0), 3), ((1, 0, 0, 0, 1), 75),
    ((0, 1, 1, 0, 0), 44), ((0, 1, 0, 0, 1), 4), ((0, 0, 1, 1, 0), 82),
    ((0, 0, 1, 0, 1), 125), ((0, 0, 0, 1, 1), 2), ((1, 0, 1, 1, 0), 2),
    ((1, 0, 1, 0, 1), 11), ((0, 0, 1, 1, 1), 1),
]


@pytest.fixture
def netherlands() -> CaptureTable:
    return CaptureTable.from_patterns(NETHERLANDS_LISTS, NETHERLANDS_ROWS)
