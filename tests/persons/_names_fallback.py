"""A stand-in for toll.names used only while that module is being written.

It follows the agreed API (name_keys_frame, place_key, split_full_name) with
crude rules; the real module replaces it as soon as it exists.
"""

from __future__ import annotations

import re

import jellyfish
import pandas as pd
from anyascii import anyascii

_PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|oglu|ogly|qizi|kyzy|gizi)$")


def _key(text) -> str | None:
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return None
    out = re.sub(r"[^a-z ]", "", anyascii(str(text)).lower()).strip()
    out = out.replace("kh", "h").replace("dzh", "j").replace("yu", "u").replace("ya", "a")
    out = out.replace("ie", "e").replace("y", "i")
    return out or None


def split_full_name(text):
    tokens = (_key(text) or "").split()
    family = tokens[0] if tokens else None
    given = tokens[1] if len(tokens) > 1 else None
    patronymic = " ".join(tokens[2:]) or None
    return given, family, patronymic


def name_keys_frame(
    df, full="full_name", given="given_name", family="family_name", patronymic="patronymic"
):
    rows = []
    for f, g, fa, p in zip(df[full], df[given], df[family], df[patronymic], strict=True):
        g, fa, p = _key(g), _key(fa), _key(p)
        if g is None and fa is None and _key(f):
            g, fa, p = split_full_name(f)
        if p:
            p = _PATRONYMIC.sub("", p.split()[0]) or p
        fam_stem = re.sub(r"(ova|eva|ov|ev|in|ina|yan|ian|li)$", "", fa) if fa else None
        rows.append(
            {
                "given_key": g,
                "family_key": fa,
                "patronymic_key": p,
                "given_phonetic": jellyfish.metaphone(g) if g else None,
                "family_phonetic": jellyfish.metaphone(fa) if fa else None,
                "given_initial": g[0] if g else None,
                "family_stem": fam_stem or None,
                "name_tokens_sorted": " ".join(sorted(t for t in (g, fa) if t)) or None,
            }
        )
    return pd.DataFrame(rows, index=df.index)


def place_key(text):
    return _key(text)
