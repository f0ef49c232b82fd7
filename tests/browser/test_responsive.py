"""Responsive down to 360 px: no page scrolls sideways on a small phone."""

import pytest

from tests.browser.conftest import assert_accessible, goto, screenshot

pytestmark = pytest.mark.browser

NARROW = {"width": 360, "height": 740}


@pytest.mark.parametrize("is_mobile", [False], ids=["360px"])
def test_pages_fit_a_360_px_wide_screen(new_page, live_server, is_mobile):
    page = new_page(viewport=NARROW, is_mobile=is_mobile)
    too_wide = []
    for name, path in {
        "start": "/",
        "organisation-list": "/organisationer/?kind=municipality",
        "county-08": "/lan/08/",
        "municipality-0880": "/kommuner/0880/",
        "accessibility-report": "/tillganglighet/rapportera/",
    }.items():
        goto(page, live_server, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            too_wide.append(f"{path}: {width}px")
        screenshot(page, f"narrow-{name}")
    assert too_wide == [], f"pages wider than {NARROW['width']}px: {too_wide}"
    # The narrow layout is as accessible as the wide one (e.g. contrast, reflow of the menu).
    goto(page, live_server, "/")
    assert_accessible(page, "start page at 360px")
