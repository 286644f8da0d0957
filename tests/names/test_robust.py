"""Any text, however odd, gives keys without an error: lists contain anything."""

from hypothesis import given, settings
from hypothesis import strategies as st

from toll.names import name_keys, place_key, split_full_name

# Letters from the scripts lists use, plus punctuation and digits.
ALPHABET = st.sampled_from(
    list("abcxyzəğıöüçşİIĞ")
    + list("абвгдежзийклмнопрстуфхцчшщъыьэюяёіїєґђћ")
    + list("աբգհովյնսր")
    + list("აბგდეშხცჯ")
    + list("حسنمدعلي")
    + list(" .,-()'’\t\n0123456789")
)
TEXT = st.text(ALPHABET, max_size=40)


@settings(max_examples=300, deadline=None)
@given(full=TEXT, given_name=TEXT, family=TEXT, patronymic=TEXT)
def test_name_keys_never_fail_and_stay_ascii(full, given_name, family, patronymic):
    keys = name_keys(
        full=full, given=given_name or None, family=family or None, patronymic=patronymic or None
    )
    for value in keys.to_dict().values():
        assert value is None or isinstance(value, bool) or (value.isascii() and value)


@settings(max_examples=300, deadline=None)
@given(full=TEXT)
def test_split_parts_come_from_the_text(full):
    parts = split_full_name(full)
    assert len(parts) == 3
    for part in parts:
        assert part is None or part.strip() == part and part


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_place_key_never_fails(text):
    key = place_key(text)
    assert key is None or (key.isascii() and key)
