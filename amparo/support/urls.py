from django.urls import path

from amparo.support import views

app_name = "support"
urlpatterns = [
    path("fondos/", views.funds, name="funds"),
    path("fondos/<int:pk>/", views.fund_detail, name="fund"),
    path("solicitudes/", views.requests, name="requests"),
    path("solicitudes/nueva/", views.request_create, name="request_create"),
    path("solicitudes/<int:pk>/", views.request_detail, name="request"),
    path("solicitudes/<int:pk>/<str:step>/", views.request_step, name="request_step"),
]
