"""The main navigation. Each module adds its entry here when it exists (only those that exist)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    # URL path prefixes that mark the item as current ("/$" = the start page only).
    prefixes: tuple[str, ...] = ()


# Everyone's menu: what the public and participants use. Kept short enough for one row on a
# laptop screen; the start page is the brand link in the header.
MAIN_NAVIGATION = [
    NavItem("events:event_list", _("Calendar"), ("/kalender/",)),
    NavItem("plans:plan_list", _("Plans"), ("/planer/",)),
    NavItem("strategy:strategy_list", _("Strategy"), ("/strategi/",)),
    NavItem("knowledge:item_list", _("Knowledge bank"), ("/kunskapsbank/",)),
    NavItem("campaigns:campaign_list", _("Campaigns"), ("/kampanjer/",)),
    NavItem("networks:network_list", _("Networks"), ("/natverk/",)),
    NavItem("newsletter:index", _("Newsletter"), ("/nyhetsbrev/",)),
    NavItem("surveys:survey_index", _("Mapping survey"), ("/enkater/",)),
    NavItem(
        "organisations:county_list",
        _("Counties and organisations"),
        ("/lan/", "/organisationer/"),
    ),
]

# County-board and national staff: the follow-up and register tools, in a second row.
STAFF_NAVIGATION = [
    NavItem("organisations:person_list", _("People"), ("/personer/",)),
    NavItem("support:need_list", _("Support and needs"), ("/stod/",)),
    NavItem("coverage:index", _("Coverage"), ("/tackning/",)),
    NavItem("reports:report_list", _("Annual report"), ("/arsrapport/",)),
]
