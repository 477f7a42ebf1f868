"""Demo handbook content, part A: nine methods written for the demo and seed data.

Pure data (no Django imports). All user-visible text is original plain Swedish. The seed
command (methods/management/commands/seed_demo.py) turns each dict into a Method with its
phases, competence areas, business lines, target roles and role-by-phase steps.
"""

from __future__ import annotations

import re
from textwrap import dedent


def _text(value: str) -> str:
    """Strip the indentation that triple-quoted strings get inside the dicts below.

    Line breaks are kept: the easy-read texts put one idea on each line.
    """
    return dedent(value).strip()


_BLOCK_START = re.compile(r"^\s*(#|- |\d+\. )")


def _md(value: str) -> str:
    """Like _text, but join soft-wrapped lines into one line per paragraph or list item.

    The markdown pipeline uses nl2br, so a wrapped source line would become a <br>.
    """
    lines: list[str] = []
    for line in _text(value).splitlines():
        joinable = lines and lines[-1].strip() and not lines[-1].lstrip().startswith("#")
        if line.strip() and joinable and not _BLOCK_START.match(line):
            lines[-1] = lines[-1] + " " + line.strip()
        else:
            lines.append(line)
    return "\n".join(lines)


EDITOR = "redaktor@kompetenshandboken.example"
MEMBER = "medlem@kompetenshandboken.example"
CONTACT = "Redaktionen, redaktion@kompetenshandboken.example"

METHODS: list[dict] = [
    # 1 ------------------------------------------------------------------------------------
    {
        "title": "Visa – gör – öva: demonstration och övning i arbetet",
        "slug": "visa-gor-ova",
        "summary": (
            "Handledaren visar en arbetsuppgift steg för steg, deltagaren gör den med stöd och "
            "övar sedan själv tills den sitter. Metoden passar alla uppgifter som går att dela "
            "upp i steg, från att packa en städvagn till att rengöra en kaffemaskin. Den ger "
            "trygghet, färre fel och en tydlig bild av vad deltagaren redan klarar."
        ),
        "easy_read": _text(
            """
            Du lär dig en uppgift i tre steg.

            - **Visa.** Handledaren gör uppgiften. Du tittar.
            - **Gör.** Du gör den. Handledaren står bredvid.
            - **Öva.** Du gör den själv. Många gånger.

            Det är okej att göra fel.
            Fel är ett sätt att lära sig.
            Fråga när du inte förstår.
            Be att få se en gång till.

            Efter passet pratar ni en kort stund.
            Vad gick bra?
            Vad vill du öva mer på?

            Snart kan du göra det själv.
            Då kan du visa det för en ny kollega.
            """
        ),
        "purpose": (
            "Många deltagare i arbetsträning har tråkiga minnen från skolan och lär sig bäst "
            "genom att se och göra, inte genom att läsa. Visa – gör – öva knyter lärandet direkt "
            "till de uppgifter som ska göras varje dag. Handledaren får samtidigt ett enkelt "
            "sätt att se vad som sitter och vad som behöver övas mer."
        ),
        "body": _md(
            """
            ## Så går det till

            1. **Välj en uppgift och dela upp den.** Skriv ner 4–8 steg, till exempel hur man
               startar diskmaskinen eller moppar ett trapphus. Tänk efter vad som brukar vara
               svårt och vad som kan gå fel.
            2. **Visa i lugnt tempo.** Gör uppgiften på riktigt, på den riktiga platsen och med
               de riktiga verktygen. Säg vad du gör och varför: ”Jag tar så här lite medel,
               annars blir golvet halt.”
            3. **Visa igen, steg för steg.** Stanna efter varje steg. Låt deltagaren peka,
               fråga och säga stegen med egna ord.
            4. **Deltagaren gör, du står bredvid.** Ge stöd direkt, men ta inte över. Säg vad
               som blev rätt, inte bara vad som blev fel.
            5. **Deltagaren övar själv.** Planera in flera tillfällen samma vecka. Gå ifrån en
               stund och kom tillbaka.
            6. **Kort återkoppling.** Några minuter efter passet: vad gick bra, vad är nästa
               steg?

            ## Exempel från en arbetsplats

            I en second hand-butik skulle tre nya deltagare lära sig att prismärka kläder.
            Handledaren visade först hela flödet vid sorteringsbordet: titta efter fläckar och
            hål, välj prisgrupp, fäst lappen och häng plagget på rätt ställning. Sedan märkte
            deltagarna ett plagg var medan handledaren tittade på. Under veckan märkte de en
            back var om dagen. På fredagen klarade alla tre det själva, och en av dem visade
            nästa nya deltagare hur det gick till.

            ## Vanliga misstag

            - Att visa för fort eller för mycket på en gång. Dela upp långa uppgifter i flera
              pass.
            - Att visa en gång och tro att allt sitter. Det är övningen som ger resultat.
            - Att ta över när deltagaren tvekar. Vänta, fråga och ge en ledtråd i stället.
            - Att glömma att planera in övning. Utan övning de närmaste dagarna glöms det
              mesta bort.

            ## Anpassningar

            Använd få ord och visa med händerna. Ta gärna en bild på varje steg med
            arbetsplatsens mobil, så har deltagaren något att titta på nästa gång. Den som
            orkar kortare pass kan öva ett eller två steg åt gången. Fråga deltagaren om hen
            vill öva ifred en stund först eller helst har någon bredvid sig från början.
            """
        ),
        "phases": ["genomforande", "efterarbete", "tillampning"],
        "competence_areas": ["yrkeskunskap", "handledning"],
        "business_lines": [],
        "learning_form": "i-arbetet",
        "target_roles": ["deltagare", "handledare"],
        "prerequisites": (
            "Handledaren kan själv uppgiften väl och har tid att vara med under passet. "
            "Verktyg och material finns på plats."
        ),
        "adaptation_language": (
            "Visa mer och prata mindre. Använd samma ord för samma sak varje gång och låt "
            "deltagaren säga ordet efter dig, gärna också på sitt eget språk."
        ),
        "adaptation_reading": (
            "Metoden kräver ingen läsning. Bilder på varje steg, tagna på arbetsplatsen, kan "
            "ersätta en skriftlig instruktion."
        ),
        "adaptation_health": (
            "Dela upp uppgiften i kortare pass med pauser emellan. Anpassa arbetsställning och "
            "tempo, och låt deltagaren själv säga till när det är dags för paus."
        ),
        "prep_minutes": 30,
        "delivery_minutes": 90,
        "followup_minutes": 30,
        "group_size_min": 1,
        "group_size_max": 3,
        "cost_level": "ingen",
        "internal_hours": 2.5,
        "materials": (
            "De verktyg och det material som uppgiften kräver. Papper och penna för stegen. "
            "Gärna en mobil eller surfplatta för bilder."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga direkt efter passet: kändes tempot lagom, och vågade du fråga? Använd gärna "
            "tre bilder: glad, mittemellan, ledsen."
        ),
        "indicator_learning": (
            "Deltagaren gör uppgiften själv medan handledaren tittar på och bockar av stegen "
            "på listan."
        ),
        "indicator_behaviour": (
            "Efter två veckor: gör deltagaren uppgiften utan påminnelse och på rätt sätt i det "
            "vanliga arbetet?"
        ),
        "indicator_results": (
            "Färre fel och omtag i uppgiften, till exempel färre reklamationer eller mindre "
            "svinn, och att handledaren frigör tid när deltagaren klarar sig själv."
        ),
        "evidence_status": "utvarderad",
        "source": (
            "Utvecklad av redaktionen utifrån forskning om beteendemodellering och lärande i "
            "arbetet (bland annat Taylor m.fl. 2005) och erfarenheter från flera "
            "arbetsintegrerande sociala företag."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "genomforande": {
                "deltagare": (
                    "Tittar, frågar och säger stegen med egna ord. Gör sedan uppgiften med "
                    "handledaren bredvid."
                ),
                "handledare": (
                    "Visar uppgiften två gånger, lugnt och steg för steg, och låter sedan "
                    "deltagaren göra. Ger stöd utan att ta över."
                ),
            },
            "efterarbete": {
                "deltagare": "Berättar vad som gick bra och vilket steg som var svårast.",
                "handledare": (
                    "Ger kort återkoppling med minst en sak som blev rätt. Skriver upp vilket "
                    "steg som ska övas mer."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Gör uppgiften själv flera gånger under de närmaste veckorna och säger till "
                    "när något känns osäkert."
                ),
                "handledare": (
                    "Lägger in uppgiften i schemat flera dagar i rad och tittar till i början. "
                    "Efter två veckor kontrollerar hen att stegen sitter."
                ),
            },
        },
    },
    # 2 ------------------------------------------------------------------------------------
    {
        "title": "Behovssamtal kring arbetsuppgiften",
        "slug": "behovssamtal-kring-arbetsuppgiften",
        "summary": (
            "Ett kort samtal mellan deltagare och handledare, helst vid själva arbetsuppgiften, "
            "om vad deltagaren vill och behöver lära sig. Samtalet slutar i ett eller två mål "
            "som beskriver vad deltagaren ska kunna göra i arbetet, inte vilken kurs hen ska gå."
        ),
        "easy_read": _text(
            """
            Du och din handledare pratar en stund.
            Ni står gärna vid jobbet ni pratar om.

            Ni pratar om tre saker:

            - Vad kan du redan?
            - Vad vill du lära dig?
            - Vad är svårt i dag?

            Sedan väljer ni ett mål.
            Målet är något du ska kunna göra på jobbet.
            Till exempel: ”Jag kan öppna kaféet själv.”

            Ni skriver ner målet.
            Ni bestämmer en dag då ni ses igen.
            Då tittar ni på hur det går.

            Det är ditt mål.
            Du får säga vad du tycker.
            """
        ),
        "purpose": (
            "Lärande som inte hänger ihop med en verklig arbetsuppgift glöms snabbt bort. I ett "
            "arbetsintegrerande socialt företag finns sällan tid eller pengar för insatser som "
            "inte ger något i vardagen. Behovssamtalet ser till att deltagaren är med och väljer, "
            "och att målet går att se i det dagliga arbetet."
        ),
        "body": _md(
            """
            ## Så går det till

            1. **Välj plats.** Ha samtalet vid arbetsuppgiften om det går: vid kassan, i
               snickeriet eller vid städvagnen. Det är lättare att prata om något man ser.
            2. **Börja med det som fungerar.** Fråga vad deltagaren redan kan och vad hen
               tycker om att göra. Det ger trygghet och visar var man kan bygga vidare.
            3. **Hitta behovet.** Använd enkla frågor:
                - Vilken uppgift vill du kunna göra själv om tre månader?
                - Vad är svårt i dag? När händer det?
                - Vad skulle göra jobbet lättare för dig?
            4. **Formulera målet som något man gör.** Skriv ”Jag kan …” och en uppgift som går
               att se. Till exempel: ”Jag kan köra gräsklipparen och göra dagskontrollen
               själv.” Undvik mål som ”bli bättre på svenska” eller ”bli mer självständig”.
            5. **Bestäm hur målet ska märkas.** Vad ser handledaren när målet är nått? Vem
               märker skillnad, till exempel kunder eller kollegor?
            6. **Boka nästa samtal.** Skriv datum, gärna om fyra till sex veckor.

            Hela samtalet tar 30–45 minuter. Skriv ner målet på en halv sida, inte mer.

            ## Exempel från en arbetsplats

            På ett snickeri berättade en deltagare att han ville ”jobba med maskinerna”.
            Handledaren gick med honom till bandsågen och frågade vad som kändes svårt. Det
            visade sig att han var osäker på att mäta och märka upp virke. Målet blev: ”Jag kan
            mäta, märka och kapa virke efter ritning till en pallkrage.” Efter fem veckor
            kapade han själv material till en hel order.

            ## Vanliga misstag

            - Handledaren bestämmer målet och deltagaren skriver bara under.
            - Målet blir för stort. Ett mål som tar mer än tre månader bör delas upp.
            - Samtalet blir en utredning av deltagarens hela liv. Håll fokus på arbetet.
            - Ingen följer upp. Utan ett bokat datum blir målet ett papper i en pärm.

            ## Anpassningar

            Ta hjälp av tolk eller en kollega som talar deltagarens språk om det behövs. Bilder
            på arbetsuppgifter kan hjälpa deltagaren att peka ut vad hen vill lära sig. Den som
            blir trött av långa samtal kan ta det i två korta omgångar.
            """
        ),
        "phases": ["behov-och-mal", "forankring", "utvardering"],
        "competence_areas": ["delaktighet-och-agande", "handledning"],
        "business_lines": [],
        "learning_form": "i-arbetet",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Handledaren känner deltagaren något och känner till arbetsuppgifterna. En lugn "
            "stund utan stress i verksamheten."
        ),
        "adaptation_language": (
            "Använd tolk eller en kollega som talar deltagarens språk vid behov. Skriv målet med "
            "korta ord som deltagaren själv känner igen från arbetet."
        ),
        "adaptation_reading": (
            "Målet kan skrivas med en bild på uppgiften bredvid. Läs upp det som skrivs och låt "
            "deltagaren ta en bild av det med mobilen."
        ),
        "adaptation_health": (
            "Dela upp samtalet i två korta träffar om det behövs. Deltagaren bestämmer själv vad "
            "hen vill berätta; samtalet handlar om arbetet, inte om diagnoser."
        ),
        "prep_minutes": 20,
        "delivery_minutes": 45,
        "followup_minutes": 15,
        "group_size_min": 1,
        "group_size_max": 1,
        "cost_level": "ingen",
        "internal_hours": 1.5,
        "materials": (
            "Ett enkelt mallblad med rubrikerna ”Det här kan jag”, ”Det här vill jag lära mig”, "
            "”Mitt mål” och ”Nästa samtal”. Penna. Gärna bilder på arbetsuppgifterna."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga i slutet: känns målet som ditt eget? Om svaret är nej, formulera om det "
            "tillsammans."
        ),
        "indicator_learning": (
            "Deltagaren kan med egna ord berätta vad målet är och vad första steget blir."
        ),
        "indicator_behaviour": (
            "Vid uppföljningen efter fyra till sex veckor: gör deltagaren uppgiften i målet, "
            "och hur mycket stöd behövs?"
        ),
        "indicator_results": (
            "Andel mål som nås inom planerad tid, och om deltagaren kan ta över uppgifter som "
            "förut krävde en handledare."
        ),
        "evidence_status": "provad-flera",
        "source": (
            "Utvecklad av redaktionen utifrån forskning om överföring av lärande (Baldwin & Ford "
            "1988; Broad & Newstrom 1992) och erfarenheter av målsamtal i arbetsträning."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "behov-och-mal": {
                "deltagare": (
                    "Berättar vad hen kan, vad som är svårt och vad hen vill lära sig. "
                    "Formulerar målet tillsammans med handledaren."
                ),
                "handledare": (
                    "Leder samtalet vid arbetsuppgiften, lyssnar mer än pratar och hjälper till "
                    "att skriva målet som något som syns i arbetet."
                ),
            },
            "forankring": {
                "deltagare": "Godkänner målet och får en egen kopia eller bild av det.",
                "handledare": (
                    "Planerar in tid för övning i schemat och berättar för kollegorna vad "
                    "deltagaren ska öva på."
                ),
                "ledning": (
                    "Ser till att målet ryms i planeringen och att handledaren har tid för "
                    "uppföljningen."
                ),
            },
            "utvardering": {
                "deltagare": "Berättar hur det har gått och om målet behöver ändras.",
                "handledare": (
                    "Jämför med målet, noterar vad som är nått och sätter ett nytt mål eller "
                    "justerar det gamla."
                ),
                "ledning": (
                    "Tittar en gång per halvår på hur många mål som nås och vad som behövs för "
                    "att fler ska nås."
                ),
            },
        },
    },
    # 3 ------------------------------------------------------------------------------------
    {
        "title": "Trepartssamtal före insatsen",
        "slug": "trepartssamtal",
        "summary": (
            "Deltagare, handledare och någon från ledningen träffas innan en kurs eller större "
            "lärandeinsats. De kommer överens om syftet, vilka anpassningar som behövs och när "
            "deltagaren ska få använda det nya i arbetet. Det ökar chansen att insatsen leder "
            "till förändring i vardagen."
        ),
        "easy_read": _text(
            """
            Snart ska du lära dig något nytt.
            Kanske ska du gå en kurs.

            Innan dess har ni ett möte.
            Tre personer är med:

            - du
            - din handledare
            - en chef

            Ni pratar om varför du ska lära dig det.
            Ni pratar om vad du behöver för att det ska gå bra.
            Ni bestämmer när du får öva på jobbet.

            Allt skrivs ner på ett papper.
            Alla får en kopia.

            Du får säga vad du tycker.
            Du får ta med någon som stöd.
            """
        ),
        "purpose": (
            "Forskning om överföring av lärande visar att stöd från chef och handledare före en "
            "insats är en av de viktigaste faktorerna för att det nya ska användas i arbetet. "
            "I ett litet företag blir det lätt så att deltagaren kommer tillbaka från en kurs "
            "och ingen har planerat in tid att öva. Trepartssamtalet gör ansvaret tydligt för "
            "alla tre."
        ),
        "body": _md(
            """
            ## Så går det till

            Samtalet tar 45–60 minuter och hålls en till två veckor före insatsen. Handledaren
            bjuder in och skickar en kort dagordning.

            1. **Varför?** Vilket behov i arbetet ska insatsen lösa? Knyt an till deltagarens
               mål från behovssamtalet, om det finns ett.
            2. **Vad ska märkas efteråt?** Beskriv vad deltagaren ska kunna göra i arbetet, till
               exempel ”sköta inleveranser av pall på egen hand”.
            3. **Vad behövs för att det ska gå bra?** Språkstöd, bilder, pauser, resa till
               kursen, arbetskläder.
            4. **När övar deltagaren?** Bestäm konkreta dagar och uppgifter de första två
               veckorna efter insatsen. Detta är den viktigaste punkten.
            5. **Vem gör vad?** Skriv ner vad var och en lovar.
            6. **När följer vi upp?** Boka ett datum för ett kort uppföljningssamtal.

            Skriv en överenskommelse på en sida. Alla får en kopia, och deltagaren får den i den
            form som passar bäst, till exempel som bild i mobilen.

            ## Exempel från en arbetsplats

            Ett lagerföretag skulle skicka två deltagare på truckutbildning. I trepartssamtalet
            lovade verksamhetschefen att de skulle få köra truck minst en timme om dagen de
            första två veckorna, med en erfaren truckförare i närheten. Deltagarna bad om att
            få ta med sig bilder på lagrets egna truckar till kursen. Handledaren lovade att gå
            igenom lagrets säkerhetsregler dagen efter kursen. Vid uppföljningen körde båda
            självständigt på lagret.

            ## Vanliga misstag

            - Ledningen skickar någon annan eller hoppar över mötet. Då blir det svårt att
              lova tid och resurser.
            - Samtalet blir ett förhör av deltagaren. Det är ett samtal mellan tre parter som
              alla har ansvar.
            - Inga datum sätts för övning. ”Vi får se när det passar” blir sällan av.

            ## Anpassningar

            Deltagaren får ta med en stödperson som hen själv väljer. Boka tolk i god tid om det
            behövs. Använd bilder och korta ord i överenskommelsen. Håll mötet kort och ta en
            paus om det drar ut på tiden.
            """
        ),
        "phases": ["behov-och-mal", "forankring", "tillampning"],
        "competence_areas": ["delaktighet-och-agande", "handledning"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Det finns en planerad kurs eller annan lärandeinsats. Någon från ledningen som kan "
            "fatta beslut om schema och tid kan vara med."
        ),
        "adaptation_language": (
            "Boka tolk i god tid vid behov. Sammanfatta varje punkt med en kort mening innan ni "
            "går vidare, och kontrollera att deltagaren har förstått."
        ),
        "adaptation_reading": (
            "Skicka inte långa texter i förväg. Gör överenskommelsen kort, med bilder eller "
            "symboler för datum och uppgifter, och läs upp den innan ni avslutar."
        ),
        "adaptation_health": (
            "Välj en tid på dagen som passar deltagaren och en lugn lokal. Planera för en paus, "
            "och låt deltagaren ta med en stödperson om hen vill."
        ),
        "prep_minutes": 30,
        "delivery_minutes": 60,
        "followup_minutes": 20,
        "group_size_min": 3,
        "group_size_max": 4,
        "cost_level": "ingen",
        "internal_hours": 3,
        "materials": (
            "En kort dagordning och en mall för överenskommelsen på en sida. Kalender för att "
            "boka övningstillfällen och uppföljning."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga alla tre efter mötet: vet du vad du har lovat, och känns det rimligt?"
        ),
        "indicator_learning": (
            "Deltagaren kan säga varför hen går insatsen och när hen ska få öva efteråt."
        ),
        "indicator_behaviour": (
            "Vid uppföljningen: blev övningstillfällena av som det var bestämt, och använder "
            "deltagaren det nya i arbetet?"
        ),
        "indicator_results": (
            "Jämför hur många kursinsatser som leder till nya arbetsuppgifter med och utan "
            "trepartssamtal, till exempel under ett år."
        ),
        "evidence_status": "provad-flera",
        "source": (
            "Utvecklad av redaktionen utifrån forskning om chefens och handledarens stöd före och "
            "efter utbildning (Broad & Newstrom 1992; Saks & Belcourt 2006)."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "behov-och-mal": {
                "deltagare": (
                    "Funderar i förväg på vad hen vill få ut av insatsen och vad som kan vara "
                    "svårt."
                ),
                "handledare": (
                    "Tar fram målet från behovssamtalet och kopplar insatsen till en verklig "
                    "arbetsuppgift."
                ),
                "ledning": (
                    "Bekräftar att insatsen behövs i verksamheten och att det finns tid och pengar."
                ),
            },
            "forankring": {
                "deltagare": (
                    "Är med i samtalet, berättar vilka anpassningar hen behöver och godkänner "
                    "överenskommelsen."
                ),
                "handledare": (
                    "Bjuder in, leder samtalet och skriver överenskommelsen på en sida med "
                    "konkreta datum för övning."
                ),
                "ledning": (
                    "Deltar själv och lovar tid i schemat för övning efter insatsen. Fattar "
                    "beslut om kostnader och resor."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Använder det nya på de bestämda övningstillfällena och säger till om något "
                    "inte blir av."
                ),
                "handledare": (
                    "Ser till att övningstillfällena blir av och håller ett kort "
                    "uppföljningssamtal efter två till fyra veckor."
                ),
                "ledning": (
                    "Frågar handledaren hur det går och tar bort hinder, till exempel krockar i "
                    "schemat."
                ),
            },
        },
    },
    # 4 ------------------------------------------------------------------------------------
    {
        "title": "Bildstödda arbetsinstruktioner",
        "slug": "bildstodda-instruktioner",
        "summary": (
            "Korta instruktioner med ett foto för varje steg och några få ord under, som sitter "
            "där arbetet görs. Deltagarna är med och tar bilderna. Instruktionerna gör det "
            "lättare att minnas arbetsmoment, lära sig nya ord på svenska och klara uppgiften "
            "utan att fråga varje gång."
        ),
        "easy_read": _text(
            """
            En bildinstruktion visar ett jobb steg för steg.
            Varje steg har en bild.
            Under bilden står några ord.

            Instruktionen sitter där du jobbar.
            Till exempel vid diskmaskinen.
            Eller på städvagnen.

            Du kan titta när du inte minns.
            Du lär dig också nya ord på svenska.

            Du kan vara med och göra den:

            - Ta bilder på varje steg.
            - Välj ord som är lätta.
            - Testa att den fungerar.

            Säg till om något är fel.
            Då gör vi en ny.
            """
        ),
        "purpose": (
            "Många deltagare läser svenska med svårighet eller har svårt att komma ihåg långa "
            "muntliga instruktioner. Skriftliga rutiner i pärmar används sällan. En bild vid "
            "arbetsplatsen stöttar minnet när handledaren inte är i närheten, och deltagaren "
            "blir mer självständig."
        ),
        "body": _md(
            """
            ## Så går det till

            1. **Välj en uppgift.** Börja med något som görs ofta och där fel märks, till
               exempel rengöring av kaffemaskinen eller hur städvagnen packas.
            2. **Gör uppgiften och fotografera.** En deltagare utför uppgiften medan en annan tar
               bilder med arbetsplatsens mobil. Ta en bild per steg, rakt framifrån och med
               tydlig bakgrund. Fotografera händer och verktyg, inte ansikten.
            3. **Skriv korta texter.** Högst sex ord per bild. Börja med verbet: ”Töm
               sumpbehållaren”, ”Spola munstycket 10 sekunder”. Använd de ord som faktiskt sägs
               på arbetsplatsen.
            4. **Lägg upp på en sida.** 4–8 steg räcker. Numrera stegen. Använd symboler för
               sådant som är farligt, till exempel handskar eller varm yta.
            5. **Testa.** Låt någon som inte har gjort uppgiften förut följa instruktionen
               medan ni tittar på. Ändra där hen fastnar.
            6. **Sätt upp och underhåll.** Laminera och sätt upp där arbetet görs. Skriv datum
               längst ner och gå igenom instruktionerna en gång per halvår.

            ## Exempel från en arbetsplats

            Ett städföretag hade ofta problem med att fel medel hamnade på fel yta. Tre
            deltagare gjorde en bildinstruktion för varje städvagn: vilken flaska till vilken
            yta, med färgkoder som matchade etiketterna. En deltagare som talade arabiska
            skrev ordet på sitt språk under det svenska, efter önskemål från kollegorna.
            Felen minskade tydligt under de följande månaderna, och deltagarna använde de
            svenska orden allt oftare när de pratade med varandra.

            ## Vanliga misstag

            - För mycket text. Om bilden inte förklarar steget behövs en bättre bild, inte fler
              ord.
            - Bilder tagna uppifrån eller i dåligt ljus. Testa att skriva ut innan ni sätter upp.
            - Instruktionen blir gammal när en maskin eller rutin byts ut. Utse någon som
              ansvarar.
            - Handledaren gör allt själv. Då går lärandet för deltagarna förlorat.

            ## Anpassningar

            Lägg gärna till deltagarnas egna språk under den svenska texten. En QR-kod till en
            kort film kan hjälpa den som behöver se rörelsen. För den som har svårt att se små
            detaljer, gör bilderna stora och använd tydliga kontraster.
            """
        ),
        "phases": ["genomforande", "tillampning", "utvardering"],
        "competence_areas": ["svenska-pa-jobbet", "yrkeskunskap"],
        "business_lines": [],
        "learning_form": "i-arbetet",
        "target_roles": ["deltagare", "handledare"],
        "prerequisites": (
            "En mobil eller surfplatta som tillhör arbetsplatsen och en skrivare. Någon som kan "
            "uppgiften och rutinen väl."
        ),
        "adaptation_language": (
            "Skriv korta svenska ord som används på arbetsplatsen, gärna med deltagarnas egna "
            "språk under. Låt deltagarna säga orden högt när de övar."
        ),
        "adaptation_reading": (
            "Bilderna bär instruktionen; texten är ett stöd. Håll texten till högst sex ord per "
            "steg och använd symboler för risker."
        ),
        "adaptation_health": (
            "Arbetet med att ta fram instruktionen kan delas upp i korta pass. Placera "
            "instruktionen i ögonhöjd så att den går att läsa utan att böja sig."
        ),
        "prep_minutes": 180,
        "delivery_minutes": 60,
        "followup_minutes": 60,
        "group_size_min": 2,
        "group_size_max": 5,
        "cost_level": "lag",
        "internal_hours": 6,
        "materials": (
            "Mobil eller surfplatta med kamera, dator med ett enkelt ordbehandlingsprogram, "
            "skrivare, laminator eller plastfickor, häftmassa eller kardborreband."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga deltagarna om instruktionen är lätt att förstå och om de använder den. Be dem "
            "peka på det steg som är otydligast."
        ),
        "indicator_learning": (
            "En ny deltagare kan göra uppgiften med hjälp av instruktionen, utan muntlig "
            "förklaring."
        ),
        "indicator_behaviour": (
            "Efter en månad: tittar deltagarna på instruktionen vid behov, och görs uppgiften "
            "likadant av alla?"
        ),
        "indicator_results": (
            "Färre fel i uppgiften, till exempel felaktig dosering eller missade moment, och "
            "mindre tid för handledaren att förklara samma sak flera gånger."
        ),
        "evidence_status": "provad-flera",
        "source": (
            "Utvecklad av redaktionen utifrån erfarenheter av bildstöd i arbetsträning och "
            "kunskap om kognitivt stöd och tillgänglig information."
        ),
        "licence": "cc-by-sa-4.0",
        "contact": CONTACT,
        "company": None,
        "author": MEMBER,
        "status": "published",
        "steps": {
            "genomforande": {
                "deltagare": (
                    "Utför uppgiften medan en kollega fotograferar, och hjälper till att välja "
                    "ord till varje bild."
                ),
                "handledare": (
                    "Leder arbetet, kontrollerar att stegen är rätt och säkra och ser till att "
                    "texten blir kort."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Använder instruktionen när hen är osäker och säger till om något steg inte "
                    "stämmer."
                ),
                "handledare": (
                    "Hänvisar till instruktionen i stället för att förklara allt muntligt, och "
                    "låter nya deltagare pröva den."
                ),
            },
            "utvardering": {
                "deltagare": "Är med när instruktionen ses över och föreslår ändringar.",
                "handledare": (
                    "Går igenom instruktionerna varje halvår, byter ut gamla och delar de som "
                    "fungerar med andra arbetsplatser."
                ),
            },
        },
    },
    # 5 ------------------------------------------------------------------------------------
    {
        "title": "Språkombud på arbetsplatsen",
        "slug": "sprakombud",
        "summary": (
            "Ett språkombud är en handledare eller erfaren medarbetare som har fått särskild "
            "kunskap i att stötta andras svenska i arbetet. Ombudet hjälper kollegor att prata "
            "enklare, tar fram ordlistor och skapar tillfällen att använda svenska i vardagen. "
            "Det gör arbetsplatsen till en plats där man lär sig språket."
        ),
        "easy_read": _text(
            """
            Ett språkombud är en person på jobbet.
            Språkombudet hjälper dig med svenska.

            Språkombudet kan:

            - göra listor med ord från jobbet
            - hjälpa dig att öva ord du behöver
            - visa andra hur man pratar enkelt

            Det är ingen lektion.
            Du lär dig när du jobbar.
            Du lär dig på rasten också.

            Du får prata fast du gör fel.
            Alla har varit nya någon gång.

            Vill du öva något?
            Fråga språkombudet.
            """
        ),
        "purpose": (
            "Många deltagare läser svenska för invandrare, men språket som behövs på jobbet "
            "lärs bäst på jobbet. Utan någon som tar ansvar blir det lätt att kollegorna pratar "
            "för fort eller byter till engelska. Ett språkombud gör språkstödet till en del av "
            "arbetsplatsens vardag och avlastar övriga handledare."
        ),
        "body": _md(
            """
            ## Så går det till

            1. **Välj ombud.** Ledningen och personalgruppen väljer en eller två personer som är
               intresserade och tålmodiga. Ombudet behöver inte vara lärare, men ska ha tid
               avsatt, till exempel två timmar i veckan.
            2. **Utbilda ombudet.** Ombudet går en kort utbildning för språkombud, ofta genom
               ett studieförbund eller en folkhögskola, eller läser in sig med material om
               språkutvecklande arbetsplatser. Räkna med några halvdagar under en månad.
            3. **Kartlägg språket på jobbet.** Ombudet går runt och samlar ord och fraser som
               behövs: verktyg, material, säkerhetsord, vad man säger till kunder.
            4. **Gör stöd.** Ordlistor med bilder, skyltar på saker, korta fraser för telefon
               och kassa. Gör dem tillsammans med deltagarna.
            5. **Skapa tillfällen att prata.** Ge deltagare uppgifter som kräver svenska, som
               att ta emot en leverans eller berätta om dagens plan på morgonmötet.
            6. **Stötta kollegorna.** Ombudet visar hur man pratar tydligt: en sak i taget,
               vanliga ord, kontrollera att den andra har förstått.

            ## Exempel från en arbetsplats

            På en trädgårdsverksamhet blev en av handledarna språkombud. Hon satte upp en tavla
            i bodan med veckans fem ord, med bild, och tog upp orden på fredagsfikat. Hon
            gjorde också en ordlista över växter och redskap som deltagarna kunde ha i mobilen.
            Efter ett halvår ledde två deltagare morgonmötet på svenska varannan vecka, och
            kunderna på plantförsäljningen fick svar på svenska oftare än förut.

            ## Vanliga misstag

            - Ombudet får uppdraget men ingen tid. Tiden måste synas i schemat.
            - Språkstödet blir skolundervisning i ett rum vid sidan av arbetet. Håll det nära
              uppgifterna.
            - Kollegor rättar varje fel. Det gör att folk slutar prata. Upprepa hellre rätt
              form naturligt.
            - Allt hänger på en person. Välj gärna två ombud så att arbetet överlever
              semestrar och byten.

            ## Anpassningar

            Ordlistor kan ha flera språk, bilder och ljudinspelningar. Den som inte vill prata
            inför grupp kan öva med ombudet på tu man hand först. Låt deltagarna själva välja
            vilka ord de vill lära sig.
            """
        ),
        "phases": ["forankring", "genomforande", "tillampning", "utvardering"],
        "competence_areas": ["svenska-pa-jobbet", "handledning"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Minst en medarbetare som vill vara ombud och som får avsatt tid. Ledningen står "
            "bakom att svenska ska användas och övas på arbetsplatsen."
        ),
        "adaptation_language": (
            "Hela metoden är en anpassning för den som lär sig svenska. Ta hjälp av kollegor som "
            "talar deltagarnas språk för att förklara svåra ord, men återgå alltid till svenskan."
        ),
        "adaptation_reading": (
            "Ordlistor och skyltar görs med bilder och få ord. Spela gärna in orden som ljud så "
            "att deltagaren kan lyssna i stället för att läsa."
        ),
        "adaptation_health": (
            "Korta språkövningar på några minuter fungerar bättre än långa pass. Den som blir "
            "trött av att prata mycket får öva i sin egen takt."
        ),
        "prep_minutes": 240,
        "delivery_minutes": 600,
        "followup_minutes": 120,
        "group_size_min": 2,
        "group_size_max": 20,
        "cost_level": "lag",
        "internal_hours": 30,
        "materials": (
            "Tid för ombudet, en whiteboard eller anslagstavla, skrivare och laminator för "
            "ordlistor och skyltar. Eventuell kursavgift för ombudets utbildning."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga deltagarna efter en månad: vågar du prata svenska mer på jobbet nu? Har du "
            "fått hjälp när du behövt?"
        ),
        "indicator_learning": (
            "Deltagarna kan arbetsplatsens viktigaste ord, till exempel för verktyg och "
            "säkerhet, och använder dem när de visar en ny kollega."
        ),
        "indicator_behaviour": (
            "Ombudet noterar hur ofta deltagare tar uppgifter som kräver svenska, som att "
            "svara i telefon eller hålla i morgonmötet."
        ),
        "indicator_results": (
            "Färre missförstånd och fel i arbetet, fler deltagare som klarar kundkontakt, och "
            "fler som går vidare till anställning där svenska krävs."
        ),
        "evidence_status": "provad-flera",
        "source": (
            "Utvecklad av redaktionen utifrån erfarenheter av språkombud och språkutvecklande "
            "arbetsplatser i vård, omsorg och sociala företag."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": EDITOR,
        "status": "published",
        "steps": {
            "forankring": {
                "deltagare": (
                    "Får veta vem ombudet är och vad hen kan hjälpa till med. Berättar vilka "
                    "situationer på jobbet som är svårast språkligt."
                ),
                "handledare": (
                    "Är med och väljer ombud och ser till att alla kollegor vet vad uppdraget "
                    "innebär."
                ),
                "ledning": (
                    "Utser ombud, avsätter tid i schemat och betalar eventuell utbildning."
                ),
            },
            "genomforande": {
                "deltagare": (
                    "Hjälper till att samla ord och ta bilder till ordlistor, och övar orden i "
                    "arbetet."
                ),
                "handledare": (
                    "Som ombud: går utbildningen, kartlägger språket på jobbet och tar fram "
                    "ordlistor och skyltar tillsammans med deltagarna."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Tar uppgifter där svenska behövs, till exempel att ta emot en leverans, "
                    "och frågar ombudet vid behov."
                ),
                "handledare": (
                    "Alla handledare pratar tydligt och ger deltagarna tillfällen att använda "
                    "svenska. Ombudet har veckans ord uppe och följer upp på fikat."
                ),
                "ledning": "Frågar ombudet hur arbetet går och skyddar tiden i schemat.",
            },
            "utvardering": {
                "deltagare": "Berättar vad som har hjälpt och vad som saknas.",
                "handledare": (
                    "Ombudet sammanfattar efter ett halvår vad som gjorts och vad som har "
                    "förändrats, och skriver gärna en erfarenhetsrapport."
                ),
                "ledning": "Beslutar om uppdraget ska fortsätta och om fler ombud behövs.",
            },
        },
    },
    # 6 ------------------------------------------------------------------------------------
    {
        "title": "Fadder på arbetsplatsen",
        "slug": "fadder-pa-arbetsplatsen",
        "summary": (
            "En ny deltagare får en fadder: en kollega eller deltagare som har varit med ett "
            "tag och kan visa hur arbetsplatsen fungerar. Faddern är en trygg person att fråga "
            "under de första veckorna. Den nya kommer snabbare in i gruppen, och faddern växer "
            "i sin roll."
        ),
        "easy_read": _text(
            """
            När du är ny får du en fadder.
            En fadder är en kollega.
            Faddern har jobbat här ett tag.

            Faddern visar dig runt.
            Var du hänger av dig.
            Var ni fikar.
            Vem du ska fråga.

            Du kan fråga faddern om små saker.
            Det är inga dumma frågor.

            Faddern är inte din chef.
            Din handledare lär dig jobbet.

            Efter några veckor känner du dig hemma.
            Sedan kanske du blir fadder själv.
            """
        ),
        "purpose": (
            "Första tiden avgör ofta om en deltagare stannar kvar. Många har varit borta från "
            "arbetslivet länge och kan känna oro inför nya människor och oskrivna regler. En "
            "fadder ger trygghet och avlastar handledaren, och att vara fadder är i sig ett sätt "
            "att träna ansvar och samarbete."
        ),
        "body": _md(
            """
            ## Så går det till

            1. **Fråga, tvinga inte.** Handledaren frågar en kollega eller en deltagare som har
               varit med minst ett par månader om hen vill vara fadder. Det ska vara frivilligt.
            2. **Förbered faddern.** En kort genomgång på 30–60 minuter: vad faddern gör och
               inte gör. Faddern visar runt, svarar på vardagsfrågor och äter gärna lunch med
               den nya. Faddern ansvarar inte för arbetsinstruktioner eller bedömningar, och
               berättar inte vidare vad den nya har sagt i förtroende.
            3. **Använd en checklista.** Den första veckan går faddern igenom: personalrum och
               skåp, tider och raster, vem man ringer vid sjukdom, var brandsläckare och
               nödutgångar finns, och arbetsplatsens oskrivna regler, som vem som brygger kaffe.
            4. **Bestäm tid.** Faddern och den nya träffas en kort stund varje dag första
               veckan och sedan en gång i veckan i fyra veckor.
            5. **Stäm av.** Handledaren pratar med faddern och den nya var för sig efter en och
               efter fyra veckor.
            6. **Avsluta och tacka.** Faddern får återkoppling och ett tack. Att ha varit fadder
               kan skrivas in i intyget som en styrka.

            ## Exempel från en arbetsplats

            På en fastighetsskötselfirma fick varje ny deltagare en fadder i arbetslaget. En
            man som själv hade börjat ett år tidigare blev fadder för två nya under våren. Han
            visade hur man fyllde i körjournalen och vilka boende som ville ha besök före nio.
            Han berättade senare att han blivit bättre på att förklara och vågade prata mer på
            lagets möten. Båda de nya var kvar efter tre månader.

            ## Vanliga misstag

            - Faddern får rollen i sista stund och vet inte vad som förväntas.
            - Faddern blir handledare. Det är för stort ansvar och riskerar att nya lär sig
              fel.
            - Ingen följer upp. Handledaren märker inte om det inte fungerar mellan personerna.

            ## Anpassningar

            Matcha gärna fadder och ny deltagare utifrån språk, om den nya vill det. Den som
            behöver mer lugn kan få färre men längre träffar. Faddern kan också få
            bildstöd med checklistan.
            """
        ),
        "phases": ["forankring", "genomforande", "tillampning"],
        "competence_areas": ["sociala-fardigheter", "handledning"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["deltagare", "handledare", "ledning"],
        "prerequisites": (
            "Någon som har varit på arbetsplatsen ett tag och vill vara fadder. Handledaren har "
            "tid att förbereda faddern och följa upp."
        ),
        "adaptation_language": (
            "En fadder som talar samma språk kan göra starten lättare, men se till att svenska "
            "också används. Checklistan kan finnas på flera språk."
        ),
        "adaptation_reading": (
            "Gör checklistan med bilder och bocka av tillsammans. Faddern visar i stället för "
            "att lämna papper."
        ),
        "adaptation_health": (
            "Träffarna kan vara korta och färre till antalet. Ingen ska vara fadder om det "
            "känns för tungt; rollen kan lämnas över utan förklaring."
        ),
        "prep_minutes": 60,
        "delivery_minutes": 480,
        "followup_minutes": 60,
        "group_size_min": 2,
        "group_size_max": 2,
        "cost_level": "ingen",
        "internal_hours": 10,
        "materials": (
            "Checklista för första veckan, gärna med bilder. En kort beskrivning av fadderns "
            "roll på en sida."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga den nya efter första veckan: vet du vem du kan fråga? Fråga faddern om "
            "uppdraget känns rimligt."
        ),
        "indicator_learning": (
            "Den nya kan efter en vecka själv berätta om tider, raster och vem hen ringer vid "
            "sjukdom."
        ),
        "indicator_behaviour": (
            "Efter en månad: rör sig den nya tryggt på arbetsplatsen och pratar med flera i "
            "gruppen? Tar faddern mer ansvar i andra sammanhang?"
        ),
        "indicator_results": (
            "Färre som avbryter arbetsträning under de första två månaderna och mindre tid för "
            "handledaren att svara på praktiska frågor."
        ),
        "evidence_status": "provad",
        "source": (
            "Utvecklad av redaktionen utifrån erfarenheter av fadder- och "
            "introduktionsprogram och forskning om socialt stöd vid lärande i arbetet."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": MEMBER,
        "status": "published",
        "steps": {
            "forankring": {
                "deltagare": (
                    "Den nya får veta vem faddern är redan första dagen. En erfaren deltagare "
                    "som blir fadder säger ja frivilligt och går igenom rollen."
                ),
                "handledare": (
                    "Frågar en lämplig fadder, går igenom rollen och checklistan och "
                    "presenterar faddern för den nya."
                ),
                "ledning": (
                    "Ger faddern tid i schemat och ser till att det finns en rutin för fadderskap."
                ),
            },
            "genomforande": {
                "deltagare": (
                    "Den nya frågar faddern om vardagssaker. Faddern visar runt, går igenom "
                    "checklistan och fikar eller äter lunch med den nya."
                ),
                "handledare": (
                    "Sköter själva arbetsinstruktionerna och finns till hands om faddern får "
                    "frågor som hen inte ska svara på."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Den nya klarar allt mer själv. Faddern träffar den nya en gång i veckan "
                    "och drar sig sedan tillbaka."
                ),
                "handledare": (
                    "Stämmer av med båda efter en och fyra veckor, och ger faddern återkoppling "
                    "och tack."
                ),
                "ledning": (
                    "Uppmärksammar fadderns insats, till exempel i intyg eller på ett personalmöte."
                ),
            },
        },
    },
    # 7 ------------------------------------------------------------------------------------
    {
        "title": "Livsmedelshygien med extern utbildare",
        "slug": "livsmedelshygien-med-extern-utbildare",
        "summary": (
            "En extern utbildare håller en kurs i livsmedelshygien på plats i verksamhetens "
            "eget kök, anpassad för deltagare som läser lite svenska. Kursen kopplas till "
            "företagets egna hygienrutiner och egenkontroll, och följs upp i det dagliga "
            "arbetet. Det ger säkrare mat och trygga medarbetare."
        ),
        "easy_read": _text(
            """
            Du som jobbar med mat går en kurs.
            Kursen handlar om hygien.
            Hygien betyder att hålla rent.

            En lärare kommer till vårt kök.
            Läraren visar och berättar.
            Du behöver inte läsa mycket.

            Du lär dig:

            - att tvätta händerna rätt
            - att hålla kall mat kall
            - att hålla varm mat varm
            - att skriva upp temperaturer

            Efter kursen övar vi i köket.
            Din handledare hjälper dig.

            Ren mat gör att ingen blir sjuk.
            """
        ),
        "purpose": (
            "Den som hanterar livsmedel ska ha utbildning i livsmedelshygien som passar "
            "arbetsuppgifterna. Vanliga kurser bygger ofta på mycket läsning och ett skriftligt "
            "prov, vilket stänger ute många deltagare i arbetsintegrerande sociala företag. En "
            "kurs i det egna köket, med bilder och praktiska övningar, gör kunskapen användbar "
            "direkt och knyter den till de hygienrutiner som faktiskt gäller."
        ),
        "body": _md(
            """
            ## Så går det till

            1. **Välj utbildare och förbered tillsammans.** Boka en utbildare som har erfarenhet
               av deltagare med kort skolbakgrund eller svenska som andraspråk. Skicka
               företagets egenkontrollprogram och hygienrutiner i förväg och be att kursen
               utgår från dem.
            2. **Kom överens om anpassningar.** Bilder i stället för text, praktiska moment i
               köket, tolk eller språkstöd, och muntlig eller praktisk kunskapskontroll i
               stället för skriftligt prov.
            3. **Genomför kursen i två halvdagar.** Första halvdagen: varför människor blir
               sjuka av mat, personlig hygien och handtvätt, allergener. Andra halvdagen:
               temperaturer, nedkylning, varmhållning, rengöring och hur man fyller i
               egenkontrollen.
            4. **Öva i det egna köket.** Utbildaren visar vid diskbänken, kylen och
               varmhållningen. Deltagarna mäter temperaturer och skriver in dem i listan.
            5. **Efterarbete dagen efter.** Handledaren går igenom köket med deltagarna: vad
               gör vi redan rätt, vad ska vi ändra?
            6. **Följ upp i vardagen.** Under en månad ansvarar deltagarna i tur och ordning för
               dagens egenkontroll, med handledaren bredvid de första gångerna.

            ## Exempel från en arbetsplats

            Ett kafé med lunchservering lät sex deltagare och två handledare gå kursen
            tillsammans. Utbildaren använde bilder från kaféets eget kök och lät deltagarna
            hitta risker, som en skärbräda som användes både till rå kyckling och sallad.
            Efter kursen byttes till färgkodade skärbrädor och en ny bildlista för
            temperaturkontroll sattes upp. Vid nästa kontroll från kommunen fanns inga
            anmärkningar på egenkontrollen.

            ## Vanliga misstag

            - Kursen hålls, men köket och rutinerna förblir som förut. Planera ändringarna i
              förväg.
            - Ett skriftligt prov som sorterar bort dem som kan men inte läser.
            - Bara deltagarna går kursen. Handledarna måste kunna samma sak för att följa upp.

            ## Anpassningar

            Be utbildaren använda bilder, symboler och verkliga föremål. Översätt de viktigaste
            orden till deltagarnas språk. Korta pass med pauser och möjlighet att sitta ner gör
            kursen möjlig för fler.
            """
        ),
        "phases": ["forankring", "genomforande", "efterarbete", "tillampning"],
        "competence_areas": ["arbetsmiljo-och-sakerhet", "yrkeskunskap"],
        "business_lines": ["cafe-och-restaurang", "catering"],
        "learning_form": "kurs",
        "target_roles": ["deltagare", "handledare", "ledning", "extern-utbildare"],
        "prerequisites": (
            "Verksamheten är registrerad som livsmedelsanläggning och har ett "
            "egenkontrollprogram. Budget för en extern utbildare och köket kan stängas under "
            "kursen."
        ),
        "adaptation_language": (
            "Utbildaren använder korta meningar, bilder och demonstration. De viktigaste orden, "
            "som kyl, varm, rå och allergi, översätts till deltagarnas språk, och tolk bokas vid "
            "behov."
        ),
        "adaptation_reading": (
            "Kursen bygger på att visa och göra, inte på att läsa. Kunskapskontrollen görs "
            "muntligt eller praktiskt i köket, och temperaturlistorna får symboler och färger."
        ),
        "adaptation_health": (
            "Dela upp kursen i kortare pass med pauser, och se till att man kan sitta ner under "
            "teoridelarna. Den som missar ett pass får ta igen det vid ett senare tillfälle."
        ),
        "prep_minutes": 120,
        "delivery_minutes": 360,
        "followup_minutes": 120,
        "group_size_min": 4,
        "group_size_max": 10,
        "cost_level": "medel",
        "internal_hours": 16,
        "materials": (
            "Företagets egenkontrollprogram och hygienrutiner, termometrar, temperaturlistor "
            "med symboler, färgkodade skärbrädor, handtvättsstation med tvål och "
            "pappershanddukar. Bildmaterial från utbildaren."
        ),
        "needs_external_trainer": True,
        "external_trainer_phase": "genomforande",
        "indicator_reaction": (
            "Fråga efter varje halvdag med tre bilder (glad, mittemellan, ledsen): förstod du, "
            "och var tempot lagom?"
        ),
        "indicator_learning": (
            "Praktisk kontroll i köket: deltagaren tvättar händerna rätt, mäter en temperatur "
            "och kan säga om den är godkänd enligt egenkontrollen."
        ),
        "indicator_behaviour": (
            "Under månaden efter kursen tittar handledaren på om handtvätt, temperaturlistor och "
            "rengöring görs enligt hygienrutinerna utan påminnelse."
        ),
        "indicator_results": (
            "Fullständigt ifyllda listor i egenkontrollen, färre avvikelser och anmärkningar vid "
            "kommunens livsmedelskontroll, och mindre svinn."
        ),
        "evidence_status": "provad",
        "source": (
            "Utvecklad av Kafé Kompassen tillsammans med redaktionen, utifrån "
            "livsmedelslagstiftningens krav på utbildning i livsmedelshygien och forskning om "
            "överföring av lärande."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": "kafe-kompassen",
        "author": EDITOR,
        "status": "published",
        "steps": {
            "forankring": {
                "deltagare": (
                    "Får veta varför kursen hålls och vad som ska övas efteråt. Berättar om hen "
                    "behöver tolk eller andra anpassningar."
                ),
                "handledare": (
                    "Skickar egenkontrollprogram och hygienrutiner till utbildaren och kommer "
                    "överens om anpassningar och praktiska övningar."
                ),
                "ledning": (
                    "Godkänner kostnaden, stänger köket under kurstiden och bestämmer vilka "
                    "rutiner som får ändras efter kursen."
                ),
                "extern-utbildare": (
                    "Läser in sig på verksamhetens rutiner och anpassar kursen med bilder och "
                    "praktiska moment."
                ),
            },
            "genomforande": {
                "deltagare": (
                    "Är med på båda halvdagarna, övar handtvätt och temperaturmätning och "
                    "letar risker i det egna köket."
                ),
                "handledare": (
                    "Går kursen tillsammans med deltagarna och hjälper till med språkstöd vid "
                    "behov."
                ),
                "ledning": "Är med en stund och visar att kursen är viktig för verksamheten.",
                "extern-utbildare": (
                    "Håller kursen i det egna köket, visar mer än berättar och gör en muntlig "
                    "eller praktisk kunskapskontroll."
                ),
            },
            "efterarbete": {
                "deltagare": (
                    "Går igenom köket med handledaren dagen efter och säger vad som behöver ändras."
                ),
                "handledare": (
                    "Skriver ner de ändringar som gruppen kommit fram till och uppdaterar "
                    "hygienrutinerna med bilder."
                ),
                "extern-utbildare": (
                    "Skickar en kort sammanfattning med bildmaterial och förslag på förbättringar."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Ansvarar i tur och ordning för dagens egenkontroll och fyller i "
                    "temperaturlistan."
                ),
                "handledare": (
                    "Står bredvid de första gångerna och kontrollerar listorna varje vecka "
                    "under en månad."
                ),
                "ledning": (
                    "Köper in det som behövs, till exempel termometrar och skärbrädor, och "
                    "följer upp avvikelser."
                ),
            },
        },
    },
    # 8 ------------------------------------------------------------------------------------
    {
        "title": "Reflektionsrunda efter arbetspasset",
        "slug": "reflektionsrunda",
        "summary": (
            "En kort samling på 10–15 minuter i slutet av arbetsdagen där alla i gruppen får "
            "svara på samma tre frågor. Rundan hjälper deltagarna att sätta ord på vad de har "
            "lärt sig, lyfter problem tidigt och ger handledaren en bild av hur dagen har gått."
        ),
        "easy_read": _text(
            """
            När dagen är slut samlas vi.
            Det tar bara en kort stund.

            Alla får svara på tre frågor:

            - Vad gick bra i dag?
            - Vad var svårt?
            - Vad vill du prova i morgon?

            Du får säga lite eller mycket.
            Du får också säga pass.

            Vi lyssnar på varandra.
            Ingen skrattar åt någon.

            Handledaren skriver upp saker vi ska fixa.
            I morgon tittar vi på listan igen.
            """
        ),
        "purpose": (
            "Mycket lärande sker i arbetet men försvinner om ingen stannar upp och pratar om "
            "det. Många deltagare är ovana att få frågan vad de har lärt sig, och att höra andra "
            "svara hjälper. En fast runda varje dag ger också en trygg plats att ta upp det som "
            "inte fungerar innan det växer till ett problem."
        ),
        "body": _md(
            """
            ## Så går det till

            1. **Samma tid och plats varje dag.** Till exempel 15 minuter före stängning, i
               fikarummet eller vid bodan. Ställ stolar i ring eller stå runt ett bord.
            2. **Samma tre frågor.** Vad gick bra i dag? Vad var svårt eller vad lärde jag mig?
               Vad vill jag prova i morgon? Sätt upp frågorna med bilder på väggen.
            3. **Alla får ordet, ingen måste.** Gå laget runt. Man får alltid säga ”pass”.
               Handledaren svarar också, gärna först, för att visa hur det kan låta.
            4. **Inga långa diskussioner.** Om något behöver lösas skriver handledaren upp det
               på en tavla och tar det efteråt eller dagen därpå.
            5. **Börja nästa dag med tavlan.** Vid morgonmötet: vad löste vi, vem gör vad?

            ## Exempel från en arbetsplats

            På ett kafé hade personalen svårt att hinna prata med varandra under dagen. De
            började med en reflektionsrunda efter stängning, stående vid disken. En deltagare
            sa att det var svårt att förstå kunder som beställde snabbt. Nästa dag övade
            gruppen vanliga beställningar i fem minuter före öppning. Efter några veckor sa
            flera att de hade blivit lugnare i kassan, och handledaren fick veta om problem
            mycket tidigare än förut.

            ## Vanliga misstag

            - Rundan blir ett klagomöte. Håll fast vid frågan om vad som gick bra.
            - Handledaren pratar mest. Rundan är till för deltagarna.
            - Rundan hoppas över när det är stressigt. Gör den hellre kortare än ingen alls.
            - Det som skrivs upp på tavlan följs aldrig upp. Då slutar folk att ta upp saker.

            ## Anpassningar

            Deltagare som tycker det är svårt att prata inför grupp kan peka på en bild eller
            en färg, grön, gul eller röd, i stället för att svara med ord. Den som har svårt
            att stå länge sitter. Tänk på att inget som är privat ska behöva sägas i gruppen;
            det tar man enskilt med handledaren.
            """
        ),
        "phases": ["efterarbete", "tillampning", "utvardering"],
        "competence_areas": ["sociala-fardigheter", "delaktighet-och-agande"],
        "business_lines": [],
        "learning_form": "med-andra",
        "target_roles": ["deltagare", "handledare"],
        "prerequisites": (
            "En grupp som arbetar tillsammans samma dag och 10–15 minuter avsatta i slutet av "
            "passet."
        ),
        "adaptation_language": (
            "Frågorna sitter uppe med bilder. Deltagaren får svara med några ord, peka på en "
            "bild eller ta hjälp av en kollega som talar samma språk."
        ),
        "adaptation_reading": (
            "Ingen läsning behövs. Tavlan med saker att lösa kan ha symboler och handledaren "
            "läser upp den."
        ),
        "adaptation_health": (
            "Håll rundan kort och låt deltagarna sitta. Den som inte orkar en dag får säga pass "
            "eller gå direkt hem utan förklaring."
        ),
        "prep_minutes": 5,
        "delivery_minutes": 20,
        "followup_minutes": 10,
        "group_size_min": 3,
        "group_size_max": 12,
        "cost_level": "ingen",
        "internal_hours": 0.5,
        "materials": (
            "Frågorna på en skylt med bilder, en whiteboard eller ett blädderblock, gärna kort "
            "i grönt, gult och rött."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga gruppen efter två veckor: är rundan till nytta? Vad ska vi ändra?"
        ),
        "indicator_learning": (
            "Deltagarna kan allt oftare säga något konkret de har lärt sig, inte bara ”det var "
            "bra”."
        ),
        "indicator_behaviour": (
            "Deltagarna prövar det de sa att de ville prova, och tar själva upp problem innan "
            "handledaren frågar."
        ),
        "indicator_results": (
            "Problem löses tidigare, till exempel färre upprepade fel i samma uppgift, och "
            "fler deltagare är kvar i arbetsträning efter tre månader."
        ),
        "evidence_status": "provad-flera",
        "source": (
            "Utvecklad av redaktionen tillsammans med Kafé Kompassen, utifrån forskning om "
            "reflektion och återkoppling efter lärande i arbetet."
        ),
        "licence": "cc-by-sa-4.0",
        "contact": CONTACT,
        "company": "kafe-kompassen",
        "author": MEMBER,
        "status": "published",
        "steps": {
            "efterarbete": {
                "deltagare": (
                    "Svarar på de tre frågorna, eller säger pass, och lyssnar på de andra."
                ),
                "handledare": (
                    "Leder rundan, svarar själv först och skriver upp det som behöver lösas på "
                    "tavlan."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Prövar nästa dag det hen ville prova och berättar i nästa runda hur det gick."
                ),
                "handledare": (
                    "Börjar morgonmötet med tavlan och ser till att det som skrevs upp blir "
                    "löst eller får en ansvarig."
                ),
            },
            "utvardering": {
                "deltagare": (
                    "Säger efter några veckor vad som är bra med rundan och vad som kan ändras."
                ),
                "handledare": (
                    "Går igenom tavlan en gång i månaden: vilka problem kommer tillbaka, och "
                    "vad har rundan lett till?"
                ),
            },
        },
    },
    # 9 ------------------------------------------------------------------------------------
    {
        "title": "Lärlogg med bilder",
        "slug": "larlogg-med-bilder",
        "summary": (
            "Deltagaren dokumenterar sitt lärande med bilder och korta ljud- eller "
            "textanteckningar i en enkel digital logg. Varje vecka tittar deltagare och "
            "handledare igenom loggen tillsammans. Loggen visar framsteg, stöttar minnet och "
            "kan bli en portfolio att visa en framtida arbetsgivare."
        ),
        "easy_read": _text(
            """
            En lärlogg är som en dagbok på jobbet.
            Du använder en mobil eller en platta.

            Så här gör du:

            - Ta en bild på något du har gjort.
            - Säg eller skriv några ord om det.
            - Spara det i din logg.

            En gång i veckan tittar du och din handledare.
            Vad har du lärt dig?
            Vad vill du lära dig sedan?

            Ta inte bilder på andra personer.
            Loggen är din.
            Du kan visa den när du söker jobb.
            """
        ),
        "purpose": (
            "Deltagare i arbetsträning ser ofta inte själva hur mycket de har lärt sig, och "
            "framstegen glöms bort när de inte skrivs ner. Bilder och ljud fungerar för den som "
            "inte skriver mycket. Loggen tränar också digital kompetens och ger underlag för "
            "samtal med handledare, arbetsförmedlare och framtida arbetsgivare."
        ),
        "body": _md(
            """
            ## Så går det till

            1. **Välj verktyg.** En surfplatta eller mobil som tillhör arbetsplatsen, och ett
               enkelt program där man kan samla bilder med text eller ljud, till exempel ett
               delat fotoalbum eller en anteckningsapp. Använd inte deltagarens privata konton.
            2. **Visa hur det fungerar.** Handledaren visar hur man tar en bild, lägger till
               en kort anteckning eller ljudinspelning och sparar. Öva två eller tre gånger
               tillsammans.
            3. **Kom överens om regler.** Fotografera arbetet, inte människor. Inga kunder,
               boende eller kollegor i bild utan att de har sagt ja. Inga bilder av papper med
               personuppgifter.
            4. **Logga i vardagen.** Deltagaren lägger in något nytt när hen har lärt sig en sak
               eller gjort något hen är stolt över, ungefär två till tre gånger i veckan.
            5. **Titta tillsammans varje vecka.** 15 minuter: vad har du lagt in, vad visar det,
               vad vill du lära dig härnäst? Koppla till målet från behovssamtalet.
            6. **Avsluta.** När arbetsträningen slutar väljer deltagaren vilka bilder hen vill
               spara som portfolio. Resten raderas från arbetsplatsens enhet.

            ## Exempel från en arbetsplats

            En deltagare på ett textilåteranvändningsföretag tog bilder på sina första sömmar,
            sedan på en lagad jacka och till sist på en väska hon sytt från början. Hon pratade
            in några meningar på svenska till varje bild. När hon sökte jobb på en
            ändringsateljé visade hon loggen på intervjun, och handledaren menar att det gjorde
            skillnad.

            ## Vanliga misstag

            - Loggen blir en kontroll från handledaren i stället för deltagarens eget verktyg.
            - Ingen tittar på loggen tillsammans, och deltagaren slutar lägga in saker.
            - Bilder hamnar på privata konton eller i molntjänster som arbetsplatsen inte har
              koll på.

            ## Anpassningar

            Den som inte skriver kan spela in ljud, gärna på sitt eget språk i början och sedan
            allt mer på svenska. Stora knappar och en enkel app gör det lättare för den som är
            ovan vid teknik. Loggandet kan göras på fasta tider så att det inte stör arbetet.
            """
        ),
        "phases": ["efterarbete", "tillampning", "utvardering"],
        "competence_areas": ["digital-kompetens", "delaktighet-och-agande"],
        "business_lines": [],
        "learning_form": "i-arbetet",
        "target_roles": ["deltagare", "handledare"],
        "prerequisites": (
            "En mobil eller surfplatta som tillhör arbetsplatsen och ett program som "
            "arbetsplatsen har godkänt. Deltagaren vill själv använda en logg."
        ),
        "adaptation_language": (
            "Anteckningar kan spelas in som ljud på valfritt språk. Handledaren kan hjälpa till "
            "att sätta ett svenskt ord på varje bild."
        ),
        "adaptation_reading": (
            "Bilder och ljud ersätter skrift. Välj ett program med tydliga symboler och få menyer."
        ),
        "adaptation_health": (
            "Loggandet tar bara några minuter och kan göras sittande vid fasta tider. Den som "
            "har en tung period kan pausa loggen utan att det räknas som ett misslyckande."
        ),
        "prep_minutes": 60,
        "delivery_minutes": 120,
        "followup_minutes": 60,
        "group_size_min": 1,
        "group_size_max": 6,
        "cost_level": "lag",
        "internal_hours": 4,
        "materials": (
            "Surfplatta eller mobil som tillhör arbetsplatsen, ett enkelt program för bilder och "
            "anteckningar, regler för fotografering på en sida med bilder."
        ),
        "needs_external_trainer": False,
        "external_trainer_phase": None,
        "indicator_reaction": (
            "Fråga efter två veckor: känns loggen som din? Är den lätt att använda?"
        ),
        "indicator_learning": (
            "Deltagaren kan själv ta en bild, lägga till en anteckning och hitta äldre inlägg, "
            "och kan visa med loggen vad hen har lärt sig."
        ),
        "indicator_behaviour": (
            "Deltagaren lägger in inlägg utan påminnelse och tar upp loggen själv vid "
            "veckosamtalet."
        ),
        "indicator_results": (
            "Deltagaren använder loggen vid arbetssökande eller överlämning, och samtal om "
            "framsteg blir mer konkreta."
        ),
        "evidence_status": "ide",
        "source": (
            "Inskickad av en medlem, utifrån erfarenheter av portfolio och lärloggar i "
            "vuxenutbildning och arbetsträning."
        ),
        "licence": "cc-by-4.0",
        "contact": CONTACT,
        "company": None,
        "author": MEMBER,
        "status": "submitted",
        "steps": {
            "efterarbete": {
                "deltagare": (
                    "Tar en bild och lägger till några ord eller en ljudinspelning om vad hen "
                    "gjorde och lärde sig."
                ),
                "handledare": (
                    "Visar hur loggen fungerar, påminner de första veckorna och går igenom "
                    "reglerna för bilder."
                ),
            },
            "tillampning": {
                "deltagare": (
                    "Loggar två till tre gånger i veckan och tittar i loggen när hen vill "
                    "minnas hur något gjordes."
                ),
                "handledare": (
                    "Tittar igenom loggen med deltagaren varje vecka i 15 minuter och kopplar "
                    "till målet."
                ),
            },
            "utvardering": {
                "deltagare": (
                    "Väljer vilka bilder hen vill spara som portfolio när arbetsträningen slutar."
                ),
                "handledare": (
                    "Använder loggen som underlag i uppföljningssamtal och ser till att resten "
                    "raderas från arbetsplatsens enhet."
                ),
            },
        },
    },
]
