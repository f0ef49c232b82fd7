"""Composing an issue and its outputs: default sections, sanitised text, checked images,
previews, test send, web version, PDF (PDF/UA), pick lists from other modules."""

import re
import subprocess

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from samordna.newsletter.models import DEFAULT_SECTIONS, Issue, Item
from tests.conftest import require_tool

from .factories import MailingListFactory, SubscriberFactory, issue_with_item

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def issue(county_08):
    return issue_with_item(mailing_list=MailingListFactory(county=county_08))


def test_new_issue_gets_the_default_sections(county_08, editor_08, client_for):
    MailingListFactory(county=county_08)
    client = client_for(editor_08)
    list_pk = county_08.mailing_lists.get().pk
    response = client.post(
        "/nyhetsbrev/hantera/08/nytt/",
        {"title": "Nyhetsbrev mars", "intro": "Hej!", "mailing_list": list_pk},
    )
    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/nyhetsbrev/hantera/nummer/{issue.pk}/"
    assert [s.title for s in issue.sections.all()] == DEFAULT_SECTIONS


def test_item_text_is_sanitised(issue, editor_08, client_for):
    section = issue.sections.get()
    response = client_for(editor_08).post(
        f"/nyhetsbrev/hantera/nummer/{issue.pk}/artikel/ny/",
        {
            "section": section.pk,
            "heading": "Rapport",
            "body": '<p onclick="x()">Läs <a href="javascript:alert(1)">här</a>'
            '<script>alert(1)</script><a href="https://nck.uu.se/">NCK</a></p>',
        },
    )
    assert response.status_code == 302
    item = Item.objects.get(heading="Rapport")
    assert "script" not in item.body_html
    assert "onclick" not in item.body_html
    assert "javascript" not in item.body_html
    assert 'href="https://nck.uu.se/"' in item.body_html


def test_plain_text_becomes_paragraphs(issue, editor_08, client_for):
    section = issue.sections.get()
    client_for(editor_08).post(
        f"/nyhetsbrev/hantera/nummer/{issue.pk}/artikel/ny/",
        {"section": section.pk, "heading": "Text", "body": "Första stycket.\n\nAndra <stycket>"},
    )
    item = Item.objects.get(heading="Text")
    assert item.body_html == "<p>Första stycket.</p><p>Andra &lt;stycket&gt;</p>"


def test_image_must_be_png_or_jpeg_by_content(issue, editor_08, client_for):
    section = issue.sections.get()
    client = client_for(editor_08)
    fake = SimpleUploadedFile("bild.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(
        f"/nyhetsbrev/hantera/nummer/{issue.pk}/artikel/ny/",
        {"section": section.pk, "heading": "Bild", "image": fake, "image_alt": "En bild"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["image"]
    no_alt = client.post(
        f"/nyhetsbrev/hantera/nummer/{issue.pk}/artikel/ny/",
        {"section": section.pk, "heading": "Bild", "image": SimpleUploadedFile("b.png", PNG)},
    )
    assert no_alt.context["form"].errors["image_alt"]
    ok = client.post(
        f"/nyhetsbrev/hantera/nummer/{issue.pk}/artikel/ny/",
        {
            "section": section.pk,
            "heading": "Bild",
            "image": SimpleUploadedFile("b.png", PNG),
            "image_alt": "Kampanjbild",
        },
    )
    assert ok.status_code == 302
    item = Item.objects.get(heading="Bild")
    served = client.get(f"/nyhetsbrev/nummer/{issue.pk}/bild/{item.pk}/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"


def test_email_preview_and_text_preview(issue, editor_08, client_for):
    client = client_for(editor_08)
    html = client.get(f"/nyhetsbrev/hantera/nummer/{issue.pk}/forhandsvisning/")
    assert html.status_code == 200
    assert b"Webbkurs om v\xc3\xa5ld" in html.content
    assert b"style=" in html.content  # inline styles, the e-mail format
    assert "unsafe-inline" in html["Content-Security-Policy"]
    text = client.get(f"/nyhetsbrev/hantera/nummer/{issue.pk}/forhandsvisning/text/")
    assert "Webbkurs om våld" in text.content.decode()
    assert "<p>" not in text.content.decode()


def test_email_has_no_tracking(issue):
    from samordna.newsletter.rendering import render_email

    html, _text = render_email(issue)
    assert "<img" not in html  # no image at all unless an item has one: no pixels
    assert "https://webbkursomvald.se/" in html  # links go straight to their target


def test_test_send_goes_to_the_editor_only(
    issue, editor_08, client_for, django_capture_on_commit_callbacks
):
    SubscriberFactory(mailing_list=issue.mailing_list)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor_08).post(f"/nyhetsbrev/hantera/nummer/{issue.pk}/provutskick/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[editor_08.email]]
    assert mail.outbox[0].alternatives
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_draft_web_version_is_hidden_from_the_public_until_sent(issue, client_for, editor_08):
    assert client_for(None).get(f"/nyhetsbrev/nummer/{issue.pk}/").status_code == 404
    assert client_for(editor_08).get(f"/nyhetsbrev/nummer/{issue.pk}/").status_code == 200
    Issue.objects.filter(pk=issue.pk).update(published=True)
    page = client_for(None).get(f"/nyhetsbrev/nummer/{issue.pk}/?vidarebefordrat=1")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Webbkurs om våld" in content
    assert "/nyhetsbrev/08/prenumerera/" in content
    assert "/nyhetsbrev/personuppgifter/" in content
    archive = client_for(None).get("/nyhetsbrev/08/")
    assert issue.title in archive.content.decode()


def test_pdf_is_tagged_pdf_ua(issue, tmp_path):
    from samordna.newsletter.rendering import render_pdf

    pdf = render_pdf(issue)
    assert pdf.startswith(b"%PDF")
    require_tool("pdfinfo")
    path = tmp_path / "issue.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes", info.stdout, re.M)
    assert issue.title in info.stdout  # the document title (PDF/UA requires one)
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "pdfuaid:part" in meta


def test_sent_issue_cannot_be_edited(issue, editor_08, client_for):
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT)
    section = issue.sections.get()
    response = client_for(editor_08).post(
        f"/nyhetsbrev/hantera/nummer/{issue.pk}/artikel/ny/",
        {"section": section.pk, "heading": "Sent tillägg"},
    )
    assert response.status_code == 200
    assert not Item.objects.filter(heading="Sent tillägg").exists()


def test_send_button_queues_and_shows_progress(issue, editor_08, client_for):
    SubscriberFactory.create_batch(3, mailing_list=issue.mailing_list)
    client = client_for(editor_08)
    response = client.post(f"/nyhetsbrev/hantera/nummer/{issue.pk}/skicka/", {"send_at": ""})
    assert response.status_code == 302
    page = client.get(f"/nyhetsbrev/hantera/nummer/{issue.pk}/")
    assert page.context["progress"]["total"] == 3
    assert b'http-equiv="refresh"' in page.content


def test_pick_list_offered_only_when_sources_exist(issue, editor_08, client_for):
    from samordna.newsletter import selectors

    client = client_for(editor_08)
    available = (
        selectors.knowledge_candidates(limit=1) is not None
        or selectors.event_candidates(issue.county, limit=1) is not None
    )
    response = client.get(f"/nyhetsbrev/hantera/nummer/{issue.pk}/hamta/")
    assert response.status_code == (200 if available else 404)
    detail = client.get(f"/nyhetsbrev/hantera/nummer/{issue.pk}/")
    assert (b"/hamta/" in detail.content) == available


def test_items_pulled_from_calendar_and_knowledge_bank(issue, editor_08, client_for, county_08):
    events_factories = pytest.importorskip("tests.events.factories")
    knowledge_factories = pytest.importorskip("tests.knowledge.factories")
    event = events_factories.make_event(county_08, title="FREDA-utbildning i Kalmar")
    from samordna.organisations.models import Organisation

    publisher = Organisation.objects.filter(kind=Organisation.Kind.STATE_AGENCY).first()
    knowledge = knowledge_factories.make_item(
        title="Handboken VÅLD", url="https://www.socialstyrelsen.se/", publisher=publisher
    )
    client = client_for(editor_08)
    page = client.get(f"/nyhetsbrev/hantera/nummer/{issue.pk}/hamta/")
    assert "FREDA-utbildning i Kalmar" in page.content.decode()
    section = issue.sections.get()
    response = client.post(
        f"/nyhetsbrev/hantera/nummer/{issue.pk}/hamta/",
        {"section": section.pk, "event": [event.pk], "knowledge": [knowledge.pk]},
    )
    assert response.status_code == 302
    from_event = Item.objects.get(source=Item.Source.EVENT)
    assert from_event.heading == "FREDA-utbildning i Kalmar"
    assert "Residenset, Kalmar" in from_event.details
    assert from_event.link_url.endswith(event.get_absolute_url())
    assert "anmälningsdag" in from_event.body_html.lower() or "register" in from_event.body_html
    from_knowledge = Item.objects.get(source=Item.Source.KNOWLEDGE)
    assert from_knowledge.heading == "Handboken VÅLD"
    assert publisher.name in from_knowledge.details
    assert from_knowledge.link_url == "https://www.socialstyrelsen.se/"
