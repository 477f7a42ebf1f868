"""The audit log in the admin: read only."""

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Administrators see everything that happened; nobody edits history."""

    list_display = ["created_at", "actor", "action", "summary", "target_type", "scope_type"]
    list_filter = ["action", "created_at", "scope_type"]
    search_fields = ["message", "params", "actor__email"]
    list_select_related = ["actor", "target_type", "scope_type"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
