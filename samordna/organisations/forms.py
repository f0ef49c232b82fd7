from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.core.collation import swedish

from .models import Municipality, Organisation, Person
from .selectors import editable_counties_for_user, editable_organisations_for_user


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )
    county = forms.ChoiceField(label=_("County"), required=False)

    def __init__(self, *args, counties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All counties"))] + [
            (c.code, c.name) for c in counties
        ]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "county",
            "municipality",
            "website",
            "email",
            "phone",
            "is_active",
        ]
        error_messages = {
            "name": {"required": _("Enter the organisation's name.")},
            "website": {"invalid": _("Enter a full web address, e.g. https://www.exempel.se.")},
            "email": {"invalid": _("Enter a valid e-mail address, e.g. info@exempel.se.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = editable_counties_for_user(user)
        self.fields["county"].required = True
        self.fields["county"].error_messages["required"] = _("Choose the county.")
        self.fields["county"].empty_label = _("Choose county")
        self.fields["municipality"].queryset = Municipality.objects.select_related("county").filter(
            county__in=editable_counties_for_user(user)
        )
        self.fields["municipality"].empty_label = _("No municipality")
        self.fields["kind"].choices = [
            c
            for c in Organisation.Kind.choices
            if c[0] not in (Organisation.Kind.MUNICIPALITY, Organisation.Kind.COUNTY_BOARD)
        ]
        if self.instance.pk and self.instance.kind in (
            Organisation.Kind.MUNICIPALITY,
            Organisation.Kind.COUNTY_BOARD,
        ):
            for locked in ("name", "kind", "county", "municipality"):
                del self.fields[locked]


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("All target groups")), *Person.TargetGroup.choices],
    )
    organisation = forms.CharField(required=False, widget=forms.HiddenInput)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "email", "organisation", "title", "target_group", "is_contact"]
        error_messages = {
            "name": {"required": _("Enter the person's name.")},
            "email": {
                "required": _("Enter the person's e-mail address."),
                "invalid": _("Enter a valid e-mail address, e.g. namn@kommun.se."),
            },
            "organisation": {"required": _("Choose the organisation.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = editable_organisations_for_user(user).order_by(
            "county__code", swedish("name")
        )
        self.fields["organisation"].empty_label = _("Choose organisation")
        self.fields["target_group"].choices = [("", _("Not stated")), *Person.TargetGroup.choices]
