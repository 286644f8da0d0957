"""A list that writes names as initials (Мамедов А. Г.) still meets the full names."""

import pandas as pd
import pytest
from _lists import synth_records

from toll.persons.comparisons import initial_m
from toll.persons.evaluation import pairwise_scores
from toll.persons.linkage import link
from toll.synth import SynthSettings, make_lists


def test_initial_m_is_the_chance_that_one_of_two_records_has_an_initial():
    keys = pd.Series(["a", "ali", "hasan", None, "h", "rashid"])
    assert initial_m(keys) == pytest.approx(2 * 0.4 * 0.6)
    assert initial_m(pd.Series(["ali", "hasan"])) == 0.005
    assert initial_m(pd.Series([None], dtype=object)) is None


def _initials_only(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The commission writes initials, no date of birth, and the month of death only."""
    if "commission" not in name:
        return frame
    return frame.assign(
        Имя=frame["Имя"].str[:1] + ".",
        Отчество=frame["Отчество"].str[:1] + ".",
        **{"Дата рождения": "", "Дата гибели": frame["Дата гибели"].str[3:]},
    )


@pytest.fixture(scope="module")
def records():
    lists = make_lists(SynthSettings(persons=1500, lists=3, seed=21, sibling_rate=0.0))
    return synth_records(lists, _initials_only)


def test_records_with_initials_join_their_person(records):
    result = link(records.drop(columns="person"), seed=3)
    of = result.clusters.set_index("record_id")["cluster_id"]
    initials = records[records["source_id"].str.contains("commission")]
    full = records[~records["source_id"].str.contains("commission")]
    pairs = initials.merge(full, on="person", suffixes=("_c", "_full"))
    joined = (of[pairs["record_id_c"]].to_numpy() == of[pairs["record_id_full"]].to_numpy()).mean()
    assert joined >= 0.6  # without initial_m: none; surname, initials and month are little
    precision, _, _ = pairwise_scores(result.clusters, records.set_index("record_id")["person"])
    assert precision >= 0.95


def test_an_initial_is_keyed_by_its_first_sound_in_any_script():
    from toll.names import name_keys
    from toll.persons.features import record_features

    records = pd.DataFrame(
        {
            "record_id": ["1", "2", "3", "4"],
            "family_name": ["Сафаров", "Safarov", "Safarov", "Safarov"],
            "given_name": ["Я.", "Ya.", "I.", "Yaqub"],
            "patronymic": ["Ш.", "Sh.", "S.", "Shamil oglu"],
        }
    )
    features = record_features(records)
    assert features["given_key"].tolist()[:3] == ["i", "i", "i"]  # Я. = Ya. = I.
    assert features["given_phonetic"].tolist()[:3] == ["I", "I", "I"]
    assert features["patronymic_key"].tolist()[:3] == ["w", "w", "s"]  # Ш. = Sh. but not S.
    assert features["given_key"].iloc[3] == name_keys(given="Yaqub").given_key  # not an initial


def test_two_different_initials_are_not_one_letter_off():
    """Sound codes of one letter are all one letter apart: that level is for longer names."""
    import duckdb

    from toll.persons.comparisons import _one_letter_off

    sql = _one_letter_off("given_phonetic").get_comparison_level("duckdb").sql_condition

    def fires(left: str, right: str) -> bool:
        pair = f"SELECT '{left}' AS given_phonetic_l, '{right}' AS given_phonetic_r"
        query = f"SELECT {sql} FROM ({pair})"
        return bool(duckdb.sql(query).fetchone()[0])

    assert not fires("A", "K")
    assert fires("LAILA", "LAIA")


def test_an_initial_meets_every_first_sound_of_the_name_in_other_languages():
    # Олександр (uk) and Александр (ru) are one key; a list writes О. or А. for him
    from toll.names import first_sounds
    from toll.persons.blocking import rule_columns
    from toll.persons.features import record_features

    assert set(first_sounds("aleksandr")) >= {"A", "O"}
    assert set(first_sounds("elena")) >= {"E", "I", "O"}  # Елена, Yelena, Olena
    frame = pd.DataFrame(
        {
            "record_id": ["1", "2", "3"],
            "source_id": ["a", "b", "b"],
            "given_name": ["О.", "Олександр", "Иван"],
            "family_name": ["Шевченко", "Шевченко", "Шевченко"],
        }
    )
    features = record_features(frame).set_index("unique_id")
    assert "O" in features.loc["2", "given_initials"]
    assert features.loc["1", "given_initial_2"] == features.loc["2", "given_initial_2"] == "o"
    assert ("family_phonetic", "given_initial_2") in rule_columns()
    assert pd.isna(features.loc["3", "given_initial_2"])  # Ivan: no other first sound


def _initial_agrees(field: str, left: dict, right: dict) -> bool:
    """Whether the "initial agrees" level fires for two records' features."""
    import duckdb

    from toll.persons.comparisons import _initial_level

    sql = _initial_level(field).get_comparison_level("duckdb").sql_condition
    columns = [f"{field}_key", f"{field}_phonetic", f"{field}_initials"]
    cells = [
        f"'{side[c]}' AS {c}_{end}" for side, end in ((left, "l"), (right, "r")) for c in columns
    ]
    return bool(duckdb.sql(f"SELECT {sql} FROM (SELECT {', '.join(cells)})").fetchone()[0])


def test_an_initial_compares_a_vowel_by_its_letter_not_its_sound_class():
    """The sound classes write a, e and ə alike (A): Э. or E. would agree with Əli, А. with
    Elnur. An initial agrees by its transliterated letter: Э./E. with Elnur, Ə./А. with Əli."""
    from toll.persons.features import record_features

    frame = pd.DataFrame(
        {
            "record_id": [str(i) for i in range(7)],
            "family_name": ["Məmmədov"] * 7,
            "given_name": ["Э.", "E.", "Ə.", "А.", "Əli", "Elnur", "О."],
            "patronymic": ["Э.", "E.", "Ə.", "А.", "Əli oğlu", "Elnur oğlu", "У."],
        }
    )
    rows = record_features(frame).set_index("unique_id").to_dict("index")
    for field in ("given", "patronymic"):
        for initial in ("0", "1"):  # Э., E.
            assert _initial_agrees(field, rows[initial], rows["5"])  # Elnur
            assert not _initial_agrees(field, rows[initial], rows["4"])  # Əli
        for initial in ("2", "3"):  # Ə., А.
            assert _initial_agrees(field, rows[initial], rows["4"])
            assert not _initial_agrees(field, rows[initial], rows["5"])
    assert rows["0"]["given_key"] == rows["1"]["given_key"] != rows["2"]["given_key"]
    assert rows["2"]["given_key"] == rows["3"]["given_key"]
    assert rows["6"]["given_key"] != rows["6"]["patronymic_key"]  # О. is not У.


def _features(given_names: list[str], family: str = "Məmmədov") -> dict:
    from toll.persons.features import record_features

    frame = pd.DataFrame(
        {
            "record_id": [str(i) for i in range(len(given_names))],
            "family_name": [family] * len(given_names),
            "given_name": given_names,
        }
    )
    return record_features(frame).set_index("unique_id").to_dict("index")


def test_a_consonant_initial_compares_by_its_letter_not_its_sound_class():
    """The sound classes join g, k and h: Г. would agree with Kamal. An initial agrees by
    its letter and the letters the name is written with elsewhere (Гусейн, Huseyn; Cavid,
    Джавид; Qasım, Гасым, Kasum), so namesakes given only by an initial stay apart."""
    names = ["Г.", "Гусейн", "Huseyn", "Hüseyn", "Kamal", "Дж.", "Cavid", "Javid", "Q."]
    rows = _features([*names, "Гасым", "Kasum", "H.", "Х.", "Ш.", "S.", "Шамиль", "Samir"])
    g, kamal, dzh, q = rows["0"], rows["4"], rows["5"], rows["8"]
    for huseyn in ("1", "2", "3"):
        assert _initial_agrees("given", g, rows[huseyn])
    assert not _initial_agrees("given", g, kamal)
    for cavid in ("6", "7"):
        assert _initial_agrees("given", dzh, rows[cavid])
    assert not _initial_agrees("given", dzh, kamal)
    for qasim in ("9", "10"):
        assert _initial_agrees("given", q, rows[qasim])
    assert not _initial_agrees("given", q, kamal)
    h, kh, sh, s, shamil, samir = (rows[str(i)] for i in range(11, 17))
    assert _initial_agrees("given", g, h)  # Г. may be H. (Гасан, Hasan; Hryhoriy)
    assert not _initial_agrees("given", g, kh)
    assert _initial_agrees("given", sh, shamil) and not _initial_agrees("given", sh, samir)
    assert _initial_agrees("given", s, samir)
    assert _initial_agrees("given", s, shamil)  # a Latin list cuts Shamil to S.


def test_a_latin_initial_may_be_a_digraphs_first_letter():
    """Lists in Latin letters write Ş./Ш. as S. (Shalala), Х. as K. (Khagani), Ç./Ч. as
    C. (Chingiz): such an initial agrees with the full name and with the other script's
    initial; the code of the digraph does not stand for the plain letter in turn."""
    names = ["S.", "K.", "C.", "Shalala", "Şəlalə", "Шалала", "Khagani", "Xaqani", "Хагани"]
    more = ["Chingiz", "Çingiz", "Чингиз", "Ş.", "Ш.", "Х.", "خ.", "Ç.", "Samir", "Kamal"]
    rows = _features([*names, *more, "Cavid", "Джамал", "Д."], family="Safarov")
    s, k, c = rows["0"], rows["1"], rows["2"]
    for initial, full in ((s, (3, 4, 5)), (k, (6, 7, 8)), (c, (9, 10, 11))):
        assert all(_initial_agrees("given", initial, rows[str(i)]) for i in full)
    for initial, other in ((s, "12"), (s, "13"), (k, "14"), (k, "15"), (c, "16")):
        assert _initial_agrees("given", initial, rows[other])
    samir, kamal, cavid = rows["17"], rows["18"], rows["19"]
    for initial in ("12", "13"):  # Ş., Ш.: not Samir
        assert not _initial_agrees("given", rows[initial], samir)
    assert not _initial_agrees("given", rows["14"], kamal)  # Х. is not Kamal
    assert not _initial_agrees("given", rows["16"], cavid)  # Ç. is not Cavid
    assert not _initial_agrees("given", s, kamal) and not _initial_agrees("given", k, samir)
    assert not _initial_agrees("given", k, rows["3"])  # K. is not Shalala
    assert _initial_agrees("given", rows["21"], rows["20"])  # Д. for Джамал (Dzhamal)


def test_an_initial_s_links_shalala_and_not_a_woman_of_another_name():
    """One list writes Zeynalova S. for Shalala Zeynalova (Şəlalə, Sh-): linked; the same
    initial against Xatira Rzayeva, with the same facts, is not."""
    from _lists import three_lists

    facts = {"place": "Ganja", "event_date": "1992-02-26", "birth_year": 1961, "sex": "female"}
    extra = pd.DataFrame(
        [
            {"record_id": "A-s", "source_id": "A", "person": "s", "full_name": "Shalala Zeynalova"},
            {"record_id": "B-s", "source_id": "B", "person": "s", "given_name": "S."},
            {"record_id": "A-x", "source_id": "A", "person": "x", "full_name": "Xatira Rzayeva"},
            {"record_id": "B-x", "source_id": "B", "person": "y", "given_name": "S."},
        ]
    ).assign(family_name=[None, "Zeynalova", None, "Rzayeva"], **facts)
    records = pd.concat([three_lists(300, seed=6), extra], ignore_index=True)
    of = link(records.drop(columns="person"), seed=2).clusters.set_index("record_id")
    assert of.loc["A-s", "cluster_id"] == of.loc["B-s", "cluster_id"]
    assert of.loc["A-x", "cluster_id"] != of.loc["B-x", "cluster_id"]


def test_a_listed_names_first_letter_is_folded_not_read_as_a_digraphs_code():
    """The first Latin letter of a listed spelling is folded as a name's is: Qurban's and
    Qasım's q is G (not the code of Ч, Ç, so neither Ч., Ç. nor C. is Qurban), Walid's w is
    V (not the code of Ш, so neither Ш. nor S. is Walid)."""
    names = ["Qurban", "Qasım", "Walid", "Ч.", "Ç.", "C.", "Ш.", "S.", "Г.", "K.", "V."]
    rows = _features(names, family="Safarov")
    qurban, qasim, walid = rows["0"], rows["1"], rows["2"]
    for initial in ("3", "4", "5"):
        assert not _initial_agrees("given", rows[initial], qurban)
        assert not _initial_agrees("given", rows[initial], qasim)
    for initial in ("6", "7"):
        assert not _initial_agrees("given", rows[initial], walid)
    assert _initial_agrees("given", rows["8"], qurban)  # Г.
    assert _initial_agrees("given", rows["9"], qasim)  # K.
    assert _initial_agrees("given", rows["10"], walid)
