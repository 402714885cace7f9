from django.urls import include, path

from amparo.alerts.urls import public_urlpatterns as alerts_public
from amparo.legal.urls import public_urlpatterns as legal_public
from amparo.outreach.urls import public_urlpatterns as outreach_public
from config.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("amparo.dashboard.urls")),
    path("cuenta/", include("amparo.accounts.urls")),
    path("red/", include("amparo.network.urls")),
    path("personas/", include("amparo.people.urls")),
    path("auditoria/", include("amparo.audit.urls")),
    path("casos/importar/", include("amparo.cases.imports.urls")),
    path("casos/", include("amparo.cases.urls")),
    path("avisos/", include("amparo.notifications.urls")),
    path("ciam/", include("amparo.hotline.urls")),
    path("guias/", include("amparo.guidance.urls")),
    path("prevencion/", include("amparo.outreach.urls")),
    path("apoyos/", include("amparo.support.urls")),
    path("detencion/", include("amparo.detention.urls")),
    path("pale/", include("amparo.legal.urls")),
    path("eventos/", include(outreach_public)),
    path("asesoria-legal/", include(legal_public)),
    path("alertas/", include("amparo.alerts.urls")),
    path("boton/", include(alerts_public)),
]

handler404 = "amparo.core.error_pages.page_not_found"
handler500 = "amparo.core.error_pages.server_error"
