from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samordna.core.permissions import get_access
from samordna.core.uploads import MAX_UPLOAD_BYTES, accept_attribute
from samordna.organisations.models import County, Organisation

from .models import Campaign, TargetGroup


class CampaignFilterForm(forms.Form):
    county = forms.ChoiceField(label=_("County"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All counties"))] + [
            (c.code, c.name) for c in County.objects.order_by("code")
        ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CampaignForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        required=False,
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-input"}),
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "summary",
            "description",
            "start_date",
            "end_date",
            "county",
            "owners",
            "target_groups",
            "website",
            "published",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "owners": forms.SelectMultiple(attrs={"size": 8}),
        }
        error_messages = {
            "title": {"required": _("Enter the campaign's title.")},
            "summary": {"required": _("Write a short summary of the campaign.")},
            "start_date": {
                "required": _("Enter the first day of the campaign period."),
                "invalid": _("Enter the start date as YYYY-MM-DD."),
            },
            "end_date": {
                "required": _("Enter the last day of the campaign period."),
                "invalid": _("Enter the end date as YYYY-MM-DD."),
            },
            "website": {"invalid": _("Enter a full web address, e.g. https://www.exempel.se.")},
        }
        help_texts = {
            "owners": _("The organisations behind the campaign. Hold Ctrl to choose several."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        access = get_access(user)
        counties = County.objects.order_by("code")
        if not access.is_superuser:
            counties = counties.filter(pk__in=access.edit_county_ids)
        county_field = self.fields["county"]
        county_field.queryset = counties
        county_field.required = not access.national
        county_field.empty_label = (
            _("National campaign (no county)") if access.national else _("Choose county")
        )
        county_field.error_messages["required"] = _("Choose the county.")
        if not access.national:
            county_field.help_text = ""
        owner_condition = Q(county__isnull=True)
        if access.is_superuser or access.national:
            owner_condition = Q()
        else:
            owner_condition |= Q(county_id__in=access.edit_county_ids)
        self.fields["owners"].queryset = Organisation.objects.filter(
            owner_condition, is_active=True
        ).order_by("name")
        self.fields["owners"].required = False
        self.fields["published"].help_text = _("Published campaigns are shown to everyone.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return cleaned


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title for the material.")},
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        help_text=_("A web address, e.g. to the campaign's material bank."),
        error_messages={"invalid": _("Enter a full web address, e.g. https://www.exempel.se.")},
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute()}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, PNG, JPG or DOCX, at most %(limit)s MB.") % {
            "limit": MAX_UPLOAD_BYTES // (1024 * 1024)
        }

    def clean(self):
        cleaned = super().clean()
        has_url, has_file = bool(cleaned.get("url")), bool(cleaned.get("file"))
        if has_url == has_file and not self.errors:
            raise forms.ValidationError(_("Give either a link or a file (not both)."))
        return cleaned


class SpreadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Choose the organisation."),
            "invalid_choice": _("Choose one of your organisations."),
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("Choose organisation")
