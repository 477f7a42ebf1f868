"""Every route of the handbook, in the order Django tries them; Swedish paths are stable."""

from django.urls import path

from .views import comments, editorial, feeds, listing, reading, recycle, submission

app_name = "methods"

urlpatterns = [
    path("", listing.home, name="home"),
    path("fas/<slug:slug>/", listing.phase_detail, name="phase"),
    path("metoder/", listing.method_list, name="list"),
    # Before metoder/<slug>/: "ny" is a reserved slug.
    path("metoder/ny/", submission.method_new, name="new"),
    path("metoder/<slug:slug>/redigera/", submission.method_edit, name="edit"),
    path(
        "metoder/<slug:slug>/redigera/<slug:step>/", submission.method_edit_step, name="edit_step"
    ),
    path("metoder/<slug:slug>/skicka-in/", submission.method_submit, name="submit"),
    path("metoder/<slug:slug>/", reading.method_detail, name="detail"),
    path("metoder/<slug:slug>/kort/", reading.method_card, name="card"),
    path("metoder/<slug:slug>.pdf", reading.method_pdf, name="pdf"),
    path("handbok.pdf", reading.handbook_pdf, name="handbook_pdf"),
    path("tillganglighet/", reading.accessibility, name="accessibility"),
    # Atom feeds of new and updated methods.
    path("flode/metoder.atom", feeds.handbook_feed, name="feed"),
    path("flode/fas/<slug:slug>.atom", feeds.phase_feed, name="phase_feed"),
    path("flode/omrade/<slug:slug>.atom", feeds.area_feed, name="area_feed"),
    # Editorial work.
    path("redaktion/", editorial.dashboard, name="editorial"),
    path("redaktion/granska/<slug:slug>/", editorial.review, name="review"),
    path("redaktion/granska/<slug:slug>/publicera/", editorial.publish, name="publish"),
    path(
        "redaktion/granska/<slug:slug>/andringar/",
        editorial.request_changes,
        name="request_changes",
    ),
    path("redaktion/granska/<slug:slug>/arkivera/", editorial.archive, name="archive"),
    path("metoder/<slug:slug>/historik/", editorial.history, name="history"),
    path(
        "metoder/<slug:slug>/historik/<int:number>/aterstall/",
        editorial.restore,
        name="restore_revision",
    ),
    # Comments.
    path("metoder/<slug:slug>/kommentarer/", comments.comment_create, name="comment_create"),
    path("kommentarer/<int:pk>/redigera/", comments.comment_edit, name="comment_edit"),
    path("kommentarer/<int:pk>/ta-bort/", comments.comment_delete, name="comment_delete"),
    path("kommentarer/<int:pk>/anmal/", comments.comment_report, name="comment_report"),
    path("kommentarer/<int:pk>/dolj/", comments.comment_hide, name="comment_hide"),
    path("kommentarer/<int:pk>/visa/", comments.comment_show, name="comment_show"),
    path("redaktion/kommentarer/", comments.comment_moderation, name="comment_moderation"),
    # Deleting, the audit log and the recycle bin.
    path("metoder/<slug:slug>/ta-bort/", recycle.method_delete, name="delete"),
    path("metoder/<slug:slug>/logg/", recycle.audit_log, name="audit_log"),
    path("redaktion/papperskorg/", recycle.recycle_bin, name="recycle_bin"),
    path(
        "redaktion/papperskorg/metoder/<int:pk>/aterstall/",
        recycle.restore_method,
        name="restore_method",
    ),
    path(
        "redaktion/papperskorg/kommentarer/<int:pk>/aterstall/",
        recycle.restore_comment,
        name="restore_comment",
    ),
]
