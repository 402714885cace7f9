from django.urls import path

from amparo.accounts.views import password, sign_in, users

app_name = "accounts"
urlpatterns = [
    path("entrar/", sign_in.login_view, name="login"),
    path("segundo-factor/", sign_in.second_factor, name="second_factor"),
    path("alta-segundo-factor/", sign_in.enroll, name="enroll"),
    path("salir/", sign_in.logout_view, name="logout"),
    path("representacion/", sign_in.switch_membership, name="switch_membership"),
    path("contrasena/", password.password_change, name="password_change"),
    path("usuarios/", users.user_list, name="user_list"),
    path("usuarios/nuevo/", users.create_user, name="user_create"),
    path("usuarios/<int:pk>/", users.user_detail, name="user_detail"),
    path("usuarios/<int:pk>/membresias/", users.add_membership, name="membership_add"),
    path(
        "usuarios/<int:pk>/segundo-factor/restablecer/",
        users.reset_second_factor,
        name="second_factor_reset",
    ),
    path(
        "usuarios/<int:pk>/contrasena/restablecer/",
        users.reset_password,
        name="password_reset",
    ),
    path("membresias/<int:pk>/baja/", users.deactivate_membership, name="membership_deactivate"),
]
