from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samordna.organisations.models import County, Organisation, Person
from samordna.organisations.selectors import editable_counties_for_user

from .models import Event, Question


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    county = forms.ChoiceField(label=_("County"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Event.Type.choices]
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *Event.Format.choices]
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("All target groups")), *Person.TargetGroup.choices],
    )
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter the month as YYYY-MM, e.g. 2026-11.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All counties"))] + [
            (c.code, c.name) for c in County.objects.order_by("code")
        ]


def _organisation_queryset(event: Event):
    if event.visibility == Event.Visibility.INVITED:
        return event.invited_organisations.select_related("county").order_by("name")
    # A subquery, not a read of the co-organisers: the queryset is only run when the form is
    # rendered or an organisation is chosen.
    co_organisers = Event.co_organising_counties.through.objects.filter(event_id=event.pk)
    return (
        Organisation.objects.filter(is_active=True)
        .filter(
            Q(county_id=event.county_id)
            | Q(county_id__in=co_organisers.values("county_id"))
            | Q(county__isnull=True)
        )
        .select_related("county")
        .order_by("name")
    )


class RegistrationForm(forms.Form):
    """The public registration form; custom questions become fields named ``q<id>``."""

    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Please enter your name.")}
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The confirmation and your personal cancellation link are sent here."),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, e.g. namn@kommun.se."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    organisation_name = forms.CharField(
        label=_("Other organisation"),
        required=False,
        max_length=200,
        help_text=_("If your organisation is not in the list."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisation"].queryset = _organisation_queryset(event)
        self.fields["organisation"].empty_label = _("Choose organisation")
        if event.visibility == Event.Visibility.INVITED:
            self.fields["organisation"].required = True
            del self.fields["organisation_name"]
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[question.key] = _question_field(question)
        if event.consent_text:
            self.fields["consent"] = forms.BooleanField(
                label=_("I agree to the terms above."),
                required=True,
                error_messages={"required": _("You need to accept the terms to register.")},
            )

    def answers(self) -> dict:
        return {q.key: self.cleaned_data.get(q.key) for q in self.questions}


def _question_field(question: Question) -> forms.Field:
    if question.kind == Question.Kind.CHOICE:
        return forms.ChoiceField(
            label=question.label,
            required=question.required,
            choices=[("", _("Choose"))] + [(c, c) for c in question.choice_list],
        )
    if question.kind == Question.Kind.YES_NO:
        return forms.ChoiceField(
            label=question.label,
            required=question.required,
            choices=[("yes", _("Yes")), ("no", _("No"))],
            widget=forms.RadioSelect,
        )
    return forms.CharField(label=question.label, required=question.required, max_length=2000)


class EventForm(forms.ModelForm):
    start = forms.DateTimeField(label=_("Start"), widget=DateTimeLocalInput())
    end = forms.DateTimeField(label=_("End"), widget=DateTimeLocalInput())
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        required=False,
        choices=Person.TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "type",
            "format",
            "county",
            "co_organising_counties",
            "start",
            "end",
            "description",
            "place",
            "address",
            "link",
            "target_groups",
            "contact_name",
            "contact_email",
            "contact_phone",
            "visibility",
            "invited_organisations",
            "published",
            "registration_opens_at",
            "registration_deadline",
            "registration_closed",
            "capacity",
            "capacity_per_organisation",
            "capacity_per_county",
            "requires_approval",
            "consent_text",
            "plan_activity",
            "subgoals",
        ]
        widgets = {
            "subgoals": forms.CheckboxSelectMultiple,
            "co_organising_counties": forms.CheckboxSelectMultiple,
            "registration_opens_at": DateTimeLocalInput(),
            "registration_deadline": DateTimeLocalInput(),
        }
        help_texts = {
            "description": _("Allowed formatting: paragraphs, bold, italics, lists, links."),
        }
        error_messages = {"title": {"required": _("Enter a title.")}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = editable_counties_for_user(user)
        self.fields["county"].empty_label = _("Choose county")
        self.fields["invited_organisations"].queryset = Organisation.objects.filter(
            county__in=editable_counties_for_user(user)
        ).order_by("name")
        self.fields["invited_organisations"].required = False
        self.fields["invited_organisations"].help_text = _(
            "Only used when the visibility is 'Invited organisations only'."
        )
        editable = editable_counties_for_user(user)
        self.fields["plan_activity"].queryset = (
            self.fields["plan_activity"]
            .queryset.filter(plan__county__in=editable)
            .select_related("plan")
        )
        self.fields["subgoals"].queryset = self.fields["subgoals"].queryset.filter(
            strategy__county__in=editable
        )
        if self.instance.pk:
            # Times of an existing event come from its sessions (edited on the sessions page).
            del self.fields["start"]
            del self.fields["end"]
            del self.fields["county"]
            self.initial["target_groups"] = self.instance.target_group_list

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("co_organising_counties", None)
        data.pop("invited_organisations", None)
        data.pop("subgoals", None)
        return data


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title (optional)"), required=False, max_length=200)
    start = forms.DateTimeField(label=_("Start"), widget=DateTimeLocalInput())
    end = forms.DateTimeField(label=_("End"), widget=DateTimeLocalInput())


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Kind.choices)
    choices = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One option per line (only for choice questions)."),
    )
    required = forms.BooleanField(label=_("Required"), required=False)


class MoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit log."),
        error_messages={"required": _("Give a reason for moving this person.")},
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
    include_waitlisted = forms.BooleanField(
        label=_("Also send to people on the waiting list"), required=False
    )


RATING_CHOICES = [(str(i), str(i)) for i in range(1, 6)]


class EvaluationForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("Overall impression (1 = poor, 5 = excellent)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    content = forms.TypedChoiceField(
        label=_("Content (1 = poor, 5 = excellent)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("Usefulness in your work (1 = low, 5 = high)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments and suggestions"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
