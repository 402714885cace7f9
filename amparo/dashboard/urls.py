from django.urls import path

from amparo.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("buscar/", views.search, name="search"),
]
