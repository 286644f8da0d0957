"""Characterisations and recognitions found in text, English and Russian (our own sentences)."""

from toll.claims.characterisations import find_characterisations


def _kinds(found, kind):
    return [item for item in found if item.kind == kind]


def test_a_count_of_recognitions_becomes_a_claim_of_that_number():
    text = (
        "Legislative bodies in 17 countries have passed resolutions on the Marlow "
        "massacre, the ombudsman said."
    )
    found = find_characterisations(text, "en", "the ombudsman")
    (count,) = _kinds(found, "recognition_count")
    assert count.count == 17 and count.act == "resolution"
    assert text[count.start : count.end] == "Legislative bodies in 17 countries"
    assert count.speaker == "the ombudsman"


def test_an_act_of_recognition_names_body_jurisdiction_act_date_and_document():
    text = (
        "On 12 March 2013 the National Assembly of Pakistan adopted resolution No. 41 "
        "condemning the massacre."
    )
    (act,) = _kinds(find_characterisations(text), "recognition")
    assert act.body == "the National Assembly of Pakistan" and act.jurisdiction == "Pakistan"
    assert (act.act, act.date_text, act.document) == ("resolution", "12 March 2013", "No. 41")
    assert act.text == text


def test_characterisations_are_attributed_words_each_with_its_term():
    text = "The agency called the shelling a war crime; others spoke of a tragedy."
    found = _kinds(find_characterisations(text, "en", "the agency"), "characterisation")
    assert [(c.term, text[c.start : c.end]) for c in found] == [
        ("war crime", "war crime"),
        ("tragedy", "tragedy"),
    ]
    assert {c.speaker for c in found} == {"the agency"}


def test_russian_counts_acts_and_terms():
    text = (
        "Парламенты семнадцати стран приняли резолюции о резне в Марлоу. "
        "25 февраля 2010 года Сенат Мексики принял резолюцию № 12, признав её геноцидом."
    )
    found = find_characterisations(text, "ru")
    (count,) = _kinds(found, "recognition_count")
    assert count.count == 17
    (act,) = _kinds(found, "recognition")
    assert (act.body, act.act, act.document) == ("Сенат Мексики", "resolution", "№ 12")
    assert act.date_text == "25 февраля 2010"
    terms = {c.term for c in _kinds(found, "characterisation")}
    assert terms == {"massacre", "genocide"}


def test_a_number_of_resolutions_is_not_a_count_of_recognising_bodies():
    text = "The assembly debated the budget and adopted 12 amendments in 2019."
    assert _kinds(find_characterisations(text), "recognition_count") == []
