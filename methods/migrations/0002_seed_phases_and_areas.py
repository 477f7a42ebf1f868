"""Seed the six phases of the process model (with guide and checklist) and the competence areas.

Historical models do not run Phase.save(), so guide_html is rendered here explicitly.
"""

from django.db import migrations
from django.db.models import ProtectedError

PHASES = [
    {
        "number": 1,
        "slug": "behov-och-mal",
        "name": "Behov och mål",
        "name_en": "Needs and goals",
        "summary": (
            "Koppla behovet till en verklig arbetsuppgift och kom överens om hur det ser ut "
            "på jobbet när lärandet har lyckats."
        ),
        "guide": """\
## Varför fasen behövs

Det vanligaste misstaget är att börja med en kurs i stället för med ett behov. "Alla ska gå hygienkursen" säger inget om vad som ska bli annorlunda i köket på tisdag. När behovet är kopplat till en konkret arbetsuppgift blir det lätt för deltagaren att förstå varför hen ska lära sig något, och lätt för handledaren att se om det har fungerat.

## Så här gör ni

- **Utgå från arbetet.** Titta på en uppgift som inte fungerar i dag, eller som deltagaren vill klara själv. Till exempel: "Stänga kassan utan hjälp" eller "Blanda rengöringsmedel rätt".
- **Prata med deltagaren först.** Vad vill hen kunna? Vad är svårt i dag? Använd enkla frågor, bilder eller visa på plats om språket är ett hinder. Ta gärna hjälp av en kollega som talar samma språk.
- **Beskriv målet som något man kan se.** Inte "bli bättre på städning" utan "städar ett konferensrum enligt checklistan på 30 minuter, utan påminnelser".
- **Bestäm hur ni vet att det fungerat.** Vem tittar, och när? Oftast räcker det att handledaren ser uppgiften göras vid två tillfällen några veckor senare.
- **Skriv ner det kort.** Tre rader räcker: uppgift, mål, hur ni följer upp. Spara det där handledaren hittar det.

## Vanliga fallgropar

- Målet formuleras av ledningen eller en handläggare utan att deltagaren varit med.
- Målet är för stort. Dela hellre upp det i steg som går att nå på några veckor.
- Ni väljer metod innan ni vet vad som ska läras. Fundera först på vad, sedan hur.
- Planeringen bygger på att allt går som tänkt. Räkna med att dagsform och närvaro varierar.

## Tänk på

Många deltagare har korta beslut från Arbetsförmedlingen eller kommunen, och planeringshorisonten kan vara några månader. Välj därför mål som går att nå inom den tid ni faktiskt har. Ett litet mål som nås ger mer än ett stort som rinner ut i sanden. Och fråga alltid: vilken uppgift i vardagen blir lättare när det här är klart?
""",
        "checklist": [
            "Koppla behovet till en konkret arbetsuppgift",
            "Fråga deltagaren vad hen vill kunna och vad som är svårt i dag",
            "Beskriv målet så att det går att se i arbetet",
            "Välj ett mål som går att nå inom den tid deltagaren är kvar",
            "Bestäm vem som följer upp, när och hur",
            "Skriv ner uppgift, mål och uppföljning på några rader",
        ],
    },
    {
        "number": 2,
        "slug": "forankring",
        "name": "Förankring",
        "name_en": "Anchoring",
        "summary": (
            "Deltagare, handledare och ledning kommer överens om syftet, vilka anpassningar "
            "som behövs och när det finns tid att öva."
        ),
        "guide": """\
## Varför fasen behövs

Forskningen om lärande i arbetslivet visar att stödet från närmaste chef och handledare före en insats påverkar resultatet mer än själva kursen. Om deltagaren inte vet varför hen ska lära sig något, eller om handledaren inte har tid att följa upp, försvinner det mesta inom några veckor.

## Så här gör ni

- **Ha ett kort samtal med tre parter.** Deltagare, handledare och någon från ledningen. 20 minuter räcker. Gå igenom målet från fas 1 och fråga: är vi överens?
- **Kom överens om anpassningar.** Behövs bildstöd, tolk, en kollega som översätter, kortare pass eller pauser? Fråga deltagaren vad som brukar fungera. Anteckna bara det som behövs för lärandet, inga uppgifter om hälsa.
- **Boka tid i schemat.** Bestäm nu när deltagaren ska få öva efteråt, och vem som tar över uppgifter i produktionen under tiden. Det som inte står i schemat blir sällan av.
- **Klargör ledningens roll.** Ledningen ska prioritera tiden och visa att lärandet är viktigt, till exempel genom att fråga hur det går.
- **Om ni anlitar en extern utbildare:** berätta om verksamheten, gruppen och vilka arbetsuppgifter det gäller innan. Be om korta pass, mycket visning och praktiska exempel.

## Vanliga fallgropar

- Handledaren får veta om insatsen samma dag som den börjar.
- Ingen har tänkt på vem som sköter kassan eller leveranserna när deltagaren är borta.
- Anpassningar görs först när något redan har gått snett.
- Samtalet blir ett formulär som fylls i, inte ett samtal.

## Tänk på

I en liten verksamhet är handledaren ofta också den som håller igång produktionen. Var realistisk: det är bättre att boka två korta övningstillfällen som blir av än fem som ställs in. Låt deltagaren säga målet med egna ord i slutet av samtalet. Då vet ni att det gått fram.
""",
        "checklist": [
            "Boka ett kort samtal med deltagare, handledare och ledning",
            "Gå igenom målet och kontrollera att alla förstått det likadant",
            "Fråga deltagaren vilka anpassningar som brukar hjälpa",
            "Boka tider för övning efter insatsen i schemat",
            "Bestäm vem som täcker upp i produktionen under insatsen",
            "Informera en extern utbildare om gruppen och arbetsuppgifterna",
            "Låt deltagaren säga målet med egna ord",
        ],
    },
    {
        "number": 3,
        "slug": "genomforande",
        "name": "Genomförande",
        "name_en": "Delivery",
        "summary": (
            "Lärandet sker i arbetet, tillsammans med andra eller på en kurs: visa, låt "
            "deltagaren öva och tillåt misstag."
        ),
        "guide": """\
## Varför fasen behövs

Det är här själva lärandet händer. Men det som avgör om det fastnar är hur mycket deltagaren får göra själv, inte hur mycket hen får höra. Människor som varit borta från arbetslivet länge eller som lär sig svenska lär sig oftast bäst genom att se, göra och göra igen.

## Så här gör ni

- **Visa först, prata sen.** Handledaren gör uppgiften i lugn takt och säger vad hen gör med enkla ord. Visa hellre två gånger än förklara länge.
- **Låt deltagaren göra direkt.** Helst samma dag, med den riktiga utrustningen och i den riktiga miljön.
- **Dela upp i små steg.** Ett steg i taget, med bild eller kort film som stöd. Lägg till nästa steg först när det förra sitter.
- **Tillåt misstag.** Säg tydligt att det är okej att göra fel när man övar. Rätta lugnt och visa igen. Det som är farligt ska ni förstås stoppa direkt.
- **Använd kollegor.** En erfaren deltagare eller fadder kan visa och förklara, ibland på samma modersmål.
- **Vid kurs:** se till att handledaren är med eller får en sammanfattning. Be den externa utbildaren använda exempel från er egen arbetsplats.

## Vanliga fallgropar

- Långa genomgångar med mycket text och få pauser.
- Deltagaren tittar på men får aldrig prova själv.
- Övningen sker i en lugn miljö som inte liknar vardagen.
- Handledaren blir avbruten hela tiden av produktionen.

## Tänk på

Anpassa takten efter dagsformen. Det är bättre att avbryta och fortsätta en annan dag än att köra vidare när orken är slut. Kontrollera förståelse genom att be deltagaren visa, inte genom att fråga "förstår du?". Svaret på den frågan är nästan alltid ja.
""",
        "checklist": [
            "Visa uppgiften innan ni förklarar den",
            "Låt deltagaren öva i den riktiga arbetsmiljön samma dag",
            "Dela upp uppgiften i små steg med bildstöd",
            "Säg tydligt att det är okej att göra fel när man övar",
            "Be deltagaren visa i stället för att fråga om hen förstår",
            "Anpassa takten efter dagsformen",
        ],
    },
    {
        "number": 4,
        "slug": "efterarbete",
        "name": "Efterarbete",
        "name_en": "Debrief",
        "summary": (
            "Reflektera tillsammans, ge återkoppling och dokumentera kort vad deltagaren "
            "har lärt sig."
        ),
        "guide": """\
## Varför fasen behövs

Direkt efter ett arbetspass eller en kurs är minnet färskt. Om ni tar några minuter då att prata om vad som gick bra och vad som var svårt, blir lärandet tydligare för både deltagare och handledare. Utan efterarbete vet ingen riktigt vad som fastnade.

## Så här gör ni

- **Ta tio minuter samma dag.** Det behöver inte vara ett möte. Ett samtal vid kaffemaskinen eller i bilen tillbaka från ett uppdrag fungerar bra.
- **Använd tre enkla frågor.** Vad gick bra? Vad var svårt? Vad vill du öva mer på? Ha frågorna på en lapp med bilder om det behövs.
- **Ge konkret återkoppling.** Säg vad du såg: "Du kollade temperaturen i kylen innan du började. Bra." Undvik allmänt beröm som "du är duktig".
- **Dokumentera kort.** Ett foto, en rad i en lärlogg eller en bock i checklistan. Låt gärna deltagaren själv ta bilden eller skriva raden.
- **Följ upp med den externa utbildaren** om ni använt en sådan: vad tog gruppen till sig, och vad behöver handledaren förstärka?

## Vanliga fallgropar

- Efterarbetet skjuts upp till "när det blir lugnt", vilket aldrig händer.
- Dokumentationen blir lång och skrivs bara av handledaren.
- Återkopplingen handlar bara om fel.
- Deltagaren får aldrig säga vad hen själv tycker.

## Tänk på

Alla vill inte prata inför grupp. Erbjud samtal en och en, och låt den som har svårt med svenska svara genom att peka på bilder eller visa. Dokumentationen är deltagarens också: den kan användas i kommande jobbsökande. Skriv aldrig in uppgifter om hälsa eller diagnoser, bara vad personen har lärt sig och kan göra.
""",
        "checklist": [
            "Ta ett kort samtal samma dag som övningen eller kursen",
            "Fråga vad som gick bra, vad som var svårt och vad som behöver övas mer",
            "Ge återkoppling på något konkret du såg",
            "Dokumentera med foto, lärlogg eller checklista",
            "Låt deltagaren själv vara med och dokumentera",
            "Stäm av med den externa utbildaren vad handledaren ska förstärka",
        ],
    },
    {
        "number": 5,
        "slug": "tillampning",
        "name": "Tillämpning i vardagen",
        "name_en": "Implementation",
        "summary": (
            "Planera tillfällen att använda det nya i jobbet, ge stöd och stäm av efter "
            "några veckor."
        ),
        "guide": """\
## Varför fasen behövs

Det man inte använder glömmer man. Forskningen visar att en stor del av det som lärs på kurser aldrig används i arbetet, oftast för att det saknas tillfällen och stöd efteråt. I den här fasen ser ni till att det nya blir en del av vardagen.

## Så här gör ni

- **Ge uppgiften direkt.** Låt deltagaren använda det nya inom några dagar, gärna i en verklig arbetsuppgift med riktiga kunder.
- **Schemalägg övningen.** Skriv in i schemat när deltagaren ska göra uppgiften, till exempel "måndag och torsdag: öppnar kassan med stöd".
- **Minska stödet stegvis.** Först gör ni tillsammans, sedan gör deltagaren medan handledaren finns nära, till sist gör deltagaren själv och handledaren kontrollerar efteråt.
- **Sätt upp stöd på plats.** Bildinstruktioner vid maskinen, en checklista på väggen, en kort film i mobilen.
- **Stäm av efter fyra till sex veckor.** Ett kort samtal: gör du uppgiften nu? Vad behöver du mer? Jämför med målet från fas 1.
- **Ledningen visar intresse.** En fråga från chefen om hur det går betyder mycket.

## Vanliga fallgropar

- Deltagaren kommer tillbaka från kursen och hamnar i samma uppgifter som förut.
- Kollegor säger "så här gör vi inte här" och det nya sättet tappas bort.
- Avstämningen efter några veckor glöms bort när det blir mycket att göra.
- Handledaren tar över uppgiften för att det går fortare.

## Tänk på

Bakslag är normala, särskilt efter en period av frånvaro. Gå då tillbaka ett steg i stället för att börja om. Boka avstämningen i kalendern redan i fas 2, så att den blir av. Om deltagaren byter arbetsuppgift eller handledare, se till att den nya handledaren vet vad som övas.
""",
        "checklist": [
            "Ge deltagaren en verklig uppgift där det nya används inom en vecka",
            "Skriv in övningstillfällen i schemat",
            "Minska handledarens stöd steg för steg",
            "Sätt upp bildinstruktioner eller checklistor där arbetet görs",
            "Boka en avstämning efter fyra till sex veckor",
            "Informera ny handledare om vad deltagaren övar på",
        ],
    },
    {
        "number": 6,
        "slug": "utvardering",
        "name": "Utvärdering och delning",
        "name_en": "Evaluate and share",
        "summary": (
            "Titta på vad som ändrats i arbetet och för verksamheten, och dela det som "
            "fungerade som en erfarenhetsrapport."
        ),
        "guide": """\
## Varför fasen behövs

Utan utvärdering vet ni inte om insatsen var värd tiden och pengarna. Och utan delning får nästa ASF uppfinna samma sak igen. En ärlig rapport om vad som fungerade, och vad som inte gjorde det, är ett av de mest värdefulla bidragen till handboken.

## Så här gör ni

Titta på fyra nivåer, från det enkla till det svåra:

1. **Reaktion:** Vad tyckte deltagarna? Fråga direkt efteråt, gärna med en enkel skala med ansikten.
2. **Lärande:** Kan deltagaren göra uppgiften? Låt hen visa.
3. **Beteende:** Gör deltagaren så i det vanliga arbetet, veckor senare? Det här är den viktigaste nivån.
4. **Resultat:** Märks det i verksamheten? Till exempel färre avvikelser, färre reklamationer, mindre svinn, att handledaren frigör tid eller att deltagaren tar nya uppgifter.

Sedan:

- **Jämför med målet från fas 1.** Nåddes det helt, delvis eller inte alls? Varför?
- **Skriv en erfarenhetsrapport** i handboken. Beskriv sammanhanget, vad ni gjorde i varje fas, vad som hjälpte och vad som hindrade, och vad det kostade i tid och pengar.
- **Berätta i nätverket.** Ta upp det på en träff med andra ASF eller erbjud ett studiebesök.

## Vanliga fallgropar

- Man nöjer sig med att deltagarna var nöjda med kursen.
- Bara lyckade insatser rapporteras. Det som inte fungerade är lika lärorikt.
- Utvärderingen görs så sent att ingen minns detaljerna.
- Rapporten innehåller uppgifter som kan peka ut en enskild person.

## Tänk på

Skriv aldrig namn, hälsa eller diagnoser i en rapport. Skriv "en deltagare" eller "gruppen". Be om samtycke innan ni publicerar. En kort och ärlig rapport är bättre än en lång som aldrig blir klar.
""",
        "checklist": [
            "Fråga deltagarna vad de tyckte direkt efter insatsen",
            "Låt deltagaren visa vad hen kan",
            "Titta efter några veckor på om det nya används i arbetet",
            "Jämför resultatet med målet från början",
            "Skriv en erfarenhetsrapport med det som hjälpte och det som hindrade",
            "Kontrollera att inget i rapporten pekar ut en enskild person",
            "Dela erfarenheterna i nätverket",
        ],
    },
]

AREAS = [
    (
        "Yrkeskunskap",
        "yrkeskunskap",
        "Kunskap och färdigheter i själva arbetsuppgifterna, till exempel att laga mat, "
        "städa ett rum, sköta en maskin eller prissätta varor. Det som gör att arbetet blir "
        "rätt gjort.",
    ),
    (
        "Arbetsmiljö och säkerhet",
        "arbetsmiljo-och-sakerhet",
        "Att arbeta säkert och må bra på jobbet: rätt lyft, skyddsutrustning, kemikalier, "
        "hygien och att säga till när något är riskabelt.",
    ),
    (
        "Svenska på jobbet",
        "svenska-pa-jobbet",
        "Det språk som behövs i arbetet: ord för verktyg och moment, att förstå instruktioner "
        "och att prata med kunder och kollegor. Lärs bäst i arbetet, inte bara i klassrummet.",
    ),
    (
        "Digital kompetens",
        "digital-kompetens",
        "Att använda digitala verktyg i arbetet, till exempel kassasystem, schemaappar, "
        "e-post, beställningar och mobilen som stöd för instruktioner.",
    ),
    (
        "Sociala färdigheter",
        "sociala-fardigheter",
        "Att samarbeta, passa tider, bemöta kunder, ta och ge återkoppling och lösa "
        "konflikter. Ofta det som avgör om någon får och behåller ett jobb.",
    ),
    (
        "Delaktighet och ägande",
        "delaktighet-och-agande",
        "Att vara med och påverka arbetsplatsen: delta i möten, ta ansvar för en uppgift, "
        "förstå hur företaget fungerar och vara med och fatta beslut.",
    ),
    (
        "Handledning",
        "handledning",
        "Handledarens egen kompetens: att lära ut i arbetet, anpassa efter deltagarens "
        "förutsättningar, ge återkoppling och följa upp.",
    ),
]


def seed(apps, schema_editor):
    from core.rendering import render_markdown

    Phase = apps.get_model("methods", "Phase")
    ChecklistItem = apps.get_model("methods", "ChecklistItem")
    CompetenceArea = apps.get_model("methods", "CompetenceArea")

    for data in PHASES:
        phase, _ = Phase.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "number": data["number"],
                "name": data["name"],
                "name_en": data["name_en"],
                "summary": data["summary"],
                "guide": data["guide"],
                "guide_html": render_markdown(data["guide"]),
            },
        )
        phase.checklist_items.all().delete()
        ChecklistItem.objects.bulk_create(
            ChecklistItem(phase=phase, position=i, text=text)
            for i, text in enumerate(data["checklist"], start=1)
        )

    for name, slug, description in AREAS:
        CompetenceArea.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )


def unseed(apps, schema_editor):
    Phase = apps.get_model("methods", "Phase")
    CompetenceArea = apps.get_model("methods", "CompetenceArea")
    # Checklist items go with their phase (on_delete=CASCADE). A phase that a method's steps
    # still name (on_delete=PROTECT) stays: unapplying must not fail, nor delete the handbook's
    # content, on a database that holds methods. seed() updates a kept phase in place. The
    # check happens in Python before any SQL, so the migration's transaction stays usable.
    for phase in Phase.objects.filter(slug__in=[p["slug"] for p in PHASES]):
        try:
            phase.delete()
        except ProtectedError:
            pass
    CompetenceArea.objects.filter(slug__in=[a[1] for a in AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("methods", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
