"""Demo data: the complete Jönköping action plan 2022 (seed 003) and the Kalmar
competence-development plan 2022 (seed 000)."""

from samordna.organisations.models import County, Organisation
from samordna.strategy.demo import seed_jonkoping_strategy
from samordna.strategy.labels import parse_subgoal_label

from . import services
from .demo_data import jonkoping_2022, kalmar_2022
from .models import ActionPlan, Activity, IntroductionCourse


def _lookup(mapping: dict, title: str, default):
    for prefix, value in mapping.items():
        if title.startswith(prefix):
            return value
    return default


def seed_jonkoping_2022() -> ActionPlan:
    source = jonkoping_2022
    county = County.objects.get(code=source.COUNTY_CODE)
    existing = ActionPlan.objects.filter(
        county=county, year=source.YEAR, kind=ActionPlan.Kind.ACTION
    ).first()
    if existing is not None:
        return existing
    seed_jonkoping_strategy()
    plan = services.plan_create(
        actor=None,
        county=county,
        year=source.YEAR,
        kind=ActionPlan.Kind.ACTION,
        title=source.TITLE,
        default_areas=False,
        foreword=source.FOREWORD,
        introduction=source.INTRODUCTION,
        target_groups=source.TARGET_GROUPS,
        final_target_groups=source.FINAL_TARGET_GROUPS,
        contacts_heading=source.CONTACTS_HEADING,
    )
    for area_name, rows in source.AREAS:
        area = services.area_create(actor=None, plan=plan, name=area_name)
        for title, target_groups, outcome, label in rows:
            services.activity_create(
                actor=None,
                plan=plan,
                area=area,
                title=title,
                description=source.DESCRIPTIONS.get(title, ""),
                target_groups=target_groups,
                outcome=outcome,
                subgoals=services.subgoals_by_numbers(plan, parse_subgoal_label(label)),
                months=_lookup(source.MONTHS, title, []),
                kind=_lookup(source.KINDS, title, Activity.ItemKind.ACTIVITY),
                responsible="Utvecklingsledare MVK",
            )
    for name, email, phone in source.CONTACTS:
        services.contact_create(
            actor=None, plan=plan, name=name, role="Utvecklingsledare", email=email, phone=phone
        )
    services.plan_set_published(actor=None, plan=plan, published=True)
    return plan


def seed_kalmar_2022() -> ActionPlan:
    source = kalmar_2022
    county = County.objects.get(code=source.COUNTY_CODE)
    existing = ActionPlan.objects.filter(
        county=county, year=source.YEAR, kind=ActionPlan.Kind.COMPETENCE
    ).first()
    if existing is not None:
        return existing
    plan = services.plan_create(
        actor=None,
        county=county,
        year=source.YEAR,
        kind=ActionPlan.Kind.COMPETENCE,
        title=source.TITLE,
        default_areas=False,
        foreword=source.FOREWORD,
        introduction=source.INTRODUCTION,
        closing_text=source.CLOSING_TEXT,
    )
    for area_name, description, items in source.AREAS:
        area = services.area_create(actor=None, plan=plan, name=area_name, description=description)
        for item in items:
            services.activity_create(
                actor=None,
                plan=plan,
                area=area,
                title=item["title"],
                kind=item["kind"],
                description=item.get("description", ""),
                target_groups=item.get("target_groups", ""),
                target_group_categories=item.get("categories", []),
                months=item.get("months", []),
                financed_by_municipal_association=item.get("financed", False),
                financing_note=item.get("financing", "")
                or ("Kommunförbundet i Kalmar län" if item.get("financed") else ""),
            )
    services.plan_set_published(actor=None, plan=plan, published=True)
    # Kalmar municipality includes the first two base courses in its introduction training.
    kalmar = Organisation.objects.filter(code="0880").first()
    if kalmar is not None:
        courses = list(plan.activities.filter(kind=Activity.ItemKind.WEB_COURSE)[:2])
        services.introduction_courses_set(actor=None, organisation=kalmar, courses=courses)
    return plan


def seed() -> dict[str, int]:
    jonkoping = seed_jonkoping_2022()
    kalmar = seed_kalmar_2022()
    return {
        "plans": ActionPlan.objects.count(),
        "jonkoping_2022_activities": jonkoping.activities.count(),
        "kalmar_2022_items": kalmar.activities.count(),
        "introduction_courses": IntroductionCourse.objects.count(),
    }
