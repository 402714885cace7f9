from django.urls import path

from amparo.cases.views import attachments, cases, exports, taxonomy, transfers

app_name = "cases"
urlpatterns = [
    path("", cases.list_cases, name="list"),
    path("nuevo/", cases.open_case, name="create"),
    path("nuevo/solicitante/", cases.requester_options, name="requester_options"),
    path("exportar/", exports.export_cases, name="export"),
    path("de-persona/<int:person_pk>/", cases.person_cases, name="person_cases"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/expediente.pdf", cases.print_case_file, name="case_file"),
    path("<int:pk>/asignar/", cases.assign_case, name="assign"),
    path("<int:pk>/estatus/", cases.change_case_status, name="change_status"),
    path("<int:pk>/notas/", cases.add_case_note, name="add_note"),
    path("<int:pk>/gestiones/", cases.add_case_action, name="add_action"),
    path("<int:pk>/notificacion/", cases.record_notification, name="add_notification"),
    path("<int:pk>/traslado/", cases.request_transfer, name="request_transfer"),
    path("<int:pk>/traslado/cancelar/", cases.cancel_transfer, name="cancel_transfer"),
    path("<int:pk>/adjuntos/", attachments.add_attachment, name="add_attachment"),
    path(
        "adjuntos/<int:pk>/descargar/",
        attachments.download_attachment,
        name="attachment_download",
    ),
    path("traslados/", transfers.list_incoming_transfers, name="transfers"),
    path("traslados/<int:pk>/", transfers.transfer_detail, name="transfer_detail"),
    path("traslados/<int:pk>/aceptar/", transfers.accept_transfer, name="accept_transfer"),
    path("traslados/<int:pk>/rechazar/", transfers.refuse_transfer, name="refuse_transfer"),
    path("catalogo/", taxonomy.taxonomy, name="taxonomy"),
    path("catalogo/materias/nueva/", taxonomy.create_materia, name="create_materia"),
    path("catalogo/materias/<int:pk>/", taxonomy.edit_materia, name="edit_materia"),
    path("catalogo/subtipos/nuevo/", taxonomy.create_subtype, name="create_subtype"),
    path("catalogo/subtipos/<int:pk>/", taxonomy.edit_subtype, name="edit_subtype"),
    path("catalogo/subtipos/<int:pk>/retiro/", taxonomy.retire_subtype, name="retire_subtype"),
]
