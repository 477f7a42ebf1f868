from django.db import models
from django.utils.translation import gettext_lazy as _


class County(models.TextChoices):
    """Sweden's 21 counties (län)."""

    BLEKINGE = "blekinge", _("Blekinge län")
    DALARNA = "dalarna", _("Dalarnas län")
    GOTLAND = "gotland", _("Gotlands län")
    GAVLEBORG = "gavleborg", _("Gävleborgs län")
    HALLAND = "halland", _("Hallands län")
    JAMTLAND = "jamtland", _("Jämtlands län")
    JONKOPING = "jonkoping", _("Jönköpings län")
    KALMAR = "kalmar", _("Kalmar län")
    KRONOBERG = "kronoberg", _("Kronobergs län")
    NORRBOTTEN = "norrbotten", _("Norrbottens län")
    SKANE = "skane", _("Skåne län")
    STOCKHOLM = "stockholm", _("Stockholms län")
    SODERMANLAND = "sodermanland", _("Södermanlands län")
    UPPSALA = "uppsala", _("Uppsala län")
    VARMLAND = "varmland", _("Värmlands län")
    VASTERBOTTEN = "vasterbotten", _("Västerbottens län")
    VASTERNORRLAND = "vasternorrland", _("Västernorrlands län")
    VASTMANLAND = "vastmanland", _("Västmanlands län")
    VASTRA_GOTALAND = "vastra-gotaland", _("Västra Götalands län")
    OREBRO = "orebro", _("Örebro län")
    OSTERGOTLAND = "ostergotland", _("Östergötlands län")


class LegalForm(models.TextChoices):
    ECONOMIC_ASSOCIATION = "ekonomisk-forening", _("Ekonomisk förening")
    NON_PROFIT_ASSOCIATION = "ideell-forening", _("Ideell förening")
    LIMITED_COMPANY_SVB = "ab-svb", _("Aktiebolag med särskild vinstutdelningsbegränsning (svb)")
    LIMITED_COMPANY = "ab", _("Aktiebolag")
    FOUNDATION = "stiftelse", _("Stiftelse")
    OTHER = "annan", _("Annan form")


class HeadcountBand(models.TextChoices):
    UP_TO_10 = "1-10", _("1–10")
    UP_TO_25 = "11-25", _("11–25")
    UP_TO_50 = "26-50", _("26–50")
    OVER_50 = "51+", _("Fler än 50")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Medlem")
    ADMIN = "admin", _("Företagsadministratör")


class Factor(models.TextChoices):
    """What helped or hindered, in the three places transfer research looks (participant,
    design, workplace)."""

    PARTICIPANT_MOTIVATION = "deltagare-motivation", _("Deltagarens motivation och delaktighet")
    PARTICIPANT_LANGUAGE = "deltagare-sprak", _("Språk och läsförmåga")
    PARTICIPANT_HEALTH = "deltagare-ork", _("Ork och dagsform")
    DESIGN_PRACTICE = "upplagg-ovning", _("Mycket övning i verkliga uppgifter")
    DESIGN_VISUAL = "upplagg-bilder", _("Bilder, film och visning i stället för text")
    DESIGN_PACE = "upplagg-takt", _("Tempot i upplägget")
    WORKPLACE_SUPERVISOR = "arbetsplats-handledare", _("Stöd från handledaren")
    WORKPLACE_MANAGEMENT = "arbetsplats-ledning", _("Ledningens stöd och prioritering")
    WORKPLACE_TIME = "arbetsplats-tid", _("Tid avsatt i schemat")
    WORKPLACE_CHANCES = "arbetsplats-tillfallen", _("Tillfällen att använda det nya i jobbet")


class QuestionKind(models.TextChoices):
    """What one company asks another through the portal."""

    QUESTION = "fraga", _("Fråga")
    STUDY_VISIT = "studiebesok", _("Önskemål om studiebesök")
