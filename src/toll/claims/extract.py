"""Find the harm figures in a text: `extract_figures(text)`.

How it works (details in docs/methods/extraction.md):
1. every number the language's grammar knows is found with one regular expression
   (digits, words, "3.4 million", ranges, vague amounts, with any qualifier before it);
2. numbers that are dates, years, references, money or measures are dropped;
3. the counted noun after the number is read ("613 people", "120 residential buildings");
4. the category comes from the words after the noun ("were killed"), else before the number
   in the same clause ("destroyed over 3,410 houses"), else from the noun itself ("hostages");
5. parts are linked to their whole ("613 people, including 106 women") — see nesting.py;
6. the incident and the speaker are read from the sentence and its paragraph.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from toll.claims import classifier
from toll.claims.attribution import Speakers
from toll.claims.classifier import CategoryModel, Context
from toll.claims.figure import Figure
from toll.claims.firstchar import guarded
from toll.claims.incident import Incidents
from toll.claims.language import Language, Noun, detect_language, load_language
from toll.claims.linking import LinkModel, load_link_model, relink
from toll.claims.nesting import (
    OPENING_WHOLE,
    extend_lists,
    link_parts,
    link_to_totals,
    mark_casualties,
)
from toll.claims.numbers import NumberMatch, Quantity
from toll.claims.sentences import Sentences

YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|of|until|till|by|from|during|before|after|year|early|late|mid|spring|"
    r"summer|autumn|fall|winter|the|between|and|to|through|circa|c\.)\s+|[-–/])\Z",
    re.IGNORECASE)
AGE_COMPARISON = {"under", "over", "above", "below"}
SHARE_OF = (r"(?:per\s?cent|%|half|third|quarter|fifth|majority|most|some|many|none)\s+of\s+"
            r"(?:the|its|their|these|those)\s+\Z")
RATIO = (r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
         r"(?:in|out\s+of)\s+(?:every\s+)?\Z")
# searched in the words before every number, both at once: guarded by their first characters
# (the same matches, most positions passed over at one test)
SHARE_OR_RATIO = guarded(f"{SHARE_OF}|{RATIO}", re.IGNORECASE)
ABOVE = re.compile(r"exceed|surpass|pass|top|past|above|beyond|over", re.IGNORECASE)
# A bare number right after "the killing of", "the disappearance of".
OF_HARM = re.compile(r"\b(?:of|to)\s+\Z", re.IGNORECASE)
# "48 cases of enforced disappearance", «1200 случаев гибели»: the harm follows "cases of".
CASES_OF = re.compile(r"\s+(?:(?:new|further|more|additional|documented|verified|reported)\s+)?"
                      r"(?:cases|instances|incidents)\s+of\b"
                      r"|\s+случа(?:ев|я|й)\s+(?:гибели|ранени[яй])\b", re.IGNORECASE)
# "40 of its 120 houses": the figure is 40; 120 is what it is counted out of.
OF_TOTAL = re.compile(r"\s+of\s+(?:its|their|all)\s+\d[\d,.]*(?=\s)", re.IGNORECASE)
# "41 of the 97 people killed": 41 is a part of the figure that follows.
OF_THE_TOTAL = re.compile(r"\s+of\s+(?:the|these|those)\s+\d[\d,.]*(?=\s)", re.IGNORECASE)
JOINERS = {"and", "or", "и", "или", "а", "but", "но"}
THE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|any)\s+\Z", re.IGNORECASE)
AUXILIARY = re.compile(r"\b(?:were|was|are|is|have|has|had|been)\b", re.IGNORECASE)
OF_THE = re.compile(r"\s+of\s+(?:the|these|those)\s+(?=\d)", re.IGNORECASE)
# The items listed after a figure: "…, 106 women and 83 children", "and two police officers".
LISTED = r"(?:(?:\s*,|\s+and)\s+(?:\d[\d,.]*|[a-z]+(?:-[a-z]+)?)(?:\s+[\w'’-]+){1,3}?)*"
# "24 women were among those executed"; "two guards and two police officers are among the
# dead": each item of the list is a part of the dead, not of the item before it.
# a capitalised word after the number too, when the list runs on to "among" ("Twelve Swiss, ...")
LISTED_WORD = rf"(?-i:[a-z]|[A-Z](?=[a-z]+{LISTED}\s+(?:were|are)\s+among))"
AMONG = re.compile(rf"(?:\s+{LISTED_WORD}[\w'’-]*)?{LISTED}"
                   r"\s+(?:were|are|was|is)\s+(?:also\s+)?among\s+(?:them|those|these|the)\b",
                   re.IGNORECASE)
# "228 civilians were killed on one side and 162 in South Ossetia": 162 is a sibling of 228.
ELLIPSIS_GAP = re.compile(r"(?:,|\band|\bwhile|\bwith|\bwhereas|\b(?:up|down)\s+from|\bagainst"
                          r"|\bcompared\s+(?:with|to)|\bversus|\bvs\.?)\s*"
                          r"(?:(?:ещё|еще|another)\s+)?\Z", re.IGNORECASE)  # «…, ещё 5 — позднее»
ELLIPSIS_AFTER = re.compile(r"\s+(?:in|on|at|near|from|inside)\s+(?:the\s+)?(?-i:[A-Z])"
                            r"|\s+(?:in|during)\s+(?:19|20)\d\d\b"  # "..., up from 584 in 2021"
                            r"|\s+more\s+(?:in|on|at|near|from|inside|under|during)\b"
                            r"|\s+(?:partially|partly|completely|fully|totally|seriously|severely|"
                            r"lightly|slightly|critically|moderately)\b",
                            re.IGNORECASE)
SUBGROUP_VERB = re.compile(r"([\w-]+)\s+(?:accounted\s+for|made\s+up|make\s+up|comprised|"
                           r"constituted|represented|numbered|were|are)\s+\Z", re.IGNORECASE)
TRAILING_AMONG = re.compile(rf"{LISTED}\s+among\s+(?:them|whom|those|these)\b", re.IGNORECASE)
DIGIT = re.compile(r"\d")
ASIDE = re.compile(r"[,—–]")  # "16 people — 12 children, four adults — are": its parts inside
ALL_BUT = re.compile(r"\ball\s+(?:but|except)\s+\Z", re.IGNORECASE)
# "the fate of 35 residents taken from the town remains unknown": the frame decides, not "taken";
# "clarified the fate of 16,000" is then no figure, as the words before say.
FATE_OF = re.compile(r"\b(?:the\s+)?(?:fate|whereabouts)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
JOINED = re.compile(r"\s(?:and|и)\s+[^\W\d]+\s", re.IGNORECASE)  # "and left", not "and 27"
NEW_PHRASE = re.compile(r"\b(?:and|or)\s+(?:the|a|an|its|their|his|her)\s", re.IGNORECASE)
CONFIDENCE = {"after": 0.9, "before": 0.85, "adjacent": 0.85, "noun": 0.8, "parent": 0.85,
              "sibling": 0.7, "list": 0.75, "model": 0.65}


@dataclass
class Found:
    """A figure while it is being worked out (positions, evidence, links)."""

    qstart: int
    nstart: int
    end: int
    quantity: Quantity
    noun: Noun | None
    sentence: int
    category: str | None = None
    source: str | None = None  # which words gave the category: after, before, noun, ...
    subgroup: str | None = None
    of_them: bool = False
    part_of: int | None = None
    bare: bool = False
    of_next: bool = False  # a part of the figure right after it ("41 of the 97 killed")
    noun_is_whole: bool = False  # its noun names its whole ("four of the wounded died")
    among: str = ""  # the words after "were among" (which whole it belongs to)
    trigger_at: int = -1  # where the words that gave the category start
    reach: int = 0  # how far its words go (a number before this belongs to them)
    said_end: int = 0  # where the words after it that gave its category end
    nend: int = 0  # where the number itself ends
    of_them_after: bool = False  # "of them", «из них» right after the number ("three of them")
    single: bool = False  # one person named by a singular noun ("a woman")
    frame_end: int = 0  # where the words around it that gave its category end ("to death")
    died: bool = False  # the injured it counts died later (killed once parts are linked)
    harm_any: bool = False  # its words say harm of any kind («пострадали»): dead parts too

    @property
    def kind(self) -> str:
        return self.noun.kind if self.noun else "person"


def extract_figures(text: str, *, language: str | None = "en",
                    default_speaker: str | None = None,
                    learned: "bool | CategoryModel | None" = None,
                    links: "bool | LinkModel | None" = None) -> list[Figure]:
    """The harm figures stated in `text`, in order, with parts linked to their whole.

    `language` picks the data files (number grammar, taxonomy): a code ("en", "ru"), or None
    or "auto" for the language of the text's script; `default_speaker` is whom a figure is
    attributed to when the text does not say (usually the source's author). `learned` lets the
    category model (classifier.py) add, change or drop categories where it is confident
    (None: `classifier.ON_BY_DEFAULT`; or a model to use); `links` lets the link model
    (linking.py) decide which figure each is a part of (None: as `learned`, when a link model
    is shipped; or a model to use).
    """
    if language in (None, "auto"):
        language = detect_language(text)
    lang = load_language(language)
    sentences = Sentences(text)
    kept = linking_inputs(text, lang, sentences, learned)
    link_model = _link_model(links, learned)
    if link_model is not None:
        relink(text, kept, sentences, lang.code, link_model)
    link_to_totals(kept, text, lang, sentences)
    extend_lists(kept, text, lang)
    mark_casualties(kept)
    promote_died(kept)
    share_bounds(kept, text)
    incidents = Incidents(text, sentences, lang)
    speakers = Speakers(text, sentences, lang, default_speaker)
    return [_figure(text, f, kept, incidents, speakers) for f in kept]


def linking_inputs(text: str, lang: Language, sentences: Sentences,
                   learned: "bool | CategoryModel | None" = None) -> list[Found]:
    """The figures with their categories and the rules' links, before the link model: what
    it decides on (and is trained on, toll.claims.training.train_links)."""
    model = _model(learned)
    found, others = _read_numbers(text, lang, sentences, keep_others=model is not None)
    if model is not None:
        found = _decide(text, found, others, lang, sentences, model)
    link_parts(found, text, lang, sentences)
    mark_casualties(found)
    return _keep_categorised(found)


def _link_model(links: "bool | LinkModel | None",
                learned: "bool | CategoryModel | None") -> LinkModel | None:
    if isinstance(links, LinkModel):
        return links
    if links is None:
        links = learned is not False and classifier.ON_BY_DEFAULT
    return load_link_model() if links else None


def _model(learned: "bool | CategoryModel | None") -> CategoryModel | None:
    if isinstance(learned, CategoryModel):
        return learned
    if learned is None:
        learned = classifier.ON_BY_DEFAULT
    return classifier.load_model() if learned else None


def _read_numbers(text: str, lang: Language, sentences: Sentences,
                  keep_others: bool = False) -> tuple[list[Found], list[Found]]:
    """The numbers the rules read as figures (with or without a category) and, with
    `keep_others`, the counts the rules left out for want of harm words (for the model)."""
    found: list[Found] = []
    others: list[Found] = []
    for m in _numbers_and_persons(text, lang):
        at = m.start() if isinstance(m, re.Match) else m.start
        if found and at < max(found[-1].end, found[-1].reach):
            continue  # inside the previous figure's words ("40 of its 120 houses")
        previous = next((f for f in reversed(found) if not f.single), None)
        if isinstance(m, re.Match):
            if (f := _single_person(text, m, lang, sentences, previous)) is not None:
                found.append(f)
            continue
        f = _candidate(text, m, lang, sentences, previous)
        if f is not None:
            f.nend = m.end
            found.append(f)
        elif keep_others and (other := _other(text, m, lang, sentences)) is not None:
            others.append(other)
    return found, others


def _numbers_and_persons(text: str, lang: Language) -> "list[NumberMatch | re.Match]":
    """The numbers in `text` and, between them, the single persons ("a woman", «девочка»),
    in text order."""
    numbers: list = list(lang.numbers.finditer(text))
    if lang.single_person is None:
        return numbers
    starts = [n.start for n in numbers]

    def after_a_number(p: re.Match) -> bool:
        i = bisect_left(starts, p.end()) - 1  # the last number starting before the person ends
        return i >= 0 and (p.start() < numbers[i].end
                           or NOUN_AFTER.fullmatch(text, numbers[i].end, p.start()) is not None)

    persons = [p for p in lang.single_person.finditer(text) if not after_a_number(p)]
    return sorted(numbers + persons, key=lambda m: m.start if isinstance(m, NumberMatch)
                  else m.start())


# The harm words after one person that need no auxiliary ("a woman died"); other verbs do
# ("a boy was shot"), since "a soldier shot ..." is the one who harmed.
INTRANSITIVE = re.compile(r"\b(?:died|dies|die|dead|perished|drowned|missing|disappeared)\b",
                          re.IGNORECASE)


# The rest of a list of bare numbers after its first: ", 76 и 78", ", 8 and 9".
LIST_OF_DIGITS = re.compile(r"(?:\s*,\s*\d{1,3}(?!\d))*\s*(?:,|\s(?:и|and|or|или))\s+"
                            r"\d{1,3}(?![\d,.])")
AGE_MOD = re.compile(r"\b([\w-]+?)-(?:year|month|week|day)s?-old\b")
# "один военный", "one more soldier": the number's own noun, not a second person.
NOUN_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+")
COPULA = re.compile(r"\b(?:is|was|are|were|be|been|as|это|был|была|стал|стала)\s+\Z", re.IGNORECASE)


def _single_person(text: str, m: re.Match, lang: Language, sentences: Sentences,
                   previous: Found | None) -> Found | None:
    """A figure of 1 for one person named by a singular noun, when harm words follow it
    ("a woman was killed", «девочка погибла») or come just before it ("killing a girl",
    «погиб мальчик»)."""
    start = m.start()
    if COPULA.search(text, max(0, start - 12), start):
        return None  # "the missing person is a five-year-old child": who, not how many
    f = Found(start, start, m.end(), Quantity(1, None, None, "exact"), None,
              sentences.index(start), nend=m.end(), single=True)
    phrase = f"{m.group('mods')} {m.group('head')}".lower().split()
    f.noun = next((lang.nouns[" ".join(phrase[i:])] for i in range(len(phrase))
                   if " ".join(phrase[i:]) in lang.nouns), Noun("person", m.group("head")))
    if f.noun.kind != "person" or lang.source_after.match(text, f.end):
        return None  # "a spokesman said": who speaks
    f.subgroup = f.noun.subgroup
    age = AGE_MOD.search(m.group("mods"))
    if age:  # "a 12-year-old protester": the age is no count, the person is
        f.qstart = f.nstart = m.start("head")
        years = lang.numbers.value_of(age.group(1))
        if f.subgroup is None and years is not None and years < 18:
            f.subgroup = "children"
    if previous is not None and previous.sentence != f.sentence:
        previous = None
    _categorise(text, f, lang, sentences, previous)
    if f.source == "after":
        right = lang.right_trigger.match(text, m.end())
        said = right.group(0) if right else ""
        if lang.code == "en" and not (AUXILIARY.search(said) or INTRANSITIVE.search(said)):
            return None
    elif f.source != "before" or f.trigger_at < 0 or start - f.trigger_at > 30:
        return None
    if f.category == "killed" and _bodies_found(text, f, lang, sentences):
        f.category = "bodies_found"
    return f


def _other(text: str, m: NumberMatch, lang: Language, sentences: Sentences) -> Found | None:
    """A count the rules did not take (no harm words): a candidate for the model, unless it is
    a date, reference, money, measure or year."""
    before = text[max(0, m.start - 40):m.start]
    if _not_a_count(text, m, before, lang, m.quantity) or _year_like(m, m.quantity):
        return None
    f = Found(m.start, m.num_start, m.end, m.quantity, None, sentences.index(m.start), nend=m.end)
    head = _head(text, m.end, lang, m.quantity)
    if head is not None:
        f.noun, f.end = lang.noun(head), head.end()
        f.subgroup = _subgroup(f.noun, head)
    else:
        f.bare = True
    return f


def model_contexts(text: str, language: str) -> list[tuple[int, int, Context]]:
    """(start, end, context) of every number the model decides on in `text`, in order: the
    training examples' inputs (toll.claims.training), read exactly as extraction reads them."""
    lang = load_language(language)
    sentences = Sentences(text)
    found, others = _read_numbers(text, lang, sentences, keep_others=True)
    both = sorted(found + others, key=lambda f: f.qstart)
    return [(f.qstart, f.end, c) for f, c in zip(both, _contexts(text, both, lang, sentences),
                                                  strict=True)]


def _contexts(text: str, both: list[Found], lang: Language,
              sentences: Sentences) -> list[Context]:
    """The model's inputs for numbers in text order, each knowing the category the rules gave
    the figure before it in the same paragraph."""
    contexts, previous, paragraph = [], None, -1
    for f in both:
        if sentences.paragraph(f.qstart) != paragraph:
            previous, paragraph = None, sentences.paragraph(f.qstart)
        context = _context(text, f, lang, sentences)
        context.previous = previous
        contexts.append(context)
        previous = f.category or previous
    return contexts


def _context(text: str, f: Found, lang: Language, sentences: Sentences) -> Context:
    noun = f.noun
    return Context(text, lang.code, f.qstart, f.nend or f.nstart, max(f.end, f.nend),
                   sentences.span(f.sentence), f.category, f.source,
                   noun.kind if noun else None, noun.category if noun else None,
                   f.quantity.qualifier, f.quantity.value, f.bare, f.of_them)


def _decide(text: str, found: list[Found], others: list[Found], lang: Language,
            sentences: Sentences, model: CategoryModel) -> list[Found]:
    """Let the model add a category the rules did not find, change one or drop a figure,
    each only above its probability threshold (classifier.ADD, CHANGE, DROP)."""
    added, other = [], {id(f) for f in others}
    both = sorted(found + others, key=lambda f: f.qstart)
    for f, context in zip(both, _contexts(text, both, lang, sentences), strict=True):
        best, p = model.best(classifier.features(context))
        category = classifier.decide(f.category, best, p)
        if category != f.category:
            if f.category is None and id(f) in other:
                added.append(f)
            f.category, f.source = category, "model"
    return sorted(found + added, key=lambda f: f.qstart) if added else found


def _candidate(text: str, m: NumberMatch, lang: Language, sentences: Sentences,
               previous: Found | None) -> Found | None:
    quantity = m.quantity
    qstart, end = m.start, m.end
    before = text[max(0, qstart - 40):qstart]
    if _not_a_count(text, m, before, lang, quantity):
        return None
    found = Found(qstart, m.num_start, end, quantity, None, sentences.index(qstart), nend=end)
    of_total = OF_TOTAL.match(text, end) or _of_the_total(text, end, lang)
    if (all_but := ALL_BUT.search(before)) is not None:
        # "all but six of the 40 passengers were killed": 34 were, six were not
        of_total = of_total or OF_THE_TOTAL.match(text, end)
        total = of_total and lang.numbers.value_of(of_total.group(0).split()[-1])
        if not total or quantity.value is None or quantity.value >= total:
            return None
        found.qstart = qstart - len(before) + all_but.start()
        found.quantity = Quantity(total - quantity.value, None, None, "exact")
    head = _head(text, of_total.end() if of_total else end, lang, quantity)
    if head is not None and quantity.value != 1 and lang.one_person(head.group("head")):
        head = None  # "2 Indian states": an adjective, not two persons
    if head is not None:
        found.noun = lang.noun(head)
        found.end = head.end()
        found.subgroup = _subgroup(found.noun, head)
        if (quantity.value is not None and 1800 <= quantity.value <= 2100
                and m.num.isdigit() and YEAR_CONTEXT.search(before)):
            return None
    elif (of := lang.of_them.match(text, end)) is not None:
        if lang.unit_after.match(text, of.end()):
            return None  # "in 31 of these cases"
        found.of_them = found.of_them_after = True
        if of.group("head"):
            found.noun = lang.noun(of)
            found.subgroup = _subgroup(found.noun, of)
        elif of.group("head2"):
            found.noun, found.noun_is_whole = lang.noun(of, "2"), True
            if of.group("whose").lower() in ("his", "her", "their", "its"):
                found.of_them = False  # "4 of his relatives": of a person, not of a figure
            found.subgroup = found.noun.subgroup
            were = lang.were_noun.match(text, of.end())
            if were and lang.noun(were).subgroup:  # "11 of the dead were women"
                found.subgroup = lang.noun(were).subgroup
        if found.subgroup is None:
            found.subgroup = _subgroup_before(before, lang)
        found.end = of.end()
    elif ((were := lang.were_noun.match(text, end)) and lang.noun(were).kind == "person"
          and lang.noun(were).category is None):
        found.noun = lang.noun(were)
        found.subgroup = _subgroup(found.noun, were)
        found.end = were.end()
        found.of_them = True
    elif OF_THE.match(text, end):
        if quantity.value == 1:
            return None  # "one of the 300 hostages" names a person, not a count
        found.of_next = True
        total = OF_THE_TOTAL.match(text, end)
        head = total and lang.head.match(text, total.end())
        said = head and lang.right_trigger.match(text, head.end())
        if said and AUXILIARY.search(said.group(0)):  # "14 of the 20 hostages ... were freed"
            found.category = _first_fitting(lang, said.group("trig"), "after", "person")
            found.source = "after" if found.category else None
        were = head and lang.were_noun.match(text, head.end())
        if were and lang.noun(were).subgroup:  # "103 of the 1,012 people killed were women"
            found.subgroup = lang.noun(were).subgroup
        return found
    else:
        found.bare = True
        if (lang.unit_after.match(text, end) and not CASES_OF.match(text, end)) \
                or _year_like(m, quantity):
            return None
    among = None if found.bare else AMONG.match(text, found.end)
    if not found.bare and not found.of_them and TRAILING_AMONG.match(text, found.end):
        found.of_them = True  # "613 civilians died, 106 women and 83 children among them"
    if among:
        found.of_them = True  # "24 women were among those executed"
        found.among = text[among.end():among.end() + 25].lower()
    if not found.bare and lang.source_after.match(text, found.end):
        return None  # "two aid workers said": who speaks, not who was harmed
    if previous is not None and previous.sentence != found.sentence:
        previous = None
    _categorise(text, found, lang, sentences, previous)
    if found.category == "killed" and _bodies_found(text, found, lang, sentences):
        found.category = "bodies_found"
    if found.bare and found.source not in ("after", "adjacent", "sibling", "before"):
        if not (lang.part_marker.search(before.rstrip())
                or _after_opening_whole(text, found, previous, sentences)):
            return None
        found.of_them = True  # "..., of which 1,100 civilians" / "из которых 1 100": a part
    return found


def _after_opening_whole(text: str, f: Found, previous: Found | None,
                         sentences: Sentences) -> bool:
    """ "Of the 4,496 people registered as missing, 3,890 are ... and 606 ...": a bare number
    after the clause that opens with its whole is a part of it, and so is the next in a list."""
    if previous is None:
        return False
    if previous.bare and previous.of_them:
        return bool(ELLIPSIS_GAP.search(text, previous.end, f.qstart))
    if "," not in text[previous.end:f.qstart]:
        return False
    start = sentences.span(f.sentence)[0]
    return bool(OPENING_WHOLE.fullmatch(text, start, previous.qstart))


def _of_the_total(text: str, end: int, lang: Language) -> re.Match | None:
    """ "Two of the 5 hospitals were hit": 5 is what the figure is counted out of (the verb
    after an auxiliary is about the two); in "41 of the 97 people killed" it is not."""
    of_the = OF_THE_TOTAL.match(text, end)
    if of_the is None:
        return None
    head = lang.head.match(text, of_the.end())
    said = head and lang.right_trigger.match(text, head.end())
    if said and AUXILIARY.search(text, head.end(), said.end()) and not lang.noun(head).category:
        return of_the  # not when the total is itself harm: "14 of the 20 hostages were freed"
    return None


# An age between commas after a person's name: "Anna Brandt, 43, and Mara Lind, 51"; not after
# a place ("Outside Gaza City, 14, among them …", «В Донецкой области, 11, …»).
AFTER_NAME = re.compile(r"(?-i:(?:[A-ZА-ЯЁ][a-zа-яё'’-]+\s+(?:[A-ZА-ЯЁ]\.\s+)?){1,3}"
                        r"[A-ZА-ЯЁ][a-zа-яё'’-]+)\s*,\s*\Z")
# A place's preposition, before the name or opening it ("Outside Gaza City, 14").
PLACE_WORD = re.compile(r"(?:in|at|from|near|across|outside|inside|around|throughout|of|to|into|"
                        r"towards?|в|во|на|из|под|у|около|возле|близ|по)", re.IGNORECASE)
AGE_END = re.compile(r"\s*(?:,|\)|\.(?!\d)|\s+(?:and|и)\s)")


def _age_after_name(text: str, m: NumberMatch, before: str) -> bool:
    """Whether a number between commas after a name is that person's age, not a count of the
    people at a place the name is."""
    if not m.num.isdigit() or int(m.num) > 120 or not AGE_END.match(text, m.end):
        return False
    name = AFTER_NAME.search(before)
    if name is None:
        return False
    words = [*before[:name.start()].split()[-1:], name.group(0).split()[0]]
    return not any(PLACE_WORD.fullmatch(word) for word in words)


def _not_a_count(text: str, m: NumberMatch, before: str, lang: Language, q: Quantity) -> bool:
    """True for dates, references, money, measures, ages and "no one"."""
    end = m.end
    if lang.is_reference_or_date(before, dates=not m.qual):
        return True  # "since January more than 1,300" is no date
    if lang.currency_after.match(text, end) or _month_or_unit_after(text, end, lang):
        return True
    if m.num.isdigit() and len(m.num) <= 3 and (tail := LIST_OF_DIGITS.match(text, end)) \
            and _month_or_unit_after(text, tail.end(), lang):
        return True  # «33, 76 и 78 лет», "7, 8 and 9 April": the whole list is ages or dates
    if SHARE_OR_RATIO.search(before):
        return True  # "one in three", "40 percent of the 12,000 buildings"
    num = m.num.lower()
    if _fraction(num, lang):
        return True  # "at 1.40 in the afternoon": a time or a measure, no one counted
    if num == "one" and re.search(r"\b(?:no|any|every|some|the)\s+\Z", before, re.IGNORECASE):
        return True
    if _age_after_name(text, m, before):
        return True  # "Anna Brandt, 43, and …": an age after a name
    qual = (m.qual or "").lower()
    if qual in AGE_COMPARISON:
        word = re.search(r"([\w-]+)\s*\Z", before)
        noun = lang.nouns.get(word.group(1).lower()) if word else None
        if noun is not None and noun.kind == "person" and noun.category is None:
            return True
    return False


def _month_or_unit_after(text: str, end: int, lang: Language) -> bool:
    """Whether a month ("12 June") or a unit that is no person ("40 km", "80 лет") follows a
    number ending at `end`; "48 cases of enforced disappearance" is still a count."""
    return bool(lang.month_after.match(text, end)) or (
        bool(lang.unit_after.match(text, end)) and not lang.head.match(text, end)
        and not CASES_OF.match(text, end))


def _fraction(num: str, lang: Language) -> bool:
    """Digits with a decimal part and no scale ("1.40", "2,5"): people are counted whole
    ("1.2 million" and "3.4m" carry a scale)."""
    return _fraction_pattern(lang.numbers.decimal).fullmatch(num) is not None


@cache
def _fraction_pattern(mark: str) -> re.Pattern:
    return re.compile(rf"\d+{re.escape(mark)}\d+")


def _year_like(m: NumberMatch, q: Quantity) -> bool:
    num = m.num
    return num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2100


def _head(text: str, end: int, lang: Language, q: Quantity) -> re.Match | None:
    if q.qualifier == "vague" or (q.value and q.value >= 1000000):
        head = lang.head_of.match(text, end)
        if head:
            return head
    head = lang.head.match(text, end)
    if head and head.group("mods"):
        for word in re.finditer(r"[\w'’-]+", head.group("mods")):
            counted = lang.nouns.get(word.group(0).lower())
            if counted and counted.kind == "person" and word.group(0).lower().endswith("s") \
                    and lang.noun(head).kind != "person":  # "44 prisoners home"
                return lang.head.match(text, end, head.start("mods") + word.end())
        said = lang.right_trigger.match(text, end)
        if said and said.start("trig") < head.start("head") and said.end() >= head.end():
            # The noun is inside the words of the harm ("5 млн вынуждены покинуть свои дома"):
            # the counted noun, if any, comes before them ("251 people taken hostage").
            return lang.head.match(text, end, said.start("trig"))
    return head


def _subgroup_before(before: str, lang: Language) -> str | None:
    """ "minors accounted for 76 of them", "women made up 16 of them": the subgroup named
    just before the number."""
    m = SUBGROUP_VERB.search(before)
    noun = m and lang.nouns.get(m.group(1).lower())
    return noun.subgroup if noun else None


def _subgroup(noun: Noun, head: re.Match) -> str | None:
    age = head.group("age")
    if noun.subgroup:
        return f"{noun.subgroup} {' '.join(age.split())}" if age else noun.subgroup
    if age:
        return " ".join(age.split())
    return None


def _categorise(text: str, f: Found, lang: Language, sentences: Sentences,
                previous: Found | None) -> None:
    """Set the figure's category from the words around it, strongest evidence first."""
    kind = f.kind
    noun = f.noun
    if _framed(text, f, lang):
        return
    if noun and noun.category and noun.outcome and not f.noun_is_whole:
        f.category, f.source = lang.categories[noun.category].for_kind(kind), "noun"
        f.died = noun.category == "injured" and _died_later(text, f, lang, sentences, previous)
        return
    if f.bare and _of_harm(text, f, lang, max(sentences.span(f.sentence)[0], f.qstart - 100)):
        return  # "the killing of 18 in detention": the words before decide
    right = _said_after(text, f, lang)
    if right and (not f.bare or _only_fillers(right, lang)):
        category = _first_fitting(lang, right.group("trig"), "after", kind)
        if category and AUXILIARY.search(right.group(0)):
            f.said_end = right.end()  # "150 had been killed ..., and 40 aid workers"
        if category and not ASIDE.search(text, f.end, right.start("trig")):
            f.reach = right.start("trig")  # "1,200 structures in 40 villages were burned"
        if category is None and f.bare and previous is not None and previous.kind != kind:
            category = _first_fitting(lang, right.group("trig"), "after", previous.kind)
            if category:  # "4,521 houses were destroyed and another 9,740 partially damaged"
                f.noun = previous.noun
        if category:
            f.category, f.source = category, "after"
            f.harm_any = _harm_any(lang, right.group("trig"))
            if f.bare:
                f.end = right.end()  # "1,554 were killed"
            if category == "orphaned" and right.group("trig").lower().startswith("lost"):
                f.subgroup = " ".join(right.group("trig").lower().split())
            return
    if noun is not None and f.end > f.nstart:
        inside = lang.left_trigger.search(text, f.nstart, f.end)  # "9 injured persons"
        category = inside and _first_fitting(lang, inside.group(0), "before", kind)
        if category:
            f.category, f.source = category, "before"
            return
        category = _participle_inside(text, f, lang, kind)
        if category:  # «32 убитых боевика»
            f.category, f.source = category, "after"
            return
    start = max(sentences.span(f.sentence)[0], f.qstart - 160)
    if previous is not None and not _list_gap(
            text[max(previous.end, previous.frame_end):f.qstart], lang):
        start = max(start, previous.end, previous.said_end)
    if f.bare:
        _categorise_bare(text, f, lang, start, previous, sentences)
        return
    category = _left_trigger(text, f, lang, start, kind)
    if category:
        f.category, f.source = category, "before"
    elif noun and noun.category:
        f.category, f.source = lang.categories[noun.category].for_kind(kind), "noun"
    elif (end_of_list := lang.list_trigger.match(text, f.end)) is not None:
        category = _first_fitting(lang, end_of_list.group("trig"), "after", kind)
        if category:  # "28 apartment buildings, 12 houses and 5 cars were damaged"
            f.category, f.source = category, "list"


def _participle_inside(text: str, f: Found, lang: Language, kind: str) -> str | None:
    """The category of a harm participle right after the number, before its noun («32
    убитых боевика»: killed fighters)."""
    said = lang.right_trigger.match(text, f.nend, f.end)
    if said is None or text[f.nend:said.start("trig")].strip():
        return None
    return _first_fitting(lang, said.group("trig"), "after", kind)


def _said_after(text: str, f: Found, lang: Language) -> re.Match | None:
    """The harm words after a figure's noun that are its own ("150 had been killed"), not
    another figure's or a new phrase's."""
    right = lang.right_trigger.match(text, f.end)
    if right is None or FATE_OF.search(text, max(0, f.qstart - 30), f.qstart):
        return None  # their fate is what is counted: the words before decide
    if ("\n" in text[f.end:right.start("trig")]
            or NEW_PHRASE.search(text, f.end, right.start("trig"))
            or (f.noun_is_whole and DIGIT.search(text, f.end, right.start("trig")))):
        return None  # the next line, or a new noun phrase: "…, and the abduction of 40 girls"
        # or another figure's words: "five of the dead and 10 of the injured were children"
    if _next_figure_between(text, f.end, right.start("trig"), lang):
        return None  # "killed 100 people and left hundreds of others injured": theirs
    return right


def _died_later(text: str, f: Found, lang: Language, sentences: Sentences,
                previous: Found | None) -> bool:
    """Whether the injured a noun counts died, as the verb right after or just before it
    says ("two more wounded died in hospital", «умерли ещё пятеро раненых»); not of a group
    named before ("if any of the 294 wounded died")."""
    if THE_BEFORE.search(text, max(0, f.qstart - 12), f.qstart):
        return False
    right = _said_after(text, f, lang)
    if right is not None:
        if _first_fitting(lang, right.group("trig"), "after", f.kind) != "killed":
            return False
        f.reach = right.start("trig")
        return True
    start = max(sentences.span(f.sentence)[0], f.qstart - 40)
    if previous is not None and previous.sentence == f.sentence:
        start = max(start, previous.end, previous.said_end)
    if _left_trigger(text, f, lang, start, f.kind) != "killed":
        return False
    # the verb right before them, not one shared with a list ("were killed and eight wounded")
    gap = text[lang.left_trigger.search(text, f.trigger_at).end():f.qstart].lower()
    return "," not in gap and all(w in lang.stop_words and w not in JOINERS
                                  for w in re.findall(r"[\w'’-]+", gap))


def promote_died(found: list[Found]) -> None:
    """The injured who died are killed: set after parts are linked, so that they stay parts
    of the injured they were counted among ("27 wounded, three of whom died")."""
    for f in found:
        if f.died and f.category == "injured":
            f.category, f.source = "killed", "after"


# "at least 478 dead and 920 wounded": one bound before two short counts joined by "and".
SHARED_BOUND = re.compile(r"\s*,?\s*(?:and|и)\s+", re.IGNORECASE)


def share_bounds(found: list[Found], text: str) -> None:
    """A bare count joined by "and" to one of another category with "at least" before it
    shares that bound, when each is its number and one word that gives its category ("at
    least 478 dead and 920 wounded"; «не менее 12 погибших и 40 раненых»); not a part, nor a
    clause of its own («погибли по меньшей мере 528 человек и 4599 ранены»)."""
    for f, g in zip(found, found[1:], strict=False):
        if f.quantity.qualifier != "at_least" or g.quantity.qualifier != "exact" \
                or g.quantity.value is None or g.part_of is not None \
                or g.category == f.category or g.sentence != f.sentence \
                or g.source != f.source \
                or not SHARED_BOUND.fullmatch(text, f.end, g.qstart) \
                or not (_one_word(text, f) and _one_word(text, g)):
            continue
        v = g.quantity.value
        g.quantity = Quantity(v, v, None, "at_least")


def _one_word(text: str, f: Found) -> bool:
    return len(text[f.nend or f.nstart:f.end].split()) <= 1


def _framed(text: str, f: Found, lang: Language) -> bool:
    """Set the category when words before and after the number say it together ("cost 40
    miners their lives", "tortured six men to death")."""
    frame = lang.frame(text, f.qstart, f.nend or f.end) if lang.frames else None
    category = frame and lang.categories[frame[0]].for_kind(f.kind)
    if not category:
        return False
    f.category, f.source, f.frame_end = category, "after", frame[1]
    f.said_end = frame[1]
    return True


def _next_figure_between(text: str, start: int, end: int, lang: Language) -> bool:
    """Whether a number after "and" ("и") and a word lies between a figure and the harm word
    after it: the harm word is the later figure's ("killed 40 and left hundreds more
    wounded"), unlike a place counted within the figure ("1,200 structures in 40 villages
    were burned") or the figure's own parts ("10 people, including 4 children and 2 women,
    were killed")."""
    joined = JOINED.search(text, start, end)
    return joined is not None and any(True for _ in lang.numbers.finditer(text[joined.end():end]))


# A running total that adds to the count before it: "bringing the total to 270".
BRINGING_TOTAL = re.compile(r"\b(?:bringing|brings|brought)\b", re.IGNORECASE)


def _categorise_bare(text: str, f: Found, lang: Language, start: int,
                     previous: Found | None, sentences: Sentences) -> None:
    """A number with no noun: "killed 20", "the toll rose to 61", "... and 162 in Tskhinvali"."""
    if not lang.bare_follow.match(text, f.end) and not ELLIPSIS_AFTER.match(text, f.end):
        return
    window = text[max(start, f.qstart - 100):f.qstart]
    adj = lang.adjacent.search(window)
    if adj:
        phrase = adj.group("adj").strip()
        category = (_first_fitting(lang, phrase, "adjacent", "person")
                    or _first_fitting(lang, phrase.rstrip(": –—-"), "adjacent", "person"))
        if category:
            f.category, f.source = category, "adjacent"
            return
    total = lang.total.search(window)
    if total:
        sentence_start = max(sentences.span(f.sentence)[0], f.qstart - 160)
        if "toll" in total.group(0).lower():
            category = "killed"  # "raising the toll to 21", "put the toll at 160"
        else:
            category = (_harm_noun_before(window[:total.start()], lang)
                        or _left_trigger(text, f, lang, sentence_start, "person",
                                         skip_breakers=True)
                        # "14 bodies were found, bringing the total to 270": the count's own
                        or (previous.category if previous is not None
                            and previous.sentence == f.sentence
                            and BRINGING_TOTAL.search(total.group(0)) else None))
        if category:
            f.category, f.source = category, "adjacent"
            q = f.quantity
            if q.qualifier == "exact" and ABOVE.search(total.group(0)):
                f.quantity = Quantity(q.value, q.value, None, "more_than")  # "exceeds 2,300"
            return
    if (previous is not None and previous.category
            and (not previous.bare or previous.source == "sibling"
                 or ELLIPSIS_AFTER.match(text, previous.nend or previous.end))
            and ELLIPSIS_GAP.search(text, previous.end, f.qstart)
            and ELLIPSIS_AFTER.match(text, f.end)):
        f.category, f.source, f.noun = previous.category, "sibling", previous.noun
        f.subgroup = previous.subgroup


def _bodies_found(text: str, f: Found, lang: Language, sentences: Sentences) -> bool:
    """Whether a count of the dead says they were found: "45 bodies were recovered",
    "exhumed the remains of 57 people", "bodies ... in a mass grave"."""
    start = max(sentences.span(f.sentence)[0], f.qstart - 60)
    before = text[start:f.qstart]
    bodies = f.noun is not None and f.noun.subject == "bodies"
    if not bodies and not lang.bodies_of.search(before):
        return False
    return bool(lang.found_before.search(before) or lang.found_after.match(text, f.end))


def _harm_noun_before(words: str, lang: Language) -> str | None:
    """The category of a noun naming the harm in the last words before a running-total verb:
    "civilian deaths reached 91", "the number of wounded climbed to 300"."""
    tail = re.findall(r"[\w'’-]+", words)[-6:]
    for word in reversed(tail):
        noun = lang.nouns.get(word.lower())
        if noun is not None and noun.kind == "person" and noun.outcome and noun.category:
            return lang.categories[noun.category].for_kind("person")
    return None


def _of_harm(text: str, f: Found, lang: Language, start: int) -> bool:
    """Set the category of a bare number right after "the killing of", "the release of"."""
    window = text[start:f.qstart]
    of = OF_HARM.search(window)
    if not of or not lang.bare_follow.match(text, f.end) or lang.adjacent.search(window):
        return False
    triggers = list(lang.left_trigger.finditer(window))
    trigger = triggers[-1] if triggers else None
    category = trigger and _first_fitting(lang, trigger.group(0), "before", "person")
    if category and not window[trigger.end():of.start()].strip():
        f.category, f.source = category, "before"
        return True
    return False


def _list_gap(gap: str, lang: Language) -> bool:
    return bool(lang.list_gap.fullmatch(gap) or lang.part_marker.search(gap.rstrip()))


def _left_trigger(text: str, f: Found, lang: Language, start: int, kind: str,
                  skip_breakers: bool = False) -> str | None:
    """The nearest category phrase before the number in its clause that fits its noun.

    The near words are searched first (most figures follow their verb closely), then the
    whole clause: the answer is the same, found faster."""
    near = max(start, f.qstart - 50)
    if near > start:
        found, category = _nearest_trigger(text, f, lang, near, kind, skip_breakers)
        if found:
            return category
    return _nearest_trigger(text, f, lang, start, kind, skip_breakers)[1]


def _nearest_trigger(text: str, f: Found, lang: Language, start: int, kind: str,
                     skip_breakers: bool) -> tuple[bool, str | None]:
    """(whether the search is settled, the category) for triggers from `start` on."""
    triggers = list(lang.left_trigger.finditer(text, start, f.qstart))
    for trigger in reversed(triggers):
        if not skip_breakers and lang.breaker.search(text, trigger.end(), f.qstart):
            return True, None
        category = _first_fitting(lang, trigger.group(0), "before", kind)
        if category and lang.cancel.search(text, max(0, trigger.start() - 30), trigger.start()):
            return True, None  # "demanded the release of 150 prisoners"
        if category:
            f.trigger_at = trigger.start()
            f.harm_any = _harm_any(lang, trigger.group(0))
            return True, category
    if not skip_breakers and lang.breaker.search(text, start, f.qstart):
        return True, None
    return False, None


def _harm_any(lang: Language, words: str) -> bool:
    """Whether a category's words say harm of any kind («пострадали»)."""
    harm_any = lang.harm_any
    return harm_any is not None and harm_any.fullmatch(" ".join(words.split())) is not None


def _only_fillers(right: re.Match, lang: Language) -> bool:
    between = right.string[right.start():right.start("trig")]
    return all(w.lower() in lang.stop_words or w.lower().endswith("ly")
               for w in re.findall(r"[\w'’-]+", between))


def _first_fitting(lang: Language, phrase: str, side: str, kind: str) -> str | None:
    phrase = " ".join(phrase.split())
    for category in lang.categories_of(phrase, side):
        name = category.for_kind(kind)
        if name:
            return name
    return None


def _keep_categorised(found: list[Found]) -> list[Found]:
    """Drop numbers that turned out not to be harm figures; renumber the part_of links."""
    kept, new_index = [], {}
    for i, f in enumerate(found):
        if f.category is None:
            continue
        new_index[i] = len(kept)
        kept.append(f)
    for f in kept:
        f.part_of = new_index.get(f.part_of) if f.part_of is not None else None
    return kept


def _figure(text: str, f: Found, kept: list[Found], incidents: "Incidents",
            speakers: "Speakers") -> Figure:
    q = f.quantity
    noun = f.noun
    subject = noun.subject if noun else "people"
    if f.part_of is not None and (noun is None or noun.subgroup
                                  or (f.of_them and noun.subject == "people")):
        parent = kept[f.part_of].noun
        subject = parent.subject if parent else subject
    confidence = CONFIDENCE.get(f.source or "", 0.7)
    if noun is not None and noun.weak and f.source == "noun":
        confidence = 0.6
    if q.qualifier == "vague":
        confidence -= 0.05
    if f.bare:
        confidence -= 0.05
    return Figure(
        text=text[f.qstart:f.end], start=f.qstart, end=f.end, value=q.value, low=q.low,
        high=q.high, qualifier=q.qualifier, category=f.category, subject=subject,
        subgroup=f.subgroup, part_of=f.part_of, incident=incidents.of(f.qstart),
        speaker=speakers.of(f.qstart), confidence=round(confidence, 2),
    )
