"""Forms for coverage items, goals and completion records. Plain forms: the services validate
and write. Choices are limited to the county the page is about."""

from django import forms
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samordna.events.models import Event
from samordna.knowledge.models import KnowledgeItem
from samordna.plans.models import Activity

from . import selectors
from .models import YEAR_MAX, YEAR_MIN, CoverageGoal, CoverageItem


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class EventChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({formats.date_format(obj.start, 'j F Y')})"


class CourseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.plan.year})"


class YearFilterForm(forms.Form):
    ar = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False)

    def year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("ar"):
            return self.cleaned_data["ar"]
        return selectors.current_year()


class ItemForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("E.g. En kommun fri från våld, or Webbkurs om våld."),
        error_messages={"required": _("Enter a name.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CoverageItem.Kind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    events = EventChoiceField(
        label=_("Events that count"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "An organisation has completed the item when someone from it attended one of these "
            "events."
        ),
    )
    support_process = forms.ChoiceField(
        label=_("Process support that counts"),
        required=False,
        help_text=_("Completed process support of this kind counts as completion."),
    )
    introduction_courses = CourseChoiceField(
        label=_("Base courses in introduction training that count"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "An organisation that includes one of these web courses in its introduction training "
            "has completed the item."
        ),
    )
    knowledge_item = forms.ModelChoiceField(
        label=_("Web course in the knowledge bank"),
        queryset=KnowledgeItem.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, required=False, initial=0)

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        from samordna.support.models import SupportEngagement

        self.fields["support_process"].choices = [
            ("", _("None")),
            *SupportEngagement.Process.choices,
        ]
        self.fields["events"].queryset = (
            Event.objects.filter(Q(county=county) | Q(co_organising_counties=county))
            .distinct()
            .order_by("-start")
        )
        self.fields["introduction_courses"].queryset = Activity.objects.filter(
            plan__county=county, kind=Activity.ItemKind.WEB_COURSE
        ).select_related("plan")
        self.fields["knowledge_item"].queryset = KnowledgeItem.objects.filter(
            Q(county=county) | Q(county__isnull=True), kind=KnowledgeItem.Kind.WEB_COURSE
        ).order_by("title")


class GoalForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Item"),
        queryset=CoverageItem.objects.none(),
        empty_label=_("Choose item"),
        error_messages={"required": _("Choose the item.")},
    )
    audience = forms.ChoiceField(
        label=pgettext_lazy("coverage goal", "Who"), choices=CoverageGoal.Audience.choices
    )
    target_year = forms.IntegerField(
        label=_("By the end of year"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={"required": _("Enter the year.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. where the goal comes from: the competence-development plan 2022."),
    )

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = CoverageItem.objects.filter(county=county)


class RecordForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Municipality or region"),
        queryset=None,
        empty_label=_("Choose organisation"),
        error_messages={"required": _("Choose the organisation.")},
    )
    item = forms.ModelChoiceField(
        label=_("Item"),
        queryset=CoverageItem.objects.none(),
        empty_label=_("Choose item"),
        error_messages={"required": _("Choose the item.")},
    )
    completed_on = forms.DateField(
        label=_("Completed on"),
        widget=DateInput(),
        error_messages={
            "required": _("Enter the date."),
            "invalid": _("Enter the date as YYYY-MM-DD, e.g. 2026-03-01."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. how the municipality reported it. No personal data."),
    )

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        from samordna.organisations.models import Organisation

        self.fields["organisation"].queryset = Organisation.objects.filter(
            county=county, kind__in=selectors.ROW_KINDS, is_active=True
        ).order_by("kind", "name")
        self.fields["item"].queryset = CoverageItem.objects.filter(county=county)


def item_initial(item: CoverageItem) -> dict:
    return {
        "name": item.name,
        "kind": item.kind,
        "description": item.description,
        "events": list(item.events.all()),
        "support_process": item.support_process,
        "introduction_courses": list(item.introduction_courses.all()),
        "knowledge_item": item.knowledge_item_id,
        "position": item.position,
    }


def goal_initial(goal: CoverageGoal) -> dict:
    return {
        "item": goal.item_id,
        "audience": goal.audience,
        "target_year": goal.target_year,
        "description": goal.description,
    }
