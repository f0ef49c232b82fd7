from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.organisations.models import Organisation
from samordna.organisations.selectors import editable_counties_for_user

from .models import NationalGoal


class StrategyForm(forms.Form):
    county = forms.ModelChoiceField(label=_("County"), queryset=None, required=True)
    name = forms.CharField(label=_("Name"), max_length=300)
    period_start_year = forms.IntegerField(label=_("First year"))
    period_end_year = forms.IntegerField(label=_("Last year"))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False)

    def __init__(self, *args, user, with_county: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_county:
            self.fields["county"].queryset = editable_counties_for_user(user)
            self.fields["county"].empty_label = _("Choose county")
            self.fields["county"].error_messages["required"] = _("Choose the county.")
        else:
            del self.fields["county"]
        self.fields["name"].error_messages["required"] = _("The strategy needs a name.")
        for name in ("period_start_year", "period_end_year"):
            self.fields[name].error_messages["required"] = _("Enter a year as a number.")
            self.fields[name].error_messages["invalid"] = _("Enter a year as a number.")


class SubGoalForm(forms.Form):
    number = forms.IntegerField(label=_("Number"))
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False)
    national_goals = forms.TypedMultipleChoiceField(
        label=_("Goals of the national strategy"),
        choices=NationalGoal.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gender_equality_goal_6 = forms.BooleanField(
        label=_("Contributes to gender-equality sub-goal 6"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].error_messages["required"] = _("Enter the sub-goal's number.")
        self.fields["title"].error_messages["required"] = _("The sub-goal needs a title.")


class AffiliationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    declaration_date = forms.DateField(
        label=_("Date of the declaration of intent"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            county=county, is_active=True
        ).order_by("name")
        self.fields["organisation"].empty_label = _("Choose organisation")
        self.fields["organisation"].error_messages["required"] = _("Choose the organisation.")
        self.fields["declaration_date"].error_messages["required"] = _(
            "Enter the date of the declaration of intent."
        )


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=forms.DateInput(attrs={"type": "date"}))
