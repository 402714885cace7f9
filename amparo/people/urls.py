from django.urls import path

from amparo.people import merge_views, views

app_name = "people"
urlpatterns = [
    path("", views.list_people, name="list"),
    path("nueva/", views.create_person, name="create"),
    path("representacion-sugerida/", views.suggest_office, name="office_suggestion"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/editar/", views.edit_person, name="edit"),
    path("fusiones/", merge_views.list_merges, name="merges"),
    path("fusiones/nueva/", merge_views.merge_people, name="merge"),
    path("fusiones/<int:pk>/deshacer/", merge_views.undo_merge, name="merge_undo"),
]
