"""Characterisations and acts of recognition in a text (English and Russian). Pure: no store.

A characterisation is a word a source uses for an event ("massacre", "genocide", "war
crime"); an act of recognition is a body's resolution, judgment, declaration or law about it;
a count of recognitions is a claimed number of them ("legislative bodies in 17 countries have
passed resolutions"). Each is found with the exact words that state it, and is attributed to
the text's speaker: Toll records that a source said so, never that it is so.
"""

import re
from dataclasses import asdict, dataclass

from toll.claims.language import load_language
from toll.claims.sentences import Sentences

# Canonical term -> the words for it (lower case; a trailing * allows any ending).
TERMS = {
    "en": {
        "genocide": ["genocide"],
        "massacre": ["massacre*", "slaughter"],
        "war crime": ["war crime*"],
        "crime against humanity": ["crime* against humanity"],
        "ethnic cleansing": ["ethnic cleansing"],
        "tragedy": ["tragedy", "tragedies"],
        "act of terrorism": ["act* of terror*", "terrorist attack*"],
    },
    "ru": {
        "genocide": ["геноцид*"],
        "massacre": ["резн*", "бойн*", "массов* убийств*"],
        "war crime": ["военн* преступлени*"],
        "crime against humanity": ["преступлени* против человечности"],
        "ethnic cleansing": ["этническ* чистк*"],
        "tragedy": ["трагеди*"],
        "act of terrorism": ["теракт*", "террористическ* акт*"],
    },
}
ACTS = {
    "en": {
        "resolution": ["resolution*", "motion*"],
        "judgment": ["judgment*", "judgement*", "ruling*", "verdict*"],
        "declaration": ["declaration*", "statement*"],
        "law": ["law*", "act*", "decree*"],
    },
    "ru": {
        "resolution": ["резолюци*", "постановлени*"],
        "judgment": ["приговор*", "решени* суда", "решени*"],
        "declaration": ["декларац*", "заявлени*"],
        "law": ["закон*", "указ*"],
    },
}
RECOGNISING = {
    "en": r"recogni[sz]\w*|passed|adopted|declared|condemn\w*|ruled|found|qualif\w*|called",
    "ru": r"призна\w*|приня\w*|осуди\w*|квалифицирова\w*|объяви\w*|назва\w*",
}
# The bodies that pass acts, and the plural words of a count ("parliaments of 17 countries").
BODIES = {
    "en": r"(?:national\s+)?(?:parliament|assembly|senate|congress|chamber|court|tribunal|"
    r"council|legislature|majlis|knesset|duma|rada|house\s+of\s+\w+)",
    "ru": r"(?:парламент\w*|собрани\w*|сенат\w*|конгресс\w*|палат\w*|суд\w*|трибунал\w*|"
    r"совет\w*|дум\w*|рад\w*|меджлис\w*|милли\s+меджлис\w*)",
}
COUNTED = {
    "en": r"(?:legislative\s+bodies|legislatures|parliaments|national\s+assemblies|countries|"
    r"states|governments)(?:\s+(?:in|of))?\s+(?P<n>\d+|[a-z-]+)\s+(?:countries|states)"
    r"|(?P<m>\d+|[a-z-]+)\s+(?:countries|states|parliaments|legislatures)\s+(?:have\s+)?"
    r"(?:officially\s+)?(?:recogni[sz]ed|passed|adopted)",
    "ru": r"(?:парламент\w*|законодательн\w+\s+орган\w*|государств\w*)\s+(?P<n>\d+|[а-яё]+)\s+"
    r"(?:стран\w*|государств\w*)|(?P<m>\d+|[а-яё]+)\s+(?:стран\w*|государств\w*)\s+"
    r"(?:официально\s+)?(?:признал\w*|приняли)",
}
DATE = re.compile(
    r"\b(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
    r"ноября|декабря)\s+(?:\d{1,2},\s+)?\d{4}|\b\d{1,2}\.\d{1,2}\.\d{4}\b|\b(?:19|20)\d\d\b"
)
DOCUMENT = re.compile(r"(?i)(?:\bNo\.|№|\bnumber)\s*[\w/-]*\d[\w/-]*|\b\d+/\d+\b")
# Where a body sits: "of Pakistan", "of the Czech Republic"; in Russian the genitive follows.
NAME = r"(?-i:[A-ZА-ЯЁ][\w-]*(?:\s+(?:of\s+)?[A-ZА-ЯЁ][\w-]*)*)"
WHERE = {"en": rf"\s+of\s+(?:the\s+)?(?P<where>{NAME})", "ru": rf"\s+(?P<where>{NAME})"}


@dataclass
class Characterisation:
    """One characterisation, act of recognition or count of acts, with the words stating it."""

    kind: str  # characterisation, recognition, recognition_count
    text: str  # the words, exactly text[start:end]
    start: int
    end: int
    term: str | None = None
    body: str | None = None
    jurisdiction: str | None = None
    act: str | None = None
    date_text: str | None = None
    document: str | None = None
    count: int | None = None
    speaker: str | None = None
    sentence: str | None = None  # the whole sentence, for the reader and for incident hints

    def to_dict(self) -> dict:
        return asdict(self)


def _alternation(words: list[str]) -> str:
    parts = [re.escape(w).replace(r"\*", r"\w*").replace(r"\ ", r"\s+") for w in words]
    return "|".join(sorted(parts, key=len, reverse=True))


def _pattern(table: dict[str, list[str]]) -> re.Pattern:
    groups = "|".join(f"(?P<g{i}>{_alternation(words)})" for i, words in enumerate(table.values()))
    return re.compile(rf"(?<![\w-])(?:{groups})(?![\w-])", re.IGNORECASE)


def find_characterisations(
    text: str, language: str = "en", default_speaker: str | None = None
) -> list[Characterisation]:
    """Every characterisation, act of recognition and count of acts in the text, in order."""
    lang = "ru" if language == "ru" else "en"
    sentences = Sentences(text)
    found: list[Characterisation] = []
    for index in range(len(sentences.starts)):
        start, end = sentences.span(index)
        sentence = text[start:end]
        found += _in_sentence(sentence, start, lang, default_speaker)
    return found


def _in_sentence(sentence: str, offset: int, lang: str, speaker) -> list[Characterisation]:
    found = []
    counted = re.search(COUNTED[lang], sentence, re.IGNORECASE)
    acts = _pattern(ACTS[lang])
    act = acts.search(sentence)
    recognising = re.search(rf"(?<!\w)(?:{RECOGNISING[lang]})", sentence, re.IGNORECASE)
    terms = list(_pattern(TERMS[lang]).finditer(sentence))
    term = _canonical(TERMS[lang], terms[0]) if terms else None
    common = dict(
        speaker=speaker, sentence=sentence.strip(), term=term, date_text=_first(DATE, sentence)
    )
    if counted and (act or recognising):
        number = counted.group("n") or counted.group("m")
        value = load_language(lang).numbers.value_of(number)
        if value:
            found.append(
                Characterisation(
                    "recognition_count",
                    counted.group(0),
                    offset + counted.start(),
                    offset + counted.end(),
                    count=value,
                    act=_canonical(ACTS[lang], act) if act else None,
                    **common,
                )
            )
    elif act and recognising:
        body = re.search(rf"(?:the\s+)?{BODIES[lang]}(?:{WHERE[lang]})?", sentence, re.IGNORECASE)
        if body:
            found.append(
                Characterisation(
                    "recognition",
                    sentence.strip(),
                    offset + _lstrip(sentence),
                    offset + _lstrip(sentence) + len(sentence.strip()),
                    body=body.group(0).strip(),
                    jurisdiction=body.group("where"),
                    act=_canonical(ACTS[lang], act),
                    document=_first(DOCUMENT, sentence),
                    **common,
                )
            )
    for match in terms:
        found.append(
            Characterisation(
                "characterisation",
                match.group(0),
                offset + match.start(),
                offset + match.end(),
                **{**common, "term": _canonical(TERMS[lang], match)},
            )
        )
    return found


def _canonical(table: dict[str, list[str]], match: re.Match) -> str:
    names = list(table)
    return next(names[i] for i in range(len(names)) if match.group(f"g{i}"))


def _first(pattern: re.Pattern, text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


def _lstrip(text: str) -> int:
    return len(text) - len(text.lstrip())
