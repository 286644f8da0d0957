"""The noun phrase that is the subject of a reporting verb: who says it, as the text words it.

Read backwards from the verb: "the UN human rights monitors in Ukraine recorded", "The
Houthis' Al Masirah television put", "members of the opposition National Unity Government
said", "Medical sources quoted by the UN humanitarian coordinator said" (the agent after *by*).
A phrase is chunks of words each opened by a determiner or a capitalised word, joined by *of,
for, in, on, at, and*; it ends at punctuation, a number, a clause word (that, which, when...),
an auxiliary or *by*. Words just before the verb such as *has, also, further* are skipped.
"""

import re

# A word keeps its full stop only as an abbreviation ("Ms.", "U.N."), not at a sentence end
# (the abbreviations are looked for only before a full stop: the same tokens, faster).
ABBREVIATION = "|".join(rf"(?<=\b{a})" for a in ("Mr", "Ms", "Mrs", "Dr", "St", "Gen", "Col",
                                                   "Lt", "Prof", "Sgt", "[A-Z]"))
TOKEN = re.compile(rf"\([A-ZА-ЯЁ][\w.-]{{1,12}}\)"
                   rf"|[^\W\d_](?:[\w'’-]|\.(?=\w))*(?:(?=\.)(?:{ABBREVIATION})\.)?"
                   r"|\d[\d,.]*|[^\w\s]")
DETERMINERS = {"the", "a", "an", "some", "its", "their", "his", "her", "several", "two",
               "three", "local", "this", "these", "those", "both"}
OPENERS = {"the", "a", "an", "some", "its", "their", "his", "her", "this", "these", "those"}
LINKERS = {"of", "for", "in", "on", "at", "and", "de", "du", "al", "el", "from", "to", "и", "в",
           "во", "на", "по"}
SKIPPED = {"has", "have", "had", "also", "further", "later", "earlier", "previously", "again",
           "separately", "reportedly", "has also", "had also", "then", "now", "already",
           "officially", "publicly", "jointly", "yesterday", "today", "tonight", "recently",
           "still", "тогда", "уже", "также"}
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds",
                "thousand", "thousands", "dozen", "dozens", "others", "more"}
STOPS = NUMBER_WORDS | {
         "that", "which", "who", "whom", "whose", "when", "while", "where", "as", "after",
         "before", "since", "because", "if", "but", "although", "though", "whereas", "unless",
         "or", "than", "is", "are", "was", "were",
         "be", "been", "being", "by", "not", "no", "said", "says", "say", "with", "without",
         "what", "how", "why", "whether", "yet", "so", "also", "about", "into", "over",
         "yesterday", "today", "last", "week", "night", "morning", "evening", "year", "month",
         "time", "hours", "days", "weeks", "months", "years",
         "что", "как", "который", "которая", "которые", "с", "утром", "вечером", "днём",
         "днем", "ночью", "накануне", "сегодня", "вчера", "ранее", "позднее", "позже", "также",
         "тогда", "затем", "потом", "январе", "феврале", "марте", "апреле", "мае", "июне",
         "июле", "августе", "сентябре", "октябре", "ноябре", "декабре", "году", "годы"}
PART_OF_TIME = re.compile(r"(?:mid|early|late)-")
# An adverb just before the verb is not the speaker's: "the Red Cross first reported", "the
# coroner formally ruled" (not "the family", "the assembly", "the Israeli daily").
ADVERB = re.compile(r"first|(?!(?:famil|assembl|all|rall|suppl|monopol|anomal|dail|weekl|monthl|"
                    r"quarterl)y)[a-z]{2,}ly")
# A participle whose object the chunk before a verb is: "moving", "searching".
GERUND = re.compile(r"(?!(?:during|morning|evening|according|including|following|regarding|"
                    r"concerning|building|meeting|briefing|wing)\Z)[a-z]{2,}ing")
# A number word opening the sentence opens its speaker too: "One hospital official said".
COUNTED = {"One", "Two", "Three", "Four", "Five", "Several"}
PRONOUNS = {"he", "she", "they", "it", "we", "он", "она", "они", "оно"}
LIMIT = 160
# Whom a Russian speaker talks to, between the speaker and the verb: «в разговоре с ТАСС».
TALKING_WITH = re.compile(r"\s(?:в|во)\s+(?:разговоре|беседе|интервью)\s+с\s+"
                          r"[^\s,.;:!?]+(?:\s+[^\s,.;:!?]+){0,3}?\s*\Z")


def subject_before(text: str, verb_start: int, start: int) -> str | None:
    """The words of the subject just before a reporting verb at `verb_start` (not before
    `start`), as written; a pronoun ("She") when that is the subject; None when the verb has
    no subject of its own there (an apposition, a clause word, a number)."""
    if listener := TALKING_WITH.search(text, max(start, verb_start - LIMIT), verb_start):
        verb_start = listener.start()  # «X в разговоре с ТАСС назвал»: X speaks, not ТАСС
    tokens = list(TOKEN.finditer(text, max(start, verb_start - LIMIT), verb_start))
    i = len(tokens) - 1
    while i >= 0 and (tokens[i].group().lower() in SKIPPED or ADVERB.fullmatch(tokens[i].group())):
        i -= 1
    if i < 0:
        return None
    if tokens[i].group().lower() in PRONOUNS:
        return tokens[i].group()
    i = _before_circumstance(tokens, i)
    if i < 0:
        return None
    first, last = None, i
    while i >= 0:
        begin = _chunk(tokens, i)
        if begin is None:
            break
        first = begin
        i = begin - 1
        if i < 0 or tokens[i].group().lower() not in LINKERS or i == 0:
            break
        if tokens[i].group() in ("and", "и") and tokens[i - 1].group().lower() in STOPS:
            break  # "... that | and ...": no second speaker
        i -= 1  # "members of | the opposition ..."
    if first is None:
        return None
    if first > 0 and tokens[first - 1].group()[:1].isdigit():
        return None  # "2,791 casualties documented": counted, not speaking
    if first > 0 and GERUND.fullmatch(tokens[first - 1].group()) and not (
            first > 1 and tokens[first - 2].group().lower() in DETERMINERS):
        return None  # "Workers moving a graveyard found 40 bodies": its object, not who speaks
        # (after "the", "a" the word is a noun: "After the bombing the governor said")
    while tokens[first].group().lower() in LINKERS:
        first += 1
    if first > 0 and tokens[first - 1].group() in COUNTED and (
            first == 1 or not tokens[first - 2].group()[:1].isalnum()):
        first -= 1  # "Two Mexican officials said", at the start of a sentence or clause
    if first > last or all(t.group().lower() in DETERMINERS for t in tokens[first:last + 1]):
        return None  # "an estimated 13,500": no one is named
    return text[tokens[first].start():tokens[last].end()]


# Russian prepositions opening a phrase of circumstance between the subject and its verb:
# "МВД и ГКНБ в совместном заявлении сообщили", "губернатор в телеграм-канале написал".
CIRCUMSTANCE = {"в", "во", "на"}


def _before_circumstance(tokens: list[re.Match], i: int) -> int:
    """Step back over a lower-case phrase opened by в/во/на just before the verb (up to three
    words), when a subject stands before it; else `i` unchanged."""
    for n in range(1, 4):
        k = i - n
        if k < 1 or not tokens[k + 1].group()[:1].islower():
            return i
        if tokens[k].group().lower() in CIRCUMSTANCE:
            before = tokens[k - 1].group()
            return k - 1 if before[:1].isalpha() and before.lower() not in STOPS else i
        if not tokens[k].group()[:1].islower():
            return i
    return i


def _chunk(tokens: list[re.Match], i: int) -> int | None:
    """The index where the chunk of words ending at `i` begins, or None if there is none."""
    begin = None
    while i >= 0:
        word = tokens[i].group()
        low = word.lower()
        if word == "»" and (opening := _opening(tokens, i)) is not None and opening > 0:
            begin, i = opening, opening - 1  # "Союз «Матери» настаивает": the name in quotes
            continue
        if not word[0].isalpha() and not word.startswith("("):
            break
        if low in STOPS or low in PRONOUNS or low in LINKERS or PART_OF_TIME.match(low):
            break  # "in mid-June UNHCR counted": the time is not the speaker's
        begin = i
        if low in OPENERS:
            break
        i -= 1
    if begin is None:
        return None
    return begin


# What a body issues, not who it is: "the latest bulletin of the UN High Commissioner".
DOCUMENTS = {"bulletin", "bulletins", "report", "reports", "statement", "statements", "figures",
             "data", "update", "updates", "tally", "count", "estimate", "estimates",
             "information", "findings", "records", "list", "toll", "numbers",
             "sources", "briefing", "assessment", "analysis", "review", "survey", "database"}
AGENTS = {"spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople"}
ISSUED = {"of", "from", "by"}
FORWARD_STOPS = (STOPS | {"and", "to", "from"} | PRONOUNS) - {"by"}
BY = {"by"}


def subject_after(text: str, start: int, end: int) -> str | None:
    """The body named after "according to" at `start` (not past `end`): "the UN Office for
    the Coordination of Humanitarian Affairs (OCHA)"; the body that issued a document ("the
    latest bulletin of X", "initial reports cited by X" give X); the first of a pair."""
    tokens = list(TOKEN.finditer(text, start, min(end, start + LIMIT)))
    first, last, i = None, None, 0
    while i < len(tokens):
        word = tokens[i].group()
        low = word.lower()
        if low in BY or (low in ISSUED and first is not None and _document(tokens, first, i)):
            first, last = None, None  # "reports cited by X", "the bulletin of X": X speaks
            i += 1
            continue
        if low in LINKERS and first is not None and i + 1 < len(tokens) and (
                tokens[i + 1].group().lower() in OPENERS or tokens[i + 1].group()[0].isupper()):
            i += 1
            continue
        if word == "«" and first is not None and (close := _closing(tokens, i)) is not None:
            last, i = close, close + 1  # "организации «Норд-Ост»": the name in quotes
            continue
        if not (word[0].isalpha() or word.startswith("(")) or low in FORWARD_STOPS \
                or low in LINKERS:
            break
        first = i if first is None else first
        last = i
        i += 1
    if first is None:
        return None
    return text[tokens[first].start():tokens[last].end()]


def _opening(tokens: list[re.Match], i: int) -> int | None:
    """The index of the « opening the » at `i`, within six words; else None."""
    for k in range(i - 1, max(-1, i - 8), -1):
        if tokens[k].group() == "«":
            return k
    return None


def _closing(tokens: list[re.Match], i: int) -> int | None:
    """The index of the » closing the « at `i`, within six words; else None."""
    for k in range(i + 1, min(len(tokens), i + 8)):
        if tokens[k].group() == "»":
            return k
    return None


def _document(tokens: list[re.Match], first: int, i: int) -> bool:
    return any(t.group().lower() in DOCUMENTS | AGENTS for t in tokens[first:i])
