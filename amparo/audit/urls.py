from django.urls import path

from amparo.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.list_records, name="records"),
    path("exportar.csv", views.export_records, name="export"),
    path("buscar/", views.lookup, name="lookup"),
    path(
        "registro/<str:target_type>/<str:target_id>/",
        views.target_records,
        name="target",
    ),
]
