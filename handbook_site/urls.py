"""URL map. Paths are Swedish and stable: they are printed on method cards and in the PDF."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Kompetenshandboken – administration")
admin.site.site_title = _("Kompetenshandboken")
admin.site.index_title = _("Kurera handboken")
# Admin's own login form would sign a superuser in with the password alone, past the
# two-factor step: send it to the site's (allauth's) login instead.
admin.site.login = secure_admin_login(admin.site.login)

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
# The 503 page when the database is unreachable, else the 500 page.
handler500 = "core.views.server_error"

urlpatterns = [
    path("", include("core.urls")),
    path("", include("methods.urls")),
    path("", include("companies.urls")),
    path("", include("trainers.urls")),
    path("", include("material.urls")),
    # The site's own account pages first; allauth provides the rest under the same prefix.
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The open read API, /api/v1/ (api/urls.py).
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
