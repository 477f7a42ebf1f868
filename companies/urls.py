"""Company URLs. Each view module lists its own paths; fixed words come before <slug>/."""

from .views import directory, efforts, members, profile, reports

app_name = "companies"

urlpatterns = [
    *directory.urlpatterns,
    *members.urlpatterns,
    *profile.urlpatterns,
    *reports.urlpatterns,
    *efforts.urlpatterns,
    # Last: everything else under /foretag/<slug>/ is a company page.
    *directory.detail_urlpatterns,
]
