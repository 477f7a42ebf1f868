import pytest

from core.readability import find_personal_data, lix, lix_label


def test_lix_of_easy_text_is_low():
    text = "Du tvättar händerna. Du tar på dig förkläde. Sedan börjar du jobba."
    # 12 words in 3 sentences, 3 words longer than six letters: 12/3 + 100*3/12 = 29
    assert lix(text) == 29
    assert lix_label(lix(text)) == "mycket lättläst"


def test_lix_of_bureaucratic_text_is_high():
    text = (
        "Kompetensutvecklingsinsatsens genomförande förutsätter organisatoriska "
        "förutsättningar avseende arbetsmiljömässiga riskbedömningar."
    )
    assert lix(text) > 60
    assert lix_label(lix(text)) == "svår"


def test_lix_counts_list_items_as_sentences():
    assert lix("- Tvätta händerna\n- Ta på förkläde\n- Börja jobba") == lix(
        "Tvätta händerna. Ta på förkläde. Börja jobba."
    )


def test_lix_of_empty_text_is_none():
    assert lix("") is None
    assert lix("123 !!") is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Deltagaren 811218-9876 var med.", "personnummer"),
        ("Deltagaren 19811218-9876 var med.", "personnummer"),
        ("Ring mig på 070-123 45 67.", "telefon"),
        ("Ring +46 70 123 45 67", "telefon"),
        ("Mejla anna.svensson@gmail.com", "e-post"),
    ],
)
def test_personal_data_is_found(text, kind):
    findings = find_personal_data({"body": text})
    assert [f.kind for f in findings] == [kind]
    assert findings[0].field == "body"


@pytest.mark.parametrize(
    "text",
    [
        "Organisationsnummer 556036-0793 är företagets.",  # invalid as a date (month 60)
        "811218-9875 har fel kontrollsiffra.",
        "Insatsen tog 120 minuter och kostade 2000 kr.",
        "Version 2026-11-28.",
    ],
)
def test_ordinary_numbers_are_not_flagged(text):
    assert find_personal_data({"body": text}) == []
