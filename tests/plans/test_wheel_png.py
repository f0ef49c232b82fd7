"""The DOCX exports carry the annual wheel as a PNG figure drawn with Pillow from the SVG's
layout, with alt text and a caption, followed by the table alternative."""

import io

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from PIL import Image, ImageColor

from samordna.plans import demo
from samordna.plans.exporters import docx as docx_export
from samordna.plans.selectors import plan_get_with_content
from samordna.plans.wheel import build_wheel
from samordna.plans.wheel_png import render_png

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["seed_jonkoping_2022", "seed_kalmar_2022"])
def plan(request):
    demo.seed()
    return plan_get_with_content(getattr(demo, request.param)().pk)


def _images(document) -> list[bytes]:
    return [rel.target_part.blob for rel in document.part.rels.values() if rel.reltype == RT.IMAGE]


def _assert_is_the_wheel(png: bytes, wheel) -> None:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (1600, wheel.layout.height * 2)
    counts = {colour: count for count, colour in image.convert("RGB").getcolors(1 << 24)}
    assert len(counts) > 20
    # Every area colour used on the wheel is drawn in solid patches, not only as blended edges.
    for fill in {entry.group.fill for entry in wheel.entries}:
        assert counts.get(ImageColor.getrgb(fill), 0) > 200, fill
    # The month ring and white background take the largest parts.
    assert counts[(255, 255, 255)] > 100_000
    assert counts[ImageColor.getrgb("#e8e8e8")] > 50_000


def test_docx_has_the_wheel_as_one_figure_with_alt_text_and_caption(plan):
    document = Document(io.BytesIO(docx_export.render(plan)))
    assert len(document.inline_shapes) == 1
    images = _images(document)
    assert len(images) == 1
    descriptions = document.element.body.xpath(".//wp:docPr/@descr")
    assert len(descriptions) == 1
    assert descriptions[0].startswith("Årshjul 2022: årets tolv månader")
    assert "tabellen efter bilden" in descriptions[0]
    assert document.inline_shapes[0].width.cm == pytest.approx(16)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [
        "Figur 1. Årshjul 2022: planens aktiviteter per månad, färgade efter område."
    ]
    # The table alternative follows the figure.
    texts = [p.text for p in document.paragraphs]
    assert texts.index(captions[0]) < texts.index(
        "Årshjulet som lista: planens aktiviteter per månad."
    )
    assert [cell.text for cell in document.tables[0].rows[0].cells] == [
        "Nr",
        "Aktivitet",
        "Område",
        "Månader",
    ]
    _assert_is_the_wheel(images[0], build_wheel(plan))


def test_png_shows_every_area_with_its_palette_colour(plan):
    wheel = build_wheel(plan)
    assert {group.name for group in wheel.groups} == {area.name for area in plan.areas.all()}
    _assert_is_the_wheel(render_png(wheel), wheel)
