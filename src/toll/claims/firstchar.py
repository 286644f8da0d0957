"""Long alternations of phrases, grouped by their first character: the same matches, faster.

The regular expression engine tries every alternative of `a|b|c|…` at each position it tests;
with hundreds of harm phrases that is most of the time of a scan. `by_first_char` returns the
same alternation with the alternatives grouped by the character they can start with, that
letter factored out or in a lookahead, `k(?:illed|idnapped)|(?=(?i:w))(?:(?:were )?wounded|…)`,
each group in the original order: at any character only one group can match, and it tries its
alternatives in the order the flat alternation would, so every match (and every backtrack) is
the same. When an alternative's first
characters cannot be read (a class such as \\w, an empty match, a capturing group), the flat
alternation is returned unchanged.
"""

import re
from functools import cache

try:  # the parser of the re module (Python 3.11+)
    import _sre
    from re import _casefix, _parser
    from re import _constants as sre
except ImportError:  # pragma: no cover - another Python: the flat alternation
    _parser = None

ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def by_first_char(alternatives: list[str]) -> str:
    """The alternation of `alternatives` (patterns, in their order of preference), grouped by
    first character; for patterns compiled with or without IGNORECASE (not with re.ASCII:
    the groups join the letters Unicode case folding joins, İ/i/ı, ſ/s; nor re.VERBOSE, where
    a leading space would be read as the first character)."""
    flat = "|".join(alternatives)
    if _parser is None:
        return flat
    groups: dict[int, list[str]] = {}
    for alt in alternatives:
        try:
            parsed = _parser.parse(alt)
        except re.error:
            return flat
        found = _firsts(parsed.data)
        if found is None or found[1] or parsed.state.groups > 1 or \
                not all(isinstance(c, int) for c in found[0]):
            return flat
        for key in sorted({_case_class(c) for c in found[0]}):
            groups.setdefault(key, []).append(alt)
    return "|".join(_group(key, alts) for key, alts in sorted(groups.items()))


def first_char_guard(pattern: str, ignorecase: bool = False) -> str:
    """A lookahead on the characters a match of `pattern` can start with, for the pattern
    compiled with IGNORECASE or not as `ignorecase` says (without it, no inline (?i)): put in
    front of it, the same matches, and a position where none can start is passed over at one
    test; "" when they cannot be read."""
    if _parser is None or (not ignorecase and "(?i" in pattern):
        return ""
    try:
        found = _firsts(_parser.parse(pattern).data)
    except re.error:
        return ""
    if found is None or found[1]:
        return ""
    items = sorted(str(c) for c in found[0] if isinstance(c, str))
    items += [re.escape(chr(c)) for c in sorted(c for c in found[0] if isinstance(c, int))]
    return f"(?=[{''.join(items)}])"


@cache
def guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled with `flags` behind its `first_char_guard` (the same matches); read
    and compiled once per pattern, for patterns built again for every text."""
    guard = first_char_guard(pattern, ignorecase=bool(flags & re.IGNORECASE))
    return re.compile(f"{guard}(?:{pattern})" if guard else pattern, flags)


def _group(key: int, alts: list[str]) -> str:
    """One group: its first letter factored out when every alternative starts with that same
    letter, written plainly ("k(?:illed|idnapped)", as fast with or without IGNORECASE);
    else behind a lookahead on the letter in any case."""
    first = alts[0][:1]
    if all(a[:1] == first and first.isalpha() and a[1:2] not in ("?", "*", "+", "{")
           and "|" not in a for a in alts):
        return f"{first}(?:{'|'.join(a[1:] for a in alts)})"
    return f"(?=(?i:{re.escape(chr(key))}))(?:{'|'.join(alts)})"


def _case_class(code: int) -> int:
    """One code for all the characters that match each other ignoring case (as re does)."""
    lower = _sre.unicode_tolower(code)
    return min({lower, *_casefix._EXTRA_CASES.get(lower, ())})


def _firsts(items: list) -> tuple[set[int | str], bool] | None:
    """(the characters parsed items can start with, whether they can match nothing); None
    when that cannot be read. Zero-width assertions are passed over (a superset is safe);
    a digit of any script is r"\\d"."""
    out: set[int | str] = set()
    for op, av in items:
        name = str(op)
        if name in ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return out | {av}, False
        if op is sre.IN:
            for o, a in av:
                if o is sre.LITERAL:
                    out.add(a)
                elif o is sre.RANGE and a[1] - a[0] < 64:
                    out.update(range(a[0], a[1] + 1))
                elif o is sre.CATEGORY and a is sre.CATEGORY_DIGIT:
                    out.add(r"\d")
                else:
                    return None
            return out, False
        if op is sre.SUBPATTERN:
            found = _firsts(av[-1])
        elif op is sre.BRANCH:
            each = [_firsts(p) for p in av[1]]
            if any(f is None for f in each):
                return None
            found = set().union(*(f[0] for f in each if f)), any(f[1] for f in each if f)
        elif name in REPEATS:
            inner = _firsts(av[2])
            found = inner and (inner[0], inner[1] or av[0] == 0)
        else:
            return None
        if found is None:
            return None
        out |= found[0]
        if not found[1]:
            return out, False
    return out, True
