"""Swedish alphabetical order: Å, Ä, Ö after Z on both databases."""

import pytest
from django.urls import reverse

from samordna.core.collation import swedish, swedish_sort_key
from samordna.organisations.models import County, Municipality

SWEDISH_ORDER = ["Aneby", "Eda", "Ystad", "Åmål", "Ängelholm", "Örebro"]


def test_sort_key_puts_a_ring_a_umlaut_o_umlaut_after_z_in_that_order():
    shuffled = ["Örebro", "Ängelholm", "Ystad", "Åmål", "Eda", "Aneby"]
    assert sorted(shuffled, key=swedish_sort_key) == SWEDISH_ORDER


def test_sort_key_ignores_case_and_foreign_accents():
    assert sorted(["école", "Eda", "edsbyn"], key=swedish_sort_key) == ["école", "Eda", "edsbyn"]
    assert sorted(["Zürich", "Zug"], key=swedish_sort_key) == ["Zug", "Zürich"]


@pytest.mark.django_db
def test_database_orders_municipality_names_the_swedish_way():
    names = list(
        Municipality.objects.filter(name__in=SWEDISH_ORDER)
        .order_by(swedish("name"))
        .values_list("name", flat=True)
    )
    assert names == SWEDISH_ORDER


@pytest.mark.django_db
def test_county_page_lists_municipalities_in_swedish_order(client):
    county = County.objects.get(code="12")  # Skåne: … Åstorp, Ängelholm, Örkelljunga, Östra Göinge
    response = client.get(reverse("organisations:county_detail", args=[county.code]))
    page = response.content.decode()
    names = list(Municipality.objects.filter(county=county).values_list("name", flat=True))
    expected = sorted(names, key=swedish_sort_key)
    positions = [page.index(f">{name}<") for name in expected]
    assert positions == sorted(positions)
