"""Tasks are thin: primary keys in, a service call, idempotent."""

from django_tasks import task

from . import indicators, services


@task()
def send_due_survey_reminders() -> None:
    services.surveys_send_due_reminders()


@task()
def refresh_indicator_values(indicator_id: int) -> None:
    from .models import Indicator

    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is not None:
        indicators.indicator_values_refresh(indicator=indicator)
