"""Demo content for Kompetenshandboken: method set B (nine methods).

Pure data, no Django imports. User-visible text is original plain Swedish.
Each dict in METHODS describes one method, including the role-by-phase
matrix in "steps" (phase slug -> role -> text).
"""

from textwrap import dedent


def _t(text: str) -> str:
    """Dedent and strip a triple-quoted block so markdown starts at column 0."""
    return dedent(text).strip()


EDITOR = "redaktor@kompetenshandboken.example"
MEMBER = "medlem@kompetenshandboken.example"
CONTACT = "Redaktionen, redaktion@kompetenshandboken.example"


METHODS = [
    # 1 ------------------------------------------------------------------
    {
        "title": "Planerade övningstillfällen i schemat",
        "slug": "planerade-ovningstillfallen",
        "summary": (
            "Ledningen och handledaren lägger in fasta tider i schemat där deltagaren "
            "övar det hen just har lärt sig. Övningen sker i det vanliga arbetet, men "
            "med avsatt tid och en handledare i närheten. Så blir det nya kunnandet en "
            "vana i stället för något som glöms bort så fort det blir stressigt."
        ),
        "easy_read": _t(
            """
            ## Öva på riktigt

            Du har lärt dig något nytt.

            Nu ska du öva på det.

            Du får fasta tider i schemat för att öva.

            **Så går det till:**

            - Du och din handledare väljer vad du ska öva.
            - Chefen ger dig tid i schemat.
            - Du övar i det vanliga jobbet.
            - Handledaren finns nära.
            - Efter passet pratar ni en kort stund.

            Det är okej att göra fel.

            Det är så man lär sig.

            Efter några veckor kan du göra det själv.
            """
        ),
        "purpose": (
            "I ett ASF är det vanligt att en deltagare lär sig något nytt men sedan "
            "aldrig får chansen att använda det, för att det är fullt upp i verksamheten. "
            "Utan övning försvinner det mesta inom några veckor. När tiden står i schemat "
            "blir övningen en del av jobbet och inte något som görs om det råkar bli tid över."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Välj en uppgift.** Handledaren och deltagaren bestämmer tillsammans vad som ska övas, till exempel att ta betalt i kassan, att köra skurmaskinen eller att prismärka inlämnade kläder. Skriv ner uppgiften med en mening.
            2. **Ledningen avsätter tid.** Den som gör schemat lägger in två till tre korta pass i veckan, 20–45 minuter, under de kommande fyra till sex veckorna. Passen läggs när det är lugnt, inte under lunchrusningen eller när en stor leverans kommer.
            3. **Märk passen tydligt.** Skriv ”Övning: kassa” i schemat, på tavlan i fikarummet eller i den digitala planeringen. Då vet kollegorna att deltagaren inte ska dras iväg till annat.
            4. **Handledaren finns nära.** Under passet gör deltagaren uppgiften själv. Handledaren står i närheten, säger så lite som möjligt och hjälper bara när det behövs.
            5. **Kort avstämning.** Efter varje pass tar ni fem minuter: Vad gick bra? Vad var svårt? Vad övar vi nästa gång?
            6. **Trappa ner.** När uppgiften sitter tar ni bort passen ur schemat, och uppgiften blir en vanlig del av arbetet.

            ## Exempel från en arbetsplats

            På ett second hand-företag hade tre deltagare fått en intern genomgång av hur man sorterar och prissätter inlämnade varor. Efter två veckor gjorde ändå samma kollega allt, eftersom det gick fortast. Verksamhetschefen lade då in ett sorteringspass på 30 minuter varje tisdag och torsdag för var och en av de tre. Efter en månad kunde alla tre sortera på egen hand, och handledaren fick tid över till annat.

            ## Vanliga misstag

            - Passen stryks så fort det blir mycket att göra. Bestäm i förväg vad som är skäl nog att flytta ett pass, och flytta det i stället för att stryka det.
            - Handledaren tar över och gör själv. Håll händerna på ryggen.
            - För många saker övas samtidigt. En uppgift i taget räcker.

            ## Anpassningar

            Korta passen till 15 minuter för den som blir trött snabbt. Lägg passen på samma dag och tid varje vecka för den som behöver förutsägbarhet. Passen kan också göras i par, två deltagare som övar samma uppgift och hjälper varandra.
            """
        ),
        "phases": ["forankring", "tillampning", "utvardering"],
        "competence_areas": ["yrkeskunskap"],
        "business_lines": [],
        "learning_form": "i-arbetet",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Deltagaren har fått en första genomgång av uppgiften. Någon i ledningen har "
            "mandat att ändra i schemat."
        ),
        "adaptation_language": (
            "Använd bilder eller en kort checklista med symboler vid arbetsplatsen. Låt "
            "deltagaren säga de viktigaste orden för uppgiften högt under passet, så övas "
            "språket samtidigt."
        ),
        "adaptation_reading": (
            "Markera övningspassen i schemat med en bild eller en färg i stället för bara "
            "text. Gå igenom veckans pass muntligt på måndagen."
        ),
        "adaptation_health": (
            "Korta pass på fasta tider fungerar bättre för den som har ont eller blir trött. "
            "Planera in en paus mitt i passet vid behov och låt deltagaren själv säga till "
            "när det räcker för dagen."
        ),
        "prep_minutes": 60,
        "delivery_minutes": 360,
        "followup_minutes": 60,
        "group_size_min": 1,
        "group_size_max": 4,
        "cost_level": "ingen",
        "internal_hours": 8,
        "materials": (
            "Schemat (papper, whiteboard eller digitalt), en kort beskrivning av uppgiften "
            "och vid behov en checklista med bilder."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga deltagaren efter andra veckan om passen känns meningsfulla och lagom "
            "långa, och ändra om de inte gör det."
        ),
        "indicator_learning": (
            "Handledaren noterar efter varje pass om deltagaren klarade uppgiften själv, "
            "med lite stöd eller med mycket stöd."
        ),
        "indicator_behaviour": (
            "Efter sex veckor: gör deltagaren uppgiften i det vanliga arbetet utan att bli påmind?"
        ),
        "indicator_results": (
            "Räkna hur många av de planerade passen som faktiskt blev av. Följ om "
            "handledaren behöver rycka in mindre i uppgiften än tidigare."
        ),
        "evidence_status": "provad-flera",
        "source": (
            "Redaktionen för Kompetenshandboken, utifrån forskning om lärandeöverföring "
            "(Baldwin & Ford 1988; Saks & Belcourt 2006) om vikten av tillfällen att "
            "använda det man lärt sig, och erfarenheter från arbetsintegrerande sociala företag."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "forankring": {
                "deltagare": "Deltagaren är med och väljer uppgift och säger vilka tider som passar.",
                "handledare": (
                    "Handledaren föreslår uppgift, antal pass och hur långa de ska vara, och "
                    "tar förslaget till den som gör schemat."
                ),
                "ledning": (
                    "Ledningen beslutar om tiden, lägger in passen i schemat och säger till "
                    "kollegorna att passen ska skyddas."
                ),
            },
            "tillampning": {
                "deltagare": "Deltagaren gör uppgiften själv under passet och säger till när något är oklart.",
                "handledare": (
                    "Handledaren finns nära, hjälper bara vid behov och håller en avstämning "
                    "på fem minuter efter passet."
                ),
                "ledning": (
                    "Ledningen ser till att passen inte stryks när det blir mycket att göra, "
                    "utan flyttas till en annan tid."
                ),
            },
            "utvardering": {
                "deltagare": "Deltagaren berättar hur det har gått och om hen kan göra uppgiften utan stöd.",
                "handledare": (
                    "Handledaren jämför hur mycket stöd som behövdes i början och i slutet "
                    "och föreslår när passen kan tas bort."
                ),
                "ledning": (
                    "Ledningen räknar hur många pass som blev av och beslutar om arbetssättet "
                    "ska användas för fler uppgifter."
                ),
            },
        },
    },
    # 2 ------------------------------------------------------------------
    {
        "title": "Uppföljningssamtal efter sex veckor",
        "slug": "uppfoljningssamtal-efter-sex-veckor",
        "summary": (
            "Ett kort samtal mellan deltagare och handledare ungefär sex veckor efter en "
            "utbildning eller en ny arbetsuppgift. Ni går igenom vad som används i arbetet, "
            "vad som är svårt och vad som behövs för att komma vidare. Samtalet tar 30–45 "
            "minuter och följer samma fyra frågor varje gång."
        ),
        "easy_read": _t(
            """
            ## Samtal efter sex veckor

            För sex veckor sedan lärde du dig något nytt.

            Nu pratar du och din handledare om det.

            Samtalet tar ungefär en halvtimme.

            **Ni pratar om:**

            - Vad gör du nu som du inte gjorde förut?
            - Vad är svårt?
            - Vad har hjälpt dig?
            - Vad vill du lära dig nu?

            Det finns inga fel svar.

            Handledaren skriver ner det ni bestämmer.

            Du får en kopia om du vill.
            """
        ),
        "purpose": (
            "Det mesta av det som lärs in på en kurs eller vid en genomgång glöms bort om "
            "ingen frågar efter det. Ett fast samtal efter sex veckor visar både deltagare "
            "och handledare vad som faktiskt har blivit en del av arbetet. Det fångar också "
            "upp hinder i tid, till exempel att verktyg saknas eller att deltagaren aldrig "
            "får göra uppgiften."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Boka samtalet direkt.** Redan när utbildningen eller den nya uppgiften börjar bokar handledaren en tid sex veckor fram. Skriv in den i kalendern för både deltagare och handledare.
            2. **Välj en lugn plats.** Ett rum där ni kan stänga dörren, eller ett bord i fikarummet när ingen annan är där. Inte mitt i arbetet.
            3. **Använd samma fyra frågor varje gång:**
                - Vad gör du nu i arbetet som du inte gjorde för sex veckor sedan?
                - Vad har varit svårt eller krångligt?
                - Vad har hjälpt dig?
                - Vad är nästa steg?
            4. **Prata om verkliga tillfällen.** Be deltagaren visa eller beskriva ett konkret tillfälle, till exempel senaste gången hen tog emot en leverans eller stängde kaféet.
            5. **Skriv ner två eller tre saker.** Vad ni kom överens om, vem som gör vad och när ni ses nästa gång. Använd korta meningar.
            6. **Lyft hinder vidare.** Om något i verksamheten stoppar deltagaren, till exempel att tid eller verktyg saknas, tar handledaren det till ledningen.

            ## Exempel från en arbetsplats

            Ett städföretag skickade fyra deltagare på en halvdagskurs om städkemikalier och dosering. Vid samtalen efter sex veckor visade det sig att två av dem fortfarande doserade ”på känn”. Orsaken var att doseringstabellen satt i förrådet och inte på städvagnen. Tabellen flyttades samma dag, och vid nästa kontroll doserade alla rätt.

            ## Vanliga misstag

            - Samtalet blir ett betyg på deltagaren. Det handlar om vad som fungerar i arbetet, inte om personen.
            - Handledaren pratar mest. Låt deltagaren börja och ställ följdfrågor.
            - Inget skrivs ner, och nästa gång minns ingen vad ni sa.
            - Samtalet skjuts upp gång på gång. Ett kort samtal i tid är bättre än ett långt som aldrig blir av.

            ## Anpassningar

            Samtalet kan hållas under en promenad, till exempel runt trädgården, för den som tycker att det är jobbigt att sitta mitt emot någon. Tolk eller en kollega som talar samma språk kan vara med om deltagaren vill det.
            """
        ),
        "phases": ["tillampning", "utvardering"],
        "competence_areas": ["yrkeskunskap", "delaktighet-och-agande"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Deltagaren har gått en utbildning eller börjat med en ny arbetsuppgift för "
            "ungefär sex veckor sedan. Det fanns ett mål för vad hen skulle kunna göra i arbetet."
        ),
        "adaptation_language": (
            "Ställ en fråga i taget med enkla ord och ge tid att svara. Erbjud tolk eller en "
            "kollega med samma språk om deltagaren vill."
        ),
        "adaptation_reading": (
            "Läs frågorna högt i stället för att lämna ett papper. Det som ni kommer överens "
            "om kan skrivas med få ord och en bild, eller spelas in som röstmeddelande."
        ),
        "adaptation_health": (
            "Håll samtalet kort och välj en tid på dagen när deltagaren brukar orka. "
            "Samtalet kan delas i två kortare träffar eller hållas gående."
        ),
        "prep_minutes": 15,
        "delivery_minutes": 45,
        "followup_minutes": 20,
        "group_size_min": 1,
        "group_size_max": 2,
        "cost_level": "ingen",
        "internal_hours": 1.5,
        "materials": (
            "En utskriven mall med de fyra frågorna, penna och kalender. Gärna ett exempel "
            "på arbetet som deltagaren kan visa."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga i slutet av samtalet om deltagaren tyckte att det var till nytta, gärna "
            "med tre ansikten att peka på."
        ),
        "indicator_learning": (
            "Notera om deltagaren själv kan beskriva vad hen har lärt sig och ge ett exempel "
            "från arbetet."
        ),
        "indicator_behaviour": (
            "Jämför det deltagaren gör i arbetet nu med målet som sattes när utbildningen "
            "eller uppgiften började."
        ),
        "indicator_results": (
            "Räkna hur många hinder som lyfts till ledningen och hur många av dem som är "
            "lösta vid nästa uppföljning."
        ),
        "evidence_status": "utvarderad",
        "source": (
            "Redaktionen för Kompetenshandboken. Bygger på forskning om lärandeöverföring "
            "som visar att uppföljning efter utbildning påverkar om den används "
            "(Broad & Newstrom 1992; Grossman & Salas 2011)."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "tillampning": {
                "deltagare": (
                    "Deltagaren använder det nya i arbetet och tänker inför samtalet ut ett "
                    "tillfälle när det gick bra och ett när det var svårt."
                ),
                "handledare": (
                    "Handledaren bokar samtalet sex veckor fram, ställer de fyra frågorna och "
                    "skriver ner vad ni kommer överens om."
                ),
                "ledning": (
                    "Ledningen ser till att det finns tid och en lugn plats för samtalet och "
                    "tar emot de hinder som handledaren lyfter."
                ),
            },
            "utvardering": {
                "deltagare": "Deltagaren säger vad som har hjälpt och vad hen vill lära sig härnäst.",
                "handledare": (
                    "Handledaren jämför med målet från början och för vidare det som "
                    "fungerade till nästa deltagare som gör samma utbildning."
                ),
                "ledning": (
                    "Ledningen samlar de vanligaste hindren från flera samtal och beslutar "
                    "vad som ska ändras i verksamheten."
                ),
            },
        },
    },
    # 3 ------------------------------------------------------------------
    {
        "title": "Dela erfarenheter i nätverket",
        "slug": "dela-erfarenheter-i-natverket",
        "summary": (
            "När ni har provat en metod skriver ni en kort erfarenhetsrapport och delar den "
            "med andra arbetsintegrerande sociala företag, i handboken och på en "
            "nätverksträff. Andra slipper börja från noll, och ni får frågor och tips som "
            "gör ert eget arbetssätt bättre."
        ),
        "easy_read": _t(
            """
            ## Dela det ni har lärt er

            Ni har provat ett nytt sätt att lära ut.

            Nu berättar ni för andra företag.

            **Så gör ni:**

            - Ni skriver ner vad ni gjorde.
            - Ni skriver vad som gick bra.
            - Ni skriver vad som var svårt.
            - Ni visar texten för andra.

            Du som deltagare kan också berätta.

            Du väljer själv om du vill vara med.

            Ingen skriver ditt namn.

            Andra lär sig av er.

            Ni lär er av dem.
            """
        ),
        "purpose": (
            "Varje ASF uppfinner ofta samma lösningar på egen hand, och det som fungerar "
            "skrivs sällan ner. En kort rapport med fast struktur gör att kunskapen finns "
            "kvar när personal slutar och att andra kan använda den. Att berätta för andra "
            "kräver också en ärlig genomgång av vad som faktiskt gav resultat."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Bestäm vad ni ska berätta om.** Välj en metod eller en insats som har pågått i minst några månader, till exempel ett nytt sätt att introducera deltagare i köket.
            2. **Samla underlag.** Handledaren tar fram anteckningar från uppföljningssamtal, antal deltagare, tiden som gick åt och vad det kostade. Fråga två eller tre deltagare vad de tyckte. Skriv inga namn och inga uppgifter om hälsa.
            3. **Skriv rapporten.** Följ de sex faserna: vad var behovet, hur förankrade ni, vad gjordes, hur följde ni upp, hur användes det i vardagen och vad blev resultatet. Skriv också vad som hjälpte och vad som hindrade. En till två sidor räcker.
            4. **Låt någon läsa.** En kollega som inte var med läser och markerar det som är oklart.
            5. **Publicera och berätta.** Lägg in rapporten i handboken under metoden. Ta med den till nästa nätverksträff eller regionala träff för sociala företag och berätta i tio minuter.
            6. **Ta emot frågor.** Anteckna frågor och tips från andra och se om något ska ändras hos er.

            ## Exempel från en arbetsplats

            En trädgårdsverksamhet hade i ett år arbetat med bildkort för att lära ut beskärning till deltagare som läser lite svenska. Verksamhetschefen och en handledare skrev en rapport på en och en halv sida. På nätverksträffen visade det sig att ett snickeri hade gjort liknande kort för sina maskiner. Företagen bytte mallar med varandra, och snickeriet gjorde nya kort med foton från den egna verkstaden.

            ## Vanliga misstag

            - Bara det som gick bra kommer med. Det som inte fungerade är ofta det mest användbara för andra.
            - Rapporten blir för lång. Ingen läser tio sidor.
            - Deltagare beskrivs så att de går att känna igen. Beskriv grupper, inte personer.

            ## Anpassningar

            Den som inte tycker om att skriva kan spela in en kort berättelse med mobilen som någon annan skriver ut. Deltagare som vill kan berätta själva på träffen eller i en kort film. Det ska alltid vara frivilligt, och samtycket ska vara tydligt.
            """
        ),
        "phases": ["efterarbete", "utvardering"],
        "competence_areas": ["handledning", "delaktighet-och-agande"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["ledning", "handledare", "deltagare"],
        "prerequisites": (
            "Ni har provat metoden i minst några månader och har anteckningar från "
            "uppföljningen. Ledningen har gett klartecken till att dela."
        ),
        "adaptation_language": (
            "Skriv rapporten med korta meningar och vanliga ord. Deltagare med annat "
            "modersmål kan berätta muntligt, på svenska eller med tolk."
        ),
        "adaptation_reading": (
            "Använd mallen i handboken så att rapporten får samma rubriker varje gång. "
            "Lägg gärna till foton av arbetsmaterial, aldrig av personer utan samtycke."
        ),
        "adaptation_health": (
            "Skrivandet kan delas upp i korta stunder under några veckor. Ingen ska behöva "
            "tala inför en grupp om det känns för tungt."
        ),
        "prep_minutes": 120,
        "delivery_minutes": 120,
        "followup_minutes": 60,
        "group_size_min": 2,
        "group_size_max": 20,
        "cost_level": "lag",
        "internal_hours": 6,
        "materials": (
            "Anteckningar från insatsen, mallen för erfarenhetsrapport i handboken, dator "
            "eller mobil. Resa till nätverksträffen."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga dem som lyssnade på nätverksträffen om rapporten var begriplig och till nytta."
        ),
        "indicator_learning": (
            "Anteckna vilka nya frågor och tips ni fick, och vad ni själva insåg när ni skrev."
        ),
        "indicator_behaviour": (
            "Följ upp efter ett halvår om ni har ändrat något i ert arbetssätt efter "
            "återkopplingen."
        ),
        "indicator_results": (
            "Räkna hur många andra företag som har läst, kommenterat eller provat metoden "
            "efter er rapport."
        ),
        "evidence_status": "provad",
        "source": (
            "Redaktionen för Kompetenshandboken, utifrån fas 6 i handbokens processmodell "
            "och erfarenheter från regionala nätverk för sociala företag."
        ),
        "licence": "cc-by-sa-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "efterarbete": {
                "deltagare": (
                    "Deltagaren berättar, om hen vill, vad som hjälpte och vad som var svårt, "
                    "och får veta hur det kommer att användas."
                ),
                "handledare": (
                    "Handledaren samlar anteckningar, siffror och deltagarnas synpunkter och "
                    "skriver ett första utkast efter de sex faserna."
                ),
                "ledning": (
                    "Ledningen avsätter tid för att skriva, läser utkastet och kontrollerar "
                    "att ingen enskild person går att känna igen."
                ),
            },
            "utvardering": {
                "deltagare": (
                    "Deltagaren kan vara med och berätta på nätverksträffen eller i en kort "
                    "film, helt frivilligt."
                ),
                "handledare": (
                    "Handledaren lägger in rapporten i handboken, svarar på frågor och tar "
                    "med tips tillbaka till arbetsplatsen."
                ),
                "ledning": (
                    "Ledningen presenterar på nätverksträffen, håller kontakten med andra "
                    "företag och beslutar om ändringar utifrån återkopplingen."
                ),
            },
        },
    },
    # 4 ------------------------------------------------------------------
    {
        "title": "Säkerhetsrunda med riskjakt",
        "slug": "sakerhetsrunda",
        "summary": (
            "Deltagare och handledare går runt på arbetsplatsen med en enkel checklista och "
            "letar risker: lösa sladdar, trasiga verktyg, tunga lyft, saknad skyddsutrustning. "
            "Varje fynd fotas och åtgärdas direkt eller lämnas vidare. Deltagarna lär sig "
            "att själva se risker, och arbetsmiljön blir bättre."
        ),
        "easy_read": _t(
            """
            ## Leta risker på jobbet

            En risk är något som kan göra dig illa.

            Det kan vara en sladd på golvet.

            Eller en trasig stege.

            **Så gör ni:**

            - Ni går runt i en liten grupp.
            - Ni letar efter risker.
            - Ni tar en bild på det ni hittar.
            - Ni bestämmer vem som fixar det.

            Säg till om något känns farligt.

            Det är bra att säga till.

            Nästa vecka tittar ni igen.

            Då ser ni om det är fixat.
            """
        ),
        "purpose": (
            "I verksamheter med maskiner, verktyg, stegar och tunga lyft är risken för "
            "olyckor verklig, och nya deltagare ser inte alltid farorna. Att själv leta "
            "risker lär ut mer än att läsa regler. Rundan är också ett enkelt sätt att göra "
            "en del av det systematiska arbetsmiljöarbetet tillsammans med dem som gör jobbet."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Gör en checklista.** Högst tio punkter, gärna med bilder: golv och gångar, stegar, verktyg och maskiner, el och sladdar, kemikalier, skyddsutrustning, lyft, nödutgångar, första hjälpen och brandsläckare.
            2. **Gå i små grupper.** Två till fyra deltagare och en handledare. Varje grupp tar en del av arbetsplatsen: verkstaden, förrådet, lastkajen eller trädgårdsytorna.
            3. **Leta och fota.** Deltagarna letar, handledaren frågar: Vad kan hända här? Hur illa kan det bli? Varje fynd fotograferas med mobilen.
            4. **Sortera fynden.** Tillbaka i fikarummet går ni igenom bilderna och sorterar dem i tre högar: fixa nu, fixa denna vecka, ta till chefen.
            5. **Åtgärda direkt det som går.** Plocka undan sladden, märk den trasiga stegen med ”får ej användas”, fyll på första hjälpen-lådan.
            6. **Följ upp.** Veckan efter går ni samma runda och bockar av. Gör rundan en gång i månaden, gärna med en deltagare som leder.

            ## Exempel från en arbetsplats

            På ett fastighetsskötselföretag gick två grupper en runda i förrådet och på gården. De hittade en vinkelslip utan skydd, en trappstege med en spricka och en dunk med lösningsmedel utan etikett. Stegen kasserades samma dag och dunken fick rätt märkning. En deltagare som tidigare arbetat på bygge föreslog en fast plats för varje maskin, och det blev en ny rutin.

            ## Vanliga misstag

            - Rundan blir en föreläsning där handledaren pekar och förklarar. Låt deltagarna leta först.
            - Fynden hamnar i en pärm och inget händer. Bestäm alltid vem som gör vad och när.
            - Någon känner sig utpekad för en risk. Prata om platsen, inte om personen.

            ## Anpassningar

            Rundan kan göras kortare och i flera omgångar för den som har svårt att gå eller stå länge. Bildkort med en symbol för varje risk hjälper den som läser lite svenska. I trädgård och annat utomhusarbete kan ni göra rundan vid olika årstider, eftersom riskerna skiftar med halka, värme och mörker. Bjud gärna in skyddsombudet.
            """
        ),
        "phases": ["behov-och-mal", "genomforande", "tillampning"],
        "competence_areas": ["arbetsmiljo-och-sakerhet", "delaktighet-och-agande"],
        "business_lines": ["fastighetsskotsel", "snickeri", "tradgard", "lager-och-logistik"],
        "learning_form": "i-arbetet",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Det finns ett skyddsombud eller en arbetsmiljöansvarig som får se fynden. "
            "Deltagarna har fått en första introduktion på arbetsplatsen."
        ),
        "adaptation_language": (
            "Använd en checklista med symboler och foton från er egen arbetsplats. Lär ut "
            "några nyckelord, som ”risk”, ”trasig” och ”farligt”, och låt deltagarna säga dem högt."
        ),
        "adaptation_reading": (
            "Checklistan kan vara helt i bild. Fynden dokumenteras med foton i stället för text."
        ),
        "adaptation_health": (
            "Dela upp rundan i kortare delar och erbjud sittplats vid genomgången. Den som "
            "inte kan gå hela rundan kan ansvara för att sortera bilderna."
        ),
        "prep_minutes": 30,
        "delivery_minutes": 60,
        "followup_minutes": 30,
        "group_size_min": 2,
        "group_size_max": 8,
        "cost_level": "ingen",
        "internal_hours": 3,
        "materials": (
            "Checklista med bilder, mobil med kamera, tejp och skyltar för att spärra "
            "trasig utrustning, whiteboard eller blädderblock för fynden."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga efter rundan om deltagarna tyckte att den var lärorik och om de vågade "
            "säga till om risker."
        ),
        "indicator_learning": (
            "Visa några bilder från arbetsplatsen och be deltagarna peka ut risken och säga "
            "vad man gör åt den."
        ),
        "indicator_behaviour": (
            "Följ om deltagarna självmant säger till om risker i det vanliga arbetet under "
            "de närmaste veckorna."
        ),
        "indicator_results": (
            "Räkna åtgärdade fynd per runda och följ antalet tillbud och olyckor under ett år."
        ),
        "evidence_status": "provad-flera",
        "source": (
            "Redaktionen för Kompetenshandboken. Bygger på skyddsronden i det systematiska "
            "arbetsmiljöarbetet, anpassad så att deltagarna själva letar risker."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "behov-och-mal": {
                "deltagare": (
                    "Deltagaren berättar var på arbetsplatsen det känns osäkert eller krångligt."
                ),
                "handledare": (
                    "Handledaren gör checklistan, väljer vilka delar av arbetsplatsen rundan "
                    "ska täcka och sätter ett mål, till exempel att alla kan peka ut tre "
                    "vanliga risker."
                ),
                "ledning": (
                    "Ledningen och skyddsombudet säger vilka risker som är viktigast och "
                    "lovar att ta hand om fynd som kostar pengar."
                ),
            },
            "genomforande": {
                "deltagare": "Deltagaren letar risker, fotar dem och föreslår vad som kan göras.",
                "handledare": (
                    "Handledaren frågar i stället för att förklara, hjälper till att sortera "
                    "fynden och ser till att det som är akut åtgärdas direkt."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Deltagaren säger till om risker i det dagliga arbetet och leder gärna en "
                    "del av nästa runda."
                ),
                "handledare": (
                    "Handledaren går samma runda veckan efter, bockar av åtgärder och ger "
                    "beröm när någon säger till om en risk."
                ),
                "ledning": (
                    "Ledningen åtgärdar det som kräver inköp eller beslut och berättar för "
                    "gruppen vad som har gjorts."
                ),
            },
        },
    },
    # 5 ------------------------------------------------------------------
    {
        "title": "Mobilen som arbetsverktyg",
        "slug": "mobilen-som-arbetsverktyg",
        "summary": (
            "En kort kurs där deltagarna lär sig använda mobilen i arbetet: se schemat, fota "
            "och anmäla fel, skicka meddelanden och översätta ord. Kursdagen hålls på "
            "arbetsplatsen av en utbildare från studieförbundet eller vuxenutbildningen. "
            "Sedan övar deltagarna med handledaren i det vanliga arbetet."
        ),
        "easy_read": _t(
            """
            ## Mobilen på jobbet

            Mobilen kan hjälpa dig på jobbet.

            Du går en kurs i en dag.

            En lärare kommer till er.

            **Du lär dig att:**

            - se ditt schema i mobilen
            - ta en bild när något är trasigt
            - skicka ett kort meddelande
            - få hjälp med svåra ord

            Sen övar du på jobbet.

            Din handledare hjälper dig.

            Du får fråga hur många gånger du vill.

            Du behöver ingen ny mobil.

            Du kan låna en om du inte har.
            """
        ),
        "purpose": (
            "Allt fler arbetsplatser använder appar för schema, tidrapport, felanmälan och "
            "beställningar, och den som saknar digital vana hamnar utanför både i arbetet "
            "och på arbetsmarknaden. Många deltagare har en mobil men använder den bara "
            "privat. En kurs som bygger på riktiga arbetsuppgifter, följd av övning på "
            "jobbet, gör mobilen till ett verktyg i stället för ett hinder."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Ta reda på behovet.** Handledaren frågar varje deltagare vad hen redan gör med mobilen och listar de appar och uppgifter som finns i ert arbete: schemaapp, tidrapport, felanmälan, gruppchatt, kamera och översättning.
            2. **Beställ kursen.** Ledningen kontaktar studieförbundet eller kommunens vuxenutbildning och beställer en kursdag på plats hos er. Skicka med listan så att utbildaren kan bygga kursen på era egna uppgifter. Be om små grupper, högst åtta personer.
            3. **Kursdagen.** Utbildaren går igenom en sak i taget: skärmlås och säkerhet, kamera och att skicka en bild, schemaappen, översättning med kamera och tal. Varje moment övas direkt på deltagarnas egna mobiler. Handledaren är med hela dagen och lär sig samma sak.
            4. **Öva i arbetet.** Under de följande fyra veckorna får varje deltagare en eller två riktiga uppgifter i veckan som görs med mobilen, till exempel att fota och felanmäla en trasig lampa eller att själv kolla nästa veckas schema.
            5. **Stäm av.** Efter fyra veckor går handledaren igenom med varje deltagare: Vad kan du nu? Vad är fortfarande svårt? Den som behöver får fortsatt stöd.

            ## Exempel från en arbetsplats

            Ett lagerföretag införde en app för att kvittera leveranser. Sex deltagare gick en kursdag med en utbildare från det lokala studieförbundet, som hade fått se appen i förväg. Under veckorna efter kvitterade varje deltagare en leverans om dagen med handledaren bredvid. Efter en månad kvitterade fem av sex helt själva, och den sjätte fick fortsatt stöd med inloggningen.

            ## Vanliga misstag

            - Kursen handlar om mobiler i allmänhet och inte om era egna appar. Skicka underlag till utbildaren i god tid.
            - Deltagarna övar aldrig efteråt, och allt är glömt efter två veckor.
            - Någon saknar fungerande mobil eller mobildata. Ha en lånemobil och wifi på plats.
            - Handledaren är inte med på kursen och kan därför inte stötta efteråt.

            ## Anpassningar

            Ställ in större text och rätt språk på mobilerna under kursens första timme. Lägg in en paus varje halvtimme. Utbildaren kan visa på en storskärm så att alla ser samma sak samtidigt.
            """
        ),
        "phases": ["behov-och-mal", "genomforande", "tillampning"],
        "competence_areas": ["digital-kompetens", "svenska-pa-jobbet"],
        "business_lines": [],
        "learning_form": "kurs",
        "target_roles": ["deltagare", "handledare", "ledning", "extern-utbildare"],
        "prerequisites": (
            "Deltagarna har tillgång till en smart mobil, egen eller lånad. Ni vet vilka "
            "appar och digitala rutiner som används i arbetet."
        ),
        "adaptation_language": (
            "Be utbildaren tala långsamt, visa varje steg och använda samma ord som på "
            "arbetsplatsen. Mobilens språk kan ställas in på deltagarens modersmål, och "
            "sedan övar ni de svenska orden för knapparna."
        ),
        "adaptation_reading": (
            "Gör en instruktion med skärmbilder för varje uppgift. Visa hur mobilen kan "
            "läsa upp text högt."
        ),
        "adaptation_health": (
            "Dela kursdagen i två halvdagar om en hel dag blir för tung. Pausa varje "
            "halvtimme och se till att det går att gå undan en stund."
        ),
        "prep_minutes": 120,
        "delivery_minutes": 360,
        "followup_minutes": 120,
        "group_size_min": 3,
        "group_size_max": 8,
        "cost_level": "medel",
        "internal_hours": 14,
        "materials": (
            "Deltagarnas egna mobiler, en eller två lånemobiler, wifi, laddare och "
            "förlängningssladd, storskärm eller projektor, en lista över de appar ni "
            "använder i arbetet."
        ),
        "needs_external_trainer": True,
        "external_trainer_phase": "genomforande",
        "indicator_reaction": (
            "Låt deltagarna i slutet av kursdagen visa med tummen upp, åt sidan eller ned "
            "hur dagen var, och fråga vad som var svårast."
        ),
        "indicator_learning": (
            "Varje deltagare visar handledaren att hen klarar tre utvalda uppgifter på mobilen."
        ),
        "indicator_behaviour": (
            "Efter fyra veckor: gör deltagaren arbetsuppgifterna med mobilen själv, utan att "
            "någon annan tar över?"
        ),
        "indicator_results": (
            "Följ om missade pass, felaktiga tidrapporter och fel som aldrig anmäls blir "
            "färre under de följande månaderna."
        ),
        "evidence_status": "provad",
        "source": (
            "Redaktionen för Kompetenshandboken, utifrån erfarenheter av samarbete mellan "
            "sociala företag och studieförbund om digital grundkompetens."
        ),
        "licence": "cc-by-sa-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "behov-och-mal": {
                "deltagare": "Deltagaren berättar vad hen redan gör med mobilen och vad som känns svårt.",
                "handledare": (
                    "Handledaren listar de digitala uppgifterna i arbetet och vilka deltagare "
                    "som behöver kunna dem."
                ),
                "ledning": (
                    "Ledningen bestämmer mål, budget och datum och beställer kursdagen från "
                    "studieförbundet eller vuxenutbildningen."
                ),
                "extern-utbildare": (
                    "Utbildaren får listan över appar och uppgifter och anpassar kursen efter "
                    "arbetsplatsen."
                ),
            },
            "genomforande": {
                "deltagare": "Deltagaren övar varje moment på sin egen eller en lånad mobil under kursdagen.",
                "handledare": (
                    "Handledaren är med hela dagen, lär sig samma sak och antecknar vem som "
                    "behöver mer stöd."
                ),
                "ledning": (
                    "Ledningen ordnar lokal, wifi och lånemobiler och ser till att deltagarna "
                    "slipper andra uppgifter under dagen."
                ),
                "extern-utbildare": (
                    "Utbildaren leder kursdagen, visar ett steg i taget och låter alla öva "
                    "direkt med exempel från arbetsplatsen."
                ),
            },
            "tillampning": {
                "deltagare": "Deltagaren gör en eller två riktiga arbetsuppgifter i veckan med mobilen.",
                "handledare": (
                    "Handledaren ger uppgifterna, finns nära de första gångerna och håller en "
                    "avstämning efter fyra veckor."
                ),
                "ledning": (
                    "Ledningen följer om de digitala rutinerna fungerar och ordnar fortsatt "
                    "stöd för den som behöver."
                ),
            },
        },
    },
    # 6 ------------------------------------------------------------------
    {
        "title": "Handledarträffar",
        "slug": "handledartraffar",
        "summary": (
            "Handledare från en eller flera arbetsplatser träffas en gång i månaden i 90 "
            "minuter för kollegial handledning. En handledare tar upp ett verkligt läge från "
            "sitt arbete, och gruppen hjälper till att hitta nya sätt att handleda. "
            "Handledarna blir tryggare i sin roll och lär av varandra."
        ),
        "easy_read": _t(
            """
            ## Handledare träffas

            En handledare hjälper deltagare på jobbet.

            Det kan vara svårt ibland.

            Därför ses de en gång i månaden.

            **På träffen:**

            - En av dem berättar om något svårt.
            - De andra lyssnar och frågar.
            - Alla ger tips.
            - Ingen säger vem det gäller.

            Det är bra för dig som deltagare.

            Din handledare får nya idéer.

            Du kan berätta för din handledare vad som hjälper dig.
            """
        ),
        "purpose": (
            "Handledaren är den viktigaste personen för att det man lär sig ska bli en del "
            "av arbetet. Men handledare i ASF står ofta ensamma med svåra lägen och har "
            "sällan egen utbildning i handledning. Regelbundna träffar med andra handledare "
            "ger stöd, minskar risken att slitas ut och sprider arbetssätt som fungerar."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Bestäm formen.** Ledningen beslutar att träffarna ingår i arbetstiden. Sex till tio träffar per år, 90 minuter, samma veckodag. Gruppen är fyra till åtta handledare, gärna från flera företag i samma nätverk.
            2. **Utse en samtalsledare.** Det kan vara en erfaren handledare eller någon från ett annat företag. Rollen kan gå runt.
            3. **Följ samma modell varje gång:**
                - *Incheckning, 10 minuter:* var och en säger kort hur läget är.
                - *Berättelse, 10 minuter:* en handledare beskriver ett verkligt läge, till exempel en deltagare som ofta kommer sent, eller en kollega som tar över uppgifter i stället för att låta deltagaren öva.
                - *Frågor, 15 minuter:* de andra ställer bara frågor, inga råd än.
                - *Idéer, 25 minuter:* gruppen ger förslag. Berättaren lyssnar och antecknar.
                - *Val, 10 minuter:* berättaren säger vad hen ska prova.
                - *Uppföljning, 20 minuter:* förra gångens berättare säger hur det gick.
            4. **Tystnadsplikt i gruppen.** Inga namn och inga uppgifter som gör att en deltagare kan kännas igen. Det som sägs stannar i rummet.

            ## Exempel från en arbetsplats

            Tre sociala företag i samma kommun, ett kafé, en second hand-butik och en snickeriverkstad, delar en handledargrupp. En handledare på kaféet berättade att hon alltid tog över kassan när det blev kö. Gruppen föreslog en enkel regel: när kön är längre än fyra personer öppnar en andra kassa, i stället för att deltagaren byts ut. Vid nästa träff kunde hon berätta att deltagarna nu stod kvar i kassan även under rusningen.

            ## Vanliga misstag

            - Träffen blir ett personalmöte om scheman och inköp. Håll den till handledning.
            - Alla ger råd innan berättelsen är klar. Håll fast vid frågedelen.
            - Träffarna ställs in när det är mycket att göra, och gruppen rinner ut i sanden.

            ## Anpassningar

            Träffarna kan hållas digitalt när avstånden är långa, men minst två per år bör vara på plats. Nya handledare kan börja med att lyssna ett par gånger innan de berättar själva.
            """
        ),
        "phases": ["efterarbete", "tillampning", "utvardering"],
        "competence_areas": ["handledning"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["handledare", "ledning"],
        "prerequisites": (
            "Minst fyra handledare som kan träffas regelbundet. Ledningen har beslutat att "
            "träffarna ingår i arbetstiden."
        ),
        "adaptation_language": (
            "Samtalsledaren sammanfattar med enkla ord efter varje del. Den som har ett "
            "annat modersmål kan förbereda sin berättelse i förväg, skriftligt eller med en kollega."
        ),
        "adaptation_reading": (
            "Modellen för träffen finns som en bild med en klocka och de sex delarna. Inga "
            "texter behöver läsas i förväg."
        ),
        "adaptation_health": (
            "Håll fasta tider och en lugn miljö. Den som är trött eller har mycket just nu "
            "kan välja att bara lyssna den gången."
        ),
        "prep_minutes": 120,
        "delivery_minutes": 720,
        "followup_minutes": 120,
        "group_size_min": 4,
        "group_size_max": 8,
        "cost_level": "lag",
        "internal_hours": 16,
        "materials": (
            "Ett rum där man kan stänga dörren, fika, en utskrift av modellen för träffen "
            "och anteckningsblock. För digitala träffar: videomöte och hörlurar."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": "Avsluta varje träff med en runda: Vad tar du med dig i dag?",
        "indicator_learning": (
            "Be handledarna efter ett halvår beskriva ett nytt sätt att handleda som de har "
            "lärt sig i gruppen."
        ),
        "indicator_behaviour": (
            "Räkna i uppföljningsdelen hur många av de valda idéerna som faktiskt har "
            "provats i arbetet."
        ),
        "indicator_results": (
            "Följ under ett år om handledarna stannar kvar längre och om fler deltagare "
            "når sina mål i arbetsträningen."
        ),
        "evidence_status": "utvarderad",
        "source": (
            "Redaktionen för Kompetenshandboken. Modellen bygger på kollegial handledning "
            "i grupp, som används och har studerats inom bland annat skola, vård och "
            "socialt arbete."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "efterarbete": {
                "deltagare": (
                    "Deltagaren berättar för sin handledare vad som hjälper och vad som inte "
                    "gör det, så att handledaren har något konkret att ta upp."
                ),
                "handledare": (
                    "Handledaren förbereder en kort berättelse om ett verkligt läge och tar "
                    "upp det i gruppen utan namn."
                ),
                "ledning": "Ledningen avsätter tid i schemat och ordnar lokal och fika.",
            },
            "tillampning": {
                "deltagare": (
                    "Deltagaren märker att handledaren provar nya sätt och säger till om de "
                    "fungerar."
                ),
                "handledare": (
                    "Handledaren provar den idé hen valde på träffen och antecknar vad som händer."
                ),
                "ledning": (
                    "Ledningen ger handledaren utrymme att pröva nya arbetssätt, även när det "
                    "tar lite mer tid i början."
                ),
            },
            "utvardering": {
                "deltagare": (
                    "Deltagaren svarar två gånger per år på några enkla frågor om stödet från "
                    "handledaren."
                ),
                "handledare": (
                    "Handledaren berättar vid nästa träff hur det gick, och gruppen "
                    "sammanfattar vilka arbetssätt som fungerar."
                ),
                "ledning": (
                    "Ledningen går igenom gruppens sammanfattning varje halvår och beslutar om "
                    "det behövs utbildning eller andra förändringar."
                ),
            },
        },
    },
    # 7 ------------------------------------------------------------------
    {
        "title": "Studiebesök hos ett annat ASF",
        "slug": "studiebesok-hos-annat-asf",
        "summary": (
            "En grupp från ert företag, både ledning och deltagare, besöker ett annat "
            "arbetsintegrerande socialt företag som har löst något ni själva kämpar med. "
            "Ni förbereder frågor, ser arbetet på plats och bestämmer efteråt vad ni ska "
            "prova hemma. Besöket ger idéer, kontakter och en gemensam bild av vad ni vill ändra."
        ),
        "easy_read": _t(
            """
            ## Besök ett annat företag

            Ni åker till ett annat socialt företag.

            De gör ett jobb som liknar ert.

            Ni vill se hur de gör.

            **Före besöket:** Ni skriver ner era frågor.

            **Under besöket:**

            - Ni tittar på jobbet.
            - Ni pratar med dem som jobbar där.
            - Du får fråga det du vill.

            **Efter besöket:** Ni pratar om vad ni såg.

            Ni väljer en sak att prova hos er.
            """
        ),
        "purpose": (
            "Många ASF har redan löst problem som andra kämpar med, men lösningarna syns "
            "sällan utanför den egna verksamheten. Att se ett arbetssätt i verkligheten "
            "övertygar mer än att läsa om det. När deltagare är med på besöket blir de med "
            "och formar förändringen, i stället för att bara få den beslutad åt sig."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Börja med behovet.** Ledning, handledare och några deltagare sätter ord på vad ni vill bli bättre på, till exempel att ta emot nya deltagare, att få fler att ta eget ansvar i kassan eller att minska svinnet i köket.
            2. **Hitta rätt företag.** Sök i handboken efter företag som har provat metoder för just detta och som är öppna för studiebesök. Fråga också i ert regionala nätverk.
            3. **Förbered frågor.** Skriv tre till fem frågor tillsammans. Bestäm vem som frågar vad och vem som antecknar. Kom överens om att inte fota värdföretagets deltagare utan lov.
            4. **Besöket.** Två till fyra timmar räcker. Be att få se arbetet när det pågår, inte bara en presentation i ett konferensrum. Låt era deltagare prata med värdföretagets deltagare, och ledningen med ledningen.
            5. **Samtal på hemvägen.** Vad såg vi? Vad förvånade oss? Vad skulle fungera hos oss?
            6. **Välj en sak att prova.** Inom en vecka bestämmer ni en konkret förändring, vem som ansvarar och när ni följer upp.
            7. **Tacka och återkoppla.** Skicka ett tack och berätta efter några månader vad ni har provat. Bjud gärna in dem på ett besök tillbaka.

            ## Exempel från en arbetsplats

            Ett cateringföretag hade svårt att få deltagarna att ta ansvar för beställningarna. Verksamhetschefen, en handledare och två deltagare besökte ett kafé i grannkommunen där deltagarna själva skötte beställningslistan med en bildtavla. Det var deltagarna från cateringföretaget som ställde flest frågor. Veckan efter byggde de en egen tavla, och två månader senare skötte deltagarna beställningarna varannan vecka.

            ## Vanliga misstag

            - Bara chefen åker. Då kommer idéerna hem utan dem som ska göra jobbet.
            - Inga frågor är förberedda, och besöket blir trevligt men ger inget.
            - Ni försöker kopiera allt. Välj en sak.

            ## Anpassningar

            Planera resan i lugn takt, med pauser och tydlig information om tider och mat. Den som inte kan följa med kan skicka med egna frågor och få en berättelse med bilder efteråt.
            """
        ),
        "phases": ["behov-och-mal", "utvardering"],
        "competence_areas": ["delaktighet-och-agande", "yrkeskunskap"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["ledning", "deltagare", "handledare"],
        "prerequisites": (
            "Ni har ett tydligt behov eller en fråga som ni vill ha svar på. Värdföretaget "
            "har sagt ja och vet vad ni vill se."
        ),
        "adaptation_language": (
            "Förbered frågorna tillsammans så att alla kan ställa sin fråga. Fråga "
            "värdföretaget om någon där talar samma språk som era deltagare."
        ),
        "adaptation_reading": (
            "Skicka ut program och tider med bilder och klockslag. Anteckna med foton eller "
            "röstmemo i stället för text."
        ),
        "adaptation_health": (
            "Planera in pauser, sittplatser och tid för mat. Kontrollera tillgängligheten i "
            "lokalerna före besöket och erbjud en kortare version vid behov."
        ),
        "prep_minutes": 120,
        "delivery_minutes": 240,
        "followup_minutes": 90,
        "group_size_min": 2,
        "group_size_max": 8,
        "cost_level": "medel",
        "internal_hours": 20,
        "materials": (
            "Frågelista, anteckningsblock eller mobil, resa med bil, minibuss eller "
            "kollektivtrafik, och gärna fika eller en liten gåva till värdföretaget."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga alla på hemvägen vad som var mest intressant och om besöket var värt tiden."
        ),
        "indicator_learning": (
            "Be var och en i gruppen nämna en sak de såg som skulle kunna fungera hos er."
        ),
        "indicator_behaviour": (
            "Följ upp efter två månader om den förändring ni valde faktiskt görs i arbetet."
        ),
        "indicator_results": (
            "Mät det ni ville förbättra, till exempel svinn eller hur många deltagare som "
            "sköter en uppgift själva, före besöket och ett halvår efter."
        ),
        "evidence_status": "provad",
        "source": (
            "Redaktionen för Kompetenshandboken, utifrån erfarenheter av studiebesök mellan "
            "sociala företag i regionala nätverk."
        ),
        "licence": "cc-by-sa-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "behov-och-mal": {
                "deltagare": (
                    "Deltagaren är med och beskriver vad som krånglar i arbetet och vad hen "
                    "vill se hos värdföretaget."
                ),
                "handledare": (
                    "Handledaren samlar gruppens frågor och hjälper deltagarna att formulera dem."
                ),
                "ledning": (
                    "Ledningen väljer vilket behov besöket ska svara på, kontaktar "
                    "värdföretaget och beslutar om tid och kostnad."
                ),
            },
            "utvardering": {
                "deltagare": "Deltagaren berättar vad hen såg och föreslår vad som kan provas hemma.",
                "handledare": (
                    "Handledaren leder samtalet efter besöket och skriver ner vad ni ska "
                    "prova och vem som ansvarar."
                ),
                "ledning": (
                    "Ledningen beslutar om förändringen, följer upp efter några månader och "
                    "berättar för värdföretaget hur det gick."
                ),
            },
        },
    },
    # 8 ------------------------------------------------------------------
    {
        "title": "Stegvis ökat ansvar i arbetsträningen",
        "slug": "stegvis-okat-ansvar",
        "summary": (
            "Deltagaren får ansvar i små, planerade steg: från att göra en uppgift med "
            "handledaren bredvid, till att göra den själv, till att lära ut den till en ny "
            "kollega. Varje steg har ett tydligt mål och en tid för avstämning. "
            "Arbetsträningen blir förutsägbar, och deltagaren ser själv hur hen växer."
        ),
        "easy_read": _t(
            """
            ## Mer ansvar steg för steg

            I arbetsträningen lär du dig nya saker.

            Du får mer ansvar lite i taget.

            **Stegen:**

            1. Du tittar när handledaren gör.
            2. Ni gör det tillsammans.
            3. Du gör det själv. Handledaren är nära.
            4. Du gör det helt själv.
            5. Du visar en ny kollega.

            Du och din handledare väljer när du tar nästa steg.

            Du får gå tillbaka ett steg om det behövs.

            Det är helt okej.
            """
        ),
        "purpose": (
            "I arbetsträningen är det lätt att fastna: antingen får deltagaren samma enkla "
            "uppgifter i månader, eller så får hen för mycket ansvar för snabbt. En tydlig "
            "trappa visar vad nästa steg är och när det är dags. Den stärker självförtroendet, "
            "ger deltagare och handledare ett gemensamt språk och gör det lättare att "
            "beskriva kunnandet för en framtida arbetsgivare."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Välj ett arbetsområde.** Till exempel att öppna kaféet, att sköta gräsklippningen på ett område, att ta emot och packa upp en leverans eller att kapa virke efter ritning.
            2. **Rita trappan.** Handledaren och deltagaren skriver tillsammans upp fem steg för området:
                - Steg 1: tittar och frågar.
                - Steg 2: gör tillsammans med handledaren.
                - Steg 3: gör själv med handledaren nära.
                - Steg 4: gör själv och säger till vid problem.
                - Steg 5: visar och lär ut till en ny deltagare.
            3. **Sätt ett mål för varje steg.** Beskriv hur det ser ut när steget sitter, till exempel ”öppnar kaféet enligt checklistan tre dagar i rad utan påminnelse”.
            4. **Sätt upp trappan.** Lägg den i pärmen för arbetsträningen, eller på väggen om deltagaren vill. Markera var deltagaren står just nu.
            5. **Stäm av varannan vecka.** Tio minuter räcker: Är det dags för nästa steg, eller behövs mer tid?
            6. **Använd trappan efteråt.** När arbetsträningen är slut kan trappan bli en del av intyget eller referensen.

            ## Exempel från en arbetsplats

            I en snickeriverkstad använde handledarna trappan för arbetet vid kapsågen. En deltagare som i början mest hade sopat i verkstaden gick på tre månader från steg 1 till steg 4. När en ny deltagare började var det hen som visade hur man ställer in anslaget. Handledaren märkte att båda lärde sig mer av det än av hennes egen genomgång.

            ## Vanliga misstag

            - Trappan blir ett betygssystem som jämför deltagare. Varje trappa är personlig.
            - Steg hoppas över för att det behövs folk. Säkerheten går först, särskilt vid maskiner.
            - Ingen vågar gå tillbaka ett steg. Säg tidigt att det är normalt i all arbetsträning.

            ## Anpassningar

            Stegen kan vara fler och mindre för den som behöver. Den som har dagar med olika ork kan ha ett steg för bra dagar och ett för tunga dagar i samma trappa. Arbetsträningen kan också delas upp i flera områden, med en trappa för varje.
            """
        ),
        "phases": ["behov-och-mal", "genomforande", "tillampning"],
        "competence_areas": ["delaktighet-och-agande", "yrkeskunskap"],
        "business_lines": [],
        "learning_form": "i-arbetet",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Deltagaren har en planerad arbetsträning med en utsedd handledare. Det finns "
            "uppgifter där ansvaret kan öka steg för steg."
        ),
        "adaptation_language": (
            "Skriv stegen med få ord och ett foto för varje. Öva de viktiga orden muntligt, "
            "till exempel ”själv” och ”tillsammans”."
        ),
        "adaptation_reading": (
            "Trappan kan vara helt i bild, med deltagarens egna foton från arbetet. "
            "Avstämningarna görs muntligt."
        ),
        "adaptation_health": (
            "Deltagaren och handledaren bestämmer tempot tillsammans. Det går att stanna på "
            "ett steg länge eller gå tillbaka en period utan att det ses som ett misslyckande."
        ),
        "prep_minutes": 60,
        "delivery_minutes": 600,
        "followup_minutes": 120,
        "group_size_min": 1,
        "group_size_max": 3,
        "cost_level": "ingen",
        "internal_hours": 12,
        "materials": (
            "Ett papper eller en mall med trappan, gärna med foton av arbetsmomenten. Pärmen "
            "för arbetsträningen och checklistor för de uppgifter som ingår."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga vid avstämningen om deltagaren tycker att takten är lagom och att stegen "
            "är begripliga."
        ),
        "indicator_learning": ("Handledaren skriver upp datum när varje steg når sitt mål."),
        "indicator_behaviour": (
            "Följ om deltagaren gör uppgiften själv även när handledaren inte är på plats, "
            "till exempel under semestern."
        ),
        "indicator_results": (
            "Följ hur många deltagare som når steg 4 eller 5 under arbetsträningen och om "
            "trappan används i intyg och referenser till arbetsgivare."
        ),
        "evidence_status": "provad-flera",
        "source": (
            "Redaktionen för Kompetenshandboken, utifrån idén om gradvis överlämnat ansvar "
            "i lärande på arbetsplatsen och erfarenheter av arbetsträning i sociala företag."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "behov-och-mal": {
                "deltagare": (
                    "Deltagaren väljer tillsammans med handledaren vilket arbetsområde "
                    "trappan ska gälla och säger vad hen vill klara."
                ),
                "handledare": (
                    "Handledaren skriver trappan med fem steg och ett tydligt mål för varje steg."
                ),
                "ledning": (
                    "Ledningen ser till att arbetsträningen innehåller uppgifter med riktigt "
                    "ansvar och godkänner vilka uppgifter som kräver särskild säkerhet."
                ),
            },
            "genomforande": {
                "deltagare": (
                    "Deltagaren arbetar på sitt steg och säger till när hen tror att det är "
                    "dags att gå vidare."
                ),
                "handledare": (
                    "Handledaren visar, gör tillsammans med deltagaren och backar sedan "
                    "undan i takt med stegen."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Deltagaren tar ansvar för uppgiften i det vanliga arbetet och lär ut den "
                    "till nya deltagare på steg 5."
                ),
                "handledare": (
                    "Handledaren stämmer av varannan vecka, flyttar markeringen på trappan "
                    "och skriver in framstegen i planen för arbetsträningen."
                ),
                "ledning": (
                    "Ledningen använder trapporna i intyg och i samtal med Arbetsförmedlingen "
                    "eller kommunen, och planerar in nya deltagare så att steg 5 blir möjligt."
                ),
            },
        },
    },
    # 9 ------------------------------------------------------------------
    {
        "title": "Deltagarledd arbetsplatsträff",
        "slug": "deltagarledd-arbetsplatstraff",
        "summary": (
            "En gång i månaden leds arbetsplatsträffen av två deltagare i stället för av "
            "chefen. Deltagarna väljer punkter, håller ordningen och ser till att alla kommer "
            "till tals. Det ger övning i att tala inför en grupp, ta ansvar och samarbeta, "
            "och arbetsplatsen får höra vad deltagarna tycker."
        ),
        "easy_read": _t(
            """
            ## Du leder mötet

            På jobbet har ni möten.

            Oftast leder chefen mötet.

            Nu leder två deltagare mötet.

            **Så gör ni:**

            - Ni väljer vad ni ska prata om.
            - Ni skriver en lista.
            - Ni ser till att alla får prata.
            - Ni håller tiden.

            Din handledare hjälper dig före mötet.

            Du behöver inte kunna allt.

            Efter mötet pratar ni om hur det gick.

            Du väljer själv om du vill leda.
            """
        ),
        "purpose": (
            "Deltagare i ASF får sällan öva på att ta plats, leda och fatta beslut "
            "tillsammans med andra, trots att det efterfrågas på hela arbetsmarknaden. När "
            "deltagare leder arbetsplatsträffen syns de som medarbetare och får öva sociala "
            "färdigheter i en trygg ram. Verksamheten får också fler idéer från dem som gör jobbet."
        ),
        "body": _t(
            """
            ## Så går det till

            1. **Bestäm ramen.** Ledningen beslutar vilka frågor som tas upp och vilka beslut deltagarna kan fatta själva, till exempel om städschemat för fikarummet, musiken i butiken eller vilka varor som ska skyltas.
            2. **Välj två mötesledare.** Två deltagare leder tillsammans, gärna en som har gjort det förut och en som är ny. Rollen går runt så att alla som vill får prova.
            3. **Förbered med handledaren.** Ungefär en vecka före sätter sig mötesledarna med handledaren i 30 minuter. De samlar punkter från kollegorna, gör en enkel dagordning och bestämmer vem som säger vad.
            4. **Håll träffen.** Träffen tar 30–45 minuter. Mötesledarna hälsar välkomna, går igenom punkterna och gör en runda där alla får säga något. Chefen och handledaren deltar som alla andra och svarar på frågor.
            5. **Skriv ner besluten.** En av mötesledarna, eller en kollega, skriver besluten på en tavla eller ett papper som sätts upp.
            6. **Prata efteråt.** Samma dag tar handledaren och mötesledarna tio minuter: Vad gick bra? Vad var svårt? Vad vill ni göra annorlunda nästa gång?

            ## Exempel från en arbetsplats

            På ett företag med sömnad och klädreparationer ledde två deltagare sin första arbetsplatsträff. De hade bara tre punkter, men rundan gjorde att flera som aldrig brukade säga något tog upp att ljuset vid symaskinerna var dåligt. Ledningen köpte in arbetslampor månaden efter. Nu leds varannan träff av deltagare.

            ## Vanliga misstag

            - Chefen tar över så fort det blir tyst. Vänta ut tystnaden.
            - Deltagarna får bara ”leka möte”, och inga beslut tas på riktigt. Ge dem verkliga frågor.
            - Någon tvingas leda. Det ska vara frivilligt.

            ## Anpassningar

            Dagordningen kan göras med bilder. Den som inte vill tala inför gruppen kan börja med att skriva ner besluten eller hålla tiden. Mötesledarna kan öva på inledningen tillsammans med handledaren dagen före.
            """
        ),
        "phases": ["forankring", "genomforande", "efterarbete"],
        "competence_areas": ["delaktighet-och-agande", "sociala-fardigheter", "svenska-pa-jobbet"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Arbetsplatsen har redan regelbundna arbetsplatsträffar. Ledningen är beredd att "
            "låta deltagarna fatta vissa beslut på riktigt."
        ),
        "adaptation_language": (
            "Mötesledarna övar några fraser i förväg, som ”Nästa punkt är …” och ”Vill någon "
            "säga något mer?”. Det går bra att säga en punkt på flera språk om gruppen behöver det."
        ),
        "adaptation_reading": (
            "Dagordningen görs med en bild eller symbol för varje punkt. Besluten kan "
            "fotograferas från tavlan i stället för att skrivas rent."
        ),
        "adaptation_health": (
            "Håll träffen kort och lägg in en paus om den blir längre än 45 minuter. Den som "
            "blir stressad av att leda kan ha en mindre roll, som att hålla tiden."
        ),
        "prep_minutes": 30,
        "delivery_minutes": 45,
        "followup_minutes": 15,
        "group_size_min": 4,
        "group_size_max": 20,
        "cost_level": "ingen",
        "internal_hours": 2,
        "materials": (
            "Blädderblock eller whiteboard, en enkel mall för dagordning, gärna med bilder, "
            "och en klocka eller timer."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga mötesledarna efteråt hur det kändes och vad de vill göra annorlunda nästa gång."
        ),
        "indicator_learning": (
            "Handledaren antecknar om mötesledarna klarar fler delar själva för varje gång, "
            "till exempel att göra dagordningen utan stöd."
        ),
        "indicator_behaviour": (
            "Följ om fler deltagare tar ordet på träffarna och i det dagliga arbetet."
        ),
        "indicator_results": (
            "Räkna hur många förslag från deltagarna som blir beslut och genomförs."
        ),
        "evidence_status": "provad",
        "source": (
            "Inskickad av en medlem utifrån egen erfarenhet i ett arbetsintegrerande socialt "
            "företag. Ej granskad av redaktionen än."
        ),
        "licence": "cc-by-sa-4.0",
        "contact": CONTACT,
        "company": None,
        "author": MEMBER,
        "status": "draft",
        "steps": {
            "forankring": {
                "deltagare": (
                    "Deltagaren säger om hen vill vara mötesledare och vilken roll som känns lagom."
                ),
                "handledare": (
                    "Handledaren förklarar upplägget för gruppen och hjälper mötesledarna att "
                    "samla punkter och göra dagordningen."
                ),
                "ledning": (
                    "Ledningen beslutar vilka frågor deltagarna får besluta om och lovar att "
                    "inte ta över mötet."
                ),
            },
            "genomforande": {
                "deltagare": (
                    "Mötesledarna leder träffen, håller tiden och ser till att alla får säga "
                    "något. Övriga deltagare tar upp sina frågor."
                ),
                "handledare": (
                    "Handledaren deltar som vanlig medarbetare och hjälper bara till om "
                    "mötesledarna ber om det."
                ),
                "ledning": (
                    "Ledningen svarar på frågor och tar med sig det som kräver beslut på "
                    "högre nivå."
                ),
            },
            "efterarbete": {
                "deltagare": (
                    "Mötesledarna berättar vad som gick bra och vad de vill ändra, och sätter "
                    "upp besluten."
                ),
                "handledare": (
                    "Handledaren håller ett kort samtal direkt efter träffen och ger konkret "
                    "återkoppling, först på det som gick bra."
                ),
                "ledning": (
                    "Ledningen berättar på nästa träff vad som har hänt med förslagen som togs upp."
                ),
            },
        },
    },
]
