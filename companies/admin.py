from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from markdownx.admin import MarkdownxModelAdmin

from methods.models import Method

from .models import (
    Company,
    Effort,
    EffortPhase,
    ExperienceReport,
    Invitation,
    Membership,
    ReminderSent,
)
from .services import refresh_report_stats


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(MarkdownxModelAdmin):
    list_display = ["name", "org_number", "municipality", "county", "open_to_study_visits"]
    list_filter = ["county", "legal_form", "business_lines", "open_to_study_visits"]
    search_fields = ["name", "org_number", "municipality"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["business_lines"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "org_number", "legal_form", "description"]}),
        (_("Plats och bransch"), {"fields": ["municipality", "county", "business_lines"]}),
        (_("Kontakt"), {"fields": ["website", "contact_email", "contact_phone"]}),
        (
            _("Storlek och arbetssätt"),
            {
                "fields": [
                    "employees_band",
                    "participants_band",
                    "languages_at_work",
                    "open_to_study_visits",
                ]
            },
        ),  # fmt: skip
        (
            _("Kriterier (egen uppgift)"),
            {
                "fields": [
                    "criterion_integration",
                    "criterion_participation",
                    "criterion_reinvests",
                    "criterion_independent",
                ]
            },
        ),  # fmt: skip
    ]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "role", "created_at"]
    list_filter = ["role", "company"]
    search_fields = ["user__email", "company__name"]
    list_select_related = ["user", "company"]
    autocomplete_fields = ["user", "company"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "company", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "accepted_at"]
    search_fields = ["email", "company__name"]
    list_select_related = ["company"]
    autocomplete_fields = ["company", "invited_by"]


@admin.register(ExperienceReport)
class ExperienceReportAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "method", "status", "recommend_score", "period_start"]
    list_filter = ["status", "recommend_score", "used_external_trainer", "company"]
    search_fields = ["title", "context", "company__name", "method__title"]
    list_select_related = ["company", "method"]
    autocomplete_fields = ["company", "method", "author"]
    readonly_fields = ["consent_recorded_at", "published_at", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        previous_method_id = form.initial.get("method") if change else None
        super().save_model(request, obj, form, change)
        refresh_report_stats(obj.method)
        if previous_method_id and previous_method_id != obj.method_id:
            refresh_report_stats(Method.objects.get(pk=previous_method_id))

    def delete_model(self, request, obj):
        method = obj.method
        super().delete_model(request, obj)
        refresh_report_stats(method)

    def delete_queryset(self, request, queryset):
        methods = list(Method.objects.filter(experience_reports__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for method in methods:
            refresh_report_stats(method)


class EffortPhaseInline(admin.TabularInline):
    model = EffortPhase
    extra = 0


@admin.register(Effort)
class EffortAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "current_phase", "delivery_ended_on", "finished_at"]
    list_filter = ["current_phase", "company"]
    search_fields = ["title", "goal", "company__name"]
    list_select_related = ["company", "current_phase"]
    autocomplete_fields = ["company", "methods", "responsible_members", "created_by"]
    inlines = [EffortPhaseInline]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "recipient", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["key", "recipient"]

    def has_add_permission(self, request) -> bool:
        return False
