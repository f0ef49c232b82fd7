import pytest

from samordna.knowledge import demo as knowledge_demo
from samordna.search.services import search_rebuild_index


@pytest.fixture
def demo_index(db):
    """The knowledge bank's demo items, indexed."""
    knowledge_demo.seed()
    search_rebuild_index()
