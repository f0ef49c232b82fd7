"""One way to paginate lists in views."""

from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator whose total comes from ``count()`` instead of ``COUNT(*)`` over the list's
    own query: for lists whose filter is cheap to count another way (or cached)."""

    def __init__(self, object_list, per_page, *, count: Callable[[], int], **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


def paginate(
    request, queryset, *, per_page: int = 25, count: Callable[[], int] | None = None
) -> Page:
    """The requested page of ``queryset``; a bad or out-of-range number gives the nearest page.
    ``count``, when given, returns the number of rows of ``queryset`` (the paginator then never
    counts the queryset itself)."""
    if count is None:
        paginator = Paginator(queryset, per_page)
    else:
        paginator = CountedPaginator(queryset, per_page, count=count)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
