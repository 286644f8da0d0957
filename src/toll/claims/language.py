"""The data of one language (number grammar, taxonomy, non-figures), compiled into patterns.

Each language is a folder `data/<code>/` of YAML files; `load_language(code)` reads it once
and keeps the compiled regular expressions for every later call.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from toll.claims.firstchar import by_first_char, first_char_guard
from toll.claims.numbers import NumberGrammar, words_alternatives
from toll.errors import TollError

DATA = Path(__file__).parent / "data"
FLAGS = re.IGNORECASE
WORD_END = r"(?![\w-])"
WORD_START = r"(?<![\w-])"

# "seven of them were children", «семеро из них были детьми»
COPULAS = "were|are|was|being|были|был|была|оказались|оказался|оказалась"


@dataclass(frozen=True)
class Noun:
    """What a counted noun says: its kind, subject, subgroup and any category it implies."""

    kind: str
    subject: str
    subgroup: str | None = None
    category: str | None = None
    weak: bool = False
    outcome: bool = False  # the noun names what happened ("deaths"), not a status ("hostages")


@dataclass
class Category:
    name: str
    applies_to: tuple[str, ...]
    by_kind: dict[str, str]
    sides: dict[str, re.Pattern] = field(default_factory=dict)

    def for_kind(self, kind: str) -> str | None:
        """This category's name for a subject of `kind`, or None if it cannot describe it."""
        if kind not in self.applies_to:
            return None
        return self.by_kind.get(kind, self.name)


def alternation(phrases: list[str]) -> str:
    """Regex fragments (already patterns) joined longest first."""
    return "|".join(sorted(set(phrases), key=len, reverse=True))


def grouped_alternation(phrases: list[str]) -> str:
    """`alternation(phrases)`, the same matches, grouped by first character (faster to scan)."""
    return by_first_char(sorted(set(phrases), key=len, reverse=True))


def literal_words(words: list[str]) -> str:
    """`words_pattern` of the distinct words, grouped by first character (the same matches)."""
    return grouped_words(sorted(set(words)))


def grouped_words(words: list[str] | dict) -> str:
    """`words_pattern(words)`, the same matches, grouped by first character."""
    return by_first_char(words_alternatives(words))


class Language:
    """Compiled patterns and lookups for one language."""

    def __init__(self, code: str, data: dict[str, dict[str, Any]]):
        self.code = code
        self.numbers = NumberGrammar(data["numbers"], data["qualifiers"],
                                     literal_words(data["non_figures"]["months"]))
        self._taxonomy(data["taxonomy"])
        self._non_figures(data["non_figures"])
        self._grammar(data["grammar"])
        self._heads(data)

    # -- taxonomy ------------------------------------------------------------------------

    def _taxonomy(self, taxonomy: dict[str, Any]) -> None:
        self.categories: dict[str, Category] = {}
        self._categories_of: dict[tuple[str, str], tuple[Category, ...]] = {}
        self.frames: list[tuple[str, re.Pattern, re.Pattern]] = []
        left, right, adjacent = [], [], []
        for name, spec in taxonomy["categories"].items():
            for before, after in spec.get("frames", []):
                self.frames.append((name, re.compile(rf"{WORD_START}(?:{before})\s+\Z", FLAGS),
                                    re.compile(rf"\s+(?:{after}){WORD_END}", FLAGS)))
            both = spec.get("both", [])
            before, after = both + spec.get("before", []), both + spec.get("after", [])
            cat = Category(name, tuple(spec["applies_to"]), dict(spec.get("by_kind", {})))
            for side, phrases in (("before", before), ("after", after),
                                  ("adjacent", spec.get("adjacent", []))):
                if phrases:
                    cat.sides[side] = re.compile(rf"(?:{alternation(phrases)})\Z", FLAGS)
            self.categories[name] = cat
            left += before
            right += after
            adjacent += spec.get("adjacent", [])
        self.left_trigger = re.compile(rf"{WORD_START}(?:{grouped_alternation(left)}){WORD_END}",
                                       FLAGS)
        self.right_trigger_words = grouped_alternation(right)
        self.adjacent_words = adjacent

        self.nouns: dict[str, Noun] = {}
        subjects = taxonomy["subjects"]
        for kind in ("person", "family", "building"):
            for subject, nouns in (subjects.get(kind) or {}).items():
                for noun in nouns:
                    self.nouns.setdefault(noun.lower(), Noun(kind, subject))
        for subject, spec in subjects.get("person_with_category", {}).items():
            for noun in spec["nouns"]:
                self.nouns[noun.lower()] = Noun(
                    "person", subject, None, spec["category"], bool(spec.get("weak")),
                    bool(spec.get("outcome")))
        for subgroup, nouns in taxonomy["subgroups"].items():
            for noun in nouns:
                self.nouns[noun.lower()] = Noun("person", subgroup, subgroup)
        self.people_words = set(taxonomy.get("people_words", []))  # any number counts them
        one = taxonomy.get("one_person_words")  # a pattern, case kept
        self.one_person_pattern = one
        self.one_person_words = re.compile(rf"(?-i:{one})") if one else None
        self._bodies_found(taxonomy.get("bodies_found") or {})

    def _bodies_found(self, spec: dict[str, Any]) -> None:
        """Words saying the dead were found ("recovered", "exhumed", "in a mass grave")."""
        found = alternation(spec.get("found") or ["(?!)"])
        graves = alternation(spec.get("graves") or ["(?!)"])
        bodies_of = alternation(spec.get("before_number") or ["(?!)"])
        self.bodies_of = re.compile(rf"{WORD_START}(?:{bodies_of})\s*\Z", FLAGS)
        self.found_before = re.compile(
            rf"{WORD_START}(?:{found}){WORD_END}[^.;:,]{{0,40}}\Z", FLAGS)
        self.found_after = re.compile(
            r"(?:\s*,)?(?:\s+(?:were|was|have|has|had|been|being|later|also|reportedly|since|"
            r"so\s+far|now|all|then|subsequently|already|still|reported))*"
            rf"\s+(?:{found}){WORD_END}|(?:\s+[\w'’-]+){{0,4}}?\s+(?:{graves}){WORD_END}", FLAGS)

    def is_reference_or_date(self, before: str, dates: bool = True) -> bool:
        """True when the words just before a number make it a reference ("Article 8"),
        a date ("February 26"), an age ("aged 12") or money ("$5")."""
        stripped = before.rstrip()
        if len(before) - len(stripped) <= 1 and stripped.endswith(self.currency_signs):
            return True
        words = stripped.lower().split()[-4:]
        if not words:
            return False
        if dates and (words[-1].rstrip(".") in self.month_names or (
                words[-1] == "of" and len(words) > 1 and words[-2] in self.month_names)):
            return True
        return any(" ".join(words[-k:]) in self.references for k in range(1, len(words) + 1))

    def frame(self, text: str, qstart: int, end: int) -> "tuple[str, int] | None":
        """(category, where its words end) when the words just before a number (at `qstart`)
        and those after it (from `end`, past its noun) together say what happened: "cost 40
        miners their lives", "took 193 lives", "tortured six men to death"."""
        for name, before, after in self.frames:
            if before.search(text, max(0, qstart - 24), qstart):
                said = after.match(text, end)
                if said:
                    return name, said.end()
        return None

    def categories_of(self, phrase: str, side: str) -> list[Category]:
        """The categories a trigger phrase marks on one side (before, after, adjacent); each
        phrase is matched once per language (the same words recur in every text)."""
        key = (phrase, side)
        if key not in self._categories_of:
            self._categories_of[key] = tuple(
                c for c in self.categories.values()
                if side in c.sides and c.sides[side].fullmatch(phrase))
        return list(self._categories_of[key])

    # -- non-figures and grammar -------------------------------------------------------------

    def _non_figures(self, nf: dict[str, Any]) -> None:
        self.units = {u.lower() for u in nf["units"]}
        units = literal_words(nf["units"])
        self.unit_after = re.compile(rf"\s*(?:{units}){WORD_END}", FLAGS)
        self.references = {" ".join(r.lower().split()) for r in nf["references"]}
        self.currency_signs = tuple(sorted(nf["currency_before"], key=len, reverse=True))
        self.currency_after = re.compile(
            rf"\s+(?:{literal_words(nf['currency_after'])}){WORD_END}", FLAGS)
        self.month_names = {m.lower() for m in nf["months"]}
        months = literal_words(nf["months"])
        self.month_after = re.compile(rf"(?:\s+of)?\s+(?:{months})\b", FLAGS)
        self.months = months

    def _grammar(self, g: dict[str, Any]) -> None:
        breakers = [b if b.isalnum() else re.escape(b) for b in g["breakers"]]
        self.breaker = re.compile(
            rf"{WORD_START}(?:{grouped_alternation(breakers)}){WORD_END}|[;:]", FLAGS)
        self.stop_words = {w.lower() for w in g["fillers"] + g["breakers"] + g["bare_followers"]}
        self.modifier_stops = self.stop_words - {"other", "more", "others", "cases", "some"}
        followers = literal_words(g["bare_followers"])
        self.bare_follow = re.compile(
            rf"(?:\s*[,.;:!?)\]”»\"'’—–-]|\s*\Z|[ \t]*\n|\s+(?:{followers}){WORD_END})",
            FLAGS)
        joiners = alternation(g.get("list_joiners", ["and", "or"]))
        fillers = literal_words(g["adjacent_fillers"]) if g.get("adjacent_fillers") else "(?!)"
        # «повредил 27 домов и ещё 9 объектов»: "ещё" after the joiner keeps the shared verb
        self.list_gap = re.compile(
            rf"\s*(?:[,;/]\s*)?(?:(?:{joiners})\s+(?:(?:{fillers})\s+)?)?", FLAGS)
        markers = alternation(g["part_markers"])
        self.part_marker = re.compile(
            rf"(?:{markers})(?:\s+[^,.;:\d]{{1,30}}?\s+(?:and|,))?,?\s*\Z", FLAGS)
        self.sentence_part_marker = re.compile(
            rf"\s*[\"“‘']?(?:{alternation(g['sentence_part_markers'])}){WORD_END}", FLAGS)
        self.reporting = grouped_alternation(g["reporting_verbs"])
        # "ИТАР-ТАСС сообщает, что среди погибших …": what opens a reported clause
        self.reported_opening = re.compile(
            rf"[^.;:!?]{{0,120}}?{WORD_START}(?:{self.reporting}){WORD_END},?\s+(?:что|that)\s+",
            FLAGS)
        # after an article the word is an adjective: "a planned massacre of 150" happened
        self.cancel = re.compile(
            rf"{WORD_START}(?<!\ba )(?<!\ban )(?<!\bthe )"
            rf"(?:{alternation(g.get('cancel_before', []) or ['(?!)'])})"
            r"\s+(?:the\s+|a\s+|an\s+)?\Z", FLAGS)
        self.total = re.compile(rf"{WORD_START}(?:{alternation(g['total_phrases'])})\s+\Z", FLAGS)
        self.pronouns = alternation(g["speaker_pronouns"])
        self.adjacent = re.compile(  # "injured 209", "injured a further 209"
            rf"{WORD_START}(?P<adj>(?:{alternation(self.adjacent_words)})(?:\s*[:–—-])?)\s+"
            rf"(?:(?:{fillers})\s+)?\Z", FLAGS)
        sums = literal_words(g["sum_markers"]) if g.get("sum_markers") else "(?!)"
        self.sum_opening = re.compile(
            rf"[,;:—–]?\s*(?:(?:and|but|а|и|но)\s+)?(?:{sums}){WORD_END}", FLAGS)
        self.sum_after = re.compile(rf"\s*,?\s+(?:{sums}){WORD_END}", FLAGS)
        periods = alternation(g.get("period_markers") or ["(?!)"])
        self.period = re.compile(rf"{WORD_START}(?:{periods}){WORD_END}", FLAGS)
        harm_any = g.get("harm_any") or []
        self.harm_any = re.compile(literal_words(harm_any), FLAGS) if harm_any else None

    # -- counted nouns ---------------------------------------------------------------------

    def _heads(self, data: dict[str, dict[str, Any]]) -> None:
        nouns = grouped_words(list(self.nouns))
        people = "|".join(re.escape(w) for w in sorted(self.people_words, key=len, reverse=True))
        demonym = r"[A-Z][a-z]+(?:ians|ans|is|ese|ites|ers)"
        capitalised = f"{people}|{demonym}" if people else demonym
        if self.one_person_words is not None:
            capitalised = f"{capitalised}|{self.one_person_pattern}"
        head = rf"(?P<head>(?:{nouns})|(?-i:{capitalised})){WORD_END}"
        stop = grouped_words(sorted(self.modifier_stops | self.units))
        # Words of a noun phrase are separated by spaces, or by a line break before a
        # lower-case word (a wrapped line), never by a line break before a new line's label.
        sep = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*(?=(?-i:[a-z])))"
        mod = rf"(?:{sep}(?!(?:{stop}){WORD_END})(?!\d)[\w'’-]+)"
        n = self.numbers.single()
        age = (rf"(?P<age>\s+(?:aged|under|over|below|above|younger than|older than)\s+"
               rf"(?:the\s+age\s+of\s+|between\s+)?{n}(?:\s*(?:-|–|to|and)\s*\d+)?"
               r"(?:\s+years?(?:\s+old|\s+of\s+age)?|\s+and\s+(?:over|above|under|older|younger))?)?")
        self.head = re.compile(rf"(?P<mods>{mod}{{0,3}}){sep}{head}{age}", FLAGS)
        self.head_of = re.compile(rf"\s+of(?:\s+the)?(?P<mods>{mod}{{0,3}})\s+{head}{age}", FLAGS)
        of_them = alternation(data["grammar"].get(
            "of_them", ["of (?:them|whom|those|these)"]))
        self.of_them = re.compile(
            rf"\s+(?:more\s+|others\s+)?(?:(?:{of_them})(?:(?:\s+(?:{COPULAS}))?"
            rf"(?P<mods>{mod}{{0,2}})\s+{head}{age})?|of\s+(?P<whose>the|these|those|all|his|her|their|its)"
            rf"(?P<mods2>{mod}{{0,2}})\s+(?P<head2>(?:{nouns})){WORD_END})", FLAGS)
        self.were_noun = re.compile(
            rf"\s+(?:{COPULAS})(?P<mods>{mod}{{0,2}})\s+{head}{age}", FLAGS)
        breakers = literal_words(data["grammar"]["breakers"])
        triggers = self.right_trigger_words
        joiners = alternation(["and", "or", *data["grammar"].get("list_joiners", [])])
        token = (rf"(?:\s+(?!(?:{breakers}){WORD_END})(?!(?:{joiners})\s+(?:{triggers}){WORD_END})"
                 r"(?!\d)[\w'’-]+)")
        # an aside between commas or dashes may stand before the harm words ("Sixteen people
        # — 12 children, four adults — are in hospital")
        self.right_trigger = re.compile(
            r"(?:\s*,(?:[^,.;:()]|(?<=\d)[,.](?=\d)){1,80},(?=\s)"
            r"|\s+[—–](?:[^—–.;:()]|(?<=\d)[,.](?=\d)){1,80}[—–](?=\s))?"
            r"(?:\s+(?:of|in|at|across|near|from|inside|on)\s+(?:the\s+)?"
            r"(?:\d+(?:[,.]\d+)*(?:st|nd|rd|th)?\s+)?"
            r"(?:(?!\d)[\w'’-]+\s+){0,2}?(?!\d)[\w'’-]+"
            r"(?=\s+(?:were|was|are|is|have|has|had|who|that)\b))?"
            r"(?:\s+(?:who|that|which)\s+[^,.;:\d]{1,50}?(?=\s+(?:were|was|are|is)\s))?"
            r"(?:\s*,(?=\s*(?:who|that|which|whom|were|was|are|is|have|has|had)\b))?"
            r"(?:\s+(?:who|that|which|whom))?"
            rf"{token}{{0,5}}?\s+(?P<trig>{triggers}){WORD_END}", FLAGS)
        self.list_trigger = re.compile(
            r"(?:\s*(?:,|\band\b|\bas well as\b)(?:\s+(?:an?|the|\d[\d,.]*))?"
            rf"(?:{token}){{1,4}}){{1,6}}\s*,?"
            rf"(?:\s+(?:were|was|have been|had been|are|is|got)(?:\s+\w+ly)?"
            r"(?:\s+(?:also\s+)?among\s+(?:the|those))?)?"  # "…, 2 Japanese were among the wounded"
            rf"\s+(?P<trig>{triggers}){WORD_END}", FLAGS)
        self.single_person = self._single_person(data["grammar"], mod, sep)
        reporting = data["grammar"]["reporting_verbs"]
        self.source_after = re.compile(
            r"(?:\s+(?:and|or)\s+(?:an?\s+|the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})?\s*,?\s+"
            rf"(?:{alternation(reporting)}){WORD_END}"
            r"(?=\s*[,.;:]|\s*\Z|\s+(?:that|on|in|at|to|by|after|when|last|this|yesterday|today|"
            r"earlier|later|late|during|via|through|from|it|they|he|she)\b)", FLAGS)

    @staticmethod
    def _single_person(g: dict[str, Any], mod: str, sep: str) -> "re.Pattern[str] | None":
        """One person named by a singular noun: "a (six-year-old) girl", «девочка»."""
        singles, openers = g.get("single_persons") or [], g.get("single_openers") or []
        if not singles:
            return None
        mods = rf"(?P<mods>(?:(?:{mod}|{sep}[\w-]+-(?:year|month|week|day)s?-old),?){{0,3}}?)"
        opener = (rf"{WORD_START}(?:{alternation(openers)}){mods}{sep}"
                  if openers else rf"{WORD_START}(?P<mods>)")
        person = rf"{opener}(?P<head>{grouped_alternation(singles)}){WORD_END}"
        # scanned over the whole text: guarded by its first characters (the same matches)
        return re.compile(first_char_guard(person, ignorecase=True) + person, FLAGS)

    def one_person(self, word: str) -> bool:
        """Whether a head noun counts one person only ("one Egyptian"): after another number
        it is an adjective ("2 Indian states")."""
        return (self.one_person_words is not None and word not in self.people_words
                and bool(self.one_person_words.fullmatch(word)))

    def noun(self, head: re.Match, suffix: str = "") -> Noun:
        """What a matched head noun counts, read as the longest known noun phrase it ends
        ("multi-story residential buildings"); unknown capitalised words count as people."""
        words = f"{head.group('mods' + suffix) or ''} {head.group('head' + suffix)}".lower().split()
        for i in range(len(words)):
            found = self.nouns.get(" ".join(words[i:]))
            if found:
                return self._outcome_of(words[:i], found) if found.outcome and i else found
        return Noun("person", head.group("head" + suffix))

    def _outcome_of(self, before: list[str], outcome: Noun) -> Noun:
        """ "31 children killed": the children are counted, the outcome gives the category."""
        for i in range(len(before)):
            who = self.nouns.get(" ".join(before[i:]))
            if who:
                if who.kind != outcome.kind or who.outcome or who.category:
                    return outcome
                return Noun(who.kind, who.subject, who.subgroup, outcome.category, who.weak, True)
        return outcome


def guess_language(text: str) -> str | None:
    """The language of a text from the script most of its letters are written in (its first
    20,000 characters), as an ISO 639-1 code, or None when the script does not tell."""
    letters = [char for char in text[:20000] if char.isalpha()]
    if not letters:
        return None

    def share(low: str, high: str) -> float:
        return sum(low <= char <= high for char in letters) / len(letters)

    if share("\u0400", "\u04ff") > 0.5:
        return "ru"
    if share("\u0530", "\u058f") > 0.5:
        return "hy"
    if share("\u0600", "\u06ff") > 0.5:
        return "ar"
    if share("\u10a0", "\u10ff") > 0.5:
        return "ka"
    if any(char in "əƏ" for char in letters):
        return "az"
    return "en" if share("a", "z") + share("A", "Z") > 0.8 else None


def extraction_languages() -> list[str]:
    """The languages Toll has extraction rules for ("en", "ru", ...)."""
    return sorted(path.name for path in DATA.iterdir() if path.is_dir())


def reading_language(code: str | None) -> str:
    """The rules a text in language `code` is read with: its own, else English."""
    return code if code in extraction_languages() else "en"


def detect_language(text: str) -> str:
    """The language extraction reads `text` in: the one its script shows, if Toll has rules
    for it, else English."""
    return reading_language(guess_language(text))


@cache
def load_language(code: str) -> Language:
    """The compiled data of language `code` ("en", ...); a TollError if there is none."""
    folder = DATA / code
    if not folder.is_dir():
        have = ", ".join(extraction_languages())
        raise TollError(f"no extraction data for language {code!r}; available: {have}")
    data = {}
    for name in ("numbers", "qualifiers", "taxonomy", "non_figures", "grammar"):
        path = folder / f"{name}.yaml"
        try:
            data[name] = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise TollError(f"{path}: cannot read language data ({error})") from None
    return Language(code, data)
