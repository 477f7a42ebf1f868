from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

from .models import Trainer, TrainerGuidePage


@admin.register(TrainerGuidePage)
class TrainerGuidePageAdmin(MarkdownxModelAdmin):
    list_display = ["phase", "summary", "updated_at"]
    search_fields = ["summary", "text", "easy_read"]


@admin.register(Trainer)
class TrainerAdmin(MarkdownxModelAdmin):
    list_display = ["name", "kind", "status", "user", "updated_at"]
    list_filter = ["status", "kind", "entity"]
    search_fields = ["name", "summary", "user__email"]
    readonly_fields = ["approved_at", "created_at", "updated_at"]
    raw_id_fields = ["user"]
    filter_horizontal = ["competence_areas", "methods"]
