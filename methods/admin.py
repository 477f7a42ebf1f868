from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from markdownx.admin import MarkdownxModelAdmin

from . import services, workflow
from .choices import Status
from .models import (
    BusinessLine,
    ChecklistItem,
    Comment,
    CompetenceArea,
    Method,
    MethodStep,
    MethodTargetRole,
    Phase,
    Revision,
    SearchSynonym,
)


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 1


@admin.register(Phase)
class PhaseAdmin(MarkdownxModelAdmin):
    list_display = ["number", "name", "slug", "summary"]
    list_display_links = ["name"]
    search_fields = ["name", "summary", "guide"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ChecklistItemInline]


@admin.register(BusinessLine)
class BusinessLineAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CompetenceArea)
class CompetenceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "method_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_method_count=Count("methods"))

    @admin.display(description=_("metoder"), ordering="_method_count")
    def method_count(self, obj) -> int:
        return obj._method_count


class MethodStepInline(admin.StackedInline):
    model = MethodStep
    extra = 0
    fields = [("phase", "role"), "text"]


class MethodTargetRoleInline(admin.TabularInline):
    model = MethodTargetRole
    extra = 0


@admin.register(Method)
class MethodAdmin(MarkdownxModelAdmin):
    list_display = [
        "title", "status", "learning_form", "evidence_status", "author", "company",
        "review_by", "updated_at",
    ]  # fmt: skip
    list_filter = [
        "status", "learning_form", "phases", "competence_areas", "business_lines",
        "cost_level", "time_band", "evidence_status", "needs_external_trainer",
    ]  # fmt: skip
    search_fields = ["title", "summary", "body", "easy_read"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["phases", "competence_areas", "business_lines"]
    autocomplete_fields = ["author", "company"]
    list_select_related = ["author", "company"]
    date_hierarchy = "updated_at"
    readonly_fields = ["published_at", "created_at", "updated_at"]
    inlines = [MethodTargetRoleInline, MethodStepInline]
    # No bulk archiving: archiving asks for a reason (and a replacement) per method, which
    # readers who come to its address are shown; the editors' desk asks for them.
    actions = ["publish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "purpose", "body", "easy_read"]}),
        (
            _("Indelning"),
            {"fields": ["phases", "competence_areas", "business_lines", "learning_form"]},
        ),
        (
            _("Förutsättningar och anpassningar"),
            {
                "fields": [
                    "prerequisites",
                    "adaptation_language",
                    "adaptation_reading",
                    "adaptation_health",
                ]
            },
        ),  # fmt: skip
        (
            _("Praktiskt"),
            {
                "fields": [
                    ("prep_minutes", "delivery_minutes", "followup_minutes"),
                    ("group_size_min", "group_size_max"),
                    ("cost_level", "internal_hours"),
                    "materials",
                    ("needs_external_trainer", "external_trainer_phase"),
                ]
            },
        ),
        (
            _("Uppföljning"),
            {
                "fields": [
                    "indicator_reaction",
                    "indicator_learning",
                    "indicator_behaviour",
                    "indicator_results",
                ]
            },
        ),  # fmt: skip
        (
            _("Ursprung och status"),
            {
                "fields": [
                    "evidence_status",
                    "source",
                    "licence",
                    "contact",
                    "author",
                    "company",
                    "status",
                    "review_by",
                    "published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),  # fmt: skip
    ]

    def get_queryset(self, request):
        # The recycle bin is not part of the normal list.
        return super().get_queryset(request).alive()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_search_index(form.instance)
        # Every save in admin is a revision too, after the steps and relations are stored.
        services.record_revision(
            form.instance, request.user, _("Ändrad i administrationen") if change else _("Skapad")
        )

    @admin.action(description=_("Publicera valda metoder"))
    def publish_selected(self, request, queryset):
        count = 0
        for method in queryset.exclude(status=Status.PUBLISHED):
            try:
                workflow.publish(method, request.user)
            except workflow.WorkflowError as error:
                self.message_user(request, f"{method.title}: {error}", messages.WARNING)
                continue
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d metod publicerades.", "%(n)d metoder publicerades.", count)
            % {"n": count},
            messages.SUCCESS,
        )


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["method", "number", "author", "message", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["method__title", "message"]
    list_select_related = ["method", "author"]
    readonly_fields = ["method", "number", "author", "message", "snapshot", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # revisions are written by saving a method, never by hand


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "synonyms"]
    search_fields = ["term", "synonyms"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["method", "author", "state", "created_at"]
    list_filter = ["state", "created_at"]
    search_fields = ["body", "method__title", "author__email"]
    list_select_related = ["method", "author"]
    autocomplete_fields = ["method", "author"]
