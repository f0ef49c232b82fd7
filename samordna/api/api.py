from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from samordna.core.errors import ApplicationError

from .routers import campaigns as campaigns_router
from .routers import core as core_router
from .routers import coverage as coverage_router
from .routers import events as events_router
from .routers import knowledge as knowledge_router
from .routers import networks as networks_router
from .routers import newsletter as newsletter_router
from .routers import organisations as organisations_router
from .routers import plans as plans_router
from .routers import reports as reports_router
from .routers import search as search_router
from .routers import strategy as strategy_router
from .routers import support as support_router
from .routers import surveys as surveys_router

api = NinjaAPI(
    title="Samordna API",
    version="1",
    description="Read-only JSON API for Samordna (regional coordination against men's violence "
    "against women). Unpublished data needs a bearer token of the owning county's staff.",
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(ApplicationError)
def application_error(request, exc: ApplicationError):
    body = {"detail": str(exc.message)}
    if exc.field:
        body["field"] = exc.field
    body.update(exc.extra)
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", []) if part not in ("query", "body")]
        errors.append({"field": ".".join(location), "message": error.get("msg", "")})
    return api.create_response(
        request,
        {"detail": _("Some of the values are not valid."), "errors": errors},
        status=422,
    )


api.add_router("", core_router.router)
api.add_router("", organisations_router.router)
api.add_router("", strategy_router.router)
api.add_router("", plans_router.router)
api.add_router("", events_router.router)
api.add_router("", networks_router.router)
api.add_router("", campaigns_router.router)
api.add_router("", knowledge_router.router)
api.add_router("", newsletter_router.router)
api.add_router("", surveys_router.router)
api.add_router("", search_router.router)
api.add_router("", support_router.router)
api.add_router("", reports_router.router)
api.add_router("", coverage_router.router)
