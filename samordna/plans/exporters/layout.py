"""What the DOCX and PDF exports print, in the order of the source action plan."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import ActionPlan, Activity, Area
from ..wheel import Wheel, build_wheel


@dataclass
class AreaTable:
    area: Area
    heading: str
    description: str
    rows: list[list[str]]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; single line breaks are kept inside a paragraph."""
    return [
        part.strip() for part in (text or "").replace("\r\n", "\n").split("\n\n") if part.strip()
    ]


def columns(plan: ActionPlan) -> list[str]:
    if plan.kind == ActionPlan.Kind.COMPETENCE:
        return [_("Activity"), _("Target group"), _("When"), _("Financing")]
    return ["Aktivitet", "Målgrupp", "Utfall", "Regionalt delmål"]


def row(plan: ActionPlan, activity: Activity, wheel: Wheel | None = None) -> list[str]:
    if plan.kind == ActionPlan.Kind.COMPETENCE:
        from ..wheel import _months_label

        return [
            activity.display_title,
            activity.target_groups,
            _months_label(list(activity.months)),
            activity.financing_note,
        ]
    return [activity.title, activity.target_groups, activity.outcome, activity.subgoal_label]


def area_heading(plan: ActionPlan, area: Area) -> str:
    if plan.kind == ActionPlan.Kind.COMPETENCE:
        return area.name
    name = area.name[:1].lower() + area.name[1:]
    return _("Area %(name)s") % {"name": name}


def area_tables(plan: ActionPlan) -> list[AreaTable]:
    return [
        AreaTable(
            area=area,
            heading=area_heading(plan, area),
            description=area.description,
            rows=[row(plan, activity) for activity in area.activities.all()],
        )
        for area in plan.areas.all()
    ]


def document(plan: ActionPlan) -> dict:
    """Everything an export needs, computed once."""
    subgoals = list(plan.strategy.subgoals.all()) if plan.strategy_id else []
    has_financed = any(
        activity.financed_by_municipal_association
        for area in plan.areas.all()
        for activity in area.activities.all()
    )
    return {
        "plan": plan,
        "foreword": paragraphs(plan.foreword),
        "introduction": paragraphs(plan.introduction),
        "target_groups": paragraphs(plan.target_groups),
        "final_target_groups": plan.final_target_group_list,
        "closing": paragraphs(plan.closing_text),
        "subgoals": subgoals,
        "columns": columns(plan),
        "tables": area_tables(plan),
        "contacts": list(plan.contacts.all()),
        "wheel": build_wheel(plan),
        "financed_note": _("* Financed by the municipal association.") if has_financed else "",
    }
