"""The main navigation. Each module adds its entry here when it exists (only those that exist)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    staff_only: bool = False
    # URL path prefix that marks the item as current.
    prefix: str = ""


MAIN_NAVIGATION = [
    NavItem("core:home", _("Start"), prefix="/$"),
    NavItem("events:event_list", _("Calendar"), prefix="/kalender/"),
    NavItem("plans:plan_list", _("Plans"), prefix="/planer/"),
    NavItem("strategy:strategy_list", _("Strategy"), prefix="/strategi/"),
    NavItem("knowledge:item_list", _("Knowledge bank"), prefix="/kunskapsbank/"),
    NavItem("campaigns:campaign_list", _("Campaigns"), prefix="/kampanjer/"),
    NavItem("networks:network_list", _("Networks"), prefix="/natverk/"),
    NavItem("newsletter:index", _("Newsletter"), prefix="/nyhetsbrev/"),
    NavItem("surveys:survey_index", _("Mapping survey"), prefix="/enkater/"),
    NavItem("organisations:county_list", _("Counties"), prefix="/lan/"),
    NavItem("organisations:organisation_list", _("Organisations"), prefix="/organisationer/"),
    NavItem("organisations:person_list", _("People"), staff_only=True, prefix="/personer/"),
    NavItem("support:need_list", _("Support and needs"), staff_only=True, prefix="/stod/"),
]
