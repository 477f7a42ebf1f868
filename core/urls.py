"""The site-wide routes: health check, language switch, the markdownx editor's endpoints and
uploaded images. Names are global (markdownx reverses "markdownx_upload" itself)."""

from django.conf import settings
from django.urls import path

from . import views
from .media import uploaded_image
from .uploads import image_upload

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sprak/<str:code>/", views.choose_language, name="choose_language"),
    # markdownx is open to anyone out of the box; here only signed-in users may use it, and the
    # preview goes through the same sanitising renderer as everything else.
    path("markdownx/upload/", image_upload, name="markdownx_upload"),
    path("markdownx/markdownify/", views.markdown_preview, name="markdownx_markdownify"),
    # Uploaded images, when Django serves them itself (settings.SERVE_MEDIA; 404 otherwise).
    path(
        f"{settings.MEDIA_URL.strip('/')}/{settings.MARKDOWNX_MEDIA_PATH}<path:path>",
        uploaded_image,
        name="uploaded_image",
    ),
]
