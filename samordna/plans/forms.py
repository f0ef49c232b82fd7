from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from samordna.organisations.models import Person
from samordna.organisations.selectors import editable_counties_for_user
from samordna.strategy.models import SubGoal

from .models import YEAR_MAX, YEAR_MIN, ActionPlan, Activity

MONTH_CHOICES = [(number, name) for number, name in MONTHS.items()]


class PlanFilterForm(forms.Form):
    county = forms.ChoiceField(label=_("County"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ActionPlan.Kind.choices]
    )

    def __init__(self, *args, counties=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All counties"))] + [
            (c.code, c.name) for c in counties
        ]
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]


class PlanCreateForm(forms.Form):
    county = forms.ModelChoiceField(label=_("County"), queryset=None)
    year = forms.IntegerField(label=_("Year"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ActionPlan.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty for a title with the year and the county board."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = editable_counties_for_user(user)
        self.fields["county"].empty_label = _("Choose county")
        self.fields["county"].error_messages["required"] = _("Choose the county.")
        self.fields["year"].error_messages["required"] = _("Enter a year as a number.")
        self.fields["year"].error_messages["invalid"] = _("Enter a year as a number.")


class PlanTextsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    foreword = forms.CharField(label=_("Foreword"), widget=forms.Textarea, required=False)
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea, required=False)
    target_groups = forms.CharField(label=_("Target groups"), widget=forms.Textarea, required=False)
    final_target_groups = forms.CharField(
        label=_("Final target groups"),
        widget=forms.Textarea,
        required=False,
        help_text=_("One per line."),
    )
    closing_text = forms.CharField(label=_("Closing text"), widget=forms.Textarea, required=False)
    contacts_heading = forms.CharField(
        label=_("Heading above the contacts"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("The plan needs a title.")


class CopyPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Copy into year"), min_value=YEAR_MIN, max_value=YEAR_MAX)


class AreaForm(forms.Form):
    name = forms.CharField(label=_("Name of the area"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("The area needs a name.")


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Enter the contact person's name.")


def _subgoal_queryset(plan: ActionPlan):
    if plan.strategy_id:
        return SubGoal.objects.filter(strategy=plan.strategy).order_by("number")
    return SubGoal.objects.none()


class SubGoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"Delmål {obj.number} – {obj.title}"


class QuickActivityForm(forms.Form):
    """The short form under each area in the editor: the four columns of the plan."""

    title = forms.CharField(label=_("Activity"), max_length=500)
    target_groups = forms.CharField(label=_("Target group"), required=False)
    outcome = forms.CharField(label=_("Outcome"), required=False)
    subgoals = SubGoalChoiceField(
        label=_("Regional sub-goals"),
        queryset=SubGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subgoals"].queryset = _subgoal_queryset(plan)
        self.fields["title"].error_messages["required"] = _("The activity needs a title.")
        self.fields["subgoals"].error_messages["invalid_choice"] = _(
            "The sub-goal is not part of the county's regional strategy."
        )


class ActivityForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Kind of item"), choices=Activity.ItemKind.choices)
    title = forms.CharField(label=_("Activity"), max_length=500, widget=forms.Textarea)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    target_groups = forms.CharField(label=_("Target group"), widget=forms.Textarea, required=False)
    target_group_categories = forms.MultipleChoiceField(
        label=_("Target-group categories"),
        choices=Person.TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea, required=False)
    subgoals = SubGoalChoiceField(
        label=_("Regional sub-goals"),
        queryset=SubGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible = forms.CharField(label=_("Responsible staff"), max_length=300, required=False)
    months = forms.TypedMultipleChoiceField(
        label=_("Months"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    financing_note = forms.CharField(label=_("Financing"), max_length=500, required=False)
    financed_by_municipal_association = forms.BooleanField(
        label=_("Financed by the municipal association (shown with *)"), required=False
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    follow_up = forms.CharField(label=_("What happened"), widget=forms.Textarea, required=False)
    participant_count = forms.IntegerField(
        label=_("Number of participants"), required=False, min_value=0
    )
    assessment = forms.CharField(
        label=_("Assessment of the result"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan.areas.order_by("position", "id")
        self.fields["subgoals"].queryset = _subgoal_queryset(plan)
        self.fields["title"].widget.attrs["rows"] = 2
        self.fields["title"].error_messages["required"] = _("The activity needs a title.")
        self.fields["subgoals"].error_messages["invalid_choice"] = _(
            "The sub-goal is not part of the county's regional strategy."
        )
        self.fields["area"].error_messages["invalid_choice"] = _("Choose an area of this plan.")
        for name in ("description", "target_groups", "outcome", "follow_up", "assessment"):
            self.fields[name].widget.attrs["rows"] = 3


class MoveToAreaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Move to area"), queryset=None, empty_label=None)

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan.areas.order_by("position", "id")


class IntroductionCoursesForm(forms.Form):
    courses = forms.ModelMultipleChoiceField(
        label=_("Web courses included in our introduction training"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = courses
