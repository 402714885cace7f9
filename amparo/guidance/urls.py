from django.urls import path

from amparo.guidance import views

app_name = "guidance"
urlpatterns = [
    path("", views.list_scripts, name="list"),
    path("panel/", views.scripts_panel, name="panel"),
    path("nueva/", views.create_script, name="create"),
    path("<slug:slug>/", views.script_detail, name="detail"),
    path("<slug:slug>/nueva-version/", views.create_version, name="new_version"),
    path("<slug:slug>/v/<int:number>/", views.version_detail, name="version"),
    path("<slug:slug>/v/<int:number>/publicar/", views.publish_version, name="publish"),
    path("<slug:slug>/retirar/", views.retire_script, name="retire"),
    path("<slug:slug>/restaurar/", views.restore_script, name="restore"),
]
