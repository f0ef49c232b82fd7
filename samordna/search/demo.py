"""Demo step for search: rebuild the index once every other seeder has run."""

from . import services


def seed() -> dict[str, int]:
    return services.search_rebuild_index()
