"""One way to paginate lists in views."""

from django.core.paginator import Page, Paginator


def paginate(request, queryset, *, per_page: int = 25) -> Page:
    """The requested page of ``queryset``; a bad or out-of-range number gives the nearest page."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
