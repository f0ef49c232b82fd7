"""Swedish full-text search. This module runs on SQLite (FTS5 + Snowball) and PostgreSQL
(tsvector, swedish); the expected results are the same on both, which is the point."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samordna.knowledge import services as knowledge_services
from samordna.knowledge.models import KnowledgeItem
from samordna.search import fulltext
from samordna.search.models import SearchDocument
from samordna.search.selectors import search_documents_for_user, search_snippets
from samordna.search.services import search_rebuild_index, search_reindex_object

pytestmark = pytest.mark.django_db

# Same query → same demo items on both databases.
EXPECTED = {
    "våldsutsatta": [
        "Förstudie om ett EU-gemensamt telefonnummer för våldsutsatta",
        "Handboken VÅLD",
        "Stärka våldsutsatta barns och ungas delaktighet i socialtjänsten",
        "Våldsutsatta kvinnor med utländsk bakgrund",
        "Våldsutsatta äldre kvinnor samt kvinnor som utsätts för hedersrelaterat förtryck och våld",
    ],
    "webbkurs": [
        "Rätt att veta!",
        "Webbkurs heder",
        "Webbkurs om våld",
        "Webbkurs om våld mot barn",
        "Webbkurs sexuell exploatering av barn, prostitution och människohandel",
    ],
    "FREDA": [
        "FREDA bedömningsmetoder – kortfrågor, beskrivning och farlighet",
        "FREDA-paketet",
        "Patriark",
        "SARA",
    ],
    "barn -webbkurs": [
        "Brister i samhällets insatser för att skydda barn och unga från att föras utomlands",
        "Handboken VÅLD",
        "Låt inte tystnaden tala – kunskaps- och stödmaterial",
        "Nationellt hälsoprogram för barn och unga",
        "Stärka våldsutsatta barns och ungas delaktighet i socialtjänsten",
    ],
    "patriark or sara": ["Dödligt partnervåld mot unga", "Patriark", "SARA"],
    "människohandel": [
        "Låt inte tystnaden tala – kunskaps- och stödmaterial",
        "Samlat stöd om betänketid vid misstänkt människohandel",
        "Webbkurs sexuell exploatering av barn, prostitution och människohandel",
    ],
    "funktionsnedsättningar": [
        "Nationellt hälsoprogram för barn och unga",
        "Rätt att veta!",
        "Sällan sedda",
        "Våld mot personer med funktionsnedsättning",
    ],
    # Matches the kind "Rapport" too (indexed as a keyword).
    "rapporterna": [
        "Brister i samhällets insatser för att skydda barn och unga från att föras utomlands",
        "Bära eller brista",
        "Dödligt partnervåld mot unga",
        "Medel mot våld",
        "Ojämställdhet i socialtjänsten – kunskapsöversikt",
        "Skolans roll i det brottsförebyggande arbetet",
        "Våld mot personer med funktionsnedsättning",
    ],
    "hedersrelaterat förtryck": [
        "Brister i samhällets insatser för att skydda barn och unga från att föras utomlands",
        "Bära eller brista",
        "Internationell kunskapsöversikt om hedersrelaterat våld och förtryck",
        "Nationellt hälsoprogram för barn och unga",
        "Ojämställdhet i socialtjänsten – kunskapsöversikt",
        "Patriark",
        "Rätt att veta!",
        "Våldsutsatta kvinnor med utländsk bakgrund",
        "Våldsutsatta äldre kvinnor samt kvinnor som utsätts för hedersrelaterat förtryck och våld",
        "Webbkurs heder",
    ],
    "och": [],
    "xyzzy": [],
}


def titles(q, user=None, **filters):
    return sorted(
        d.title for d in search_documents_for_user(user or AnonymousUser(), q=q, **filters)
    )


@pytest.mark.parametrize("query", list(EXPECTED))
def test_same_query_gives_the_same_demo_items_on_every_database(demo_index, query):
    assert titles(query) == EXPECTED[query]


def test_inflected_form_finds_the_base_form(county_08):
    knowledge_services.knowledge_item_create(
        actor=None,
        title="Stöd till den som är utsatt",
        kind="material",
        county=county_08,
        summary="För den som är våldsutsatt i en nära relation.",
        published=True,
    )
    search_rebuild_index()
    assert titles("våldsutsatta") == ["Stöd till den som är utsatt"]
    assert titles("relationerna") == ["Stöd till den som är utsatt"]


def test_title_matches_rank_above_text_matches(demo_index):
    ranked = [d.title for d in search_documents_for_user(AnonymousUser(), q="Patriark")]
    assert ranked[0] == "Patriark"
    ranked = [d.title for d in search_documents_for_user(AnonymousUser(), q="webbkurs")]
    assert all(title.startswith("Webbkurs") for title in ranked[:4])
    assert ranked[4] == "Rätt att veta!"  # only its kind says "Webbkurs"


def test_snippet_marks_matches_and_escapes_html(county_08):
    knowledge_services.knowledge_item_create(
        actor=None,
        title="Otrygg text",
        kind="material",
        county=county_08,
        summary='Exempel <script>alert("x")</script> om våldsutsatta kvinnor & barn.',
        published=True,
    )
    search_rebuild_index()
    documents = list(search_documents_for_user(AnonymousUser(), q="våldsutsatt"))
    snippet = search_snippets(documents, "våldsutsatt")[documents[0].pk]
    assert "<mark>våldsutsatta</mark>" in snippet
    # PostgreSQL's headline drops the tag, the Python highlighter escapes it: never markup.
    assert "<script" not in snippet
    assert "&quot;" in snippet
    assert "&amp;" in snippet


def test_unpublished_documents_only_for_staff_of_their_county(
    county_08, editor_08, editor_06, national_user
):
    knowledge_services.knowledge_item_create(
        actor=None, title="Utkast om kvinnofrid", kind="report", county=county_08
    )
    search_rebuild_index()
    assert titles("kvinnofrid") == []
    assert titles("kvinnofrid", editor_06) == []
    assert titles("kvinnofrid", editor_08) == ["Utkast om kvinnofrid"]
    assert titles("kvinnofrid", national_user) == ["Utkast om kvinnofrid"]


def test_kind_filter(demo_index):
    assert titles("webbkurs", kind="knowledge") == EXPECTED["webbkurs"]
    assert titles("webbkurs", kind="campaign") == []


def test_saving_and_deleting_keep_the_index_fresh(
    county_08, editor_08, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = knowledge_services.knowledge_item_create(
            actor=editor_08,
            title="Samverkansrutin",
            kind="material",
            county=county_08,
            published=True,
        )
    assert titles("samverkansrutinen") == ["Samverkansrutin"]
    with django_capture_on_commit_callbacks(execute=True):
        knowledge_services.knowledge_item_update(actor=editor_08, item=item, title="Handläggarstöd")
    assert titles("samverkansrutin") == []
    assert titles("handläggarstöd") == ["Handläggarstöd"]
    with django_capture_on_commit_callbacks(execute=True):
        KnowledgeItem.objects.filter(pk=item.pk).delete()
    assert titles("handläggarstöd") == []
    assert not SearchDocument.objects.filter(object_id=item.pk, kind="knowledge").exists()


def test_reindexing_twice_is_like_once(county_08):
    item = knowledge_services.knowledge_item_create(
        actor=None, title="Rutin", kind="material", county=county_08, published=True
    )
    assert search_reindex_object(model="knowledge.knowledgeitem", pk=item.pk) == 1
    assert search_reindex_object(model="knowledge.knowledgeitem", pk=item.pk) == 1
    assert SearchDocument.objects.filter(kind="knowledge", object_id=item.pk).count() == 1
    assert titles("rutiner") == ["Rutin"]


def test_query_syntax_is_never_an_error(demo_index):
    for q in ['"', "-", "OR", "våld AND", "NEAR(", "*", "a:b", "^våld", "(", "'"]:
        list(search_documents_for_user(AnonymousUser(), q=q))


def test_parse_query_drops_stop_words_and_stems():
    parsed = fulltext.parse_query('våldsutsatta och "nära relationer" -barn or heder')
    assert parsed.groups == [[("våldsutsat",), ("när", "relation")], [("hed",)]]
    assert parsed.excluded == [("barn",)]


def test_highlight_keeps_a_window_around_the_first_match():
    text = " ".join(["ord"] * 50) + " våldsutsatta " + " ".join(["slut"] * 50)
    snippet = fulltext.highlight(text, {"våldsutsat"})
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>våldsutsatta</mark>" in snippet


def test_a_failing_index_update_never_breaks_the_save(
    county_08, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from samordna.search import providers

    def broken(pks=None):
        raise RuntimeError("provider bug")

    knowledge = providers.provider_for_kind("knowledge")
    monkeypatch.setattr(
        providers, "PROVIDERS", [providers.Provider("knowledge", "K", knowledge.model, broken)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        item = knowledge_services.knowledge_item_create(
            actor=None, title="Sparas ändå", kind="material", county=county_08, published=True
        )
    assert KnowledgeItem.objects.filter(pk=item.pk).exists()
    assert "Search index update failed" in caplog.text
