"""The XSS corpus in a real browser: every page that shows the payload-filled data of
``xss.seed_xss_world`` is opened in headless chromium, as the county's admin and anonymously.
No dialog may open, ``window.__xss`` must stay unset, and no element may carry an event-handler
attribute, a script URL or a script that is not the site's own.

The browser context bypasses the Content-Security-Policy on purpose: the policy forbids inline
script anyway, and this test is about the escaping and sanitising underneath it.
"""

import pytest
from django.conf import settings

from tests.browser.conftest import browser, foreign_requests, new_page  # noqa: F401 - fixtures
from tests.security.xss import html_urls, seed_xss_world

pytestmark = pytest.mark.browser

INSPECT = """() => {
  const found = [];
  if (window.__xss !== undefined) found.push('window.__xss=' + window.__xss);
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) found.push(element.tagName + '[' + name + ']');
      const value = (attribute.value || '').replace(/[\\x00-\\x20]/g, '').toLowerCase();
      if (urlAttributes.includes(name) &&
          /^(javascript:|vbscript:|data:text\\/html)/.test(value)) {
        found.push(element.tagName + '[' + name + '=' + value.slice(0, 40) + ']');
      }
      if (name === 'srcdoc') found.push(element.tagName + '[srcdoc]');
    }
  }
  for (const script of document.scripts) {
    const json = (script.type || '').endsWith('json');
    if (!json && !(script.src && new URL(script.src).pathname.startsWith('/static/'))) {
      found.push('script: ' + (script.src || script.textContent.slice(0, 40)));
    }
  }
  for (const tag of ['iframe', 'object', 'embed', 'base', 'frame']) {
    if (document.getElementsByTagName(tag).length) found.push('<' + tag + '>');
  }
  return found;
}"""


def _dialog_recorder(who, page, dialogs):
    def record(dialog):
        dialogs.append(f"{who} {page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    return record


def _session_cookie(client, live_server) -> dict:
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def test_payloads_stay_inert_in_chromium(
    live_server,
    new_page,  # noqa: F811
    county_08,
    admin_08,
    client_for,
):
    seeded, _source = seed_xss_world(county_08, admin_08)
    admin = client_for(admin_08)
    pages = html_urls(seeded, {"admin": admin, "anonymous": client_for(None)})
    assert len(pages) > 100, len(pages)
    dialogs: list[str] = []
    problems: list[str] = []
    tabs = {}
    for who in ("admin", "anonymous"):
        page = new_page(bypass_csp=True, java_script_enabled=True)
        page.on("dialog", _dialog_recorder(who, page, dialogs))
        if who == "admin":
            page.context.add_cookies([_session_cookie(admin, live_server)])
        tabs[who] = page
    for who, url in pages:
        page = tabs[who]
        response = page.goto(live_server.url + url, wait_until="load")
        assert response is not None and response.status < 500, (who, url)
        found = page.evaluate(INSPECT)
        if found:
            problems.append(f"{who} {url}: {found[:5]}")
    assert not dialogs, "dialogs opened:\n" + "\n".join(dialogs)
    assert not problems, "\n".join(problems)
