"""Speakers of the kinds the real-text batches b24-b25 got wrong (issue 17), on invented
sentences: a title kept with the name, words between a Russian verb and who speaks (a date, a
place of publication), a phrase of circumstance between a Russian subject and its verb, a name
in «», the listener of "told", speakers joined by "and", a document named as written, and
Russian reporting verbs beyond "said"."""

import pytest

from toll.claims import extract_figures


def speakers(text: str, language: str = "en") -> list[str | None]:
    return [f.speaker for f in extract_figures(text, language=language)]


@pytest.mark.parametrize(
    "text, language, speaker",
    [
        (
            "At least 15 people died in the blast, police spokesman Ali Hassan said.",
            "en",
            "police spokesman Ali Hassan",
        ),
        (
            "Погибли 59 человек, ещё 163 получили ранения, сообщил 19 сентября Минздрав.",
            "ru",
            "Минздрав",
        ),
        (
            "Погибли 12 человек, написал в телеграм-канале губернатор Вячеслав Гладков.",
            "ru",
            "губернатор Вячеслав Гладков",
        ),
        (
            "Погибли 12 человек, сообщила на брифинге заместитель министра Ализа Солтонбекова.",
            "ru",
            "заместитель министра Ализа Солтонбекова",
        ),
        (
            "МВД и ГКНБ в совместном заявлении сообщили, что погибли 42 человека.",
            "ru",
            "МВД и ГКНБ",
        ),
        ("В перестрелке убиты 6 полицейских, сообщает «Интерфакс».", "ru", "«Интерфакс»"),
        (
            "Five soldiers were killed, security sources and witnesses said.",
            "en",
            "security sources and witnesses",
        ),
        (
            "The mission's quarterly report counted 1,277 people killed in 2022.",
            "en",
            "The mission's quarterly report",
        ),
        ("Минздрав зарегистрировал 418 погибших.", "ru", "Минздрав"),
        (
            "Утром посол Израиля в Москве Александр Бен Цви говорил о 350 погибших.",
            "ru",
            "посол Израиля в Москве Александр Бен Цви",
        ),
        ("Погибли 6 полицейских, сообщило МВД по Дагестану.", "ru", "МВД по Дагестану"),
        ("В марте СКР оценивал число погибших в 167 человек.", "ru", "СКР"),
        ("By the IACHR's count, at least 212 people died.", "en", "the IACHR"),
        ("In its report, OHCHR described the massacre of more than 500 people.", "en", "OHCHR"),
    ],
)
def test_speaker_as_written(text, language, speaker):
    assert set(speakers(text, language)) == {speaker}


def test_the_listener_of_told_is_not_the_speaker():
    got = speakers(
        "At least 111 bodies were collected, Mario Ngavho, head of the city's "
        "civil society, told EFE."
    )
    assert got == ["Mario Ngavho"]
