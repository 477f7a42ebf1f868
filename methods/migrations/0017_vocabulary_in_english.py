"""Swedish everywhere in Swedish, English in English (issue 13):

- the competence areas and lines of business get an English name beside the Swedish one, as the
  phases have, filled in for the vocabulary the earlier migrations seeded;
- the foreign keys get Swedish names, which the admin shows as labels;
- Swedish text quotes with ” ” on both sides: the audit summaries stored with «» are moved to
  the new messages, and the phase guides seeded with straight quotes get ” ”.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

AREAS_EN = {
    "yrkeskunskap": "Vocational skills",
    "arbetsmiljo-och-sakerhet": "Health and safety at work",
    "svenska-pa-jobbet": "Swedish at work",
    "digital-kompetens": "Digital skills",
    "sociala-fardigheter": "Social skills",
    "delaktighet-och-agande": "Participation and ownership",
    "handledning": "Supervision at work",
}

BUSINESS_LINES_EN = {
    "cafe-och-restaurang": "Café and restaurant",
    "stad": "Cleaning",
    "fastighetsskotsel": "Property maintenance",
    "second-hand": "Second-hand",
    "tradgard": "Gardening and green spaces",
    "snickeri": "Carpentry",
    "lager-och-logistik": "Warehouse and logistics",
    "textil-och-somnad": "Textiles and sewing",
    "catering": "Catering",
}

# Audit summaries as stored (msgids in the source language) before and after.
OLD_QUOTES_MESSAGES = [
    "Flyttade metoden «%(title)s» (%(slug)s) till papperskorgen.",
    "Flyttade kommentar %(number)s av %(author)s på metoden «%(title)s» till papperskorgen.",
    "Återställde metoden «%(title)s» (%(slug)s) från papperskorgen.",
    "Återställde kommentar %(number)s av %(author)s på metoden «%(title)s» från papperskorgen.",
    "Raderade metoden «%(title)s» (%(slug)s) för gott; den låg i papperskorgen sedan %(date)s.",
    "Raderade kommentar %(number)s av %(author)s på metoden «%(title)s» för gott; den låg i "
    "papperskorgen sedan %(date)s.",
    "Dolde kommentar %(number)s av %(author)s på «%(title)s».",
    "Visade kommentar %(number)s av %(author)s på «%(title)s».",
]

# The quotations in the phase guides as migration 0002 seeded them.
GUIDE_QUOTES = [
    "Alla ska gå hygienkursen",
    "Stänga kassan utan hjälp",
    "Blanda rengöringsmedel rätt",
    "bli bättre på städning",
    "städar ett konferensrum enligt checklistan på 30 minuter, utan påminnelser",
    "förstår du?",
    "Du kollade temperaturen i kylen innan du började. Bra.",
    "du är duktig",
    "när det blir lugnt",
    "måndag och torsdag: öppnar kassan med stöd",
    "så här gör vi inte här",
    "en deltagare",
    "gruppen",
]


def _swedish_quotes(text: str) -> str:
    return text.replace("«", "”").replace("»", "”")


def guide_with_swedish_quotes(guide: str) -> str:
    """A phase guide as 0002 seeded it, its quotations in ” ” (content/demo/phases has the
    same text)."""
    for quote in GUIDE_QUOTES:
        guide = guide.replace(f'"{quote}"', f"”{quote}”")
    return guide


def forwards(apps, schema_editor):
    from core.rendering import render_markdown

    CompetenceArea = apps.get_model("methods", "CompetenceArea")
    BusinessLine = apps.get_model("methods", "BusinessLine")
    for model, names in ((CompetenceArea, AREAS_EN), (BusinessLine, BUSINESS_LINES_EN)):
        for slug, name_en in names.items():
            model.objects.filter(slug=slug, name_en="").update(name_en=name_en)

    AuditEntry = apps.get_model("core", "AuditEntry")
    for old in OLD_QUOTES_MESSAGES:
        AuditEntry.objects.filter(message=old).update(message=_swedish_quotes(old))

    Phase = apps.get_model("methods", "Phase")
    for phase in Phase.objects.all():
        guide = guide_with_swedish_quotes(phase.guide)
        if guide != phase.guide:
            phase.guide = guide
            phase.guide_html = render_markdown(guide)
            phase.save(update_fields=["guide", "guide_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0016_method_archive_record"),
        ("core", "0003_auditentry"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="businessline",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="namn på engelska"),
        ),
        migrations.AddField(
            model_name="competencearea",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="namn på engelska"),
        ),
        migrations.AlterField(
            model_name="checklistitem",
            name="phase",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="checklist_items",
                to="methods.phase",
                verbose_name="fas",
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="method",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="methods.method",
                verbose_name="metod",
            ),
        ),
        migrations.AlterField(
            model_name="commentreport",
            name="comment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reports",
                to="methods.comment",
                verbose_name="kommentar",
            ),
        ),
        migrations.AlterField(
            model_name="commentreport",
            name="reporter",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="anmäld av",
            ),
        ),
        migrations.AlterField(
            model_name="methodstep",
            name="method",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="steps",
                to="methods.method",
                verbose_name="metod",
            ),
        ),
        migrations.AlterField(
            model_name="methodstep",
            name="phase",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="steps",
                to="methods.phase",
                verbose_name="fas",
            ),
        ),
        migrations.AlterField(
            model_name="methodtargetrole",
            name="method",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="target_roles",
                to="methods.method",
                verbose_name="metod",
            ),
        ),
        migrations.AlterField(
            model_name="revision",
            name="method",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="revisions",
                to="methods.method",
                verbose_name="metod",
            ),
        ),
        # Backwards leaves the words and quotation marks as they are: older code shows them too.
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
