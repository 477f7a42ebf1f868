from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("radera/", views.delete_account, name="delete"),
    path("mina-uppgifter/", views.personal_data_download, name="personal_data"),
]
