"""Include at "casos/importar/" (config/urls.py)."""

from django.urls import path

from amparo.cases.imports import views

app_name = "case_imports"
urlpatterns = [
    path("", views.upload_import, name="upload"),
    path("confirmar/", views.confirm_import, name="confirm"),
    path("plantilla.csv", views.download_template, name="template"),
]
