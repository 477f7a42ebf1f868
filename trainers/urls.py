"""Every route of the trainers app; Swedish paths are stable. The fixed paths come before
utbildare/<slug>/, whose slugs never take their names (services.RESERVED_SLUGS)."""

from django.urls import path

from .views import guide, profiles

app_name = "trainers"

urlpatterns = [
    path("utbildare/", profiles.trainer_list, name="directory"),
    path("utbildare/guide/", guide.guide_overview, name="guide"),
    path("utbildare/guide/<slug:slug>/", guide.guide_phase, name="guide_phase"),
    path("utbildare/guide/<slug:slug>/redigera/", guide.guide_edit, name="guide_edit"),
    path("utbildare/anmal/", profiles.trainer_apply, name="apply"),
    path("utbildare/min-profil/", profiles.my_profile, name="mine"),
    path("utbildare/granska/", profiles.review_queue, name="review_queue"),
    path("utbildare/granska/<slug:slug>/", profiles.review, name="review"),
    path("utbildare/<slug:slug>/", profiles.trainer_detail, name="detail"),
    path("utbildare/<slug:slug>/redigera/", profiles.trainer_edit, name="edit"),
    path("utbildare/<slug:slug>/skicka-in/", profiles.trainer_resubmit, name="resubmit"),
    path("utbildare/<slug:slug>/kontakt/", profiles.trainer_contact, name="contact"),
    path("utbildare/<slug:slug>/filmer/", profiles.trainer_films, name="films"),
]
