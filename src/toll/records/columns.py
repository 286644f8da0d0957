"""Recognising what each column of a list holds, from its header or from a mapping file.

The synonyms live in data/columns.yaml. A header is compared with them after folding (case,
diacritics, punctuation, extra spaces and bracketed remarks ignored), then with its words in any
order, then without little words ("Name of victim" = "victim name"... = "name of the victim"),
then with abbreviated words spelled out ("Дата рожд." = "дата рождения"), then allowing a typo
in a long header. A mapping file overrides all of that.
"""

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

from toll.model.record import JOINED_FIELDS, PERSON_FIELDS
from toll.records.text import folded_words, load_data

# Fields a column can fill; "civilian_flag"/"combatant_flag" are yes/no columns of civilian status.
FIELDS = ("row_key", *PERSON_FIELDS, *(name for name in JOINED_FIELDS if name not in PERSON_FIELDS))
FLAG_FIELDS = {"civilian_flag": "civilian", "combatant_flag": "combatant"}
_AMBIGUOUS = "?"
_CAMEL = re.compile(r"(?<=[a-zа-яё])(?=[A-ZА-ЯЁ])")
_PARTS = re.compile(r"\s*[/|\n]\s*")  # "Фамилия / Soyadı": one header in two languages
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_LITTLE_WORDS = frozenset({"the", "of", "a", "an"})
_ABBREVIATED = re.compile(r"[^\W\d_]+\.?")


@dataclass
class ColumnPlan:
    """What each header of a file means: header -> field (None when not recognised)."""

    fields: dict[str, str | None]
    # civilian-status columns holding yes/no: header -> what "yes" means (civilian/combatant)
    flags: dict[str, str] = field(default_factory=dict)

    def columns_of(self, wanted: str) -> list[str]:
        """Headers of the columns filling field `wanted`, in file order."""
        return [h for h, f in self.fields.items() if f == wanted]


def header_key(header: str) -> str:
    """The folded header used for comparison: "Дата рождения (дд.мм)" -> "дата рождения",
    "dateOfBirth" -> "date of birth"."""
    header = _CAMEL.sub(" ", header)
    without_brackets = folded_words(_BRACKETS.sub(" ", header))
    return without_brackets or folded_words(header)


@cache
def _rules() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Synonym lookups: exact folded key, key without spaces, and key with sorted words."""
    data = load_data("columns.yaml")
    exact: dict[str, str] = {}
    for name, synonyms in data["fields"].items():
        for synonym in synonyms:
            # Symbol-only headers ("#") fold to nothing and are looked up as written.
            exact.setdefault(header_key(str(synonym)) or str(synonym).strip(), name)
    for polarity, synonyms in data["civilian_flags"].items():
        for synonym in synonyms:
            exact[header_key(str(synonym))] = f"{polarity}_flag"
    for synonym in data["ambiguous"]:
        exact[header_key(str(synonym))] = _AMBIGUOUS
    compact = {key.replace(" ", ""): value for key, value in exact.items()}
    sorted_words = {" ".join(sorted(key.split())): value for key, value in exact.items()}
    for key, value in exact.items():
        sorted_words.setdefault(_without_little_words(key), value)
    return exact, compact, sorted_words


def _without_little_words(key: str) -> str:
    """The words of a folded header without "the", "of", "a", sorted."""
    return " ".join(sorted(word for word in key.split() if word not in _LITTLE_WORDS))


# The columns of `toll export records` that say what Toll read a value as (birth_date_earliest,
# sex_raw): importing the export again reads the value's own column, not these.
TOLL_READING = re.compile(r"[a-z_]+_(raw|earliest|latest|low|high)")


def recognise(header: str) -> str | None:
    """The field a header names, "civilian_flag"/"combatant_flag", "?" for "Name", or None."""
    if TOLL_READING.fullmatch(header.strip()):
        return None  # what Toll read a value as, in its own export: the value's column says it
    exact, compact, sorted_words = _rules()
    key = header_key(header)
    if not key:
        return exact.get(header.strip()) if header.strip() else None
    for table, probe in (
        (exact, key),
        (exact, folded_words(header)),
        (compact, key.replace(" ", "")),
        (sorted_words, " ".join(sorted(key.split()))),
        (sorted_words, _without_little_words(key)),
    ):
        if probe in table:
            return table[probe]
    if len(key) >= 6:
        found = process.extractOne(key, list(exact), scorer=fuzz.ratio, score_cutoff=90)
        if found:
            return exact[found[0]]
    return _by_parts(header) or _by_abbreviation(header, exact) or _by_leading_words(key, exact)


def _by_abbreviation(header: str, exact: dict[str, str]) -> str | None:
    """A header with abbreviated words: "Дата рожд.", "Год рожд.", "Place of res.".

    A word written with a full stop stands for any word it starts (3 letters at least);
    the header counts when all the known headers it can stand for name one field.
    """
    tokens = _ABBREVIATED.findall(_BRACKETS.sub(" ", header))
    if not any(token.endswith(".") for token in tokens):
        return None
    words = [(folded_words(token.rstrip(".")), token.endswith(".")) for token in tokens]
    if not all(word and " " not in word for word, _ in words):
        return None
    found = set()
    for known, value in exact.items():
        parts = known.split()
        if len(parts) == len(words) and all(
            part == word or (short and len(word) >= 3 and part.startswith(word))
            for part, (word, short) in zip(parts, words, strict=True)
        ):
            found.add(value)
    found.discard(_AMBIGUOUS)
    return found.pop() if len(found) == 1 else None


def _by_parts(header: str) -> str | None:
    """A header in two languages, or naming two events: "Name / Имя", "Дата гибели/исчезновения".

    Each part is recognised on its own; the header counts when the parts agree.
    """
    parts = [p for p in _PARTS.split(header) if p.strip()]
    if len(parts) < 2:
        return None
    fields = {recognise(p) for p in parts} - {None}
    if len(fields) > 1:
        fields.discard(_AMBIGUOUS)
    return fields.pop() if len(fields) == 1 else None


def _by_leading_words(key: str, exact: dict[str, str]) -> str | None:
    """A header that starts with a known header: "Фамилия на русском", "Surname in Latin".

    Only specific leads count: several words, or one word of 6+ letters, so that "Date of
    report" or "Place of burial" are not taken for the event date or place; and a header
    ending in a word for a number is a number, not the field ("Person ID", "Victim No").
    """
    tokens = key.split()
    if tokens[-1] in _number_words():
        return None
    for length in range(len(tokens) - 1, 0, -1):
        lead = " ".join(tokens[:length])
        value = exact.get(lead)
        specific = length > 1 or len(lead) >= 6
        if value and specific and value not in (_AMBIGUOUS, "row_key"):
            return value
    return None


@cache
def _number_words() -> frozenset[str]:
    """One-word headers of a row's number ("id", "no", "номер"), folded."""
    synonyms = (header_key(str(s)) for s in load_data("columns.yaml")["fields"]["row_key"])
    return frozenset(key for key in synonyms if key and " " not in key)


@cache
def _region_headers() -> frozenset[str]:
    return frozenset(
        header_key(str(header)) for header in load_data("columns.yaml")["place_regions"]
    )


def is_region_header(header: str) -> bool:
    """True for a place column naming a region or district: "Region", "Область", "Rayon"."""
    return header_key(header) in _region_headers()


def name_order(header: str) -> str | None:
    """ "family_first" or "given_first" when a full-name header says the order, else None.

    "Фамилия Имя Отчество", "Soyadı, adı", "ФИО" -> family_first; "Ad, soyad", "First name
    Last name" -> given_first; "Full name", "Victim" -> None.
    """
    words = load_data("columns.yaml")["name_order"]
    key = header_key(header)
    if key in {header_key(str(word)) for word in words["family_first"]}:
        return "family_first"
    phrases = sorted(
        (
            (header_key(str(word)).split(), part)
            for part in ("family", "given")
            for word in words[part]
        ),
        key=lambda item: -len(item[0]),
    )
    tokens, used, first = key.split(), set(), {}
    for phrase, part in phrases:  # longest first: "family name" before "name"
        for i in range(len(tokens) - len(phrase) + 1):
            span = set(range(i, i + len(phrase)))
            if tokens[i : i + len(phrase)] == phrase and not span & used:
                used |= span
                first[part] = min(first.get(part, i), i)
    if len(first) < 2:
        return None
    return "family_first" if first["family"] < first["given"] else "given_first"


def plan_columns(headers: list[str], overrides: dict[str, str | None] | None = None) -> ColumnPlan:
    """Decide the field of every header; `overrides` (from a mapping file) win."""
    overrides = overrides or {}
    found = {h: overrides[h] if h in overrides else recognise(h) for h in headers}
    has_family = "family_name" in found.values()
    plan = ColumnPlan(fields={})
    for header, name in found.items():
        if name == _AMBIGUOUS:
            name = "given_name" if has_family else "full_name"
        if name in FLAG_FIELDS:
            plan.flags[header] = FLAG_FIELDS[name]
            name = "civilian_status"
        plan.fields[header] = name
    return plan
