"""Keyboard use: the skip link is the first Tab stop and takes focus to the main content."""

import pytest

from tests.browser.conftest import goto

pytestmark = pytest.mark.browser


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(browser_page, live_server):
    page = browser_page
    for path in ("/", "/organisationer/", "/tillganglighet/rapportera/"):
        goto(page, live_server, path)
        page.locator("body").focus()
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "[document.activeElement.className, document.activeElement.textContent.trim()]"
        )
        assert focused == ["skip-link", "Till innehållet"], f"first Tab stop on {path}"
        # Visible when focused (it may be hidden until then).
        assert page.locator(".skip-link").is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", path


def test_focus_is_visible_on_links_and_buttons(browser_page, live_server):
    page = browser_page
    goto(page, live_server, "/")
    page.locator("body").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; })()"
    )
    style, width, shadow = outline
    assert (style != "none" and width >= 2) or shadow != "none", outline
