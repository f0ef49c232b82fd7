"""``{% coverage_link organisation %}``: a link to a municipality's or region's coverage, shown
only to those who may see it (county staff, national, the organisation's own people)."""

from django import template

from samordna.organisations.models import Organisation

from ..selectors import ROW_KINDS, can_see_organisation

register = template.Library()


@register.inclusion_tag("coverage/_organisation_link.html", takes_context=True)
def coverage_link(context, organisation: Organisation) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    show = (
        user is not None
        and user.is_authenticated
        and organisation.kind in ROW_KINDS
        and organisation.county_id is not None
        and can_see_organisation(user, organisation)
    )
    return {"show": show, "organisation": organisation}
