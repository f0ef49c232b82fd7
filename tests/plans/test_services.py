import datetime

import pytest

from samordna.core.errors import Conflict, ValidationFailed
from samordna.core.models import AuditEntry
from samordna.plans import services
from samordna.plans.models import DEFAULT_AREAS, ActionPlan, Activity
from tests.plans.factories import add_activity, make_plan
from tests.strategy.factories import make_strategy

pytestmark = pytest.mark.django_db


def test_new_action_plan_has_the_five_default_areas_and_the_strategy(county_06, editor_06):
    strategy = make_strategy(county_06)
    plan = services.plan_create(actor=editor_06, county=county_06, year=2022)
    assert [area.name for area in plan.areas.all()] == list(DEFAULT_AREAS)
    assert plan.strategy == strategy
    assert plan.title == "Handlingsplan 2022 – Länsstyrelsen i Jönköpings län"
    assert AuditEntry.objects.filter(action="plans.plan.created", county_code="06").exists()


@pytest.mark.parametrize("year", [1999, 2101, "tjugo"])
def test_year_out_of_range_is_refused_and_nothing_is_created(county_06, year):
    with pytest.raises(ValidationFailed) as error:
        services.plan_create(actor=None, county=county_06, year=year)
    assert error.value.field == "year"
    assert not ActionPlan.objects.exists()


def test_second_plan_of_same_kind_and_year_is_a_conflict(county_06):
    make_plan(county_06)
    with pytest.raises(Conflict):
        services.plan_create(actor=None, county=county_06, year=2022)
    services.plan_create(actor=None, county=county_06, year=2022, kind="competence")
    assert ActionPlan.objects.count() == 2


def test_empty_title_is_refused_with_swedish_message_and_nothing_changes(county_06):
    plan = make_plan(county_06)
    with pytest.raises(ValidationFailed) as error:
        add_activity(plan, title="   ")
    assert str(error.value.message) == "Aktiviteten behöver en rubrik."
    assert error.value.field == "title"
    activity = add_activity(plan, title="Utbildning")
    with pytest.raises(ValidationFailed):
        services.activity_update(actor=None, activity=activity, title="", outcome="Nytt")
    activity.refresh_from_db()
    assert (activity.title, activity.outcome) == ("Utbildning", "")


def test_subgoal_from_another_county_is_refused_and_nothing_changes(county_06, county_08):
    plan = make_plan(county_06)
    other = make_strategy(county_08)
    foreign = other.subgoals.get(number=1)
    with pytest.raises(ValidationFailed) as error:
        services.activity_create(
            actor=None, plan=plan, area=plan.areas.first(), title="X", subgoals=[foreign]
        )
    assert str(error.value.message) == "Delmålet ingår inte i länets regionala strategi."
    assert not Activity.objects.exists()
    activity = add_activity(plan, subgoals=[2])
    with pytest.raises(ValidationFailed):
        services.activity_update(actor=None, activity=activity, subgoals=[foreign])
    assert activity.subgoal_numbers == [2]


def test_subgoal_number_missing_in_the_strategy_is_refused(county_06):
    plan = make_plan(county_06)
    with pytest.raises(ValidationFailed) as error:
        services.subgoals_by_numbers(plan, [1, 7])
    assert "Delmål 7 ingår inte" in str(error.value.message)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"months": [0]}, "months"),
        ({"months": [13]}, "months"),
        ({"status": "klar"}, "status"),
        ({"target_group_categories": ["politiker"]}, "target_group_categories"),
        (
            {"start_date": datetime.date(2022, 5, 2), "end_date": datetime.date(2022, 5, 1)},
            "end_date",
        ),
        ({"start_date": datetime.date(1990, 5, 2)}, "start_date"),
        ({"participant_count": -3}, "participant_count"),
    ],
)
def test_bad_activity_values_are_refused(county_06, values, field):
    plan = make_plan(county_06)
    with pytest.raises(ValidationFailed) as error:
        add_activity(plan, **values)
    assert error.value.field == field
    assert not Activity.objects.exists()


def test_activity_keeps_all_fields(county_06, editor_06):
    plan = make_plan(county_06)
    activity = add_activity(
        plan,
        subgoals=[5, 2, 3],
        description="Tre dagar",
        target_groups="Socialtjänsten",
        target_group_categories=["manager", "specialist"],
        outcome="Ökad kunskap",
        responsible="Anna",
        months=[11, 3, 3],
        financing_note="Statliga medel",
        status="ongoing",
        follow_up="Genomförd i två omgångar",
        participant_count=45,
        assessment="Gott resultat",
    )
    activity.refresh_from_db()
    assert activity.subgoal_label == "Delmål 2, 3, 5"
    assert activity.months == [3, 11]
    assert activity.target_group_categories == ["specialist", "manager"]
    assert activity.participant_count == 45


def test_reorder_move_between_areas_duplicate_and_delete(county_06, editor_06):
    plan = make_plan(county_06)
    first_area, second_area = list(plan.areas.all())[:2]
    a = add_activity(plan, title="A")
    b = add_activity(plan, title="B")
    c = add_activity(plan, title="C")

    def titles(area):
        return list(area.activities.order_by("position", "id").values_list("title", flat=True))

    services.activity_move(actor=editor_06, activity=c, direction="up")
    assert titles(first_area) == ["A", "C", "B"]
    services.activity_move(actor=editor_06, activity=a, direction="up")  # already first
    assert titles(first_area) == ["A", "C", "B"]
    services.activity_move_to_area(actor=editor_06, activity=b, area=second_area)
    assert titles(first_area) == ["A", "C"] and titles(second_area) == ["B"]
    copy = services.activity_duplicate(actor=editor_06, activity=a)
    assert titles(first_area) == ["A", "A", "C"]
    assert copy.subgoal_numbers == a.subgoal_numbers
    services.activity_delete(actor=editor_06, activity=copy)
    assert titles(first_area) == ["A", "C"]
    other_plan = make_plan(county_06, year=2023)
    with pytest.raises(ValidationFailed):
        services.activity_move_to_area(actor=editor_06, activity=a, area=other_plan.areas.first())
    with pytest.raises(ValidationFailed):
        services.activity_move(actor=editor_06, activity=a, direction="sideways")


def test_areas_can_be_renamed_reordered_and_removed_when_empty(county_06):
    plan = make_plan(county_06)
    areas = list(plan.areas.all())
    services.area_move(actor=None, area=areas[1], direction="up")
    assert [a.name for a in plan.areas.order_by("position")][:2] == [
        "Samordning",
        "Regional strategi",
    ]
    services.area_update(actor=None, area=areas[0], name="Strategiarbete")
    with pytest.raises(ValidationFailed):
        services.area_update(actor=None, area=areas[0], name=" ")
    add_activity(plan, area=areas[2])
    with pytest.raises(Conflict):
        services.area_delete(actor=None, area=areas[2])
    services.area_delete(actor=None, area=areas[3])
    assert plan.areas.count() == 4


def test_copy_plan_into_next_year(county_06, editor_06):
    plan = make_plan(county_06, published=True)
    add_activity(
        plan,
        subgoals=[1, 2, 3],
        status="done",
        follow_up="Klar",
        participant_count=20,
        start_date=datetime.date(2022, 3, 1),
        end_date=datetime.date(2022, 3, 3),
    )
    services.contact_create(actor=None, plan=plan, name="Anna", email="anna@lst.example")
    copy = services.plan_copy_to_year(actor=editor_06, plan=plan)
    assert copy.year == 2023 and not copy.published
    assert copy.title == "Handlingsplan 2023 – Länsstyrelsen i Jönköpings län"
    assert copy.areas.count() == 5
    activity = copy.activities.get()
    assert (
        activity.status == "planned"
        and activity.follow_up == ""
        and activity.participant_count is None
    )
    assert activity.subgoal_label == "Delmål 1–3"
    assert activity.start_date == datetime.date(2023, 3, 1)
    assert copy.contacts.get().name == "Anna"
    with pytest.raises(Conflict):
        services.plan_copy_to_year(actor=editor_06, plan=plan)
    with pytest.raises(ValidationFailed):
        services.plan_copy_to_year(actor=editor_06, plan=plan, year=2101)


def test_publish_and_unpublish_are_audited(county_06, editor_06):
    plan = make_plan(county_06)
    services.plan_set_published(actor=editor_06, plan=plan, published=True)
    assert plan.published and plan.published_at
    services.plan_set_published(actor=editor_06, plan=plan, published=False)
    assert not plan.published and plan.published_at is None
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"plans.plan.published", "plans.plan.unpublished"} <= actions


def test_introduction_courses_only_take_web_courses_of_the_county(county_08, county_06):
    from samordna.organisations.models import Organisation

    plan = make_plan(county_08, kind="competence", with_strategy=False)
    area = services.area_create(actor=None, plan=plan, name="Baskunskap")
    course = services.activity_create(
        actor=None, plan=plan, area=area, title="Webbkurs om våld", kind="web_course"
    )
    training = services.activity_create(
        actor=None, plan=plan, area=area, title="FREDA", kind="training"
    )
    kalmar = Organisation.objects.get(code="0880")
    services.introduction_courses_set(actor=None, organisation=kalmar, courses=[course])
    assert list(kalmar.introduction_courses.values_list("course__title", flat=True)) == [
        "Webbkurs om våld"
    ]
    with pytest.raises(ValidationFailed):
        services.introduction_courses_set(actor=None, organisation=kalmar, courses=[training])
    jonkoping = Organisation.objects.get(code="0680")
    with pytest.raises(ValidationFailed):
        services.introduction_courses_set(actor=None, organisation=jonkoping, courses=[course])
    services.introduction_courses_set(actor=None, organisation=kalmar, courses=[])
    assert not kalmar.introduction_courses.exists()
