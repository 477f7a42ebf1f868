from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("", views.company_list, name="list"),
    # Before <slug>/: "inbjudan" is a reserved slug.
    path("inbjudan/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.company_detail, name="detail"),
    path("<slug:slug>/medlemmar/", views.members, name="members"),
    path("<slug:slug>/medlemmar/<int:pk>/roll/", views.member_role, name="member_role"),
    path("<slug:slug>/medlemmar/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
    path(
        "<slug:slug>/inbjudningar/<int:pk>/aterkalla/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
]
