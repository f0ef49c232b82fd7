from datetime import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samordna.api.pagination import Pagination
from samordna.core.errors import ValidationFailed
from samordna.newsletter import rendering, selectors, services
from samordna.newsletter.models import Subscriber

router = Router(tags=["newsletter"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]


class SubscribeIn(Schema):
    email: Annotated[str, Field(max_length=254)]
    county: CountyCode
    name: Annotated[str, Field(max_length=150)] = ""
    organisation: Annotated[str, Field(max_length=200)] = ""
    list_id: int | None = Field(None, description="a topic list of the county; default main list")


class DetailOut(Schema):
    detail: str


class IssueOut(Schema):
    id: int
    title: str
    county_code: str = Field(..., alias="county.code")
    sent_at: datetime | None = Field(None, alias="queued_at")
    web_url: str
    pdf_url: str

    @staticmethod
    def resolve_web_url(obj):
        return rendering.absolute(obj.get_absolute_url())

    @staticmethod
    def resolve_pdf_url(obj):
        return rendering.absolute(f"{obj.get_absolute_url()}pdf/")


class IssueFilters(Schema):
    county: CountyCode


@router.post(
    "/newsletter/subscribe",
    response={202: DetailOut},
    summary="Sign up for a county's newsletter (double opt-in)",
    description="Always answers 202 with the same text, whether or not the address was known; "
    "a confirmation link is e-mailed when the address can be signed up.",
)
def subscribe(request, payload: SubscribeIn):
    mailing_list = services.mailing_list_for_signup(
        county_code=payload.county, list_id=payload.list_id
    )
    services.subscriber_subscribe(
        mailing_list=mailing_list,
        email=payload.email,
        name=payload.name,
        organisation=payload.organisation,
        source=Subscriber.Source.API,
    )
    return 202, {"detail": services.signup_accepted_message()}


@router.get("/newsletter/issues", response=list[IssueOut], summary="Newsletter archive")
@paginate(Pagination)
def issue_list(request, filters: Query[IssueFilters]):
    county = selectors.county_get(filters.county)
    if county is None:
        raise ValidationFailed(
            _("Unknown county code %(code)s.") % {"code": filters.county}, field="county"
        )
    return selectors.issues_public(county=county).select_related("county")
