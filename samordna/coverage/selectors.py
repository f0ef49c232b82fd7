"""Reads of coverage: what each municipality and region has completed, derived from the data
the platform holds, against the county's goals.

A completion has a date and a source. An organisation has completed an item *by the end of year
Y* when its first completion falls in Y or earlier:

* attendance – someone registered for the organisation attended an event linked to the item;
  the date is the day the event ended (Europe/Stockholm);
* process support – a completed ``SupportEngagement`` of the item's process; its end date;
* introduction training – the organisation includes a linked base web course; the day recorded;
* record – a ``CoverageRecord`` entered by county staff; its completion date.

Because only the first completion matters, one pass over the sources serves every year
(matrix, progress over years, the annual report)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samordna.core.errors import NotPermitted, ValidationFailed
from samordna.core.permissions import get_access
from samordna.events.models import Registration
from samordna.organisations.models import County, Municipality, Organisation
from samordna.plans.models import IntroductionCourse
from samordna.strategy.models import Affiliation
from samordna.support.models import SupportEngagement
from samordna.surveys.models import Response

from .models import CoverageGoal, CoverageItem, CoverageRecord

ROW_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.REGION)
API_LOGIN_REQUIRED = gettext_lazy("Log in with an API token to read coverage.")


class Source:
    ATTENDANCE = "attendance"
    PROCESS_SUPPORT = "process_support"
    INTRODUCTION = "introduction"
    RECORD = "record"

    ORDER = (ATTENDANCE, PROCESS_SUPPORT, INTRODUCTION, RECORD)

    @staticmethod
    def label(value: str) -> str:
        return {
            Source.ATTENDANCE: _("Attendance"),
            Source.PROCESS_SUPPORT: _("Process support"),
            Source.INTRODUCTION: _("Introduction training"),
            Source.RECORD: _("Recorded by the county"),
        }[value]


@dataclass(frozen=True)
class Completion:
    """The first completion of one item by one organisation, with where it comes from."""

    item_id: int
    date: datetime.date
    source: str  # a Source value
    description: str  # e.g. the event's title
    url: str  # the event, process support or record; may be empty

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def source_label(self) -> str:
        return Source.label(self.source)


@dataclass
class GoalCell:
    goal: CoverageGoal
    applies: bool
    completion: Completion | None

    @property
    def achieved(self) -> bool:
        return self.applies and self.completion is not None


@dataclass
class ItemStatus:
    item: CoverageItem
    completion: Completion | None


@dataclass
class CoverageRow:
    organisation: Organisation
    cells: list[GoalCell] = field(default_factory=list)
    items: list[ItemStatus] = field(default_factory=list)
    introduction_courses: list[str] = field(default_factory=list)
    affiliation: Affiliation | None = None
    support: list[SupportEngagement] = field(default_factory=list)
    survey_response: Response | None = None

    @property
    def goals_total(self) -> int:
        return sum(1 for cell in self.cells if cell.applies)

    @property
    def goals_met(self) -> int:
        return sum(1 for cell in self.cells if cell.achieved)

    @property
    def share(self) -> float | None:
        """Share of the goals that apply to the organisation that it has met, 0–100."""
        total = self.goals_total
        return None if total == 0 else 100 * self.goals_met / total

    @property
    def completed_items(self) -> list[ItemStatus]:
        return [status for status in self.items if status.completion is not None]

    @property
    def survey_submitted(self) -> bool:
        return self.survey_response is not None


@dataclass
class CountyCoverage:
    county: County
    year: int
    goals: list[CoverageGoal]
    items: list[CoverageItem]
    rows: list[CoverageRow]


@dataclass
class GoalProgress:
    """How many of a goal's organisations had met it by the end of ``year`` (and the year
    before), with a link to the matrix for that goal and year. Used by the annual report."""

    goal: CoverageGoal
    achieved: int
    total: int
    achieved_previous_year: int
    url: str

    @property
    def share(self) -> float | None:
        return None if self.total == 0 else 100 * self.achieved / self.total


@dataclass
class NationalRow:
    municipality: Municipality
    organisation: Organisation | None
    achieved: int
    total: int

    @property
    def value(self) -> float | None:
        """Share met, 0–100; ``None`` when nothing is measured for the municipality."""
        return None if self.total == 0 else 100 * self.achieved / self.total


@dataclass
class NationalCountyRow:
    county: County
    achieved: int
    total: int
    municipalities: int

    @property
    def share(self) -> float | None:
        return None if self.total == 0 else 100 * self.achieved / self.total


@dataclass
class NationalCoverage:
    year: int
    rows: list[NationalRow]
    counties: list[NationalCountyRow]


# --- helpers ---------------------------------------------------------------------------------


def current_year() -> int:
    return timezone.localdate().year


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _year_end_moment(year: int) -> datetime.datetime:
    """The first moment of the next year in Stockholm: events ending before it count for
    ``year``."""
    return datetime.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())


def goal_applies(goal: CoverageGoal, organisation: Organisation) -> bool:
    if goal.audience == CoverageGoal.Audience.MUNICIPALITIES:
        return organisation.kind == Organisation.Kind.MUNICIPALITY
    if goal.audience == CoverageGoal.Audience.REGIONS:
        return organisation.kind == Organisation.Kind.REGION
    return organisation.kind in ROW_KINDS


def row_organisations(county: County) -> list[Organisation]:
    """The organisations coverage is about: the county's municipalities, then its region."""
    organisations = Organisation.objects.filter(
        county=county, kind__in=ROW_KINDS, is_active=True
    ).select_related("municipality", "county")
    return sorted(
        organisations, key=lambda o: (o.kind != Organisation.Kind.MUNICIPALITY, o.name.lower())
    )


def items_of_county(county: County) -> QuerySet[CoverageItem]:
    return (
        CoverageItem.objects.filter(county=county)
        .select_related("county", "knowledge_item")
        .prefetch_related(
            Prefetch("events", to_attr="event_list"),
            Prefetch("introduction_courses", to_attr="course_list"),
            "goals",
        )
    )


def goals_of_county(county: County) -> QuerySet[CoverageGoal]:
    return CoverageGoal.objects.filter(county=county).select_related("item", "county")


def first_completions(items, organisation_ids) -> dict[tuple[int, int], Completion]:
    """The first completion per (organisation id, item id), from every source, in a fixed
    number of queries whatever the number of organisations and items."""
    items = list(items)
    organisation_ids = list(organisation_ids)
    found: dict[tuple[int, int], Completion] = {}
    if not items or not organisation_ids:
        return found
    item_ids = [item.pk for item in items]

    def offer(organisation_id: int, completion: Completion) -> None:
        key = (organisation_id, completion.item_id)
        current = found.get(key)
        rank = (completion.date, Source.ORDER.index(completion.source))
        if current is None or rank < (current.date, Source.ORDER.index(current.source)):
            found[key] = completion

    attended = (
        Registration.objects.filter(
            attended=True,
            organisation_id__in=organisation_ids,
            event__coverage_items__in=item_ids,
        )
        .exclude(status=Registration.Status.CANCELLED)
        .values_list(
            "organisation_id", "event__coverage_items", "event_id", "event__title", "event__end"
        )
        .distinct()
    )
    for organisation_id, item_id, event_id, title, end in attended:
        offer(
            organisation_id,
            Completion(
                item_id=item_id,
                date=timezone.localtime(end).date(),
                source=Source.ATTENDANCE,
                description=title,
                url=reverse("events:event_detail", args=[event_id]),
            ),
        )

    items_by_process = defaultdict(list)
    for item in items:
        if item.support_process:
            items_by_process[item.support_process].append(item.pk)
    if items_by_process:
        engagements = SupportEngagement.objects.filter(
            organisation_id__in=organisation_ids,
            process__in=list(items_by_process),
            status=SupportEngagement.Status.COMPLETED,
            end_date__isnull=False,
        ).values_list("organisation_id", "process", "pk", "title", "end_date")
        for organisation_id, process, pk, title, end_date in engagements:
            for item_id in items_by_process[process]:
                offer(
                    organisation_id,
                    Completion(
                        item_id=item_id,
                        date=end_date,
                        source=Source.PROCESS_SUPPORT,
                        description=title,
                        url=reverse("support:engagement_detail", args=[pk]),
                    ),
                )

    included = IntroductionCourse.objects.filter(
        organisation_id__in=organisation_ids, course__coverage_items__in=item_ids
    ).values_list(
        "organisation_id",
        "course__coverage_items",
        "course__title",
        "course__plan_id",
        "recorded_at",
    )
    for organisation_id, item_id, title, plan_id, recorded_at in included:
        offer(
            organisation_id,
            Completion(
                item_id=item_id,
                date=timezone.localtime(recorded_at).date(),
                source=Source.INTRODUCTION,
                description=title,
                url=reverse("plans:plan_detail", args=[plan_id]),
            ),
        )

    records = CoverageRecord.objects.filter(
        item_id__in=item_ids, organisation_id__in=organisation_ids
    ).select_related("organisation")
    for record in records:
        offer(
            record.organisation_id,
            Completion(
                item_id=record.item_id,
                date=record.completed_on,
                source=Source.RECORD,
                description=record.note,
                url=reverse("coverage:organisation", args=[record.organisation.code])
                + f"#registrering-{record.pk}",
            ),
        )
    return found


def completed_by(completion: Completion | None, year: int) -> Completion | None:
    return completion if completion is not None and completion.year <= year else None


# --- the county matrix -----------------------------------------------------------------------


def coverage_for_county(
    county: County, year: int, *, organisations: list[Organisation] | None = None
) -> CountyCoverage:
    """Rows per municipality and region of ``county`` as of the end of ``year``: goals met (with
    the completion's year and source), every item's status, base courses in introduction
    training, whether it had joined the strategy, process support received, survey submitted."""
    organisations = row_organisations(county) if organisations is None else organisations
    org_ids = [o.pk for o in organisations]
    items = list(items_of_county(county))
    goals = list(goals_of_county(county))
    completions = first_completions(items, org_ids)
    end = year_end(year)

    courses = defaultdict(list)
    for organisation_id, title in (
        IntroductionCourse.objects.filter(
            organisation_id__in=org_ids, recorded_at__lt=_year_end_moment(year)
        )
        .order_by("course__position", "course__title")
        .values_list("organisation_id", "course__title")
    ):
        if title not in courses[organisation_id]:
            courses[organisation_id].append(title)

    affiliations = {
        a.organisation_id: a
        for a in Affiliation.objects.filter(
            strategy__county=county, organisation_id__in=org_ids, declaration_date__lte=end
        )
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=end))
        .select_related("strategy")
    }
    support = defaultdict(list)
    for engagement in SupportEngagement.objects.filter(
        organisation_id__in=org_ids, start_date__lte=end
    ).order_by("start_date", "pk"):
        support[engagement.organisation_id].append(engagement)
    responses = {
        r.organisation_id: r
        for r in Response.objects.filter(
            organisation_id__in=org_ids,
            survey__year=year,
            status=Response.Status.SUBMITTED,
        )
        .filter(Q(survey__county=county) | Q(survey__county__isnull=True))
        .select_related("survey")
    }

    def build(organisation: Organisation) -> CoverageRow:
        def status(item_id: int) -> Completion | None:
            return completed_by(completions.get((organisation.pk, item_id)), year)

        return CoverageRow(
            organisation=organisation,
            cells=[
                GoalCell(goal, goal_applies(goal, organisation), status(goal.item_id))
                for goal in goals
            ],
            items=[ItemStatus(item, status(item.pk)) for item in items],
            introduction_courses=courses.get(organisation.pk, []),
            affiliation=affiliations.get(organisation.pk),
            support=support.get(organisation.pk, []),
            survey_response=responses.get(organisation.pk),
        )

    rows = [build(organisation) for organisation in organisations]
    return CountyCoverage(county=county, year=year, goals=goals, items=items, rows=rows)


def coverage_for_organisation(organisation: Organisation, year: int) -> CoverageRow:
    """One organisation's coverage row (its own page, reachable from the organisation)."""
    return coverage_for_county(organisation.county, year, organisations=[organisation]).rows[0]


def records_of_organisation(organisation: Organisation) -> QuerySet[CoverageRecord]:
    return CoverageRecord.objects.filter(organisation=organisation).select_related(
        "item", "recorded_by"
    )


# --- progress --------------------------------------------------------------------------------


def matrix_url(county: County, year: int, goal: CoverageGoal | None = None) -> str:
    url = reverse("coverage:matrix", args=[county.code]) + f"?ar={year}"
    return url + (f"&mal={goal.pk}" if goal is not None else "")


def _goal_counts(goals, organisations, completions, years) -> dict[int, dict[int, int]]:
    """goal id → year → number of the goal's organisations that had met it by that year."""
    counts: dict[int, dict[int, int]] = {}
    for goal in goals:
        years_done = [
            completion.year
            for organisation in organisations
            if goal_applies(goal, organisation)
            and (completion := completions.get((organisation.pk, goal.item_id))) is not None
        ]
        counts[goal.pk] = {year: sum(1 for y in years_done if y <= year) for year in years}
    return counts


def coverage_goal_progress(county: County, year: int) -> list[GoalProgress]:
    """For each of the county's goals: organisations that had met it by the end of ``year`` and
    of the year before, out of the organisations the goal is for."""
    organisations = row_organisations(county)
    goals = list(goals_of_county(county))
    items = {goal.item for goal in goals}
    completions = first_completions(items, [o.pk for o in organisations])
    counts = _goal_counts(goals, organisations, completions, [year - 1, year])
    return [
        GoalProgress(
            goal=goal,
            achieved=counts[goal.pk][year],
            total=sum(1 for o in organisations if goal_applies(goal, o)),
            achieved_previous_year=counts[goal.pk][year - 1],
            url=matrix_url(county, year, goal),
        )
        for goal in goals
    ]


@dataclass
class GoalSeries:
    goal: CoverageGoal
    total: int
    values: list[int]  # one per year

    @property
    def points(self) -> list[tuple[int, int]]:
        return list(zip(range(len(self.values)), self.values, strict=True))


def coverage_progress(county: County, years: list[int]) -> list[GoalSeries]:
    """Per goal, the number of organisations that had met it by the end of each year."""
    organisations = row_organisations(county)
    goals = list(goals_of_county(county))
    completions = first_completions({g.item for g in goals}, [o.pk for o in organisations])
    counts = _goal_counts(goals, organisations, completions, years)
    return [
        GoalSeries(
            goal=goal,
            total=sum(1 for o in organisations if goal_applies(goal, o)),
            values=[counts[goal.pk][y] for y in years],
        )
        for goal in goals
    ]


# --- national --------------------------------------------------------------------------------


def national_coverage(year: int, goal_or_item=None) -> NationalCoverage:
    """Every municipality in Sweden as of the end of ``year``: the share of its county's goals
    for municipalities that it has met (default), or whether it has completed one goal, one
    item, or – given a name – every county's item with that name (e.g. "En kommun fri från
    våld"). Municipalities with nothing to measure get ``total == 0``."""
    if isinstance(goal_or_item, CoverageGoal):
        targets = [(goal_or_item.county_id, goal_or_item.item, goal_or_item)]
    elif isinstance(goal_or_item, CoverageItem):
        targets = [(goal_or_item.county_id, goal_or_item, None)]
    elif isinstance(goal_or_item, str) and goal_or_item:
        wanted = goal_or_item.strip().casefold()
        targets = [
            (item.county_id, item, None)
            for item in CoverageItem.objects.all()
            if item.name.casefold() == wanted
        ]
    else:
        targets = [
            (goal.county_id, goal.item, goal)
            for goal in CoverageGoal.objects.filter(
                audience__in=[CoverageGoal.Audience.MUNICIPALITIES, CoverageGoal.Audience.ALL]
            ).select_related("item")
        ]
    targets_by_county = defaultdict(list)
    for county_id, item, goal in targets:
        targets_by_county[county_id].append((item, goal))

    municipalities = list(Municipality.objects.select_related("county").order_by("code"))
    organisations = {
        o.municipality_id: o
        for o in Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, municipality__isnull=False, is_active=True
        ).order_by("pk")
    }
    completions = first_completions(
        {item for _c, item, _g in targets},
        [o.pk for o in organisations.values()],
    )
    rows = []
    for municipality in municipalities:
        organisation = organisations.get(municipality.pk)
        achieved = total = 0
        if organisation is not None:
            for item, goal in targets_by_county.get(municipality.county_id, []):
                if goal is not None and not goal_applies(goal, organisation):
                    continue
                total += 1
                if completed_by(completions.get((organisation.pk, item.pk)), year):
                    achieved += 1
        rows.append(NationalRow(municipality, organisation, achieved, total))
    by_county: dict[int, NationalCountyRow] = {}
    for row in rows:
        county = row.municipality.county
        summary = by_county.setdefault(county.pk, NationalCountyRow(county, 0, 0, 0))
        summary.achieved += row.achieved
        summary.total += row.total
        summary.municipalities += 1
    counties = sorted(by_county.values(), key=lambda c: c.county.code)
    return NationalCoverage(year=year, rows=rows, counties=counties)


def national_item_names() -> list[str]:
    """Item names used by any county, for the national page's choice (same name = comparable)."""
    names = {}
    for name in CoverageItem.objects.order_by("name").values_list("name", flat=True):
        names.setdefault(name.casefold(), name)
    return sorted(names.values(), key=str.casefold)


# --- permission-scoped reads -----------------------------------------------------------------


def readable_counties_for_user(user) -> QuerySet[County]:
    readable = get_access(user).readable_county_ids()
    counties = County.objects.all()
    return counties if readable is None else counties.filter(pk__in=readable)


def editable_counties_for_user(user) -> QuerySet[County]:
    access = get_access(user)
    if access.is_superuser:
        return County.objects.all()
    return County.objects.filter(pk__in=access.edit_county_ids)


def can_see_organisation(user, organisation: Organisation) -> bool:
    """County staff of the organisation's county, the national role, and the organisation's own
    people (participants and contacts)."""
    access = get_access(user)
    return (
        organisation.county_id is not None and access.can_read_county(organisation.county_id)
    ) or organisation.pk in access.member_organisation_ids


def item_get_for_user(user, pk: int) -> CoverageItem | None:
    item = CoverageItem.objects.select_related("county").filter(pk=pk).first()
    if item is None or not get_access(user).can_read_county(item.county_id):
        return None
    return item


def goal_get_for_user(user, pk: int) -> CoverageGoal | None:
    goal = CoverageGoal.objects.select_related("county", "item").filter(pk=pk).first()
    if goal is None or not get_access(user).can_read_county(goal.county_id):
        return None
    return goal


def record_get_for_user(user, pk: int) -> CoverageRecord | None:
    record = (
        CoverageRecord.objects.select_related("item__county", "organisation").filter(pk=pk).first()
    )
    if record is None or not get_access(user).can_read_county(record.item.county_id):
        return None
    return record


@dataclass
class ApiCompletion:
    item: str
    kind: str
    completed_year: int
    completed_on: datetime.date
    source: str
    source_description: str
    source_url: str


@dataclass
class ApiOrganisation:
    organisation_code: str
    organisation_name: str
    organisation_kind: str
    county_code: str
    year: int
    completed: list[ApiCompletion]


def coverage_for_api(user, *, county_code: str = "", year: int | None = None) -> list:
    """Per organisation the items it had completed by the end of ``year``: county staff (own
    county) and the national role; participants and contacts get their own organisation."""
    access = get_access(user)
    year = year or current_year()
    if county_code:
        county = County.objects.filter(code=county_code).first()
        if county is None:
            raise ValidationFailed(
                _("Unknown county code %(code)s.") % {"code": county_code}, field="county"
            )
        counties = [county]
    else:
        counties = list(County.objects.all())
    allowed_counties = [c for c in counties if access.can_read_county(c.pk)]
    own = Organisation.objects.filter(
        pk__in=access.member_organisation_ids, kind__in=ROW_KINDS, county__in=counties
    ).select_related("county", "municipality")
    if county_code and not allowed_counties and not own.exists():
        raise NotPermitted(
            _("You cannot read the coverage of %(county)s.") % {"county": counties[0].name}
        )
    if not allowed_counties and not access.member_organisation_ids:
        raise NotPermitted(
            _("Only county staff, the national role and organisations can read coverage.")
        )
    sections = [coverage_for_county(c, year) for c in allowed_counties]
    covered = {c.pk for c in allowed_counties}
    sections.extend(
        coverage_for_county(organisation.county, year, organisations=[organisation])
        for organisation in own
        if organisation.county_id not in covered
    )
    return [
        ApiOrganisation(
            organisation_code=row.organisation.code,
            organisation_name=row.organisation.name,
            organisation_kind=row.organisation.kind,
            county_code=section.county.code,
            year=year,
            completed=[
                ApiCompletion(
                    item=status.item.name,
                    kind=status.item.kind,
                    completed_year=status.completion.year,
                    completed_on=status.completion.date,
                    source=status.completion.source,
                    source_description=status.completion.description,
                    source_url=status.completion.url,
                )
                for status in row.completed_items
            ],
        )
        for section in sections
        for row in section.rows
    ]
