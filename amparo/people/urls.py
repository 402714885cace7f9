from django.urls import path

from amparo.people import views

app_name = "people"
urlpatterns = [
    path("", views.list_people, name="list"),
    path("nueva/", views.create_person, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/editar/", views.edit_person, name="edit"),
]
