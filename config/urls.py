from django.contrib import admin
from django.urls import include, path

from samordna.api.api import api

urlpatterns = [
    path("", include("samordna.core.urls")),
    path("konto/", include("samordna.accounts.urls")),
    path("", include("samordna.organisations.urls")),
    path("strategi/", include("samordna.strategy.urls")),
    path("planer/", include("samordna.plans.urls")),
    path("kalender/", include("samordna.events.urls")),
    path("natverk/", include("samordna.networks.urls")),
    path("kampanjer/", include("samordna.campaigns.urls")),
    path("kunskapsbank/", include("samordna.knowledge.urls")),
    path("nyhetsbrev/", include("samordna.newsletter.urls")),
    path("enkater/", include("samordna.surveys.urls")),
    path("sok/", include("samordna.search.urls")),
    path("stod/", include("samordna.support.urls")),
    path("registerforteckning/", include("samordna.privacy.urls")),
    path("tackning/", include("samordna.coverage.urls")),
    path("arsrapport/", include("samordna.reports.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "samordna.core.views.permission_denied"
handler404 = "samordna.core.views.page_not_found"
handler500 = "samordna.core.views.server_error"
