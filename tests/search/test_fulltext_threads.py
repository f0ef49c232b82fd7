"""The SQLite search path stems words; gunicorn's threads must not share one stemmer."""

import sys
from concurrent.futures import ThreadPoolExecutor

from samordna.search.fulltext import stems

TEXT = "Utbildningar om våld i nära relationer för socialtjänstens handläggare och chefer " * 20


def test_stemming_from_many_threads_gives_the_same_result_without_errors():
    expected = stems(TEXT)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, as a loaded server does
    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(lambda _: stems(TEXT), range(400)))
    finally:
        sys.setswitchinterval(interval)
    assert all(result == expected for result in results)
