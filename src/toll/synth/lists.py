"""Synthetic victim lists with known truth, each written in its own script and convention.

`make_lists` returns the lists as DataFrames with the truth (which person each row
is); `write_lists` writes them as CSV files beside `truth.csv` and `population.csv`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from toll.synth.households import family_truth, make_households
from toll.synth.noise import add_typos, blank, noisy_ages, strip_azerbaijani
from toll.synth.pools import Pools, load_pools
from toll.synth.population import capture, make_population


@dataclass(frozen=True)
class Convention:
    """How one list writes its rows: source kind, script, layout and headers."""

    source: str
    style: str  # az, ru, en, ru_full, en_split
    headers: dict[str, str]
    status_effect: dict[str, float]
    group_effect: dict[str, float]
    coverage: float


CONVENTIONS = [
    Convention(
        "ministry",
        "az",
        {
            "family": "Soyadı",
            "given": "Adı",
            "patronymic": "Ata adı",
            "sex": "Cinsi",
            "birth": "Doğum ili",
            "event": "Tarix",
            "place": "Yer",
            "status": "Status",
        },
        {"killed": 1.0, "missing": -0.3, "injured": -1.0},
        {"az": 1.0, "hy": -1.5, "ru": -1.5, "uk": -1.5, "ka": -0.5, "ar": -1.0},
        0.5,
    ),
    Convention(
        "commission",
        "ru",
        {
            "family": "Фамилия",
            "given": "Имя",
            "patronymic": "Отчество",
            "sex": "Пол",
            "birth": "Дата рождения",
            "event": "Дата гибели",
            "place": "Место",
            "status": "Статус",
        },
        {"missing": 1.2, "captured": 1.0, "killed": -0.4},
        {"ru": 0.8, "uk": 0.8, "hy": 0.4},
        0.4,
    ),
    Convention(
        "ngo",
        "en",
        {
            "full": "Full name",
            "sex": "Sex",
            "age": "Age",
            "event": "Date of death",
            "place": "Place",
            "status": "Status",
        },
        {"killed": 0.3},
        {"ar": 0.5, "uk": 0.3},
        0.35,
    ),
    Convention(
        "families",
        "ru_full",
        {
            "full": "ФИО",
            "birth": "Год рождения",
            "sex": "Пол",
            "event": "Дата",
            "place": "Место",
            "status": "Статус",
        },
        {"missing": 1.0, "captured": 0.5},
        {"az": 0.3, "hy": 0.3},
        0.45,
    ),
    Convention(
        "hospital",
        "en_split",
        {
            "family": "Surname",
            "given": "First name",
            "patronymic": "Father's name",
            "sex": "Gender",
            "birth": "Year of birth",
            "event": "Date of incident",
            "place": "Location",
            "status": "Status",
        },
        {"injured": 2.0, "killed": 0.3, "captured": -1.0},
        {},
        0.3,
    ),
]

_SCRIPT = {"az": "az", "ru": "ru", "en": "en", "ru_full": "ru", "en_split": "en"}
_SEX = {
    "az": ("kişi", "qadın"),
    "ru": ("м", "ж"),
    "en": ("M", "F"),
    "ru_full": ("муж", "жен"),
    "en_split": ("male", "female"),
}
_STATUS = {
    "az": {
        "alive": "sağ qalıb",
        "killed": "həlak olub",
        "missing": "itkin düşüb",
        "captured": "əsir götürülüb",
        "injured": "yaralanıb",
    },
    "ru": {
        "alive": "жив",
        "killed": "погиб",
        "missing": "пропал без вести",
        "captured": "в плену",
        "injured": "ранен",
    },
}
_MONTHS = np.array(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    dtype=object,
)
_MONTHS_LONG = np.array(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    dtype=object,
)


@dataclass(frozen=True)
class SynthSettings:
    """What to generate. Rates are per record (typos: per name field)."""

    persons: int = 2000
    lists: int = 4
    seed: int = 0
    typo_rate: float = 0.04
    missing_rate: float = 0.08
    duplicate_rate: float = 0.03
    plain_letters_rate: float = 0.15
    script_slip_rate: float = 0.02
    sibling_rate: float = 0.1
    households: bool = False  # group persons into households (head, spouse, children)

    @classmethod
    def for_records(cls, records: int, lists: int = 5, **options) -> SynthSettings:
        """Settings whose lists hold about `records` rows in all (for benchmarks)."""
        coverages = [CONVENTIONS[j % len(CONVENTIONS)].coverage for j in range(lists)]
        rate = options.get("duplicate_rate", cls.duplicate_rate)
        persons = int(records / (sum(coverages) * (1 + rate)))
        return cls(persons=max(persons, 1), lists=lists, **options)


@dataclass
class SynthLists:
    """Generated lists (file name -> rows as written), truth and population."""

    lists: dict[str, pd.DataFrame]
    truth: pd.DataFrame
    population: pd.DataFrame
    settings: SynthSettings
    files: list[Path] = field(default_factory=list)
    families: dict | None = None  # the true family figures (with households)

    def summary(self) -> dict:
        """Counts for people and programs (what `toll synth` prints)."""
        listed = self.truth["person_id"].nunique()
        rows = {name: len(frame) for name, frame in self.lists.items()}
        return {
            "settings": asdict(self.settings),
            "persons": len(self.population),
            "persons_listed": int(listed),
            "persons_unlisted": int(len(self.population) - listed),
            "records": int(sum(rows.values())),
            "lists": rows,
            "files": [str(path) for path in self.files],
            "families": None
            if self.families is None
            else {
                k: v["count"] if isinstance(v, dict) else v
                for k, v in self.families.items()
                if k != "definitions"
            },
        }


def _date_formats(day: np.datetime64) -> tuple[str, ...]:
    """One date in the formats lists use: 26.02.1992, 1992-02-26, Feb 1992, 26 Feb 1992,
    26 February 1992."""
    stamp = pd.Timestamp(day)
    month = _MONTHS[stamp.month - 1]
    return (
        f"{stamp.day:02d}.{stamp.month:02d}.{stamp.year}",
        f"{stamp.year}-{stamp.month:02d}-{stamp.day:02d}",
        f"{month} {stamp.year}",
        f"{stamp.day} {month} {stamp.year}",
        f"{stamp.day} {_MONTHS_LONG[stamp.month - 1]} {stamp.year}",
    )


def _format_dates(days: np.ndarray, style: str, rng: np.random.Generator) -> np.ndarray:
    """Dates written the list's way (formatted once per distinct day: dates repeat)."""
    unique, inverse = np.unique(days.astype("datetime64[D]"), return_inverse=True)
    table = np.array([_date_formats(day) for day in unique], dtype=object).reshape(-1, 5)
    if style in ("az", "ru", "ru_full"):
        choice = np.zeros(len(days), dtype=np.int64)
    elif style == "en":
        pick = rng.random(len(days))
        choice = np.where(pick < 0.6, 1, np.where(pick < 0.85, 2, 3))
    else:
        choice = np.where(rng.random(len(days)) < 0.7, 4, 1)
    return table[inverse, choice]


def _join(*parts: np.ndarray, sep: str = " ") -> np.ndarray:
    out = pd.Series(parts[0], dtype=object)
    for part in parts[1:]:
        part = pd.Series(part, dtype=object)
        out = (out + sep + part).where(part != "", out).where(out != "", part)
    return out.str.strip().to_numpy(dtype=object)


def _names(
    people: pd.DataFrame,
    style: str,
    pools: Pools,
    settings: SynthSettings,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """Given, family and patronymic of each record, spelled the list's way, with noise."""
    n = len(people)
    script = _SCRIPT[style]
    scripts = np.full(n, script, dtype=object)
    slip = rng.random(n) < settings.script_slip_rate
    scripts[slip] = "en" if script != "en" else "az"
    male = (people["sex"] == "m").to_numpy()
    given = np.empty(n, dtype=object)
    family = np.empty(n, dtype=object)
    given_ids = people["given_id"].to_numpy()
    family_ids = people["family_id"].to_numpy()
    for name in ("az", "ru", "en"):
        for sex_rows, given_table, family_table in (
            (male, pools.male, pools.family_m),
            (~male, pools.female, pools.family_f),
        ):
            rows = (scripts == name) & sex_rows
            if rows.any():
                given[rows] = given_table.spell(given_ids[rows], name, rng)
                family[rows] = family_table.spell(family_ids[rows], name, rng)
    patronymic = _patronymic_column(people, style, pools, rng)
    if script == "az":
        given = strip_azerbaijani(given, settings.plain_letters_rate, rng)
        family = strip_azerbaijani(family, settings.plain_letters_rate, rng)
        patronymic = strip_azerbaijani(patronymic, settings.plain_letters_rate, rng)
    return {
        "given": add_typos(blank(given, 0.01, rng), settings.typo_rate, rng),
        "family": add_typos(family, settings.typo_rate, rng),
        "patronymic": add_typos(patronymic, settings.typo_rate, rng),
    }


def _patronymic_column(
    people: pd.DataFrame, style: str, pools: Pools, rng: np.random.Generator
) -> np.ndarray:
    father = people["father_id"].to_numpy()
    sex_row = (people["sex"] == "f").to_numpy().astype(np.int64)
    turkic = (people["group"] == "az").to_numpy()
    p = pools.patronymics
    if style == "az":
        return np.where(turkic, p.turkic_az[sex_row, father], p.slavic_en[sex_row, father])
    if style in ("ru", "ru_full"):
        slavic_az = rng.random(len(people)) < 0.5
        return np.where(
            turkic & ~slavic_az, p.turkic_ru[sex_row, father], p.slavic_ru[sex_row, father]
        )
    plain = pools.male.spell(father, "en", rng)
    formal = np.where(turkic, p.turkic_en[sex_row, father], p.slavic_en[sex_row, father])
    return np.where(rng.random(len(people)) < 0.5, plain, formal)


def _full_names(names: dict[str, np.ndarray], style: str, rng: np.random.Generator) -> np.ndarray:
    given, family, patronymic = names["given"], names["family"], names["patronymic"]
    pick = rng.random(len(given))
    if style == "en":
        western = _join(given, family)
        upper = _join(
            pd.Series(family, dtype=object).str.upper().to_numpy(dtype=object), given, sep=", "
        )
        eastern = _join(family, given)
        return np.where(pick < 0.75, western, np.where(pick < 0.9, upper, eastern))
    official = _join(family, given, patronymic)
    short = _join(family, given)
    initials = _join(
        family,
        pd.Series(given, dtype=object).str[:1].to_numpy(dtype=object)
        + "."
        + pd.Series(patronymic, dtype=object).str[:1].to_numpy(dtype=object)
        + ".",
    )
    return np.where(pick < 0.86, official, np.where(pick < 0.95, short, initials))


def render(
    people: pd.DataFrame,
    convention: Convention,
    pools: Pools,
    settings: SynthSettings,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Rows of one list as it would be written, with the convention's headers."""
    style = convention.style
    n = len(people)
    names = _names(people, style, pools, settings, rng)
    miss = settings.missing_rate
    columns: dict[str, np.ndarray] = {}
    if "full" in convention.headers:
        columns["full"] = _full_names(names, style, rng)
    else:
        columns["family"] = names["family"]
        columns["given"] = names["given"]
        columns["patronymic"] = blank(names["patronymic"], miss, rng)
    male_word, female_word = _SEX[style]
    columns["sex"] = blank(np.where(people["sex"] == "m", male_word, female_word), miss, rng)
    birth = people["birth_date"].to_numpy().astype("datetime64[D]")
    event = people["event_date"].to_numpy().astype("datetime64[D]")
    shift = np.where(rng.random(n) < 0.05, rng.integers(-10, 11, n), 0)
    event_reported = event + shift.astype("timedelta64[D]")
    birth_year = pd.DatetimeIndex(birth).year.to_numpy()
    if "age" in convention.headers:
        age = ((event - birth).astype(np.int64) / 365.25).astype(np.int64)
        columns["age"] = blank(noisy_ages(age, rng).astype(str).astype(object), miss, rng)
    elif style == "ru":
        full_date = _format_dates(birth, style, rng)
        year_only = birth_year.astype(str).astype(object)
        columns["birth"] = blank(np.where(rng.random(n) < 0.6, full_date, year_only), miss, rng)
    else:
        off = np.where(rng.random(n) < 0.05, rng.choice([-1, 1], n), 0)
        columns["birth"] = blank((birth_year + off).astype(str).astype(object), miss, rng)
    columns["event"] = blank(_format_dates(event_reported, style, rng), miss, rng)
    places = pools.places.spell(people["place_id"].to_numpy(), _SCRIPT[style], rng)
    if style == "az":
        places = strip_azerbaijani(places, settings.plain_letters_rate, rng)
    columns["place"] = blank(places, miss, rng)
    vocabulary = _STATUS.get(_SCRIPT[style])
    status = people["status"].to_numpy()
    if vocabulary:
        status = pd.Series(status).map(vocabulary).to_numpy(dtype=object)
    columns["status"] = blank(status, miss / 2, rng)
    frame = pd.DataFrame({convention.headers[role]: columns[role] for role in convention.headers})
    if "household" in people:
        household, relation = _HOUSEHOLD_HEADERS[_SCRIPT[style]]
        frame[household] = people["household_written"].to_numpy()
        frame[relation] = people["relation"].map(_RELATIONS[_SCRIPT[style]]).to_numpy()
    return frame


_HOUSEHOLD_HEADERS = {
    "az": ("Ailə №", "Qohumluq"),
    "ru": ("Семья", "Кем приходится"),
    "en": ("Household", "Relation to head"),
}
_RELATIONS = {
    "az": {"head": "ailə başçısı", "spouse": "həyat yoldaşı", "son": "oğlu", "daughter": "qızı"},
    "ru": {"head": "глава семьи", "spouse": "жена", "son": "сын", "daughter": "дочь"},
    "en": {"head": "head", "spouse": "wife", "son": "son", "daughter": "daughter"},
}


def _number_households(people: pd.DataFrame, list_number: int) -> pd.DataFrame:
    """Each list numbers its households its own way: in the order it meets them."""
    order = {h: k for k, h in enumerate(pd.unique(people["household"]), start=1)}
    prefix = ("", "A-", "H")[list_number % 3]
    written = people["household"].map(lambda h: f"{prefix}{order[h] * 3 + list_number}")
    return people.assign(household_written=written)


def list_names(lists: int) -> list[str]:
    """File stems of the lists: list1_ministry, list2_commission, ..."""
    return [f"list{j + 1}_{CONVENTIONS[j % len(CONVENTIONS)].source}" for j in range(lists)]


def make_lists(settings: SynthSettings = SynthSettings()) -> SynthLists:
    """Generate a population and `settings.lists` overlapping lists of it, in memory."""
    if settings.persons < 1 or settings.lists < 1:
        raise ValueError("persons and lists must be at least 1")
    rng = np.random.default_rng(settings.seed)
    pools = load_pools()
    siblings = 0.0 if settings.households else settings.sibling_rate
    population = make_population(settings.persons, pools, rng, siblings)
    if settings.households:
        population = make_households(population, pools, rng)
    lists: dict[str, pd.DataFrame] = {}
    truths = []
    households: dict[str, dict[int, str]] = {}
    for j, name in enumerate(list_names(settings.lists)):
        convention = CONVENTIONS[j % len(CONVENTIONS)]
        loading = 0.8 + 0.4 * ((j * 7919) % 5) / 4
        caught = capture(
            population,
            convention.coverage,
            convention.status_effect,
            convention.group_effect,
            loading,
            rng,
        )
        index = np.flatnonzero(caught)
        duplicates = index[rng.random(len(index)) < settings.duplicate_rate]
        index = rng.permutation(np.concatenate([index, duplicates]))
        people = population.iloc[index].reset_index(drop=True)
        if settings.households:
            people = _number_households(people, j + 1)
            households[f"{name}.csv"] = dict(
                zip(people["person_id"], people["household_written"], strict=True)
            )
        lists[name] = render(people, convention, pools, settings, rng)
        truths.append(
            pd.DataFrame(
                {
                    "file": f"{name}.csv",
                    "row": np.arange(1, len(index) + 1),
                    "person_id": people["person_id"].to_numpy(),
                }
            )
        )
    listed = pd.concat(truths, ignore_index=True)
    public = population.drop(
        columns=["given_id", "family_id", "father_id", "place_id", "visibility"]
    )
    public["birth_date"] = public["birth_date"].astype("datetime64[s]").dt.date
    public["event_date"] = public["event_date"].astype("datetime64[s]").dt.date
    public["lists"] = public["person_id"].map(listed.groupby("person_id")["file"].nunique())
    public["lists"] = public["lists"].fillna(0).astype(int)
    families = family_truth(public, listed, households) if settings.households else None
    return SynthLists(lists, listed, public, settings, families=families)


def _remove_previous_lists(out: Path, keep: set[str]) -> None:
    """Delete list files an earlier run wrote here (named in its truth.csv), so that the
    folder never holds lists its truth.csv does not describe."""
    truth = out / "truth.csv"
    if not truth.exists():
        return
    try:
        previous = set(pd.read_csv(truth, usecols=["file"])["file"].astype(str))
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return
    for name in previous - keep:
        if Path(name).name == name and name.endswith(".csv"):
            (out / name).unlink(missing_ok=True)


def write_lists(out_dir: str | Path, settings: SynthSettings = SynthSettings()) -> SynthLists:
    """Generate lists and write `<list>.csv` files, `truth.csv` and `population.csv`.

    truth.csv has one row per list row: file, row (1-based data row), person_id.
    population.csv has every synthetic person, listed or not, with true attributes
    and the number of lists that record them (for estimation benchmarks).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = make_lists(settings)
    _remove_previous_lists(out, {f"{name}.csv" for name in result.lists})
    for name, frame in result.lists.items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8")
        result.files.append(path)
    result.truth.to_csv(out / "truth.csv", index=False)
    result.population.to_csv(out / "population.csv", index=False)
    result.files += [out / "truth.csv", out / "population.csv"]
    (out / "synth.json").write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    if result.families is not None:
        families = out / "families.json"
        families.write_text(json.dumps(result.families, indent=2), encoding="utf-8")
        result.files.append(families)
    return result
