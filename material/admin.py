from django.contrib import admin

from .models import Film


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner_type", "owner_id", "minutes", "created_at"]
    list_filter = ["kind", "owner_type"]
    search_fields = ["title"]
    readonly_fields = ["owner_type", "owner_id", "file", "content_type", "embed_url", "added_by"]
