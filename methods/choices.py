"""Fixed vocabulary of the handbook. Labels are translated; stored values never change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "deltagare", _("Deltagare")
    SUPERVISOR = "handledare", _("Handledare")
    MANAGEMENT = "ledning", _("Ledning")
    EXTERNAL_TRAINER = "extern-utbildare", _("Extern utbildare")


class LearningForm(models.TextChoices):
    IN_WORK = "i-arbetet", _("I arbetet")
    WITH_OTHERS = "med-andra", _("Med andra")
    COURSE = "kurs", _("Kurs")


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    CHANGES_REQUESTED = "changes_requested", _("Ändringar begärda")
    PUBLISHED = "published", _("Publicerad")
    ARCHIVED = "archived", _("Arkiverad")


class CostLevel(models.TextChoices):
    NONE = "ingen", _("Ingen kostnad")
    LOW = "lag", _("Låg (under 2 000 kr)")
    MEDIUM = "medel", _("Medel (2 000–10 000 kr)")
    HIGH = "hog", _("Hög (över 10 000 kr)")


class EvidenceStatus(models.TextChoices):
    IDEA = "ide", _("Idé, inte prövad än")
    TRIED_ONCE = "provad", _("Prövad i ett företag")
    TRIED_MANY = "provad-flera", _("Prövad i flera företag")
    EVALUATED = "utvarderad", _("Utvärderad med stöd i forskning")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("CC BY 4.0 (fri att använda med angivet ursprung)")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0 (dela vidare på samma villkor)")
    ALL_RIGHTS = "forbehall", _("Alla rättigheter förbehållna upphovspersonen")


# Each open licence's name as its citation names it and its deed in Swedish: what a citation
# must give (Creative Commons asks for title, author, source and licence, with links).
LICENCE_DEEDS = {
    Licence.CC_BY: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.sv"),
    Licence.CC_BY_SA: ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/deed.sv"),
}


class TimeBand(models.TextChoices):
    """Total time (preparation, delivery and follow-up), for filtering."""

    SHORT = "kort", _("Under 2 timmar")
    HALF_DAY = "halvdag", _("2–8 timmar")
    LONG = "lang", _("Mer än 8 timmar")

    @classmethod
    def for_minutes(cls, minutes: int) -> "TimeBand":
        if minutes < 120:
            return cls.SHORT
        if minutes <= 480:
            return cls.HALF_DAY
        return cls.LONG


class CommentState(models.TextChoices):
    VISIBLE = "visible", _("Synlig")
    REPORTED = "reported", _("Anmäld")
    HIDDEN = "hidden", _("Dold")
