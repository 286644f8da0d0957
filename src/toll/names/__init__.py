"""Names and places compared across scripts and transliterations.

A pure core: it imports no store, CLI or web module. See docs/methods/names.md.

    from toll.names import name_keys, NameKeys, place_key, split_full_name, name_keys_frame
"""

from toll.names.fold import first_sounds
from toll.names.frame import KEY_COLUMNS, name_keys_frame
from toll.names.keys import NameKeys, name_keys
from toll.names.places import place_key
from toll.names.split import split_full_name
from toll.names.transliterate import to_latin

__all__ = [
    "KEY_COLUMNS",
    "NameKeys",
    "first_sounds",
    "name_keys",
    "name_keys_frame",
    "place_key",
    "split_full_name",
    "to_latin",
]
