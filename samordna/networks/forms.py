from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.campaigns.forms import CampaignFilterForm
from samordna.core.uploads import MAX_UPLOAD_BYTES, accept_attribute
from samordna.events.models import Event
from samordna.organisations.models import County, Organisation, Person

from .models import SUB_GOAL_NUMBERS, Meeting, Membership, Network, NetworkDocument


class NetworkFilterForm(CampaignFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Network.Kind.choices]
    )


class NetworkForm(forms.ModelForm):
    sub_goals = forms.TypedMultipleChoiceField(
        label=_("Sub-goals"),
        required=False,
        coerce=int,
        choices=[(n, str(n)) for n in SUB_GOAL_NUMBERS],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-input"}),
        help_text=_("The regional strategy's sub-goals the group works on."),
    )

    class Meta:
        model = Network
        fields = ["name", "kind", "county", "purpose", "sub_goals", "is_active"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": _("Enter the group's name.")},
            "kind": {"required": _("Choose what kind of group it is.")},
            "purpose": {"required": _("Describe the group's purpose.")},
        }

    def __init__(self, *args, counties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_goals"].choices = [
            (n, _("Sub-goal %(number)s") % {"number": n}) for n in SUB_GOAL_NUMBERS
        ]
        self.fields["county"].queryset = counties
        self.fields["county"].empty_label = _("Choose county")
        self.fields["county"].error_messages["required"] = _("Choose the county.")
        self.fields["is_active"].help_text = _("Inactive groups are hidden from the public.")
        if self.instance.pk:
            del self.fields["county"]


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    role = forms.ChoiceField(
        label=_("Role in the group"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
    )

    def __init__(self, *args, county: County, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(organisation__county=county)
            .select_related("organisation")
            .order_by("name")
        )
        self.fields["person"].label_from_instance = lambda p: f"{p.name} ({p.organisation.name})"
        self.fields["person"].empty_label = _("No person – an organisation")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            county__in=[county.pk], is_active=True
        ).order_by("name") | Organisation.objects.filter(county__isnull=True, is_active=True)
        self.fields["organisation"].empty_label = _("No organisation – a person")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("organisation")) and not self.errors:
            raise forms.ValidationError(_("Choose either a person or an organisation."))
        return cleaned


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "place", "agenda", "event"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "starts_at": {
                "required": _("Enter when the meeting starts."),
                "invalid": _("Enter the start as date and time, e.g. 2026-03-14 13:00."),
            },
            "ends_at": {"invalid": _("Enter the end as date and time, e.g. 2026-03-14 15:00.")},
        }

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(county_id=network.county_id).order_by(
            "-start"
        )
        self.fields["event"].empty_label = _("No event")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=NetworkDocument.Kind.choices,
        initial=NetworkDocument.Kind.OTHER,
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.none(), required=False
    )
    file = forms.FileField(
        label=_("File"),
        error_messages={"required": _("Choose a file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute()}),
    )

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(network=network).order_by(
            "-starts_at"
        )
        self.fields["meeting"].empty_label = _("Not tied to a meeting")
        self.fields["title"].help_text = _("Leave empty to use the file name.")
        self.fields["file"].help_text = _("PDF, PNG, JPG or DOCX, at most %(limit)s MB.") % {
            "limit": MAX_UPLOAD_BYTES // (1024 * 1024)
        }
