from django import forms
from django.utils.translation import gettext_lazy as _

from samordna.organisations.models import County

from . import engine
from .models import Indicator, Question, Section, Survey


class SurveyForm(forms.Form):
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.none(),
        required=False,
        help_text=_("Empty for a national survey (national role only)."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("Enter the year the survey is about.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Write a title, e.g. Kartläggning mäns våld mot kvinnor.")},
    )
    intro = forms.CharField(
        label=_("Introduction"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Shown on the first page for those who answer."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )

    def __init__(self, *args, counties=None, national=False, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["county"]
            return
        self.fields["county"].queryset = counties if counties is not None else County.objects.none()
        self.fields["county"].empty_label = _("National survey") if national else None
        self.fields["county"].required = not national
        if not national:
            self.fields["county"].help_text = ""
            self.fields["county"].error_messages["required"] = _("Choose the county.")


class CopySurveyForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year of the new survey"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("Enter the year of the new survey.")},
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        error_messages = {"title": {"required": _("Write the section's title.")}}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question"),
        max_length=500,
        error_messages={"required": _("Write the question.")},
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Question.Kind.choices)
    key = forms.CharField(
        label=_("Key"),
        max_length=60,
        required=False,
        help_text=_(
            "A stable identifier that is kept in next year's copy, e.g. written_routine. "
            "Made from the question if empty."
        ),
    )
    help_text = forms.CharField(
        label=_("Help text"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    required = forms.BooleanField(label=_("The question must be answered"), required=False)
    choices_text = forms.CharField(
        label=_("Options (single and multiple choice)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One option per line."),
    )
    rows_text = forms.CharField(
        label=_("Rows (matrix)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One row per line."),
    )
    scale_text = forms.CharField(
        label=_("Scale (matrix)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One step per line, e.g. Inte alls, Delvis, Helt."),
    )
    min_value = forms.DecimalField(label=_("Lowest value (number)"), required=False)
    max_value = forms.DecimalField(label=_("Highest value (number)"), required=False)
    decimals = forms.IntegerField(
        label=_("Decimals (number)"), min_value=0, max_value=4, required=False, initial=0
    )
    condition_question = forms.ModelChoiceField(
        label=_("Show only if question"),
        queryset=Question.objects.none(),
        required=False,
        help_text=_("Leave empty to always show the question."),
    )
    condition_value = forms.CharField(
        label=_("has the answer"),
        max_length=200,
        required=False,
        help_text=_("E.g. Ja, or one of the options of that question."),
    )

    def __init__(self, *args, survey: Survey, question: Question | None = None, **kwargs):
        if question is not None and "initial" not in kwargs:
            kwargs["initial"] = question_initial(question)
        super().__init__(*args, **kwargs)
        candidates = survey.questions.filter(
            kind__in=[
                Question.Kind.YES_NO,
                Question.Kind.SINGLE_CHOICE,
                Question.Kind.MULTIPLE_CHOICE,
            ]
        ).order_by("section__position", "position")
        if question is not None:
            candidates = candidates.exclude(pk=question.pk)
        self.fields["condition_question"].queryset = candidates
        self.fields["condition_question"].empty_label = _("Always show")

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "kind": data["kind"],
            "key": data["key"],
            "help_text": data["help_text"],
            "required": data["required"],
            "choices": engine.lines(data["choices_text"]),
            "matrix_rows": engine.lines(data["rows_text"]),
            "matrix_scale": engine.lines(data["scale_text"]),
            "min_value": data["min_value"],
            "max_value": data["max_value"],
            "decimals": data["decimals"] or 0,
            "condition_question": data["condition_question"],
            "condition_value": data["condition_value"],
        }


def question_initial(question: Question) -> dict:
    condition_value = question.condition_value
    if question.condition_question_id:
        shown = dict(engine.condition_options(question.condition_question))
        condition_value = shown.get(condition_value, condition_value)
    return {
        "text": question.text,
        "kind": question.kind,
        "key": question.key,
        "help_text": question.help_text,
        "required": question.required,
        "choices_text": "\n".join(question.choices),
        "rows_text": "\n".join(question.matrix_rows),
        "scale_text": "\n".join(question.matrix_scale),
        "min_value": question.min_value,
        "max_value": question.max_value,
        "decimals": question.decimals,
        "condition_question": question.condition_question_id,
        "condition_value": condition_value,
    }


class SendForm(forms.Form):
    organisations = forms.MultipleChoiceField(
        label=_("Organisations that are asked to answer"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one organisation.")},
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = [(str(o.pk), o.name) for o in organisations]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are the answers reopened?"),
        max_length=500,
        required=False,
        help_text=_("Saved in the log."),
    )


class IndicatorForm(forms.ModelForm):
    county = forms.ModelChoiceField(
        label=_("County"), queryset=County.objects.none(), required=False
    )

    class Meta:
        model = Indicator
        fields = ["name", "key", "description", "kind", "question_key", "option", "unit"]
        error_messages = {
            "name": {"required": _("Write the indicator's name.")},
            "key": {
                "required": _("Write a key, e.g. share_written_routine."),
                "invalid": _("The key may contain only lower-case letters a–z, digits, - and _."),
            },
            "question_key": {
                "required": _("Write the key of the question the indicator is computed from."),
                "invalid": _("The key may contain only lower-case letters a–z, digits, - and _."),
            },
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "question_key": _("The key of the question in each year's survey."),
            "option": _("Only for “share choosing an option”: the option exactly as written."),
            "unit": _("E.g. %, hours, municipalities."),
        }

    def __init__(self, *args, counties=None, national=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["county"]
            return
        self.fields["county"].queryset = counties if counties is not None else County.objects.none()
        self.fields["county"].empty_label = _("National indicator") if national else None
        self.fields["county"].required = not national


class ResultsFilterForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(str(i.pk), i.name) for i in indicators]
