from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samordna.organisations.models import County


def year_choices() -> list[tuple[str, str]]:
    this_year = timezone.localdate().year
    return [(str(y), str(y)) for y in range(this_year, this_year - 11, -1)]


class ReportCreateForm(forms.Form):
    county = forms.ModelChoiceField(label=_("County"), queryset=County.objects.none())
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, counties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties
        self.fields["year"].choices = year_choices()
        self.fields["year"].initial = str(timezone.localdate().year - 1)
        if len(counties) == 1:
            self.fields["county"].initial = counties[0].pk


class YearFilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Show year"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *year_choices()]


class NationalFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Report year"), coerce=int, required=False)
    theme = forms.ChoiceField(label=_("National theme of forwarded needs"), required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["theme"].choices = [("", _("All themes"))] + [(t, t) for t in themes]


class ReportTextForm(forms.Form):
    """The narrative: one text per required section and one per sub-goal."""

    results_text = forms.CharField(
        label=_("Results and effects – assessment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Your assessment of the results and effects achieved during the year."),
    )
    analysis_text = forms.CharField(
        label=_("Analysis of the development in the county"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    needs_text = forms.CharField(
        label=_("Regional and local support needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, subgoals, **kwargs):
        super().__init__(*args, **kwargs)
        self.subgoal_field_names = []
        for subgoal in subgoals:
            name = f"subgoal_{subgoal['number']}"
            self.fields[name] = forms.CharField(
                label=_("Sub-goal %(number)s: %(title)s")
                % {"number": subgoal["number"], "title": subgoal["title"]},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.subgoal_field_names.append(name)

    def subgoal_texts(self) -> dict[str, str]:
        return {
            name.removeprefix("subgoal_"): self.cleaned_data.get(name, "")
            for name in self.subgoal_field_names
        }

    def section_texts(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(name, "")
            for name in ("results_text", "analysis_text", "needs_text")
        }


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the new version"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
