import datetime

import pytest

from samordna.core.errors import Conflict, ValidationFailed
from samordna.core.models import AuditEntry
from samordna.organisations.models import Organisation
from samordna.strategy import services
from samordna.strategy.models import Affiliation, Strategy, SubGoal
from tests.strategy.factories import make_strategy

pytestmark = pytest.mark.django_db


def test_create_strategy_writes_audit_entry(county_06, editor_06):
    strategy = services.strategy_create(
        actor=editor_06,
        county=county_06,
        name="Regional strategi",
        period_start_year=2020,
        period_end_year=2026,
    )
    assert strategy.period_label == "2020–2026"
    assert not strategy.published
    entry = AuditEntry.objects.get(action="strategy.strategy.created")
    assert entry.actor == editor_06 and entry.county_code == "06"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": " "}, "name", "Strategin behöver ett namn."),
        ({"period_start_year": 1999}, "period_start_year", "Året måste vara mellan 2000 och 2100."),
        ({"period_end_year": 2101}, "period_end_year", "Året måste vara mellan 2000 och 2100."),
        (
            {"period_end_year": 2019},
            "period_end_year",
            "Sista året kan inte vara före första året.",
        ),
    ],
)
def test_bad_strategy_values_are_refused_in_swedish(county_06, values, field, message):
    arguments = {"name": "Strategi", "period_start_year": 2020, "period_end_year": 2026} | values
    with pytest.raises(ValidationFailed) as error:
        services.strategy_create(actor=None, county=county_06, **arguments)
    assert error.value.field == field
    assert str(error.value.message) == message
    assert not Strategy.objects.exists()


def test_subgoal_numbers_are_unique_per_strategy(county_06, county_08):
    strategy = make_strategy(county_06, subgoals=2)
    with pytest.raises(ValidationFailed) as error:
        services.subgoal_create(actor=None, strategy=strategy, number=2, title="Dubblett")
    assert error.value.field == "number"
    assert str(error.value.message) == "Strategin har redan ett delmål nummer 2."
    assert strategy.subgoals.count() == 2
    other = make_strategy(county_08, subgoals=0)
    services.subgoal_create(actor=None, strategy=other, number=2, title="Annat län")
    assert SubGoal.objects.filter(number=2).count() == 2


def test_subgoal_update_keeps_data_when_the_new_number_clashes(county_06):
    strategy = make_strategy(county_06, subgoals=3)
    subgoal = strategy.subgoals.get(number=3)
    with pytest.raises(ValidationFailed):
        services.subgoal_update(actor=None, subgoal=subgoal, number=1, title="Ändrad")
    subgoal.refresh_from_db()
    assert (subgoal.number, subgoal.title) == (
        3,
        "Starkare skydd och stöd för våldsutsatta vuxna och barn",
    )


def test_subgoal_maps_to_national_goals_and_sub_goal_6(county_06):
    strategy = make_strategy(county_06, subgoals=0)
    subgoal = services.subgoal_create(
        actor=None, strategy=strategy, number=5, title="Kunskap", national_goals=[4, 1, 1]
    )
    assert subgoal.national_goals == [1, 4]
    assert subgoal.gender_equality_goal_6
    with pytest.raises(ValidationFailed):
        services.subgoal_create(
            actor=None, strategy=strategy, number=6, title="Fel", national_goals=[7]
        )


def test_subgoal_linked_to_activities_cannot_be_deleted(county_06):
    from tests.plans.factories import add_activity, make_plan

    plan = make_plan(county_06)
    add_activity(plan, subgoals=[1])
    subgoal = plan.strategy.subgoals.get(number=1)
    with pytest.raises(Conflict):
        services.subgoal_delete(actor=None, subgoal=subgoal)
    assert SubGoal.objects.filter(pk=subgoal.pk).exists()


def test_organisation_joins_and_leaves_the_strategy(county_06, editor_06):
    strategy = make_strategy(county_06)
    organisation = Organisation.objects.get(code="0680")
    affiliation = services.affiliation_create(
        actor=editor_06,
        strategy=strategy,
        organisation=organisation,
        declaration_date=datetime.date(2020, 4, 15),
        contact_name="Karin Svensson",
    )
    with pytest.raises(ValidationFailed) as error:
        services.affiliation_create(
            actor=editor_06,
            strategy=strategy,
            organisation=organisation,
            declaration_date=datetime.date(2021, 1, 1),
        )
    assert error.value.field == "organisation"
    with pytest.raises(ValidationFailed):
        services.affiliation_leave(
            actor=editor_06, affiliation=affiliation, left_on=datetime.date(2019, 1, 1)
        )
    services.affiliation_leave(
        actor=editor_06, affiliation=affiliation, left_on=datetime.date(2023, 6, 30)
    )
    affiliation.refresh_from_db()
    assert not affiliation.is_active
    # After leaving, the organisation may join again; the history is kept.
    services.affiliation_create(
        actor=editor_06,
        strategy=strategy,
        organisation=organisation,
        declaration_date=datetime.date(2024, 2, 1),
    )
    assert Affiliation.objects.filter(organisation=organisation).count() == 2
    assert AuditEntry.objects.filter(action="strategy.affiliation.left").count() == 1
