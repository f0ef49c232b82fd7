"""Forms for process support, actor visits and needs. Plain forms (not model forms): the
services validate and write, so an invalid post never touches a model instance."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import ActorVisit, Need, SupportEngagement


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def _date_field(model, name: str, *, required: bool) -> forms.DateField:
    label = model._meta.get_field(name).verbose_name
    return forms.DateField(
        label=label[:1].upper() + label[1:],
        required=required,
        widget=DateInput(),
        error_messages={
            "required": _("Enter the date."),
            "invalid": _("Enter the date as YYYY-MM-DD, e.g. 2026-03-01."),
        },
    )


def _model_field(model, name: str, **kwargs):
    formfield = model._meta.get_field(name).formfield(**kwargs)
    if isinstance(formfield.widget, forms.Textarea):
        formfield.widget.attrs.update({"rows": 4})
    return formfield


class OrganisationChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, show_county: bool = False, **kwargs):
        self.show_county = show_county
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        if self.show_county and obj.county_id:
            return f"{obj.name} ({obj.county.name})"
        return obj.name


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name()


class VisitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.visit_date:%Y-%m-%d} – {obj.organisation.name}"


class _CountyScopedForm(forms.Form):
    """Adds the county (on create) and limits organisations and staff to the user's counties."""

    organisation_field = "organisation"

    def __init__(self, *args, user, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        if instance is not None:
            counties = [instance.county]
            del self.fields["county"]
        else:
            counties = selectors.editable_counties(user)
            self.fields["county"].queryset = counties
            if counties.count() == 1:
                self.fields["county"].initial = counties.first().pk
                self.fields["county"].widget = forms.HiddenInput()
        many = instance is None and counties.count() > 1
        self.fields[self.organisation_field].queryset = selectors.organisations_in_counties(
            counties
        )
        self.fields[self.organisation_field].show_county = many
        if "staff" in self.fields:
            self.fields["staff"].queryset = selectors.county_staff(counties)

    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=None,
        empty_label=_("Choose county"),
        error_messages={"required": _("Choose the county.")},
    )


class EngagementForm(_CountyScopedForm):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=_("Choose organisation"),
        error_messages={"required": _("Choose the organisation.")},
    )
    title = _model_field(
        SupportEngagement,
        "title",
        help_text=_("E.g. En kommun fri från våld, or support to implement the regional strategy."),
        error_messages={"required": _("Enter a title.")},
    )
    process = _model_field(SupportEngagement, "process")
    description = _model_field(SupportEngagement, "description")
    start_date = _date_field(SupportEngagement, "start_date", required=True)
    end_date = _date_field(SupportEngagement, "end_date", required=False)
    status = _model_field(SupportEngagement, "status")
    staff = StaffChoiceField(
        label=_("Responsible staff"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = _model_field(SupportEngagement, "notes")
    follow_up = _model_field(SupportEngagement, "follow_up")


class VisitForm(_CountyScopedForm):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=_("Choose organisation"),
        error_messages={"required": _("Choose the organisation.")},
    )
    visit_date = _date_field(ActorVisit, "visit_date", required=True)
    topic = _model_field(ActorVisit, "topic")
    staff = StaffChoiceField(
        label=_("Staff"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = _model_field(ActorVisit, "participants")
    notes = _model_field(
        ActorVisit,
        "notes",
        help_text=_("About the organisation's work only – never about individual cases."),
    )
    follow_up_actions = _model_field(ActorVisit, "follow_up_actions")
    follow_up_date = _date_field(ActorVisit, "follow_up_date", required=False)


class NeedForm(_CountyScopedForm):
    organisation_field = "raised_by"

    raised_by = OrganisationChoiceField(
        label=_("Raised by"),
        queryset=None,
        empty_label=_("Choose organisation"),
        error_messages={"required": _("Choose the organisation that raised the need.")},
    )
    title = _model_field(
        Need,
        "title",
        help_text=_("A few words, e.g. Long-term housing for people leaving shelters."),
        error_messages={"required": _("Summarise the need in a few words.")},
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Choose category")), *Need.Category.choices],
        error_messages={"required": _("Choose a category.")},
    )
    description = _model_field(
        Need,
        "description",
        help_text=_("The need as the actor described it. Never information about individuals."),
        error_messages={"required": _("Describe the need.")},
    )
    raised_on = _date_field(Need, "raised_on", required=True)
    source = _model_field(Need, "source")
    visit = VisitChoiceField(
        label=_("Actor visit"),
        queryset=None,
        required=False,
        empty_label=_("No visit"),
        help_text=_("If the need was raised at an actor visit."),
    )
    status = _model_field(Need, "status")
    response = _model_field(Need, "response")
    forward_to_national = _model_field(
        Need,
        "forward_to_national",
        help_text=_("The need is reported to the national level (e.g. in the annual report)."),
    )
    national_theme = _model_field(
        Need,
        "national_theme",
        help_text=_("A short theme that groups similar needs across counties."),
    )
    forwarding_note = _model_field(Need, "forwarding_note")

    def __init__(self, *args, user, instance=None, **kwargs):
        super().__init__(*args, user=user, instance=instance, **kwargs)
        counties = [instance.county] if instance is not None else selectors.editable_counties(user)
        self.fields["visit"].queryset = (
            ActorVisit.objects.filter(county__in=counties)
            .select_related("organisation")
            .order_by("-visit_date", "-id")
        )
        if instance is None and "raised_on" not in self.initial:
            self.fields["raised_on"].initial = timezone.localdate()


def initial_from(instance, names) -> dict:
    """Form initial values from a stored row (many-to-many as lists)."""
    initial = {}
    for name in names:
        value = getattr(instance, name)
        if hasattr(value, "all"):
            value = list(value.all())
        initial[name] = value
    return initial


# --- filters ----------------------------------------------------------------------------------


def _year_choices():
    this_year = timezone.localdate().year
    return [("", _("All years"))] + [
        (str(y), str(y)) for y in range(this_year + 1, this_year - 11, -1)
    ]


class _FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    county = forms.ChoiceField(label=_("County"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        counties = list(selectors.readable_counties(user))
        if len(counties) > 1:
            self.fields["county"].choices = [("", _("All counties"))] + [
                (c.code, c.name) for c in counties
            ]
        else:
            del self.fields["county"]
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (o.code, o.name) for o in organisations
        ]
        self.fields["municipality"].choices = [("", _("All municipalities"))] + [
            (m.code, m.name) for m in selectors.filter_municipalities(user)
        ]
        self.fields["year"].choices = _year_choices()

    def filters(self) -> dict:
        """The valid filter values as keyword arguments for the selectors."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data.get("q", ""),
            "county_code": data.get("county", ""),
            "organisation_code": data.get("organisation", ""),
            "municipality_code": data.get("municipality", ""),
            "year": data.get("year"),
            **{name: data.get(name, "") for name in self.extra_filters},
        }

    extra_filters: tuple[str, ...] = ()


class EngagementFilterForm(_FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *SupportEngagement.Status.choices],
    )
    process = forms.ChoiceField(
        label=_("Kind of process"),
        required=False,
        choices=[("", _("All kinds")), *SupportEngagement.Process.choices],
    )
    extra_filters = ("status", "process")


class VisitFilterForm(_FilterForm):
    pass


class NeedFilterForm(_FilterForm):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Need.Category.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Need.Status.choices],
    )
    extra_filters = ("category", "status")


class NationalFilterForm(forms.Form):
    county = forms.ChoiceField(label=_("County"), required=False)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Need.Category.choices],
    )
    theme = forms.ChoiceField(label=_("National theme"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year raised"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        counties = list(selectors.readable_counties(user))
        if len(counties) > 1:
            self.fields["county"].choices = [("", _("All counties"))] + [
                (c.code, c.name) for c in counties
            ]
        else:
            del self.fields["county"]
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (t, t) for t in selectors.national_themes(user)
        ]
        self.fields["year"].choices = _year_choices()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "county_code": data.get("county", ""),
            "category": data.get("category", ""),
            "theme": data.get("theme", ""),
            "year": data.get("year"),
        }
