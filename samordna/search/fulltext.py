"""Swedish full-text search on both databases.

PostgreSQL: a ``tsvector`` built with the ``swedish`` configuration (Snowball stemmer and stop
words), queried with ``websearch_to_tsquery`` and ranked by ``ts_rank``; snippets by
``ts_headline``. SQLite: an FTS5 table holding text pre-stemmed with the same Snowball Swedish
stemmer and stop-word list, queried with the equivalent boolean expression, ranked by ``bm25``;
snippets are highlighted in Python. Both give the same matches on the same text.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import snowballstemmer
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, QuerySet
from django.utils.html import escape

# The Snowball Swedish stop-word list, which PostgreSQL's ``swedish`` configuration also uses.
_STOP_WORDS_TEXT = """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
    icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
    något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
    någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
    blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan
    sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era
    vilkas
"""
SWEDISH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
WORD_RE = re.compile(r"\w+", re.UNICODE)
# Sentinels around highlighted words in ts_headline output; removed from indexed text.
MARK_START = "\u27e6"
MARK_END = "\u27e7"
SNIPPET_WORDS = 30
MAX_QUERY_LENGTH = 200


_local = threading.local()


def _stemmer():
    """One stemmer per thread: a snowball stemmer keeps state while it works and is not safe to
    share between the threads of a threaded server."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("swedish")
    return stemmer


def stem_word(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def stems(text: str) -> list[str]:
    """Stems of the words of ``text`` without stop words, in order."""
    words = [w.lower() for w in WORD_RE.findall(text or "")]
    return _stemmer().stemWords([w for w in words if w not in SWEDISH_STOP_WORDS])


def clean_text(text: str) -> str:
    return (text or "").replace(MARK_START, "").replace(MARK_END, "")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- Query parsing (the subset of websearch_to_tsquery people use) ---------------------------


@dataclass
class ParsedQuery:
    """``groups``: alternatives (OR) of required terms (AND); a term is a tuple of stems (a
    phrase when longer than one). ``excluded``: terms that must not occur."""

    groups: list[list[tuple[str, ...]]] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def stems(self) -> set[str]:
        return {s for group in self.groups for term in group for s in term}

    def __bool__(self) -> bool:
        return any(self.groups)


TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def parse_query(q: str) -> ParsedQuery:
    """Parse like PostgreSQL's websearch syntax: words are ANDed, ``"..."`` is a phrase,
    ``or`` separates alternatives, a leading ``-`` excludes."""
    parsed = ParsedQuery(groups=[[]])
    for match in TOKEN_RE.finditer(q[:MAX_QUERY_LENGTH]):
        negated = bool(match.group(1) or match.group(3))
        text = match.group(2) if match.group(2) is not None else match.group(4)
        if match.group(4) is not None and text.lower() == "or" and not negated:
            if parsed.groups[-1]:
                parsed.groups.append([])
            continue
        term = tuple(stems(text))
        if not term:
            continue
        if negated:
            parsed.excluded.append(term)
        else:
            parsed.groups[-1].append(term)
    parsed.groups = [g for g in parsed.groups if g]
    return parsed


def _fts_term(term: tuple[str, ...]) -> str:
    # Stems are \w+ only, but quote anyway so nothing is read as FTS5 syntax.
    return '"' + " ".join(s.replace('"', "") for s in term) + '"'


def fts5_expression(parsed: ParsedQuery) -> str:
    alternatives = [
        "(" + " AND ".join(_fts_term(t) for t in group) + ")" for group in parsed.groups
    ]
    expression = " OR ".join(alternatives)
    if len(alternatives) > 1 or parsed.excluded:
        expression = f"({expression})"
    for term in parsed.excluded:
        expression = f"{expression} NOT {_fts_term(term)}"
    return expression


# --- Index ------------------------------------------------------------------------------------


def index_documents(ids: list[int]) -> None:
    """Refresh the full-text data of these SearchDocument rows (already saved)."""
    from .models import SearchDocument

    if not ids:
        return
    if is_postgres():
        SearchDocument.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("title", weight="A", config="swedish")
            + SearchVector("body", weight="B", config="swedish")
            + SearchVector("keywords", weight="C", config="swedish")
        )
    elif connection.vendor == "sqlite":
        rows = SearchDocument.objects.filter(pk__in=ids).values_list(
            "pk", "title", "body", "keywords"
        )
        with connection.cursor() as cursor:
            _sqlite_delete(cursor, ids)
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, keywords) VALUES (%s, %s, %s, %s)",
                [
                    (pk, " ".join(stems(title)), " ".join(stems(body)), " ".join(stems(keywords)))
                    for pk, title, body, keywords in rows
                ],
            )


def unindex_documents(ids: list[int]) -> None:
    if ids and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            _sqlite_delete(cursor, ids)


def prune_orphans() -> None:
    """Drop FTS5 rows whose document is gone (e.g. deleted by a cascade or a flush)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_searchdocument)"
            )


def _sqlite_delete(cursor, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        placeholders = ", ".join(["%s"] * len(chunk))
        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({placeholders})", chunk)  # noqa: S608


# --- Query ------------------------------------------------------------------------------------

FTS_JOIN_SQL = "search_fts.rowid = search_searchdocument.id"
# bm25 is smaller for better matches; negated so that "higher is better" as with ts_rank. Title
# matches weigh most, then the text, then keywords (like weights A, B, C on PostgreSQL).
FTS_RANK_SQL = "-bm25(search_fts, 4.0, 1.0, 0.5)"


def matching(queryset: QuerySet, q: str) -> QuerySet:
    """``queryset`` (of SearchDocument) narrowed to documents matching ``q``, annotated with
    ``rank`` and ordered best first."""
    parsed = parse_query(q)
    if not parsed:
        return queryset.none()
    if is_postgres():
        query = SearchQuery(q[:MAX_QUERY_LENGTH], config="swedish", search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-updated", "pk")
        )
    expression = fts5_expression(parsed)
    # A join with the FTS5 table (one MATCH per query, not per row). The SQL is fixed; the
    # user's words are only ever a bound parameter, as quoted FTS5 terms.
    return queryset.extra(  # noqa: S610
        tables=["search_fts"],
        where=[FTS_JOIN_SQL, "search_fts MATCH %s"],
        params=[expression],
        select={"rank": FTS_RANK_SQL},
    ).order_by("-rank", "-updated", "pk")


def snippets(documents, q: str) -> dict[int, str]:
    """HTML snippets (escaped, matches in ``<mark>``) for these documents, by document id."""
    parsed = parse_query(q)
    documents = list(documents)
    if not documents:
        return {}
    if is_postgres() and parsed:
        from .models import SearchDocument

        query = SearchQuery(q[:MAX_QUERY_LENGTH], config="swedish", search_type="websearch")
        rows = SearchDocument.objects.filter(pk__in=[d.pk for d in documents]).annotate(
            headline=SearchHeadline(
                "body",
                query,
                config="swedish",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_WORDS,
                min_words=12,
                short_word=3,
            )
        )
        headlines = dict(rows.values_list("pk", "headline"))
        return {d.pk: _marks_to_html(headlines.get(d.pk) or "") for d in documents}
    return {d.pk: highlight(d.body, parsed.stems) for d in documents}


def _marks_to_html(text: str) -> str:
    return (
        escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>").replace("\n", " ")
    )


def highlight(text: str, query_stems: set[str], *, words: int = SNIPPET_WORDS) -> str:
    """A window of ``text`` around the first matching word, HTML-escaped, with words whose
    stem is in ``query_stems`` wrapped in ``<mark>``."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    tokens = list(WORD_RE.finditer(text))
    hits = [
        i
        for i, t in enumerate(tokens)
        if t.group().lower() not in SWEDISH_STOP_WORDS and stem_word(t.group()) in query_stems
    ]
    first = hits[0] if hits else 0
    start_token = max(0, first - 8) if hits else 0
    end_token = min(len(tokens), start_token + words)
    start = tokens[start_token].start() if start_token else 0
    end = tokens[end_token - 1].end() if end_token < len(tokens) else len(text)
    hit_set = set(hits)
    parts = []
    position = start
    for i in range(start_token, end_token):
        token = tokens[i]
        if i in hit_set:
            parts.append(escape(text[position : token.start()]))
            parts.append(f"<mark>{escape(token.group())}</mark>")
            position = token.end()
    parts.append(escape(text[position:end]))
    snippet = "".join(parts)
    if start > 0:
        snippet = "… " + snippet
    if end < len(text):
        snippet += " …"
    return snippet
