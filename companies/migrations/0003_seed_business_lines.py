"""Seed the business lines (branscher) that companies and methods are tagged with."""

from django.db import migrations

BUSINESS_LINES = [
    ("Café och restaurang", "cafe-och-restaurang"),
    ("Städ", "stad"),
    ("Fastighetsskötsel", "fastighetsskotsel"),
    ("Second hand", "second-hand"),
    ("Trädgård och grönyta", "tradgard"),
    ("Snickeri", "snickeri"),
    ("Lager och logistik", "lager-och-logistik"),
    ("Textil och sömnad", "textil-och-somnad"),
    ("Catering", "catering"),
]


def seed(apps, schema_editor):
    BusinessLine = apps.get_model("companies", "BusinessLine")
    for name, slug in BUSINESS_LINES:
        BusinessLine.objects.update_or_create(slug=slug, defaults={"name": name})


def unseed(apps, schema_editor):
    BusinessLine = apps.get_model("companies", "BusinessLine")
    BusinessLine.objects.filter(slug__in=[slug for _, slug in BUSINESS_LINES]).delete()


class Migration(migrations.Migration):
    dependencies = [("companies", "0002_initial")]

    operations = [migrations.RunPython(seed, unseed)]
