"""The grouped alternation finds exactly what the flat one finds."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from toll.claims.firstchar import by_first_char, first_char_guard, guarded
from toll.claims.language import load_language

PHRASES = ["killed", "(?:were )?killed,? (?:and|or) injured", "kidnapped", "Wounded",
           "injured", "[Ii]njured (?:by|in)", "lost (?:their|his|her) lives", "swap of",
           "(?:two|three) ", "станов", "Убит[аоы]?", "ſtruck", "hurt", "hit", "hit by",
           "dead", "Died", "died"]
TEXT = ("Gunmen kidnapped 12; 40 were killed, and injured 9 WOUNDED. Some lost their lives; "
        "Injured in the swap of 20. Убиты 4, убита одна; STRUCK three times, two left killed; "
        "hit by 3, 5 hurt, Died 2, dead 4, hit")


def test_the_same_matches_and_backtracking() -> None:
    for flags in (re.IGNORECASE, 0):
        flat = re.compile(rf"(?<![\w-])(?:{'|'.join(PHRASES)})(?![\w-])", flags)
        grouped = re.compile(rf"(?<![\w-])(?:{by_first_char(PHRASES)})(?![\w-])", flags)
        assert grouped.pattern != flat.pattern and "h(?:urt|it|it by)" in grouped.pattern
        for start in range(len(TEXT)):
            assert [m.span() for m in grouped.finditer(TEXT, start)] == \
                [m.span() for m in flat.finditer(TEXT, start)]


def test_unreadable_first_characters_keep_the_flat_alternation() -> None:
    for phrases in (["killed", r"\w+ed"], ["killed", "(?:x)?"], ["killed", "(shot)"]):
        assert by_first_char(phrases) == "|".join(phrases)


def test_the_languages_triggers_are_grouped() -> None:
    for code in ("en", "ru"):
        assert "(?=(?i:" in load_language(code).left_trigger.pattern


def test_a_guard_on_the_first_characters_keeps_the_matches() -> None:
    pattern = r"\b(?:(?:[Oo]n\s+)?the\s+night|\d{1,2}\s+May|[Ss]ince\s+\d{4}|Убит[аоы]?)"
    guard = first_char_guard(pattern)
    assert guard == r"(?=[\dOSostУ])"
    text = "On the night of 3 May, since 2019 and Since 2020; убиты, Убита; at the night"
    assert [m.span() for m in re.finditer(guard + pattern, text)] == \
        [m.span() for m in re.finditer(pattern, text)]
    assert first_char_guard(r"(?i:the)|x") == "" and first_char_guard(r"\w+|x") == ""


# Property: for any alternatives built from these pieces (letters whose case folds meet in
# re: İ/i/ı/I, ſ/s/S, K/k/K (Kelvin), Ə/ə, Ш/ш; classes, digits, optional groups, repeats,
# lookbehinds and lookaheads, empty alternatives), the grouped alternation and the guard find
# what the flat alternation finds, with and without IGNORECASE.
LETTERS = "aAiIİısSſkKKəƏшШ "
PIECES = st.one_of(
    st.sampled_from(LETTERS),
    st.sampled_from(["[Ii]", "[a-c]", "[əƏ]", r"\d", "(?:i )?", "(?:ş|s)", "s*", "a+",
                     "(?<=a)", "(?<!i)", "(?=k)", "(?!s)", r"\b", "(?i:ш)", ""]),
)
ALTERNATIVE = st.lists(PIECES, min_size=0, max_size=4).map("".join)
TEXTS = st.text(alphabet=LETTERS + "ş1-", max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALTERNATIVE, min_size=1, max_size=6), TEXTS, st.booleans())
def test_grouping_and_guard_keep_every_match(alternatives, text, ignorecase) -> None:
    flags = re.IGNORECASE if ignorecase else 0
    flat = "|".join(alternatives)
    try:
        re.compile(flat)
    except re.error:
        return
    for outer in ("(?:{})", r"(?<![\w-])(?:{})(?![\w-])"):
        expected = [m.span() for m in re.finditer(outer.format(flat), text, flags)]
        grouped = re.compile(outer.format(by_first_char(alternatives)), flags)
        assert [m.span() for m in grouped.finditer(text)] == expected
        guard = first_char_guard(flat, ignorecase=ignorecase)
        assert [m.span() for m in re.finditer(guard + f"(?:{flat})", text, flags)] == \
            [m.span() for m in re.finditer(f"(?:{flat})", text, flags)]


def test_a_guarded_alternation_keeps_the_matches_of_each_alternative() -> None:
    # the guard covers every alternative of a top-level alternation, not only the first
    pattern = r"(?:half|most)\s+of\s+the\s+\Z|\b(?:one|\d+)\s+in\s+\Z"
    for flags in (0, re.IGNORECASE):
        fast = guarded(pattern, flags)
        assert fast.pattern.startswith("(?=[")
        for text in ("Most of the ", "most of the ", "killed one in ", "  12 in ", "one in two",
                     "x"):
            assert [m.span() for m in fast.finditer(text)] == \
                [m.span() for m in re.finditer(pattern, text, flags)]
    assert guarded(r"\w+x").pattern == r"\w+x"  # unreadable first characters: no guard
