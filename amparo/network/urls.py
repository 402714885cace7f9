from django.urls import path

from amparo.network import views

app_name = "network"
urlpatterns = [
    path("", views.office_list, name="offices"),
    path("representaciones/<str:code>/", views.office_detail, name="office_detail"),
    path("circunscripcion/", views.jurisdiction_overview, name="jurisdiction"),
    path("circunscripcion/importar/", views.import_jurisdiction, name="jurisdiction_import"),
    path("circunscripcion/area/<str:code>/", views.area_detail, name="area_detail"),
    path(
        "circunscripcion/<str:country>/<str:region>/",
        views.jurisdiction_region,
        name="jurisdiction_region",
    ),
]
