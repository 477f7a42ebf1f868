"""Coordinator overview (being built in this session)."""

urlpatterns: list = []
