"""Fixed vocabulary of trainer profiles. Labels are translated; stored values never change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainerEntity(models.TextChoices):
    PERSON = "person", _("En person")
    ORGANISATION = "organisation", _("En organisation")


class TrainerKind(models.TextChoices):
    STUDY_ASSOCIATION = "studieforbund", _("Studieförbund")
    ADULT_EDUCATION = "vuxenutbildning", _("Vuxenutbildning")
    CONSULTANT = "konsult", _("Konsult")
    OTHER_ASF = "annat-asf", _("Annat ASF")
    OTHER = "annan", _("Annan")


class TrainingFormat(models.TextChoices):
    ON_SITE = "pa-plats", _("På plats hos er")
    AT_TRAINER = "hos-utbildaren", _("Hos utbildaren")
    DIGITAL = "digitalt", _("Digitalt")


class TeachingLanguage(models.TextChoices):
    SWEDISH = "svenska", _("Svenska")
    EASY_SWEDISH = "enkel-svenska", _("Enkel svenska")
    ENGLISH = "engelska", _("Engelska")
    ARABIC = "arabiska", _("Arabiska")
    SOMALI = "somaliska", _("Somaliska")
    TIGRINYA = "tigrinja", _("Tigrinja")
    DARI = "dari", _("Dari")
    PERSIAN = "persiska", _("Persiska")
    KURDISH = "kurdiska", _("Kurdiska")
    BCS = "bks", _("Bosniska, kroatiska, serbiska")
    POLISH = "polska", _("Polska")
    SPANISH = "spanska", _("Spanska")
    FINNISH = "finska", _("Finska")
    UKRAINIAN = "ukrainska", _("Ukrainska")
    SIGN_LANGUAGE = "teckensprak", _("Svenskt teckenspråk")
