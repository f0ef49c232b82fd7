import pytest
from django.core.management import call_command

from samordna.organisations.models import County, Municipality, Organisation

pytestmark = pytest.mark.django_db


def test_reference_data_has_all_counties_municipalities_regions_and_boards():
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    assert Organisation.objects.filter(kind="municipality").count() == 290
    assert Organisation.objects.filter(kind="region").count() == 21
    assert Organisation.objects.filter(kind="county_board").count() == 21
    kalmar = County.objects.get(code="08")
    assert kalmar.name == "Kalmar län"
    assert kalmar.board_name == "Länsstyrelsen i Kalmar län"
    assert kalmar.municipalities.count() == 12
    assert Municipality.objects.get(code="0880").name == "Kalmar"


def test_every_municipality_has_a_boundary_in_its_county():
    for municipality in Municipality.objects.select_related("county"):
        assert municipality.code[:2] == municipality.county.code
        assert municipality.boundary["type"] in ("Polygon", "MultiPolygon")


def test_national_bodies_belong_to_no_county():
    for code in ["JAMY", "SOS", "NCK", "BARNAFRID", "MFOF", "MUCF", "MFD", "POLISEN", "KVV"]:
        organisation = Organisation.objects.get(code=code)
        assert organisation.county is None
    assert Organisation.objects.get(code="JAMY").name == "Jämställdhetsmyndigheten"


def test_loading_twice_creates_nothing_new(capsys):
    before = Organisation.objects.count()
    call_command("load_reference_data")
    call_command("load_reference_data")
    assert Organisation.objects.count() == before
    assert County.objects.count() == 21
    assert "290 kommuner" in capsys.readouterr().out


def test_reference_file_is_part_of_the_project():
    from samordna.organisations.reference import MUNICIPALITIES_GEOJSON

    assert MUNICIPALITIES_GEOJSON.exists()
    assert "shared" not in MUNICIPALITIES_GEOJSON.parts
