"""URL map. Paths are Swedish and stable: they are printed on method cards and in the PDF."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from handbook_site import views as site_views
from handbook_site.media import uploaded_image
from methods.uploads import image_upload
from methods.views import reading as method_views

admin.site.site_header = _("Kompetenshandboken – administration")
admin.site.site_title = _("Kompetenshandboken")
admin.site.index_title = _("Kurera handboken")
# Admin's own login form would sign a superuser in with the password alone, past the
# two-factor step: send it to the site's (allauth's) login instead.
admin.site.login = secure_admin_login(admin.site.login)

handler403 = "methods.views.reading.permission_denied"
handler404 = "methods.views.reading.page_not_found"
# The 503 page when the database is unreachable, else methods.views.reading.server_error.
handler500 = "handbook_site.middleware.server_error"

urlpatterns = [
    path("healthz", method_views.healthz, name="healthz"),
    path("", include("methods.urls")),
    path("foretag/", include("companies.urls")),
    # The site's own account pages first; allauth provides the rest under the same prefix.
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("sprak/<str:code>/", site_views.choose_language, name="choose_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # markdownx is open to anyone out of the box; here only signed-in users may use it, and the
    # preview goes through the same sanitising renderer as everything else.
    path("markdownx/upload/", image_upload, name="markdownx_upload"),
    path(
        "markdownx/markdownify/",
        method_views.markdown_preview,
        name="markdownx_markdownify",
    ),
    # Uploaded images, when Django serves them itself (settings.SERVE_MEDIA; 404 otherwise).
    path(
        f"{settings.MEDIA_URL.strip('/')}/{settings.MARKDOWNX_MEDIA_PATH}<path:path>",
        uploaded_image,
        name="uploaded_image",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
