import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db, django_db_blocker):
    """The full demo data set (seed_demo), which drafts the 2022 reports of 06 and 08."""
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def report_08(county_08, editor_08):
    from samordna.reports import services

    return services.report_create(actor=editor_08, county=county_08, year=2022)
