"""Link parts to their whole: "613 people, including 106 women, 63 children and 70 elderly".

A figure is a part of another when
- words such as "including", "among them", "of whom" or an opening bracket come between them
  in one sentence, and the figures that follow in the same list ("63 children and 70 elderly");
- it is "N of them" / "N of whom" / "N were women" after a figure;
- its sentence opens with "Of the N ...," or "Among the N ...": N is the whole of the figures
  after it in that sentence;
- its sentence opens with "Among them", "Of those killed", "The dead include": the whole is
  the last figure before, in the same or the previous paragraph (of the named category, if any).
A part must count the same kind of thing (people in people, buildings in buildings) and not
be larger than its whole. A part whose own words give no category takes its whole's.
"""

import re
from functools import cache

from toll.claims.language import Language
from toll.claims.sentences import Sentences

OPENING_WHOLE = re.compile(r"\W*(?:of|among)\s+(?:the|these|those|all)?\s*\Z", re.IGNORECASE)
# A bare number whose category is a later stage of an earlier figure's is part of it:
# "abducted 6,800 ... around 2,600 remain missing", "deported 19,546 ... only 388 returned".
FLOWS = {
    "released": ("captured", "displaced", "missing"),
    "killed": ("captured", "missing"),
    "tortured": ("captured",),
    "missing": ("captured",),
}
# what may follow a part before the next item of its list: a place ("62 of them in Negombo,
# 52 in Colombo and 27 in Batticaloa"; "12 в Лысичанске и 5 в Рубежном")
PLACE_AFTER = re.compile(r"\s+(?:in|at|near|from|в|во|на|под)\s+[^\W\d][\w'’-]*"
                         r"(?:[ -][^\W\d][\w'’-]*){0,2}?(?=\s*(?:,|\s(?:and|и)\s))")
BRACKET_SIBLING = re.compile(r"\s*\)[^()\d]{0,60}\(\s*")
LABEL_END = re.compile(r"[:–—-]\s*\Z")
# the group a marker names: "among the injured", «среди жертв есть»
NAMED_GROUP = re.compile(r"\b(?:among|среди)\s+(?:the\s+|those\s+)?(\w+)"
                         r"(?:\s+(?:есть|были|было|оказались))?,?\s*\Z", re.IGNORECASE)
CATEGORY_HINTS = {
    "killed": ("dead", "killed", "deaths", "victims", "fatalities", "deceased", "bodies",
               "погибших", "убитых", "умерших", "жертв"),
    "injured": ("injured", "wounded", "раненых", "пострадавших"),
    "missing": ("missing", "пропавших"),
    "captured": ("hostages", "detainees", "abducted", "detained", "prisoners", "заложников",
                 "пленных", "задержанных", "похищенных"),
    "displaced": ("displaced", "refugees", "беженцев", "переселенцев"),
}


def link_parts(found: list, text: str, lang: Language, sentences: Sentences) -> None:
    """Set `part_of` (an index into `found`) and inherited categories, in place."""
    open_whole: int | None = None
    opening_whole: int | None = None
    for i, f in enumerate(found):
        if f.of_next:
            if i + 1 < len(found) and found[i + 1].qstart - f.end < 12:
                f.part_of = i + 1
                if not _own(f):  # "freed the last 29 of the 39 students seized": released
                    f.category, f.source = found[i + 1].category, "parent"
            continue
        # the figure before, skipping numbers that turned out to count nothing harmed
        # ("killed 23 members of one family, among them seven children")
        p = next((j for j in range(i - 1, max(-1, i - 4), -1) if found[j].category), i - 1)
        prev = found[p] if i else None
        same_sentence = prev is not None and prev.sentence == f.sentence
        if not same_sentence:
            open_whole = opening_whole = None
        whole = None
        gap = text[prev.end:f.qstart] if same_sentence else ""
        if "\n" in gap:
            same_sentence = False  # a line break ends a list (tables, bullet points)
        if same_sentence and prev.part_of is not None and BRACKET_SIBLING.fullmatch(gap):
            whole = prev.part_of  # "…: Stepanakert (7 people), Martuni (6 people)"
        elif same_sentence and len(gap) <= 150 and _part_marker(gap, lang):
            whole = p if _names_fit(found[p], gap) else None
        elif (same_sentence and open_whole is not None and lang.list_gap.fullmatch(gap)
              and _listable(found[open_whole], f)
              and not (_own(f) and f.category != found[open_whole].category
                       and _opens_with_part_marker(text, f, lang, sentences))):
            whole = open_whole
        elif f.of_them:
            hint = among_category(f)
            if hint is None and f.noun_is_whole and f.noun.category:
                hint = f.noun.category  # "five of the dead": of the killed, not the injured
            # "…, nine Egyptians were among the wounded": of the wounded or of none
            whole = _last_whole(found, i, sentences, f.sentence, hint,
                                strict=bool(hint and f.among))
            if whole is not None and hint is None and of_another_group(found[whole], f):
                whole = None  # "police said two of the gunmen were shot": not of those killed
        elif opening_whole is not None:
            whole = opening_whole
        elif ((not same_sentence or open_whole is not None)
              and _opens_with_part_marker(text, f, lang, sentences)):
            if _own(f):  # "These include 31 children killed and 66 children injured"
                whole = _last_whole(found, i, sentences, f.sentence, f.category, strict=True)
                if whole is None and f.source != "after":
                    whole = open_whole if same_sentence else _last_whole(
                        found, i, sentences, f.sentence, _hinted_category(text, f, sentences))
            else:
                hint = _hinted_category(text, f, sentences)
                whole = _last_whole(found, i, sentences, f.sentence, hint)
        elif (stage := _later_stage(found, i, text, lang, same_sentence)) is not None:
            f.part_of = stage  # keeps its own category: 388 of the deported were returned
            open_whole = None
            continue
        marked = i and whole == p and same_sentence and _part_marker(gap, lang)
        if whole is not None and found[whole].part_of != i and _fits(found[whole], f, marked):
            f.part_of = whole
            open_whole = whole
            own = _own(f) and (f.source != "before" or f.trigger_at > found[whole].end)
            if not own and found[whole].category:
                f.category, f.source = _inherited(found[whole], f, lang), "parent"
        elif not (same_sentence and open_whole is not None and lang.list_gap.fullmatch(gap)):
            open_whole = None
        if i == 0 or not same_sentence:
            start = sentences.span(f.sentence)[0]
            if OPENING_WHOLE.fullmatch(text, start, f.qstart):
                opening_whole = i


def extend_lists(found: list, text: str, lang: Language) -> None:
    """The items listed right after a part, with nothing but a comma, "and" or a place
    between them and the same category, are parts of the same whole ("7 missing: three
    Lebanese, three Syrians and one Egyptian"; "290 dead, 62 of them in Negombo, 52 in
    Colombo and 27 in Batticaloa"), while together they do not exceed it. Runs after the
    link model, whose candidates are scored one by one and so lose the list."""
    for i in range(1, len(found)):
        f, prev = found[i], found[i - 1]
        w = prev.part_of
        if f.part_of is not None or w is None or w == i or prev.sentence != f.sentence \
                or not f.category or f.category != prev.category:
            continue
        gap = text[prev.end:f.qstart]
        place = PLACE_AFTER.match(gap)
        rest = gap[place.end():] if place else gap
        if ";" in rest or "\n" in rest or not rest.strip() or not lang.list_gap.fullmatch(rest):
            continue
        whole = found[w]
        if not _fits(whole, f, True) or f.kind != prev.kind:
            continue
        top = None if whole.quantity.qualifier == "vague" else _top(whole)
        total = sum(_size(g) or 0 for g in found if g.part_of == w) + (_size(f) or 0)
        if top is not None and whole.quantity.qualifier not in ("more_than", "at_least") \
                and total > top:
            continue
        f.part_of = w


def link_to_totals(found: list, text: str, lang: Language, sentences: Sentences) -> None:
    """The figures before a total marked as one ("Two soldiers died at once; in all the raid
    killed 15"; «Около 20 погибли сразу, а всего взрыв унёс 44 жизни»; "... 15 in all"; "In
    all, the raid killed 15"), in
    its sentence or the one before, of a category it holds and not parts already, are its
    parts, while together they do not exceed it. Runs after the link model."""
    for t, total in enumerate(found):
        marked = _marked_total(total, text, lang, sentences)
        if total.part_of is not None or not total.category or not marked \
                or _periodic(total, text, lang, sentences):
            continue
        opens = marked == "opens"  # its sentence opens with «Всего»: parts of the one before
        parts = [i for i in range(t - 1, -1, -1) if found[i].sentence == total.sentence
                 or (found[i].sentence == total.sentence - 1 and opens)]
        # a whole with parts of its own may be a part of the total ("40 wounded, six of them
        # children; in all 90 hurt"): its parts stay its own
        parts = [i for i in parts if found[i].part_of is None and found[i].category
                 and found[i].kind == total.kind and holds(total.category, found[i].category)
                 and not _another(found[i], text)
                 and not of_another_group(total, found[i])
                 and not COMPARED.search(text, found[i].end, total.qstart)]
        if any(_periodic(found[i], text, lang, sentences) for i in parts):
            continue  # "over the past day 12 died; in all, 300 since March": no parts
        top = _top(total)
        if not parts or (top is not None and total.quantity.qualifier != "vague"
                         and sum(_size(found[i]) or 0 for i in parts) > top):
            continue
        for i in parts:
            found[i].part_of = t


def _marked_total(f, text: str, lang: Language, sentences: Sentences) -> str | None:
    """Whether a figure's clause opens with "in all", «всего» (not «всего 3», "only 3"),
    "opens" when that clause is its sentence, or the words right after it say so ("15 in
    all")."""
    if lang.sum_after.match(text, f.end):
        return "after"
    start = sentences.span(f.sentence)[0]
    clause = _clause_start(text, start, f.qstart)
    m = lang.sum_opening.match(text, max(start, clause), f.qstart)
    if m is None and clause >= start and text[clause] == ",":  # "In all, 40 people died"
        outer = _clause_start(text, start, clause)
        m = lang.sum_opening.match(text, max(start, outer), clause)
        if m is not None and text[m.end():clause].strip():
            m = None
        clause = outer
    between = text[m.end():f.qstart] if m is not None else ""
    if m is None or not between.strip() or OTHER_NUMBER.search(between):
        return None  # "in all 31 civilians (7 women …": 7 is no total
    return "opens" if clause < start else "clause"


def _clause_start(text: str, start: int, end: int) -> int:
    """Where the clause before `end` opens: its last comma, semicolon, colon or dash after
    `start` (below `start` when there is none)."""
    return max(text.rfind(c, start, end) for c in ",;:—–")


def _periodic(f, text: str, lang: Language, sentences: Sentences) -> bool:
    """Whether a figure's clause says the period it counts ("over the past day", «за сутки»,
    «с начала войны»)."""
    start = sentences.span(f.sentence)[0]
    clause = max(start, *(text.rfind(c, start, f.qstart) for c in ";:—–"))
    end = min([e for c in ",;." if (e := text.find(c, f.end)) >= 0] or [len(text)])
    return bool(lang.period.search(text, clause, end))


# Another number, or a bracket, between a sum marker and a figure: the marker is not its.
OTHER_NUMBER = re.compile(r"[\d(]")
# A clause of its own after a part marker: «среди пострадавших девочка, а ещё трое …».
NEW_CLAUSE = re.compile(r";|,\s+(?:а|но|и|and|but|while)\s", re.IGNORECASE)
# Figures compared are not parts: "far above the 180 deaths admitted, and higher than the 1,277
# in total"; «больше, чем 300 за весь год».
COMPARED = re.compile(r"\b(?:than|above|below|compared|against|versus|unlike|чем|против|"
                      r"по\s+сравнению)\b", re.IGNORECASE)
ANOTHER = re.compile(r"(?:ещё|еще|another|other|more|further)\s+\Z|\A(?:ещё|еще|another)\s",
                     re.IGNORECASE)


def _another(f, text: str) -> bool:
    """Whether a figure counts more besides ("ещё трое", "another 12"): not a part of a total."""
    return bool(ANOTHER.search(text, max(0, f.qstart - 10), f.qstart)
                or ANOTHER.match(text, f.qstart))


def _size(f) -> int | None:
    q = f.quantity
    return q.value if q.value is not None else q.low


def _top(f) -> int | None:
    q = f.quantity
    return q.value or q.high or q.low


def mark_casualties(found: list) -> None:
    """A whole whose parts include both killed and injured counts casualties ("14,059
    civilians became victims, 5,767 of them killed and 8,292 injured"), and so does one
    whose words say harm of any kind when the dead are among its parts («пострадали 47
    человек: семеро погибли ...»)."""
    parts: dict[int, set] = {}
    for f in found:
        if f.part_of is not None:
            parts.setdefault(f.part_of, set()).add(f.category)
    for i, categories in parts.items():
        whole = found[i]
        if whole.kind == "person" and ({"killed", "injured"} <= categories or (
                "killed" in categories and whole.category == "injured" and whole.harm_any)):
            whole.category = "casualties"


def _part_marker(gap: str, lang: Language) -> bool:
    """Whether the words between two figures make the second a part of the first: a word
    marker ("including") at the end, or a bracket, colon or dash right after the first."""
    if ";" in gap:  # "injured – 404; missing – 17": a new item, unless words say a part
        tail = gap.rsplit(";", 1)[1]
        return not LABEL_END.search(tail) and bool(lang.part_marker.search(tail.rstrip()))
    stripped = gap.strip()
    if stripped[:1] in ("(", ":", "—", "–"):
        return len(stripped) == 1 or bool(lang.part_marker.search(stripped))
    return bool(lang.part_marker.search(gap.rstrip()))


def _names_fit(whole, gap: str) -> bool:
    """Whether the group a marker names ("among the injured", «среди жертв») may be counted in
    `whole`: «ранены 40 человек; среди жертв 5 детей» holds no part of the 40 injured."""
    named = NAMED_GROUP.search(gap[-40:])
    hint = _category_among(named[1].lower()) if named else None
    return hint is None or whole.category is None or holds(whole.category, hint)


def _listable(whole, f) -> bool:
    """Whether a figure in a list after a part ("..., 63 children and 70 elderly") is
    another part of the same whole: yes, unless its own words say something else happened."""
    return not f.of_them and not (f.source == "after" and f.category != whole.category)


def _own(f) -> bool:
    """Whether a figure's category comes from its own words ("were killed", "31 children
    killed", "deaths"), not from the clause around it."""
    return f.source in ("after", "before", "adjacent") or (f.source == "noun" and f.noun.outcome)


def _opens_with_part_marker(text: str, f, lang: Language, sentences: Sentences) -> bool:
    """Whether the figure's sentence, or the clause it reports ("X said that …"), opens with
    "Among them", «Среди погибших»."""
    start = sentences.span(f.sentence)[0]
    if (reported := lang.reported_opening.match(text, start, f.qstart)) is not None:
        if f.single:
            return False  # one person ("a girl") in a reported clause: left as it was
        marker = lang.sentence_part_marker.match(text, reported.end(), f.qstart)
        return marker is not None and not NEW_CLAUSE.search(text, marker.end(), f.qstart)
    return bool(lang.sentence_part_marker.match(text, start, f.qstart))


def _hinted_category(text: str, f, sentences: Sentences) -> str | None:
    opening = text[sentences.span(f.sentence)[0]:f.qstart].lower()
    for category, words in CATEGORY_HINTS.items():
        if any(w in opening for w in words):
            return category
    return None


# Those who attack: "two of the gunmen" counts out of the attackers, never out of a figure of
# the people they harmed ("10 people were killed ..., and two of the gunmen were shot dead").
ATTACKERS = "fighters"


def same_list(f, g) -> bool:
    """Whether two figures are items of one list before "among the dead" ("two guards and
    two police officers are among the dead"): neither is a part of the other."""
    return bool(f.among) and g.among == f.among and g.sentence == f.sentence


def among_category(f) -> str | None:
    """The category "were among the …" names for a figure ("nine Egyptians were among the
    wounded": injured), if any."""
    return _category_among(f.among)


@cache
def _category_among(among: str) -> str | None:
    """among_category's answer for the words after "were among" (read once per wording)."""
    return next((c for c, words in CATEGORY_HINTS.items() if any(w in among for w in words)),
                None)


def fits_among(whole, f) -> bool:
    """Whether a figure listed "among the wounded" (or the dead, the missing) may be a part of
    `whole`: only of a whole of that category (a casualty total holds the dead and wounded)."""
    hint = among_category(f)
    return hint is None or holds(whole.category, hint)


def holds(whole: str, category: str) -> bool:
    """Whether a whole of one category may hold parts of another: its own, a casualty total
    the killed and the injured, bodies found the killed."""
    return whole.startswith(category) or (whole == "casualties" and category in (
        "killed", "injured")) or (whole == "bodies_found" and category == "killed")


def of_another_group(whole, f) -> bool:
    """Whether "N of the gunmen" counts out of the attackers while the figure before counts
    others (their victims); or a count in a sentence of its own with no noun and no "of them"
    follows a count of the attackers («… 54 убитых боевика. Мы потеряли убитыми четверых»)."""
    noun, other = f.noun, whole.noun
    if (other is not None and other.subject == ATTACKERS and f.bare and not f.of_them
            and f.sentence != whole.sentence):
        return True
    if not f.noun_is_whole or noun is None or noun.subject != ATTACKERS or f.among:
        return False
    return other is None or other.subject != ATTACKERS


def _last_whole(found: list, i: int, sentences: Sentences, sentence: int,
                category: str | None = None, strict: bool = False) -> int | None:
    """The last figure before `i` that is not itself a part, within about two paragraphs."""
    paragraph = sentences.paragraph(found[i].qstart)
    fallback = None
    for j in range(i - 1, -1, -1):
        g = found[j]
        if paragraph - sentences.paragraph(g.qstart) > 1:
            break
        if g.category is None or (g.part_of is not None
                                  and not _split_of_total(found, g, category)):
            continue
        if same_list(found[i], g):
            continue  # "two guards and two police officers are among the dead": both of them
        if category is None or holds(g.category, category):
            return j
        if fallback is None:
            fallback = j
    return None if strict else fallback


def _split_of_total(found: list, part, category: str | None) -> bool:
    """Whether a part may itself be split further by a later figure of `category`: the killed
    in a casualty total ("6,120 casualties: 2,010 killed …. The dead include 900 men"), not
    the children among the killed ("40 killed, including 6 children. Among the dead …")."""
    return (category is not None and part.category == category
            and found[part.part_of].category != category)


def _later_stage(found: list, i: int, text: str, lang: Language,
                 same_sentence: bool) -> int | None:
    """The earlier figure that figure `i` is a later stage of, if any."""
    f = found[i]
    if f.category not in FLOWS or f.source not in ("after", "adjacent"):
        return None
    if same_sentence and lang.list_gap.fullmatch(text, found[i - 1].end, f.qstart):
        return None  # "1,054 cases of detention, 217 of torture": a list, not stages
    whole = _earlier_stage(found, i)
    if whole is None or not _later_stage_of(found[whole], f, text):
        return None
    return whole


def _later_stage_of(whole, f, text: str) -> bool:
    """Whether a figure with a later-stage category counts people of an earlier figure: a bare
    number, "others", hostages released, or the same subgroup ("300 schoolgirls ... 101 girls")."""
    if f.noun is None or text[f.nstart:f.end].lower().endswith("others"):
        return True
    if f.category == "released" and f.source == "after" and f.noun.category in FLOWS["released"]:
        return True
    return bool(f.noun.subgroup and whole.noun and whole.noun.subgroup == f.noun.subgroup)


def _earlier_stage(found: list, i: int) -> int | None:
    """The figure, in this sentence or the one before, that a bare number is a later stage of."""
    f = found[i]
    for j in range(i - 1, -1, -1):
        g = found[j]
        if f.sentence - g.sentence > 1:
            return None
        if g.part_of is None and g.category in FLOWS[f.category] and g.kind == "person":
            top = g.quantity.value or g.quantity.high or g.quantity.low
            size = f.quantity.value or f.quantity.low
            return j if top is None or size is None or size <= top else None
    return None


def _fits(whole, part, marked: bool = False) -> bool:
    """A part counts the same kind of thing as its whole and is not larger than it; two bare
    numbers only when words say so ("25,730 arrested, of whom 19,870 remain in detention")."""
    if whole.kind != part.kind or (whole.bare and not part.of_them and part.noun is None
                                   and not marked):
        return False
    top = whole.quantity.value or whole.quantity.high or whole.quantity.low
    size = part.quantity.value or part.quantity.low
    if whole.quantity.qualifier == "vague":
        return True
    return top is None or size is None or size <= top


def _inherited(whole, part, lang: Language) -> str:
    """The whole's category, rephrased for the part's kind when needed."""
    return whole.category
