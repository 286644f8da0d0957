"""Full names split into given, family and patronymic whatever the order and script."""

import pytest

from toll.names import name_keys, split_full_name
from toll.names.split import FAMILY_FIRST, GIVEN_FIRST

CASES = [
    ("Məmmədov Əli Həsən oğlu", ("Əli", "Məmmədov", "Həsən oğlu")),
    ("Мамедов Али Гасанович", ("Али", "Мамедов", "Гасанович")),
    ("Ali Mamedov", ("Ali", "Mamedov", None)),
    ("Mamedov Ali", ("Ali", "Mamedov", None)),
    ("MAMEDOV, Ali", ("Ali", "MAMEDOV", None)),
    ("ALIYEV Ramil", ("Ramil", "ALIYEV", None)),
    ("A. H. Mamedov", ("A.", "Mamedov", "H.")),
    ("Мамедов А.Г.", ("А.", "Мамедов", "Г.")),
    ("Əli Həsən oğlu Məmmədov", ("Əli", "Məmmədov", "Həsən oğlu")),
    ("Aliyeva Leyla Hasan qizi", ("Leyla", "Aliyeva", "Hasan qizi")),
    ("Гасан оглы Мамедов Али", ("Али", "Мамедов", "Гасан оглы")),
    ("Шевченко Тарас Григорович", ("Тарас", "Шевченко", "Григорович")),
    ("Taras Shevchenko", ("Taras", "Shevchenko", None)),
    ("Hasanović Hasan", ("Hasan", "Hasanović", None)),
    ("Hasan (Mehmed) Hasanović", ("Hasan", "Hasanović", "Mehmed")),
    ("Ahmad Mahmoud Hassan", ("Ahmad", "Hassan", "Mahmoud")),
    ("Ahmad ibn Hasan al-Hashimi", ("Ahmad", "al-Hashimi", "ibn Hasan")),
    ("Giorgi Beridze", ("Giorgi", "Beridze", None)),
    ("Петросян Армен Геворгович", ("Армен", "Петросян", "Геворгович")),
    ("  Ali   Mamedov ", ("Ali", "Mamedov", None)),
    ("Мамедов Али Гасан-оглы", ("Али", "Мамедов", "Гасан-оглы")),
    ("Məmmədov Əli Həsənoğlu", ("Əli", "Məmmədov", "Həsənoğlu")),
    ("Hasanoglu Mehmet", ("Mehmet", "Hasanoglu", None)),
    ("Abdul Rahman Hassan", ("Abdul Rahman", "Hassan", None)),
    ("Mamedova", (None, "Mamedova", None)),
    ("Ali", ("Ali", None, None)),
    ("", (None, None, None)),
    (None, (None, None, None)),
]


@pytest.mark.parametrize(("full", "expected"), CASES)
def test_split_full_name(full, expected):
    assert split_full_name(full) == expected


def test_south_slavic_surname_is_not_a_patronymic():
    assert split_full_name("Mustafić Alija Ibrahim")[1] == "Mustafić"


def test_three_forms_of_one_person_get_one_key_set():
    """The issue's example: one man written three ways."""
    forms = ["Məmmədov Əli Həsən oğlu", "Мамедов Али Гасанович", "Ali Mamedov"]
    keys = [name_keys(full=form) for form in forms]
    assert {k.given_key for k in keys} == {"ali"}
    assert {k.family_key for k in keys} == {"mamadov"}
    assert keys[0].patronymic_key == keys[1].patronymic_key == "hasan"
    assert keys[2].patronymic_key is None


def test_swapped_order_meets_in_sorted_tokens():
    """When nothing tells which word is the family name, the sorted tokens still meet."""
    a = name_keys(full="Hasan Ali")
    b = name_keys(full="Али Гасан")
    assert a.name_tokens_sorted == b.name_tokens_sorted == "ali hasan"


def test_parts_win_over_full_name_and_fill_gaps():
    keys = name_keys(full="Мамедов Али Гасанович", given="Əli")
    assert (keys.given_key, keys.family_key, keys.patronymic_key) == ("ali", "mamadov", "hasan")


def test_patronymic_inside_given_column_is_taken_out():
    keys = name_keys(given="Əli Həsən oğlu", family="Məmmədov")
    assert keys.given_key == "ali"
    assert keys.patronymic_key == "hasan"
    assert keys.sex_hint == "m"


def test_initials():
    keys = name_keys(full="A. H. Mamedov")
    assert keys.given_is_initial
    assert keys.given_initial == "a"
    assert keys.patronymic_key == "h"
    assert not name_keys(full="Ali Mamedov").given_is_initial


def test_initials_meet_across_scripts_by_letter():
    """Г. is g and Hasan h, but Hasan may be written Гасан: its initials include G."""
    from toll.names import first_sounds

    assert name_keys(full="Зейналов Г.Г.").given_initial == "g"
    hasan = name_keys(full="Zeynalov Hasan")
    assert hasan.given_initial == "h"
    assert "G" in first_sounds(hasan.given_key)
    assert name_keys(given="Юрий").given_initial == name_keys(given="Iurii").given_initial


def test_missing_values_give_empty_keys():
    keys = name_keys(full=float("nan"), given=None, family="  ")
    assert keys.to_dict() == {
        name: (False if name == "given_is_initial" else None) for name in keys.to_dict()
    }


def test_sex_hint_from_patronymic_beats_family_ending():
    assert name_keys(full="Алиева Лейла Гасановна").sex_hint == "f"
    assert name_keys(full="Petrosyan Armen Gevorgi").sex_hint is None
    assert name_keys(full="Hüseynov Rəşid").sex_hint == "m"


@pytest.mark.parametrize(
    ("full", "order", "given", "family"),
    [
        ("Orudzhev Elvin", None, "Elvin", "Orudzhev"),  # -ev is a clearer sign than -in
        ("Bağırova Pərvin", None, "Pərvin", "Bağırova"),
        ("მაისურაძე ქეთევან ირაკლი", None, "ქეთევან", "მაისურაძე"),  # -dze over -li
        ("Kərimiv Səbuhi", "family_first", "Səbuhi", "Kərimiv"),  # no sign: the header tells
        ("Kərimiv Səbuhi", "given_first", "Kərimiv", "Səbuhi"),
        ("Bağırova Pərvin", "given_first", "Pərvin", "Bağırova"),  # not against a clear sign
    ],
)
def test_weak_endings_and_the_order_a_header_gives(full, order, given, family):
    assert split_full_name(full, order)[:2] == (given, family)


@pytest.mark.parametrize(
    "full",
    ["Басель Джамаль аль-Хатиб", "Мухаммед Хамза ан-Наджар", "Basel Jamal al-Khatib"],
)
def test_the_arabic_article_marks_the_family_name_in_any_script(full):
    """Even under a header that announces the family name first (Russian lists of
    Arabic names keep the given-first order)."""
    assert split_full_name(full, "family_first")[1] == full.split()[-1]


@pytest.mark.parametrize(
    ("full", "order", "expected"),
    [
        # a word and initials: the word is the family name, whatever the header says
        ("Kassem F.", GIVEN_FIRST, ("F.", "Kassem", None)),
        ("المصري أ.", FAMILY_FIRST, ("أ.", "المصري", None)),
        ("شاهين س.", None, ("س.", "شاهين", None)),
        # two initials after it: the second is the father's, even when the word ends in -ich
        ("Darwich S. M.", GIVEN_FIRST, ("S.", "Darwich", "M.")),
    ],
)
def test_a_name_written_as_one_word_and_initials(full, order, expected):
    assert split_full_name(full, order) == expected
