"""The questionnaire rules: every question type, bad values with messages naming the question,
conditional display and the definition hash."""

from decimal import Decimal

import pytest

from samordna.surveys import engine
from samordna.surveys.models import Question


def make(kind, **extra) -> Question:
    question = Question(pk=extra.pop("pk", 1), text=extra.pop("text", "Antal timmar"), kind=kind)
    for key, value in extra.items():
        setattr(question, key, value)
    return question


def test_yes_no_accepts_yes_and_no_and_rejects_anything_else():
    question = make(Question.Kind.YES_NO, text="Finns rutin?")
    assert engine.parse_answer(question, "yes") == "yes"
    assert engine.parse_answer(question, "no") == "no"
    assert engine.parse_answer(question, "") is None
    with pytest.raises(engine.AnswerError, match="Finns rutin"):
        engine.parse_answer(question, "kanske")


def test_single_choice_rejects_an_option_not_offered():
    question = make(Question.Kind.SINGLE_CHOICE, choices=["A", "B"], text="Välj")
    assert engine.parse_answer(question, "B") == "B"
    with pytest.raises(engine.AnswerError, match="C"):
        engine.parse_answer(question, "C")


def test_multiple_choice_keeps_questionnaire_order_and_rejects_unknown_options():
    question = make(Question.Kind.MULTIPLE_CHOICE, choices=["A", "B", "C"])
    assert engine.parse_answer(question, ["C", "A", "A"]) == ["A", "C"]
    assert engine.parse_answer(question, []) is None
    with pytest.raises(engine.AnswerError):
        engine.parse_answer(question, ["A", "X"])


def test_number_accepts_swedish_decimal_comma_within_limits():
    question = make(Question.Kind.NUMBER, min_value=Decimal(0), max_value=Decimal(100), decimals=1)
    assert engine.parse_answer(question, "12,5") == "12.5"
    assert engine.parse_answer(question, " 1 0 ") == "10"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("tolv", "enter a number"),
        ("101", "between 0 and 100"),
        ("-1", "between"),
        ("1.25", "decimals"),
    ],
)
def test_number_rejects_text_out_of_range_and_too_many_decimals(raw, fragment, settings):
    settings.LANGUAGE_CODE = "en"
    question = make(
        Question.Kind.NUMBER,
        text="Antal timmar",
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimals=1,
    )
    with pytest.raises(engine.AnswerError) as info:
        engine.parse_answer(question, raw)
    assert "Antal timmar" in str(info.value)


def test_number_without_decimals_wants_a_whole_number():
    question = make(Question.Kind.NUMBER, decimals=0, min_value=None, max_value=None)
    with pytest.raises(engine.AnswerError):
        engine.parse_answer(question, "2,5")
    assert engine.parse_answer(question, "2,0") == "2"


def test_matrix_rejects_a_value_outside_the_scale_naming_row_and_question():
    question = make(
        Question.Kind.MATRIX,
        text="Täckning",
        matrix_rows=["Heder", "Barn"],
        matrix_scale=["Inte alls", "Helt"],
    )
    assert engine.parse_answer(question, {"Heder": "Helt", "Barn": ""}) == {"Heder": "Helt"}
    with pytest.raises(engine.AnswerError) as info:
        engine.parse_answer(question, {"Heder": "Mycket"})
    assert "Täckning" in str(info.value) and "Heder" in str(info.value)
    with pytest.raises(engine.AnswerError):
        engine.parse_answer(question, {"Okänd rad": "Helt"})


def test_text_is_limited_in_length():
    question = make(Question.Kind.TEXT)
    assert engine.parse_answer(question, "  bra  ") == "bra"
    with pytest.raises(engine.AnswerError):
        engine.parse_answer(question, "x" * (engine.TEXT_MAX_LENGTH + 1))


def test_a_list_posted_to_a_single_value_question_is_rejected():
    with pytest.raises(engine.AnswerError):
        engine.parse_answer(make(Question.Kind.TEXT), ["a", "b"])


def test_conditional_question_is_visible_only_when_the_condition_holds():
    a = make(Question.Kind.YES_NO, pk=1)
    b = make(Question.Kind.NUMBER, pk=2, condition_question_id=1, condition_value="yes")
    c = make(Question.Kind.TEXT, pk=3, condition_question_id=2, condition_value="x")
    assert engine.visible_question_ids([a, b, c], {1: "yes"}) == {1, 2}
    assert engine.visible_question_ids([a, b, c], {1: "no"}) == {1}
    assert engine.visible_question_ids([a, b, c], {}) == {1}


def test_condition_on_a_multiple_choice_matches_any_chosen_option():
    a = make(Question.Kind.MULTIPLE_CHOICE, pk=1, choices=["A", "B"])
    b = make(Question.Kind.TEXT, pk=2, condition_question_id=1, condition_value="B")
    assert 2 in engine.visible_question_ids([a, b], {1: ["A", "B"]})
    assert 2 not in engine.visible_question_ids([a, b], {1: ["A"]})


def test_definition_hash_changes_with_wording_or_options_but_not_whitespace():
    base = engine.definition_hash(text="Finns rutin?", kind="yes_no")
    assert base == engine.definition_hash(text="Finns  rutin? ", kind="yes_no")
    assert base != engine.definition_hash(text="Finns en rutin?", kind="yes_no")
    choice = engine.definition_hash(text="Välj", kind="single_choice", choices=["A", "B"])
    assert choice != engine.definition_hash(text="Välj", kind="single_choice", choices=["A"])
