import pytest

from samordna.knowledge import demo
from samordna.knowledge.models import KnowledgeItem

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_the_seed_items_once():
    first = demo.seed()
    second = demo.seed()
    assert first["created"] == len(demo.ITEMS)
    assert second["created"] == 0
    titles = set(KnowledgeItem.objects.values_list("title", flat=True))
    for expected in [
        "Handboken VÅLD",
        "Patriark",
        "SARA",
        "Sällan sedda",
        "Skylla sig själv?",
        "Webbkurs om våld",
        "Webbkurs heder",
        "Webbkurs om våld mot barn",
        "Webbkurs sexuell exploatering av barn, prostitution och människohandel",
        "Medel mot våld",
        "Bära eller brista",
    ]:
        assert expected in titles
    course = KnowledgeItem.objects.get(title="Webbkurs om våld")
    assert course.publisher.code == "NCK"
    assert course.url == "https://webbkursomvald.se"
    assert not KnowledgeItem.objects.filter(published=False).exists()
