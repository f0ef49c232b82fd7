"""Plans in the API: published plans for everyone, drafts with a token of the county's staff."""

from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.api.schemas import choices_literal
from samordna.core.errors import ValidationFailed
from samordna.organisations.selectors import county_get
from samordna.plans import selectors
from samordna.plans.models import YEAR_MAX, YEAR_MIN, ActionPlan, Activity

PlanKind = choices_literal(ActionPlan.Kind)
ActivityItemKind = choices_literal(Activity.ItemKind)
ActivityStatus = choices_literal(Activity.Status)

router = Router(tags=["plans"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]


class PlanSummaryOut(Schema):
    id: int
    county_code: str = Field(alias="county.code")
    year: int
    kind: PlanKind
    title: str
    published: bool


class ActivityOut(Schema):
    id: int
    title: str
    kind: ActivityItemKind
    description: str
    target_groups: str
    target_group_categories: list[str]
    outcome: str
    subgoals: list[int] = Field(alias="subgoal_numbers")
    subgoal_label: str
    responsible: str
    months: list[int]
    start_date: str | None = None
    end_date: str | None = None
    financing_note: str
    financed_by_municipal_association: bool
    status: ActivityStatus

    @staticmethod
    def resolve_start_date(obj):
        return obj.start_date.isoformat() if obj.start_date else None

    @staticmethod
    def resolve_end_date(obj):
        return obj.end_date.isoformat() if obj.end_date else None


class AreaOut(Schema):
    id: int
    name: str
    description: str
    activities: list[ActivityOut]

    @staticmethod
    def resolve_activities(obj):
        return list(obj.activities.all())


class ContactOut(Schema):
    name: str
    role: str
    email: str
    phone: str


class PlanOut(PlanSummaryOut):
    strategy_id: int | None = None
    foreword: str
    introduction: str
    target_groups: str
    final_target_groups: list[str] = Field(alias="final_target_group_list")
    areas: list[AreaOut]
    contacts: list[ContactOut]

    @staticmethod
    def resolve_areas(obj):
        return list(obj.areas.all())

    @staticmethod
    def resolve_contacts(obj):
        return list(obj.contacts.all())


class PlanFilters(Schema):
    county: CountyCode | None = None
    year: Year | None = None
    kind: PlanKind | None = None


@router.get("/plans", response=list[PlanSummaryOut], summary="Action and competence plans")
@paginate(Pagination)
def plan_list(request, filters: Query[PlanFilters]):
    if filters.county and county_get(filters.county) is None:
        raise ValidationFailed(
            _("Unknown county code %(code)s.") % {"code": filters.county}, field="county"
        )
    return selectors.plans_for_user(
        api_user(request),
        county_code=filters.county or "",
        year=filters.year,
        kind=filters.kind or "",
    )


@router.get("/plans/{plan_id}", response=PlanOut, summary="One plan with areas and activities")
def plan_detail(request, plan_id: int):
    plan = selectors.plan_get_for_user(api_user(request), plan_id)
    if plan is None:
        raise Http404
    return plan
