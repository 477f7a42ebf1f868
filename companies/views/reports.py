"""Reports views (being built in this session)."""

urlpatterns: list = []
