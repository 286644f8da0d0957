"""Facts one person cannot hold twice: a cluster never joins records that contradict each other.

Pairwise scores judge two records at a time, so a record with few facts (a name and an
age, or a name alone) can score high against two namesakes born twenty years apart and
bridge them into one person. A person's records must agree on the facts that do not
change: the birth year (within `BIRTH_YEAR_TOLERANCE`, one year more for each year
estimated from an age at the event) and the sex, where both records give them. Clusters
that break this are split (`toll.persons.clustering`), and the links they were held by go
to review; only a reviewer's "same" decision keeps such records together.

Pure functions over the linkage features; no store, no splink.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BIRTH_YEAR_TOLERANCE = 3
# Two contradicting records linked directly at least this strongly (a shared identifier,
# every other fact agreeing) hold a typo, not two persons: the check lets them be.
EXEMPT = 0.999
# ...but birth years this far apart are no typo unless an identifier agrees
# (`toll.persons.linkage`): a father and his son of one name score that high too.
NO_TYPO_YEARS = 10
BIRTH_YEAR = "birth year"
SEX = "sex"


def facts(features: pd.DataFrame) -> pd.DataFrame:
    """The facts checked, indexed by record id: birth year, whether it is estimated, sex."""
    stated = features["birth_year"].notna()
    year = pd.to_numeric(features["birth_year_any"], errors="coerce")
    return pd.DataFrame(
        {
            "birth_year": year.to_numpy(dtype=float),
            "estimated": (~stated & year.notna()).to_numpy(dtype=bool),
            "sex": features["sex"].astype(object).where(features["sex"].notna(), None).to_numpy(),
        },
        index=pd.Index(features["unique_id"].astype(str), name="record_id"),
    )


def conflicts(years: np.ndarray, estimated: np.ndarray, sexes: np.ndarray) -> np.ndarray:
    """A boolean matrix: which pairs of these records cannot be one person.

    `years` is float with NaN where unknown; `sexes` object with None where unknown.
    """
    allowed = BIRTH_YEAR_TOLERANCE + estimated[:, None].astype(int) + estimated[None, :]
    with np.errstate(invalid="ignore"):
        years_apart = np.abs(years[:, None] - years[None, :]) > allowed
    known = np.array([s is not None for s in sexes])
    codes = pd.factorize(pd.Series(sexes, dtype=object))[0]
    sexes_differ = known[:, None] & known[None, :] & (codes[:, None] != codes[None, :])
    return years_apart | sexes_differ


def reasons(years: np.ndarray, estimated: np.ndarray, sexes: np.ndarray) -> list[str]:
    """Which facts disagree among these records ("birth year", "sex"), for the report."""
    found = []
    finite = years[~np.isnan(years)]
    if len(finite) > 1 and conflicts(years, estimated, np.full(len(years), None)).any():
        found.append(BIRTH_YEAR)
    if len({s for s in sexes if s is not None}) > 1:
        found.append(SEX)
    return found


def may_conflict(years: np.ndarray, sexes: np.ndarray) -> bool:
    """A quick test before the pairwise one: spread of years or more than one sex."""
    finite = years[~np.isnan(years)]
    spread = len(finite) > 1 and finite.max() - finite.min() > BIRTH_YEAR_TOLERANCE
    return bool(spread or len({s for s in sexes if s is not None}) > 1)
