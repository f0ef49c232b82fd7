import datetime
import re
import sys
import types
from dataclasses import dataclass

import pytest

from samordna.plans import demo
from samordna.plans.selectors import plan_get_with_content
from samordna.plans.wheel import PALETTE, build_wheel
from tests.plans.factories import add_activity, make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seeder", ["seed_jonkoping_2022", "seed_kalmar_2022"])
def test_wheel_renders_for_both_demo_plans(seeder):
    plan = plan_get_with_content(getattr(demo, seeder)().pk)
    wheel = build_wheel(plan)
    svg = str(wheel.svg)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert re.search(r"<title id=\"arshjul-title\">Årshjul 2022", svg)
    assert all(f">{month}</text>" in svg for month in ("Jan", "Jun", "Dec"))
    # Every placed item is drawn with its number and listed in the text alternative.
    for entry in wheel.entries:
        assert f">{entry.number}</text>" in svg
    placed = {entry.title for entry in wheel.entries}
    listed = placed | {entry.title for entry in wheel.unplaced}
    assert len(listed) == len(wheel.entries) + len(wheel.unplaced)
    # The legend names every area.
    for area in plan.areas.all():
        assert area.name in svg


def test_colours_come_from_the_okabe_ito_palette_by_area(county_06):
    plan = make_plan(county_06)
    areas = list(plan.areas.all())
    add_activity(plan, area=areas[0], title="Möte", months=[3])
    add_activity(plan, area=areas[3], title="Utbildning", months=[3, 4])
    wheel = build_wheel(plan_get_with_content(plan.pk))
    colours = {entry.title: entry.group.fill for entry in wheel.entries}
    assert colours == {"Möte": PALETTE[0][0], "Utbildning": PALETTE[3][0]}
    assert wheel.entries[1].period == "Mar–Apr"


def test_activities_without_months_use_their_dates_or_are_listed_as_unplaced(county_06):
    plan = make_plan(county_06)
    add_activity(
        plan,
        title="Konferens",
        start_date=datetime.date(2022, 5, 30),
        end_date=datetime.date(2022, 6, 2),
    )
    add_activity(plan, title="Löpande samordning")
    wheel = build_wheel(plan_get_with_content(plan.pk))
    assert [(e.title, e.months) for e in wheel.entries] == [("Konferens", [5, 6])]
    assert [e.title for e in wheel.unplaced] == ["Löpande samordning"]


@dataclass
class Period:
    title: str
    start_date: datetime.date
    end_date: datetime.date


def test_campaign_periods_from_the_campaigns_module_are_drawn(county_06, monkeypatch):
    plan = make_plan(county_06)
    add_activity(plan, title="Svartsjuka är inte romantiskt", kind="campaign", months=[2, 3])
    calls = []

    def campaign_periods_for_wheel(*, county, year):
        calls.append((county.code, year))
        return [
            Period(
                "Svartsjuka är inte romantiskt",
                datetime.date(2022, 2, 1),
                datetime.date(2022, 3, 31),
            ),
            Period("Orange Week", datetime.date(2022, 11, 20), datetime.date(2022, 11, 27)),
        ]

    module = types.ModuleType("samordna.campaigns.selectors")
    module.campaign_periods_for_wheel = campaign_periods_for_wheel
    monkeypatch.setitem(sys.modules, "samordna.campaigns.selectors", module)
    wheel = build_wheel(plan_get_with_content(plan.pk))
    assert calls == [("06", 2022)]
    titles = [entry.title for entry in wheel.entries]
    # The plan's own campaign item is not drawn twice.
    assert titles == ["Svartsjuka är inte romantiskt", "Orange Week"]
    orange = wheel.entries[1]
    assert orange.is_period and orange.months == [11]
    assert "Kampanjperiod" in str(wheel.svg)


def test_plan_page_shows_wheel_and_list_alternative(county_06, client_for):
    plan = make_plan(county_06, published=True)
    add_activity(plan, title="Preventionskonferens", months=[12])
    html = client_for(None).get(f"/planer/{plan.pk}/").content.decode()
    assert 'role="img"' in html and "Årshjulet som lista" in html
    assert '<th scope="row">Preventionskonferens</th>' in html
