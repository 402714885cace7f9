from django.urls import path, re_path

from amparo.support import views

app_name = "support"
urlpatterns = [
    path("fondos/", views.funds, name="funds"),
    path("fondos/<int:pk>/", views.fund_detail, name="fund"),
    path("fondos/<int:pk>/asignaciones/", views.fund_allocate, name="fund_allocate"),
    path("fondos/<int:pk>/estado/", views.fund_summary, name="fund_summary"),
    path("fondos/<int:pk>/asientos/", views.fund_entries, name="fund_entries"),
    re_path(
        r"^fondos/(?P<pk>[0-9]+)/estado\.(?P<extension>csv|xlsx)$",
        views.fund_statement,
        name="fund_statement",
    ),
    path("solicitudes/", views.requests, name="requests"),
    path("solicitudes/nueva/", views.request_create, name="request_create"),
    path("solicitudes/<int:pk>/", views.request_detail, name="request"),
    path("solicitudes/<int:pk>/logistica/", views.request_logistics, name="request_logistics"),
    path("solicitudes/<int:pk>/<str:step>/", views.request_step, name="request_step"),
]
