from django.shortcuts import render
from django.utils.safestring import mark_safe

from samordna.core.pagination import paginate
from samordna.core.permissions import PUBLIC, view_permission

from . import fulltext, selectors
from .forms import SearchForm
from .providers import kind_choices


@view_permission(PUBLIC)
def search(request):
    form = SearchForm(request.GET or None)
    q = ""
    page = None
    results = []
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            page = paginate(
                request,
                selectors.search_documents_for_user(
                    request.user, q=q, kind=form.cleaned_data["kind"]
                ),
                per_page=20,
            )
            snippets = selectors.search_snippets(page.object_list, q)
            query_stems = fulltext.parse_query(q).stems
            labels = dict(kind_choices())
            results = [
                {
                    "document": document,
                    "kind_label": labels.get(document.kind, document.kind),
                    "title": mark_safe(  # noqa: S308 - escaped by highlight()
                        fulltext.highlight(document.title, query_stems, words=1000)
                    ),
                    # Escaped by fulltext.snippets/highlight; only <mark> is markup.
                    "snippet": mark_safe(snippets.get(document.pk, "")),  # noqa: S308
                }
                for document in page.object_list
            ]
    return render(
        request,
        "search/search.html",
        {"form": form, "q": q, "page": page, "results": results},
    )
