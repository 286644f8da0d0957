"""Who states a figure: the speaker of the quote or report it sits in, else the default.

A figure inside quotation marks belongs to whoever the text says spoke them (", she said",
"“…,” the Ombudsman, Ms. Lina Haviar, said", "X added that “…”"). Outside quotes, "according
to X", "X said/stated/reported/told reporters/finds", "…, said X" or "in a statement, X" in its
sentence names the speaker. A speaker is a name with its "of …" chain and acronym ("the Office
of the Ombudsman", "the UN Office for the Coordination of Humanitarian Affairs (OCHA)") or a
role ("the regional health official"), with its title ("police spokesman Ali Hassan"); "X's
spokesperson" and "a spokesperson for X" speak for X, a document is kept as written ("MINUSMA's
quarterly report"). "She", "he" and role words ("the commissioner", "the ministry") stand for
the last person or body named as speaking before, when there is one; a surname alone
("Aliyeva stressed") stands for the full name given earlier. Otherwise the figure is the
default speaker's (the source's author or publisher), which may be None.
"""

import re
from bisect import bisect_left
from functools import lru_cache

from toll.claims.firstchar import first_char_guard, guarded
from toll.claims.language import Language
from toll.claims.sentences import Sentences
from toll.claims.subject import DOCUMENTS, STOPS, subject_after, subject_before

CAP = (r"(?:(?:Mr|Ms|Mrs|Dr|Prof|Gen|Col|Lt|Maj|Capt|Sgt|St|Sen|Rep|Amb)\.|[A-ZА-ЯЁ]\."
       r"|[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*)")
LINK = r"(?:of|for|on|in|and|de|du|al|el|bin|van|von|la)(?:[ \t]+the)?"
NAME = (rf"(?-i:{CAP}(?:[ \t]+(?:{LINK}[ \t]+)?{CAP}){{0,9}}"
        r"(?:[ \t]+\([A-ZА-ЯЁ][\w.-]{1,12}\))?)")
# Bodies named by what they are, after a possessive: "Lebanon's health ministry".
ROLES = (r"(?:ministry|office|agency|army|military|police|government|authorities|mission|"
         r"commission|committee|service|president|minister|governor|ombudsman|prosecutor|"
         r"council|administration|department|defender|commissioner|envoy|representative)")
# Unnamed speakers worth naming: "a local mayor said", "a senior police officer told".
SOMEONE = (r"(?-i:official|spokes(?:person|man|woman)|mayor|governor|commander|doctor|"
           r"physician|medic|witness|resident|survivor|source|police officer|officer|diplomat|"
           r"investigator|prosecutor|judge|lawyer|researcher|monitor|journalist|commission|"
           r"committee|inquiry|organi[sz]ation|group|agency|team|panel)\b")
UNNAMED = {"Police", "Officials", "Witnesses", "Residents"}
# A word before a reporting verb that is no one: "has so far claimed", "fully documented".
ADVERB = re.compile(r"[a-z]+ly|far|first|also|now|then|later|earlier|since|already|just|still")
# Days and months that end a name by accident: "the Ministry on Monday said".
WHEN = re.compile(r"\s+(?:on|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                  r"January|February|March|April|May|June|July|August|September|October|"
                  r"November|December)\b.*\Z")
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
OPENING_PREPOSITIONS = {"In", "On", "At"}
# Who a document was made for or by is not part of its name: "a report prepared for the donors".
PREPARED = re.compile(r"\s+(?:prepared|compiled|commissioned|written|drawn\s+up)\s+(?:for|by)\b"
                      r".*\Z")
# Who speaks for a body: "the ministry's spokesperson", "a spokesperson for the ministry".
AGENT = r"(?:spokes(?:person|man|woman)|representative|press\s+(?:office|service)|officials?)"
BODIES = re.compile(
    r"(?i:\b(?:ministry|office|agency|foundation|organi[sz]ation|council|committee|commission|news|"
    r"times|guardian|reuters|press|bbc|cnn|agence|service|army|forces|police|government|"
    r"mission|group|court|tribunal|unicef|unhcr|ocha|who|icrc|nations|union|watch|"
    r"international|department|authority|authorities|statement|report|data|figures|sources|"
    r"chamber)\b)")


@lru_cache(maxsize=4096)
def _is_body(name: str) -> bool:
    """Whether a name says a body ("the UN mission"), not a person: read once per name."""
    return BODIES.search(name) is not None


TITLE = r"\b(?:Mr|Ms|Mrs|Dr|Prof|Gen|Col|Lt|Maj|Capt|Sgt|St|Sen|Rep|Amb)\."
# A participle of a harm after the verb says what was reported, not who reports: "six soldiers
# reported dead", "were the students confirmed dead".
PASSIVE = (r"(?!\s+(?:dead|killed|missing|injured|wounded|hurt|alive|safe|kidnapped|abducted|"
           r"detained|arrested)\b)")
THAT = re.compile(r",?\s*(?:что|that)\b")
DIGIT = re.compile(r"\d")
# Roles that name a body of their own, not any body named before: "the government says".
OWN_ROLES = {"government", "army", "military", "authorities"}
PERSONAL = re.compile(r"(?i:he|she|он|она)\Z")
VAGUE = re.compile(r"(?i:they|it|они|оно)\Z")
QUOTES = re.compile(r"“[^”]{1,3000}”|\"[^\"]{1,3000}\"|«[^»]{1,3000}»")
# «по официальным данным», «по последним уточнённым сведениям», «по официальной версии»: any
# adjective before the noun.
ACCORDING = (r"\b(?:according\s+to|по\s+(?:[а-яё]+(?:[ыи]м|ой|ей)\s+){0,2}"
             r"(?:данным|сведениям|информации|версии)"
             r"|по\s+словам|по\s+оценке|по\s+подсч[её]там)\s+")
ACCORDING = re.compile(first_char_guard(ACCORDING, ignorecase=True) + ACCORDING, re.IGNORECASE)
# Another count after a semicolon, with no source: "…; по неофициальным оценкам, …".
OTHER_COUNT = re.compile(r"\s*(?:по|according\s+to|by)\s+(?:[\w-]+\s+)?(?:[\w-]+)\s*,",
                         re.IGNORECASE)
# "By the IACHR's count, ...": the owner of the count speaks.
BY_COUNT = re.compile(r"\b[Bb]y\s+(?P<who>(?:the\s+)?[A-ZА-ЯЁ][\w.-]*(?:\s+[A-Z][\w.-]*){0,5})"
                      r"['’]s?\s+(?:own\s+|latest\s+|new\s+)?(?:count|tally|estimates?|figures|"
                      r"reckoning|calculations?)\b")
# "a spokesman for the aid group", "the ministry's spokesperson": the body speaks.
SPEAKS_FOR = re.compile(
    r"(?:an?|the)\s+(?:[\w-]+\s+)?(?:spokes(?:person|man|woman)|representative)\s+(?:for|of|from)\s+"
    r"(?P<body>.+)|(?P<owner>.+?)['’]s\s+(?:[\w-]+\s+)?(?:spokes(?:person|man|woman)|"
    r"representative|press\s+(?:office|service))", re.IGNORECASE)
CLAUSE_REST = re.compile(r"\s+((?:[^\s,.;:!?“”«»\"()]|«[^»]{1,40}»)"
                         r"(?:[^,.;:!?“”«»\"()]|«[^»]{1,40}»){0,80}?)\s*(?:[,.;:!?]|\Z)")
# What stands between a Russian reporting verb and who: "сообщил 19 сентября Минздрав",
# "заявил на брифинге глава ...", "написал в телеграм-канале губернатор ...".
# `months`: the language's month names (its non_figures.yaml).
RU_LEAD = (
    r"(?:(?:\d{{1,2}}\s+(?:{months})(?:\s+\d{{4}}(?:\s+года)?)?"
    r"|в\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|(?:в|во)\s+(?:Телеграм[\w-]*|Telegram(?:-канале)?|Фейсбуке|"
    r"Facebook|Твиттере|Twitter|ВКонтакте)|(?:в|во|на)\s+(?:своём\s+|своем\s+|своей\s+|своих\s+)?"
    r"(?-i:[a-zа-яё][\w-]*)(?=\s+\S)|также|позже|ранее|накануне|по\s+состоянию\s+на|"
    r"сегодня|вчера|журналистам|ТАСС|РИА\s+Новости)\s+)+")
# What a Russian verb says, not who says it: "говорит об 11 погибших", "сообщил о 5 раненых".
RU_WHAT = re.compile(r"(?:о|об|обо|про|что)\s", re.IGNORECASE)
# A parenthesis between a subject and its verb: "комитет, в свою очередь, говорит"; a
# participle clause: «Журналисты, оказавшиеся рядом, передавали».
ASIDE = re.compile(r",\s*(?:в\s+свою\s+очередь|со\s+своей\s+стороны|in\s+turn|for\s+(?:its|his|"
                   r"her|their)\s+part|however|[а-яё]+(?:вш|ющ|ящ|ущ|ащ|ем|им)(?:ий|ая|ее|ие|ийся|аяся|"
                   r"иеся|ееся)(?:\s+[^\s,.;:!?«»\d]+){0,5})\s*,\s*\Z", re.IGNORECASE)
# Lower-case words of a title opening a Russian sentence before a name: "Бывший следователь".
RU_TITLE = re.compile(r"[А-ЯЁ][а-яё-]+(?:\s+[а-яё-]+){1,2}\s+")
# A phrase of time or circumstance that may open a Russian sentence before its speaker.
RU_CIRCUMSTANCE = re.compile(
    r"(?:(?:После|До|Перед|Накануне|Вслед\s+за)\s+[а-яё-]+|Позднее|Позже|Затем|Потом|Утром|"
    r"Вечером|Днём|Днем|Ночью|Сначала|Вначале|Поначалу|Сперва|"
    r"(?:(?:На|В)\s+)?(?:следующий|тот\s+же|этот)\s+(?:день|вечер))\s+(?=\S)")
# "Как пишет «Кавказский узел», ...": who opens the sentence with "как" and a reporting verb.
RU_AS = r"(?:Как|как)\s+(?:{verbs})\s+(?P<who>[^,.;:!?]{{2,80}}?)\s*,"
# A speaker after "but" or in a clause of its own ("after officials found") speaks for its
# own clause, not for the figures before it.
CONTRAST = re.compile(r",?\s+(?:but|while|whereas|although|though|yet|after|when|because|"
                      r"unless|но|а|однако)\s+"
                      r"(?:[\w-]+\s+)?\Z", re.IGNORECASE)
# A Russian clause whose reporting verb is left out, after «а»: «X говорил о 10 погибших, а Y —
# о 12»: Y speaks for what follows.
RU_GAPPED = re.compile(r",\s+а\s+(?P<who>[А-ЯЁA-Z][\w-]*(?:\s+[\w«»-]+){0,3}?)\s+[—–]\s+"
                       r"(?:о|об|про)\s")
# A clause of its own, joined to the one before: "X put the toll at 80, and Y said 200".
JOINED_CLAUSE = re.compile(r"(?:,\s+(?:and|while|и)|;)\s+(?:the\s+)?\Z", re.IGNORECASE)
# Verbs after which the name that follows is the listener, not the speaker ("told EFE").
LISTENER_VERBS = {"told", "informed", "briefed"}
# A role alone, in lower case: "the office", "the monitor", "the local group".
ROLE = re.compile(r"(?:the|The)(?:\s+[a-z-]+){1,3}")
NOT_NAMES = {"The", "This", "That", "These", "Those", "It", "In", "On", "At", "But", "And",
             "According", "However", "Meanwhile", "Earlier", "Later", "Also", "A", "An", "She",
             "He", "They", "We", "I", "You", "Officials", "Police", "Witnesses", "Residents",
             "Как", "По", "В", "На", "Об", "Это", "Также", "Ранее", "Она", "Он", "Они"}


class Speakers:
    """Speakers for the figures of one text."""

    def __init__(self, text: str, sentences: Sentences, lang: Language, default: str | None):
        self.text, self.sentences, self.default = text, sentences, default
        self.code = lang.code
        body = (rf"(?:(?:an?|the)\s+{AGENT}\s+(?:for|of|from)\s+)?"
                rf"(?P<who>(?:the\s+)?{NAME}(?:['’]s\s+(?:[a-z-]+\s+){{0,2}}?{ROLES})?"
                rf"|an?\s+(?:[a-z-]+\s+){{0,2}}?{SOMEONE}|(?:police|officials|witnesses|residents"
                r"|(?:news|media|press)\s+reports)"
                rf"|(?:{lang.pronouns})(?:\s+(?:of|for|in)\s+(?:the\s+)?"
                rf"(?:{NAME}|[a-z-]+(?:\s+[a-z-]+){{0,2}}))?)"
                rf"(?:['’]s?\s+(?:[\w-]+\s+)?{AGENT})?")
        apposition = rf"(?:\s*,(?P<appos>(?:{TITLE}|[^,.;“”\"]){{1,80}}),)?"
        verb = (rf"(?:has\s+|have\s+|had\s+|also\s+|further\s+|later\s+)?(?:{lang.reporting})\b"
                rf"{PASSIVE}")
        # scanned over clauses: behind a guard on their first characters (the same matches)
        self.frame = guarded(rf"{body}{apposition}\s+{verb}", re.IGNORECASE)
        # An attribution closing a sentence after a comma ("…, the UN mission said") governs
        # the whole sentence, before any verb such as "found" inside it.
        self.trailing = re.compile(rf"[,—–]\s*{body}{apposition}\s+{verb}", re.IGNORECASE)
        self.after_quote = re.compile(
            rf"\s*,?\s*[—–-]?\s*(?:{body}{apposition}\s+{verb}|{verb}\s+(?:[^\W\d_]+\s+){{0,2}}?"
            rf"(?P<who2>{NAME})"
            # "“…,” said the regional governor": a role in lower case, up to the clause's end
            rf"|{verb}\s+(?P<who3>(?-i:the|an?)(?:\s+(?-i:[a-z-]+)){{1,4}})(?=\s*(?:[,.;:!?]|\Z)))",
            re.IGNORECASE)
        self.inverted = re.compile(  # ", said X"; after an ellipsis: "… said X"
            rf"(?:,|\.\.\.|…)\s*{verb}\s+(?P<who>(?:the\s+)?{NAME}|{lang.pronouns})",
            re.IGNORECASE)
        self.according = re.compile(
            rf"\baccording\s+to\s+{body}"
            rf"|\baccording\s+to\s+(?P<who3>the\s+(?:[\w-]+\s+){{0,4}}?"
            r"(?:ministry|office|agency|authorities|army|police|report|statement|mission|"
            r"group|organisation|organization|committee|commission|officials|sources|data|"
            r"figures))\b", re.IGNORECASE)
        self.pronoun = re.compile(rf"(?:{lang.pronouns})\Z", re.IGNORECASE)
        self.ru_as = re.compile(RU_AS.format(verbs=lang.reporting)) if self.code == "ru" else None
        self.ru_lead = re.compile(RU_LEAD.format(months=lang.months), re.IGNORECASE)
        # "«…», — сообщила представитель ГУ МВД по области Светлана С.": the rest of the clause
        self.ru_after_quote = re.compile(rf"\s*,?\s*[—–-]\s*(?:{lang.reporting})\b")
        self.quotes = [(m.start(), m.end()) for m in QUOTES.finditer(text)]
        self.name_frame = guarded(rf"{body}{apposition}\s+{verb}")
        self.verb = re.compile(rf"\b(?:{lang.reporting})\b{PASSIVE}")
        self._named: list[tuple[int, str, str]] | None = None
        self.quote_starts = [start for start, _ in self.quotes]
        self._quote_speaker: dict[int, str | None] = {}
        self._sentence_speaker: dict[int, str | None] = {}
        self._resolved: dict[tuple[str, int], str | None] = {}
        self._cleaned: dict[str, tuple[str | None, bool]] = {}
        self._subjects: dict[int, str | None] = {}
        self._contrast: dict[int, int] = {}  # sentence -> where the clause of its speaker opens
        self._until: dict[int, int] = {}  # sentence -> where the clause of its speaker ends
        self._later: dict[int, list[tuple[int, str]]] = {}  # speakers of later joined clauses

    @property
    def named(self) -> list[tuple[int, str, str]]:
        """(offset, name, words) of every speaker named in the text, in order; read on first
        use. Frames are looked for only just before a reporting verb (fast on long texts)."""
        if self._named is None:
            named, after = [], 0
            for verb in self.verb.finditer(self.text):
                start = max(after, verb.start() - 100)
                after = verb.end()
                sentence = self.sentences.span(self.sentences.index(verb.start()))[0]
                phrase = self._subject(verb.start(), sentence)
                if phrase and not self._is_pronoun(phrase):
                    named.append((verb.start() - len(phrase), self._clean(phrase), phrase))
                    continue
                for m in self.name_frame.finditer(self.text, start, verb.end()):
                    if m.end() == verb.end():
                        named.append((m.start(), self._clean(self._who(m)), m.group(0)))
                        break
            for m in ACCORDING.finditer(self.text):
                phrase = subject_after(self.text, m.end(), len(self.text))
                if phrase:
                    named.append((m.start(), self._clean(phrase), phrase))
            named += [(m.start(), self._clean(self._who(m)), m.group(0))
                      for m in self.inverted.finditer(self.text)]
            self._named = [n for n in sorted(named) if n[1] and not self._is_pronoun(n[1])]
            self.named_at = [pos for pos, _, _ in self._named]
        return self._named

    def _closing_after_verb(self, start: int, end: int) -> str | None:
        """ "…, сообщила омбудсмен республики Дарья Морозова": the speaker after a reporting
        verb that follows a comma or dash at the end of the sentence."""
        for verb in self.verb.finditer(self.text, start, end):
            if self.text[start:verb.start()].rstrip()[-1:] in (",", "—", "–"):
                if self.code == "ru":  # the rest of the clause names who: "сообщил минздрав"
                    rest = CLAUSE_REST.match(self.text, verb.end(), end)
                    phrase = rest.group(1) if rest else None
                    phrase = _without_lead(phrase, self.ru_lead)
                    if phrase and RU_WHAT.match(phrase):
                        continue  # "говорит об 11 погибших": what is said, not who
                elif verb.group(0).lower() in LISTENER_VERBS:
                    continue
                else:
                    phrase = subject_after(self.text, verb.end(), end)
                if phrase and (phrase[:1].isupper() or self.code == "ru"):
                    return phrase
        return None

    def _subject(self, verb: int, sentence: int) -> str | None:
        """The subject phrase of the reporting verb at `verb` (read once per verb)."""
        if verb not in self._subjects:
            phrase = subject_before(self.text, verb, sentence)
            if phrase is None and (aside := ASIDE.search(self.text, sentence, verb)):
                phrase = subject_before(self.text, aside.start(), sentence)
            self._subjects[verb] = phrase
        return self._subjects[verb]

    @staticmethod
    def _who(m: re.Match) -> str | None:
        """The speaker a match names; a person named in an apposition after a role with the
        role, as written ("the head of the agency, Ann Roe, said"), after a title alone ("the
        Ombudsman, Ms. Lina Haviar, said") without it."""
        groups = m.re.groupindex
        who = next((m.group(g) for g in ("who", "who2", "who3") if g in groups and m.group(g)),
                   None)
        appos = m.group("appos") if "appos" in groups else None
        if who and appos and who.split()[0].lower() == "the":
            appos = appos.strip()
            if appos.split()[0] in ("the", "The"):
                return who
            if re.fullmatch(NAME, appos) and appos.split()[0] not in NOT_NAMES \
                    and not _is_body(appos):
                if len(words := who.split()) > 1 and words[1].islower():
                    return m.string[m.start("who"):m.end("appos")].strip()  # "the head of …"
                return appos  # a title of its own: "the Ombudsman, Ms. Lina Haviar"
        return who

    @staticmethod
    def _clean(name: str | None) -> str | None:
        if not name:
            return None
        agent = SPEAKS_FOR.fullmatch(name.strip())
        if agent:
            name = agent.group("body") or agent.group("owner")
        words = name.split()
        the = words[0] if words[0] in ("The", "the") and len(words) > 1 else None
        if len(words) == 1 and words[0] in UNNAMED:
            return words[0].lower()  # "Police said", "Officials said"
        if words[0] in ("A", "An", "a", "an") and len(words) > 1 and words[1].islower():
            if not _a_setting(words[1:]):
                return " ".join(words)  # "a senior police officer", as written
            words = _after_setting(words[1:])  # "(At) a briefing Governor Ann Roe"
        opened = words[0] in OPENING_PREPOSITIONS
        while words and (words[0] in NOT_NAMES | {"the"} or words[0] in WEEKDAYS) and not (
                words[0] in UNNAMED and len(words) > 2 and words[1].islower()):
            words.pop(0)  # but "Police spokesman X" keeps the body of its title
        if opened:
            words = _after_setting(words)
        if len(words) > 1 and words[0] in ("в", "во") and words[1].isupper():
            words.pop(0)  # «сообщили в МЧС»: the body itself
        words = PREPARED.sub("", WHEN.sub("", " ".join(words))).split()
        if words and words[-1].endswith("."):  # the full stop of the sentence
            words[-1] = words[-1][:-1]
        if not words or not words[-1]:
            return None
        return (f"{the} " if the else "") + " ".join(words)

    def _is_pronoun(self, who: str) -> bool:
        """He, she, it, they, or a role word alone ("the ministry"), not a full name ("the
        Office of the Ombudsman")."""
        if ROLE.fullmatch(who):
            return True  # "the office", "the monitor"
        if not self.pronoun.match(who):
            return False
        # "the Ombudsman", "the Chamber" are roles; "the UN humanitarian coordinator" is named
        return not re.search(r"\(|\bof\b|\bfor\b", who) and not any(
            w[:1].isupper() for w in who.split()[1:-1])

    def of(self, offset: int) -> str | None:
        """The speaker of a figure at `offset`."""
        who = self._in_quote(offset) or self._in_sentence(offset)
        if who is None:
            return self.default
        return self._resolve(who, offset)

    def _in_quote(self, offset: int) -> str | None:
        i = bisect_left(self.quote_starts, offset) - 1
        if i < 0 or not self.quotes[i][0] < offset < self.quotes[i][1]:
            return None
        if i not in self._quote_speaker:
            self._quote_speaker[i] = self._quote(*self.quotes[i])
        return self._quote_speaker[i]

    def _quote(self, start: int, end: int) -> str | None:
        """Who speaks a quote: named after it (", she said") or before it ("X added that")."""
        if self.code == "ru" and (verb := self.ru_after_quote.match(self.text, end)):
            rest = CLAUSE_REST.match(self.text, verb.end())
            phrase = rest.group(1) if rest else None
            phrase = _without_lead(phrase, self.ru_lead)
            if phrase:
                return phrase
        after = self.after_quote.match(self.text, end)
        if after:
            return self._who(after)
        sentence_start = self.sentences.span(self.sentences.index(start))[0]
        if self.code == "ru" and (verbs := list(self.verb.finditer(self.text, sentence_start,
                                                                   start))):
            # «Заместитель мэра Москвы Иван Петров, приехавший на место, сказал: «…»»: the
            # subject of the verb before the quote, with its title, as in a sentence
            phrase = self._subject(verbs[-1].start(), sentence_start)
            if phrase:
                return _without_circumstance(phrase)
        frames = list(self.frame.finditer(self.text, max(0, sentence_start - 300), start))
        return self._who(frames[-1]) if frames else None

    def _in_sentence(self, offset: int) -> str | None:
        index = self.sentences.index(offset)
        if index not in self._sentence_speaker:
            self._sentence_speaker[index] = self._sentence(index)
        if self._contrast.get(index, -1) > offset \
                or self._until.get(index, len(self.text)) < offset:
            return None  # "…, which cost 150 lives, but police sources said he knew": theirs
        later = [phrase for at, phrase in self._later.get(index, ()) if at < offset]
        return later[-1] if later else self._sentence_speaker[index]

    def _sentence(self, index: int) -> str | None:
        """Who the sentence says speaks: "according to X"; "…, X said" closing it; the subject
        of its first reporting verb; "X, head of Y, said"; "…, said X"."""
        start, end = self.sentences.span(index)
        sentence = self.text[start:end]
        according = ACCORDING.search(sentence)
        contrast = according and CONTRAST.search(self.text, start, start + according.start())
        if according and (who := subject_after(self.text, start + according.end(), end)) and (
                contrast or not self._reported(start, start + according.start(), end)):
            if contrast:
                self._contrast[index] = start + according.start()  # "…, а по подсчётам X"
            stop = sentence.find(";", according.end())
            if stop >= 0 and OTHER_COUNT.match(sentence, stop + 1):
                self._until[index] = start + stop  # "по данным X, …; по другим оценкам, …"
            return who
        if by_count := BY_COUNT.search(sentence):
            return by_count.group("who")
        if self.ru_as and (opening := self.ru_as.match(sentence)):
            # «Как сообщил накануне губернатор X»
            return _without_lead(opening.group("who"), self.ru_lead)
        subjects = []
        for verb in self.verb.finditer(self.text, start, end):
            phrase = self._subject(verb.start(), start)
            if phrase:
                at = verb.start() - len(phrase)
                if self.code == "ru":
                    phrase = _without_circumstance(phrase)
                subjects.append((phrase, self.text[start:at].rstrip()[-1:] in (",", "—", "–"),
                                 self.text.rfind(phrase, start, verb.start())))
        closing = [phrase for phrase, after_comma, _ in subjects if after_comma]
        if closing:
            return closing[-1]
        after = self._closing_after_verb(start, end)
        if after:
            return after
        m = self.trailing.search(sentence)
        if m is None and subjects:
            phrase, _, at = subjects[0]
            if CONTRAST.search(self.text, start, at):
                self._contrast[index] = at  # its clause opens after "but": not before
            elif (semicolon := self.text.rfind(";", start, at)) >= 0 \
                    and self.text[start:at].rstrip()[-1:] not in (",", "—", "–"):
                self._contrast[index] = semicolon  # nor before a ";" ahead of it, unless
                # it closes the sentence ("…; six died, the school's management said")
            self._later[index] = sorted(
                [(later_at, later) for later, _, later_at in subjects[1:]
                 if JOINED_CLAUSE.search(self.text, start, later_at)]
                + self._gapped(at, end))
            return phrase
        m = m or self.frame.search(sentence) or self.inverted.search(sentence)
        if m and self.code == "ru" and m.re is self.frame and m.group("who") == self._who(m) \
                and (title := RU_TITLE.fullmatch(sentence, 0, m.start("who"))) \
                and not STOPS.intersection(title.group(0).lower().split()):
            return title.group(0) + m.group("who")  # "Бывший следователь прокуратуры И. Петров"
        return self._who(m) if m else None

    def _gapped(self, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, speaker) of the Russian clauses after `start` that leave the reporting
        verb out («…, а Минздрав — о 21 раненом»)."""
        if self.code != "ru":
            return []
        return [(m.start("who"), m.group("who")) for m in RU_GAPPED.finditer(self.text, start, end)]

    def _reported(self, start: int, at: int, end: int) -> bool:
        """Whether "according to" at `at` sits in a clause someone else reports: after a
        reporting verb ("X said that … по данным Y") or before one closing the sentence
        ("по данным Y, …, сообщила X")."""
        for verb in self.verb.finditer(self.text, start, end):
            if verb.start() < at:
                if THAT.match(self.text, verb.end()):
                    return True
            elif self.text[at:verb.start()].rstrip()[-1:] in (",", "—", "–") \
                    and not DIGIT.search(self.text, verb.end(), end):
                return True
        return False

    def _resolve(self, who: str, offset: int) -> str | None:
        """A pronoun or surname replaced by the full name given before `offset`."""
        if who not in self._cleaned:
            name = self._clean(who)
            if name is None and self.pronoun.match(who.strip()):
                name = who.strip()  # "She", "It" at the start of a sentence
            self._cleaned[who] = (name, name is not None and self._is_pronoun(name))
        name, pronoun = self._cleaned[who]
        if name is None or (self.code == "en" and ADVERB.fullmatch(name)):
            return self.default  # "has so far claimed", "were fully documented"
        if not pronoun and " " in name:
            return name  # a full name says who it is
        at = bisect_left(self._names_at(), offset)
        key = (name, at)
        if key not in self._resolved:
            self._resolved[key] = self._resolve_at(name, pronoun, at)
        return self._resolved[key]

    def _names_at(self) -> list[int]:
        self.named  # noqa: B018 - reads the names on first use
        return self.named_at

    def _resolve_at(self, name: str, pronoun: bool, at: int) -> str | None:
        earlier = self.named[max(0, at - 50):at]
        if pronoun:
            if PERSONAL.match(name):
                earlier = [n for n in earlier if not _is_body(n[1])
                           and n[1].capitalize() not in UNNAMED]  # "he" is not "officials"
            elif not VAGUE.match(name):  # a role: the one named with that role before,
                role = name.split()[-1].lower()[:6]  # else the last body named before
                same = [n for n in earlier if role in n[2].lower()]
                if not same and name.split()[-1].lower() in DOCUMENTS | OWN_ROLES:
                    return name  # "the inquiry report says", "the government says": no body
                    # named before issued it or has that role
                earlier = same or [n for n in earlier if not _a_person(n[1])]
                if not earlier:
                    return name
            if not earlier:
                return self.default
            name = earlier[-1][1]
        if " " not in name:
            for _, full, _ in reversed(earlier):
                if full.endswith(" " + name):
                    return full
        return name


# What a Russian body says in ("в совместном заявлении МВД"), not a body of its own.
RU_CHANNEL = re.compile(r"(?:заявлени|сообщени|интервью|телеграм|эфир|обращени|доклад|отч[её]т|"
                        r"пресс-релиз|соцсет|сет[иь]|письм|комментари|бесед|публикаци|брифинг|"
                        r"канал|блог|видео)[\w-]*\s+", re.IGNORECASE)


# A body named by where it sits, after «сообщили в»: «в администрации губернатора».
RU_BODY_WHERE = re.compile(r"(?:администрации|мэрии|прокуратуре|полиции|больнице|штабе|"
                           r"пресс-службе|правительстве|министерстве|ведомстве)", re.IGNORECASE)


def _without_lead(phrase: str | None, lead_pattern: re.Pattern) -> str | None:
    """The speaker after a Russian verb without what stands before it («сообщил 19 сентября
    Минздрав»); a lead that took only the adjective of the next noun gives it back to a body
    («сообщили в правоохранительных органах Назрани») and takes the noun with it when that
    noun is where the body says it («в совместном заявлении МВД и ФСБ»)."""
    if not phrase or not (lead := lead_pattern.match(phrase)) or lead.end() >= len(phrase):
        return phrase
    rest = phrase[lead.end():]
    if rest[:1].islower():
        if channel := RU_CHANNEL.match(rest):
            return rest[channel.end():] or rest
        last = re.search(r"(?:в|во|на)\s+([а-яё-]+)\s+\Z", phrase[:lead.end()], re.IGNORECASE)
        if last and (re.search(r"(?:ых|их|ом|ем|ой|ей)\Z", last.group(1))
                     or RU_BODY_WHERE.fullmatch(last.group(1))):
            return last.group(1) + " " + rest  # "правоохранительных органах Назрани"
    return rest


def _after_setting(words: list[str]) -> list[str]:
    """ "At a briefing Governor Ann Roe": the name without the setting in lower case that a
    preposition opened before it; words all in lower case ("regional officials") and a name
    that goes on in lower case ("an internal UN report") are kept."""
    first = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    if first and first <= 4 and all(w[:1].islower() for w in words[:first]) \
            and all(w[:1].isupper() for w in words[first:]):
        return words[first:]
    return words


def _a_setting(words: list[str]) -> bool:
    """Whether lower-case words before a name are a setting ("a briefing", "a press
    conference"), not who speaks ("a senior officer", "a spokesman for")."""
    lower = words[:len(words) - len(_after_setting(words))]
    return bool(lower) and not re.search(SOMEONE, " ".join(lower)) \
        and not {"for", "of", "from", "with"} & set(lower)


def _without_circumstance(phrase: str) -> str:
    """ "После штурма президент Татарстана ...": the speaker without the phrase of time or
    circumstance that opens the sentence before it."""
    m = RU_CIRCUMSTANCE.match(phrase)
    return phrase[m.end():] if m and len(phrase[m.end():].split()) >= 2 else phrase


FUNCTION_WORDS = {"the", "of", "for", "and", "on", "in", "at", "to"}


def _a_person(name: str) -> bool:
    """Whether a speaker is a person, by name alone ("Ko Zaw Tun") or after a title in lower
    case ("Health minister Anna Berg"): no body a later role ("the prosecutor") stands for."""
    words = name.split()
    return _personal_name(name) or (
        len(words) >= 3 and any(w[:1].islower() for w in words[:-2])
        and not FUNCTION_WORDS.intersection(w.lower() for w in words)
        and _personal_name(" ".join(words[-2:])) and not _is_body(name))


def _personal_name(name: str) -> bool:
    """Whether a speaker is a person's name ("Ko Zaw Tun"), not a body ("the UN mission")."""
    words = name.split()
    return (all(w[:1].isupper() for w in words) and len(words) <= 4
            and not _is_body(name) and not re.search(r"\(|[A-Z]{2,}", name))
