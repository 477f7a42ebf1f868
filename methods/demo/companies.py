"""Demo data: users, companies (ASF) and experience reports. Pure data, no Django imports.

All people and companies are fictional. Organisation numbers pass the Luhn check, web
addresses use .example and phone numbers are in the range set aside for fiction
(070-174 06 05 to 070-174 06 99). By design there is no health or disability data about any
individual here: participants are only ever "en deltagare" or "gruppen".
"""

USERS = [
    {"email": email, "display_name": name, "role": role}
    for email, name, role in [
        ("admin@kompetenshandboken.example", "Alva Admin", "superuser"),
        ("redaktor@kompetenshandboken.example", "Rasmus Redaktör", "editor"),
        ("foretagsadmin@kompetenshandboken.example", "Fatima Företagsadmin", "member"),
        ("medlem@kompetenshandboken.example", "Mikael Medlem", "member"),
        ("sara.lindqvist@kompetenshandboken.example", "Sara Lindqvist", "member"),
        ("jonas.berglund@kompetenshandboken.example", "Jonas Berglund", "member"),
        ("petter.ohman@kompetenshandboken.example", "Petter Öhman", "member"),
        ("amina.hassan@kompetenshandboken.example", "Amina Hassan", "member"),
        ("leila.karimi@kompetenshandboken.example", "Leila Karimi", "member"),
        ("erik.sandberg@kompetenshandboken.example", "Erik Sandberg", "member"),
    ]
]

COMPANIES = [
    {
        "name": "Kafé Kompassen",
        "slug": "kafe-kompassen",
        "org_number": "769612-3459",
        "legal_form": "ekonomisk-forening",
        "municipality": "Örebro",
        "county": "orebro",
        "business_lines": ["cafe-och-restaurang", "catering"],
        "description": (
            "Kafé Kompassen är ett lunchcafé vid Järntorget i Örebro som också levererar catering till "
            "möten och föreningar. Vi lagar husmanskost och vegetariskt från grunden och serverar "
            "omkring 120 luncher om dagen.\n\n"
            "Hos oss arbetar och tränar personer som stått länge utanför arbetsmarknaden och "
            "personer som är nya i Sverige. Många lär sig svenska samtidigt som de lär sig "
            "yrket.\n\n"
            "**Så arbetar vi med lärande**\n\n"
            "- Varje ny medarbetare får en fadder under de första veckorna.\n"
            "- Rutiner för hygien, disk och egenkontroll finns som bildinstruktioner på väggen.\n"
            "- Vi har en kort reflektionsrunda efter lunchrusningen tre dagar i veckan.\n"
            "- En gång per år går hela köket en utbildning i livsmedelshygien, som vi sedan "
            "följer upp i det dagliga arbetet."
        ),
        "website": "https://kafe-kompassen.example",
        "contact_email": "kontakt@kafe-kompassen.example",
        "contact_phone": "070-174 06 05",
        "employees_band": "11-25",
        "participants_band": "11-25",
        "criterion_integration": True,
        "criterion_participation": True,
        "criterion_reinvests": True,
        "criterion_independent": True,
        "languages_at_work": "svenska, arabiska, dari, tigrinja, somaliska",
        "open_to_study_visits": True,
        "members": [
            ["foretagsadmin@kompetenshandboken.example", "admin"],
            ["medlem@kompetenshandboken.example", "member"],
        ],
    },
    {
        "name": "Returbaren",
        "slug": "returbaren",
        "org_number": "559301-2346",
        "legal_form": "ab-svb",
        "municipality": "Gävle",
        "county": "gavleborg",
        "business_lines": ["second-hand", "lager-och-logistik"],
        "description": (
            "Returbaren driver en second hand-butik och ett sorteringslager i Gävle. Vi tar emot "
            "skänkta kläder, möbler och husgeråd, sorterar, prissätter och säljer. Det som inte "
            "säljs går vidare till återvinning.\n\n"
            "Här arbetar personer som varit arbetslösa länge, personer med behov av anpassat "
            "arbete och personer som lär sig svenska. Arbetet har många olika uppgifter, så det "
            "finns något för de flesta att börja med: sortering, kassa, skyltning, "
            "hämtning med bil.\n\n"
            "Vi lär ut genom att visa och öva i verkliga uppgifter. Språkombud hjälper till när "
            "nya medarbetare inte förstår instruktionerna på svenska ännu."
        ),
        "website": "https://returbaren.example",
        "contact_email": "kontakt@returbaren.example",
        "contact_phone": "070-174 06 18",
        "employees_band": "11-25",
        "participants_band": "26-50",
        "criterion_integration": True,
        "criterion_participation": True,
        "criterion_reinvests": True,
        "criterion_independent": True,
        "languages_at_work": "svenska, arabiska, somaliska, polska",
        "open_to_study_visits": False,
        "members": [["sara.lindqvist@kompetenshandboken.example", "admin"]],
    },
    {
        "name": "Gröna Händer ekonomisk förening",
        "slug": "grona-hander",
        "org_number": "716438-2017",
        "legal_form": "ekonomisk-forening",
        "municipality": "Lund",
        "county": "skane",
        "business_lines": ["tradgard", "fastighetsskotsel"],
        "description": (
            "Gröna Händer sköter grönytor, rabatter och gårdar åt bostadsbolag och "
            "bostadsrättsföreningar i Lund med omnejd. På vintern gör vi snöröjning och enklare "
            "fastighetsskötsel.\n\n"
            "Föreningen ägs av medarbetarna. Många har stått utanför arbetsmarknaden i flera år "
            "och börjar hos oss i arbetsträning, ofta några timmar om dagen.\n\n"
            "Arbetet sker i små lag med en arbetsledare. Vi lägger mycket vikt vid säkerhet "
            "eftersom vi använder röjsågar, gräsklippare och ibland arbetar nära trafik. Nya "
            "medarbetare får ansvar steg för steg: först handverktyg, sedan maskiner, sedan eget "
            "ansvar för en gård. Varje vår gör vi en säkerhetsrunda tillsammans innan säsongen "
            "drar i gång."
        ),
        "website": "https://grona-hander.example",
        "contact_email": "kontakt@grona-hander.example",
        "contact_phone": "070-174 06 27",
        "employees_band": "26-50",
        "participants_band": "11-25",
        "criterion_integration": True,
        "criterion_participation": True,
        "criterion_reinvests": True,
        "criterion_independent": True,
        "languages_at_work": "svenska, arabiska, bosniska, engelska",
        "open_to_study_visits": True,
        "members": [["jonas.berglund@kompetenshandboken.example", "admin"]],
    },
    {
        "name": "Hyvelbänken",
        "slug": "hyvelbanken",
        "org_number": "802531-4678",
        "legal_form": "ideell-forening",
        "municipality": "Östersund",
        "county": "jamtland",
        "business_lines": ["snickeri"],
        "description": (
            "Hyvelbänken är ett snickeri i Östersund som tillverkar odlingslådor, fågelholkar, "
            "bänkar och enklare möbler, och som renoverar begagnade möbler åt privatpersoner och "
            "kommunens förskolor.\n\n"
            "Vi tar emot personer som står långt från arbetsmarknaden, både i arbetsträning och "
            "i anställning med lönestöd. Flera har tidigare arbetat med händerna men varit borta "
            "från arbetslivet länge.\n\n"
            "I verkstaden finns maskiner som kräver både kunskap och respekt. Därför börjar alla "
            "med att lära sig en maskin i taget genom att se, göra och öva, med en erfaren "
            "snickare bredvid. Vi har också provat lärloggar med bilder för att deltagarna själva "
            "ska kunna visa vad de lärt sig."
        ),
        "website": "https://hyvelbanken.example",
        "contact_email": "kontakt@hyvelbanken.example",
        "contact_phone": "070-174 06 33",
        "employees_band": "1-10",
        "participants_band": "1-10",
        "criterion_integration": True,
        "criterion_participation": True,
        "criterion_reinvests": True,
        "criterion_independent": True,
        "languages_at_work": "svenska, samiska, tigrinja",
        "open_to_study_visits": True,
        "members": [["petter.ohman@kompetenshandboken.example", "admin"]],
    },
    {
        "name": "Rent & Klart i Norrköping",
        "slug": "rent-och-klart",
        "org_number": "556987-0123",
        "legal_form": "ab-svb",
        "municipality": "Norrköping",
        "county": "ostergotland",
        "business_lines": ["stad", "fastighetsskotsel"],
        "description": (
            "Rent & Klart städar kontor, trapphus och lokaler åt företag, föreningar och "
            "fastighetsägare i Norrköping. Vi gör också flyttstädning och enklare "
            "fastighetsservice.\n\n"
            "De flesta som arbetar hos oss har kommit till Sverige som vuxna. Många har lång "
            "arbetslivserfarenhet från sina hemländer men behöver lära sig svenska, svenska "
            "arbetsplatsregler och hur man möter kunder här.\n\n"
            "Vi arbetar ute hos kunderna, ofta två och två, så handledaren kan inte alltid vara "
            "på plats. Därför har vi bildstödda instruktioner för varje kund och varje moment, "
            "och vi följer upp varje ny medarbetare med ett samtal efter sex veckor."
        ),
        "website": "https://rent-och-klart.example",
        "contact_email": "kontakt@rent-och-klart.example",
        "contact_phone": "070-174 06 41",
        "employees_band": "26-50",
        "participants_band": "11-25",
        "criterion_integration": True,
        "criterion_participation": False,
        "criterion_reinvests": True,
        "criterion_independent": True,
        "languages_at_work": "svenska, somaliska, arabiska, dari, tigrinja, kurdiska",
        "open_to_study_visits": False,
        "members": [["amina.hassan@kompetenshandboken.example", "admin"]],
    },
    {
        "name": "Hamnlagret",
        "slug": "hamnlagret",
        "org_number": "769908-7651",
        "legal_form": "ekonomisk-forening",
        "municipality": "Göteborg",
        "county": "vastra-gotaland",
        "business_lines": ["lager-och-logistik"],
        "description": (
            "Hamnlagret sköter lager och utleveranser åt tre lokala e-handlare och en "
            "grossist. Vi tar emot gods, plockar och packar order och kör ut till kunder i "
            "Göteborgsområdet.\n\n"
            "Här arbetar personer som stått långt från arbetsmarknaden, många unga vuxna som "
            "inte fullföljt gymnasiet och personer som lär sig svenska. Vi är en ekonomisk "
            "förening där medarbetarna kan bli medlemmar efter sex månader.\n\n"
            "Mycket av arbetet sker med handskanner och mobil, så digital kompetens är en stor "
            "del av lärandet. Nya medarbetare får en fadder som visar rutinerna, och vi har "
            "gjort korta filmer om plock, pack och inventering som alla kan titta på i mobilen."
        ),
        "website": "https://hamnlagret.example",
        "contact_email": "kontakt@hamnlagret.example",
        "contact_phone": "070-174 06 52",
        "employees_band": "11-25",
        "participants_band": "11-25",
        "criterion_integration": True,
        "criterion_participation": True,
        "criterion_reinvests": True,
        "criterion_independent": True,
        "languages_at_work": "svenska, arabiska, somaliska, engelska, persiska",
        "open_to_study_visits": True,
        "members": [["leila.karimi@kompetenshandboken.example", "admin"]],
    },
    {
        "name": "Tråden sömnad och återbruk",
        "slug": "traden",
        "org_number": "559122-3341",
        "legal_form": "ab-svb",
        "municipality": "Västerås",
        "county": "vastmanland",
        "business_lines": ["textil-och-somnad", "second-hand"],
        "description": (
            "Tråden syr om och lagar kläder, syr arbetskläder och textilier på beställning och "
            "säljer återbrukade produkter i en liten butik i Västerås.\n\n"
            "De flesta som arbetar här är kvinnor som varit utanför arbetsmarknaden länge, många "
            "med sömnadsvana från sina hemländer men utan svensk arbetslivserfarenhet. Vi "
            "använder svenska, arabiska och dari i det dagliga arbetet.\n\n"
            "Vi har ett trepartssamtal med deltagare, handledare och ledning innan varje större "
            "lärandeinsats, till exempel när någon ska lära sig industrisymaskinen eller börja "
            "i butiken. Varannan vecka leder en deltagare arbetsplatsträffen, med stöd av "
            "handledaren."
        ),
        "website": "https://traden.example",
        "contact_email": "kontakt@traden.example",
        "contact_phone": "070-174 06 66",
        "employees_band": "1-10",
        "participants_band": "11-25",
        "criterion_integration": True,
        "criterion_participation": True,
        "criterion_reinvests": True,
        "criterion_independent": False,
        "languages_at_work": "svenska, arabiska, dari, somaliska",
        "open_to_study_visits": False,
        "members": [["erik.sandberg@kompetenshandboken.example", "admin"]],
    },
]

REPORTS = [
    # 1. The hygiene-routines example
    {
        "company": "kafe-kompassen",
        "method": "livsmedelshygien-med-extern-utbildare",
        "author": "foretagsadmin@kompetenshandboken.example",
        "title": "Hygienutbildning som faktiskt ändrade rutinerna i köket",
        "period_start": "2025-02-03",
        "period_end": "2025-04-11",
        "context": (
            "Vid kommunens livsmedelskontroll fick vi anmärkning på egenkontrollen: "
            "kyltemperaturer skrevs inte upp och skärbrädor för rått och tillagat blandades. "
            "Tolv personer i köket, varav åtta i arbetsträning, skulle gå en halvdags "
            "hygienutbildning med extern utbildare."
        ),
        "adaptations": (
            "Vi bad utbildaren korta teoridelen till en timme och lägga resten i vårt eget "
            "kök. Bildmaterialet översattes till arabiska och dari av två medarbetare. "
            "Utbildningen delades i två pass på förmiddagen, när de flesta orkar mest."
        ),
        "phase_notes": {
            "behov-och-mal": (
                "Vi skrev tre mål som gick att se: kyltemperaturen noteras varje morgon, "
                "färgkodade skärbrädor används rätt, händer tvättas efter rå kyckling."
            ),
            "forankring": (
                "Föreståndaren och handledarna gick igenom målen med hela köket på ett "
                "morgonmöte. Utbildaren fick besöka köket en timme innan för att se hur vi "
                "arbetar."
            ),
            "genomforande": (
                "Första passet var genomgång med bilder. Andra passet var i köket: "
                "utbildaren visade, sedan fick alla göra temperaturmätning och byta bräda "
                "mellan moment."
            ),
            "efterarbete": (
                "Samma eftermiddag satte vi upp bildinstruktioner vid kylarna och "
                "diskbänken. Varje deltagare fick en egen bocklista för en vecka."
            ),
            "tillampning": (
                "Egenkontrollen delades upp så att två personer per vecka ansvarade för "
                "temperaturlistan. Handledaren kontrollerade listan varje fredag."
            ),
            "utvardering": (
                "Efter sex veckor gick vi igenom listorna och gjorde en egen inspektion med "
                "samma frågor som kommunen använder."
            ),
        },
        "outcome_reaction": (
            "De flesta tyckte om köksdelen. Teoripasset upplevdes som långt, trots att det "
            "kortats, och två personer sa efteråt att de inte förstått allt."
        ),
        "outcome_learning": (
            "Alla kunde visa hur man mäter och noterar temperatur. Reglerna för "
            "skärbrädornas färger satt hos nästan alla efter andra passet."
        ),
        "outcome_behaviour": (
            "Temperaturlistan fylldes i 28 av 30 arbetsdagar under uppföljningen, mot ungefär "
            "hälften innan. Skärbrädorna blandades fortfarande ibland när det var stressigt vid "
            "lunch."
        ),
        "outcome_results": (
            "Vid återbesöket från livsmedelskontrollen i maj fick vi inga anmärkningar. "
            "Handledarna säger att de lägger mindre tid på att påminna."
        ),
        "helped": (
            "Att utbildningen skedde i vårt eget kök och att bildinstruktionerna kom upp "
            "samma dag. Ansvaret för listan roterade, så alla fick öva."
        ),
        "hindered": (
            "Teoridelen var fortfarande för textbaserad. Under lunchrusningen faller rutinerna "
            "lätt bort, och då finns ingen tid att rätta."
        ),
        "helping_factors": [
            "upplagg-ovning",
            "upplagg-bilder",
            "arbetsplats-tillfallen",
            "arbetsplats-ledning",
        ],
        "hindering_factors": ["deltagare-sprak", "arbetsplats-tid"],
        "hours_spent": 46,
        "cost_sek": 7800,
        "used_external_trainer": True,
        "external_trainer_notes": (
            "Utbildaren var lyhörd och ändrade upplägget efter besöket i köket. Be om att få "
            "bildmaterialet i förväg så att ni hinner översätta det."
        ),
        "recommend_score": 4,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "kafe-kompassen",
        "method": "bildstodda-instruktioner",
        "author": "medlem@kompetenshandboken.example",
        "title": "Bildinstruktioner för diskmaskin och öppning av köket",
        "period_start": "2025-08-18",
        "period_end": "2025-10-10",
        "context": (
            "Nya deltagare frågade om samma saker varje morgon: hur diskmaskinen startas, "
            "vilket medel som ska i och i vilken ordning köket öppnas. Handledaren hann inte "
            "svara alla samtidigt som leveranserna kom."
        ),
        "adaptations": (
            "Deltagarna tog själva fotona av varje steg. Texten under bilderna hölls till högst "
            "fem ord, och de vanligaste orden skrevs också på arabiska och tigrinja."
        ),
        "phase_notes": {
            "behov-och-mal": (
                "Målet var att en ny deltagare ska kunna starta diskmaskinen och öppna köket "
                "utan att fråga, efter två veckor."
            ),
            "genomforande": (
                "Två deltagare och handledaren gick igenom varje moment, fotade och satte "
                "ihop korten. Vi testade korten på en nyanställd innan de plastades in."
            ),
            "tillampning": (
                "Korten sitter vid diskmaskinen och på insidan av förrådsdörren. Nya "
                "deltagare går igenom dem med fadder första dagen."
            ),
            "utvardering": (
                "Handledaren räknade under två veckor hur många gånger hon fick frågor om "
                "diskmaskinen och öppningen, före och efter."
            ),
        },
        "outcome_reaction": "Deltagarna var stolta över att korten var deras egna bilder.",
        "outcome_learning": (
            "Tre av fyra nya deltagare kunde öppna köket själva efter en vecka i stället för "
            "efter tre."
        ),
        "outcome_behaviour": (
            "Korten används, särskilt på morgonen. De erfarna tittar inte längre på dem, vilket "
            "är som det ska."
        ),
        "outcome_results": (
            "Frågorna till handledaren om diskmaskinen minskade från ungefär tio per vecka till "
            "två. Vi har haft färre felaktigt doserade diskmedel."
        ),
        "helped": (
            "Att deltagarna gjorde korten själva. Då blev bilderna tagna ur rätt vinkel och "
            "orden var de som faktiskt används i köket."
        ),
        "hindered": "Korten blev smutsiga fort vid disken. Vi fick plasta om dem efter en månad.",
        "helping_factors": ["upplagg-bilder", "deltagare-motivation", "arbetsplats-handledare"],
        "hindering_factors": [],
        "hours_spent": 14,
        "cost_sek": 450,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 5,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "kafe-kompassen",
        "method": "reflektionsrunda",
        "author": "medlem@kompetenshandboken.example",
        "title": "Reflektionsrunda efter lunchen: bra idé, svår att hålla i",
        "period_start": "2026-01-12",
        "period_end": "2026-03-27",
        "context": (
            "Vi ville att deltagarna skulle prata om vad som gått bra och dåligt under "
            "lunchen, i stället för att allt bara glömdes när disken var klar. Gruppen var "
            "nio personer med mycket olika språknivå."
        ),
        "adaptations": (
            "Vi använde tre bildkort: tumme upp, frågetecken och en hantel för det man vill "
            "öva mer på. Den som inte ville prata fick peka på ett kort."
        ),
        "phase_notes": {
            "forankring": (
                "Föreståndaren gav tio minuter betald tid efter lunchen, tre dagar i veckan."
            ),
            "genomforande": (
                "Rundan hölls stående vid passet direkt efter sista gästen. En person i taget "
                "sa en sak med hjälp av korten."
            ),
            "efterarbete": (
                "Handledaren skrev upp det som kom upp under frågetecknet på en tavla i "
                "personalrummet."
            ),
            "utvardering": (
                "Efter tio veckor frågade vi gruppen vad de tyckte och räknade hur många "
                "rundor som faktiskt blivit av."
            ),
        },
        "outcome_reaction": (
            "Blandat. Några tyckte det var bra att bli lyssnad på, andra ville bara gå hem."
        ),
        "outcome_learning": (
            'Flera deltagare började använda ord som "för lite", "för sent" och '
            '"slut på", vilket gjorde det lättare att förstå problem i köket.'
        ),
        "outcome_behaviour": (
            "Två deltagare började själva säga till när något höll på att ta slut under "
            "lunchen. Det kopplar vi till rundan."
        ),
        "outcome_results": (
            "Bara 17 av 30 planerade rundor blev av. De andra dagarna var det för mycket "
            "catering på eftermiddagen."
        ),
        "helped": "Bildkorten gjorde att alla kunde vara med, oavsett språk.",
        "hindered": (
            "Cateringbeställningar på eftermiddagen åt upp tiden. Efter lunchen är många "
            "trötta, så det var svårt att få fart på samtalet."
        ),
        "helping_factors": ["upplagg-bilder", "arbetsplats-ledning"],
        "hindering_factors": ["arbetsplats-tid", "deltagare-ork"],
        "hours_spent": 12,
        "cost_sek": 0,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 3,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "returbaren",
        "method": "visa-gor-ova",
        "author": "sara.lindqvist@kompetenshandboken.example",
        "title": "Visa – gör – öva för prissättning av kläder",
        "period_start": "2025-03-10",
        "period_end": "2025-05-16",
        "context": (
            "Prissättningen av kläder var ojämn: samma sorts jacka kunde kosta 50 kronor ena "
            "dagen och 250 nästa. Bara två personer kunde prissätta på egen hand. Vi ville att "
            "fler i sorteringen skulle klara det."
        ),
        "adaptations": (
            "Vi gjorde en prislista med bilder på typiska plagg och märken. Övningen skedde i "
            "par, där en deltagare som redan kunde prissätta visade på sitt eget språk."
        ),
        "phase_notes": {
            "behov-och-mal": (
                "Målet var att sex personer skulle kunna prissätta en back kläder med högst "
                "två fel, kontrollerat av handledaren."
            ),
            "genomforande": (
                "Handledaren visade en back, sedan prissatte deltagaren en back med "
                "handledaren bredvid, sedan en back själv som handledaren kontrollerade."
            ),
            "tillampning": (
                "Varje deltagare fick prissättning två förmiddagar i veckan i schemat under "
                "sex veckor."
            ),
            "utvardering": (
                "Handledaren gick igenom en slumpvis vald back från varje person i vecka tre "
                "och vecka sex."
            ),
        },
        "outcome_reaction": "Deltagarna tyckte det var roligt att få ett nytt ansvar.",
        "outcome_learning": (
            "Fem av sex klarade målet i vecka sex. En person behövde mer tid och fortsätter öva."
        ),
        "outcome_behaviour": (
            "Prissättningen görs nu av sex personer i stället för två. Märkeskläder missas "
            "fortfarande ibland."
        ),
        "outcome_results": (
            "Sorteringen går snabbare och det står inte längre backar och väntar på pris. "
            "Försäljningen av kläder ökade något, men vi vet inte om det beror på detta."
        ),
        "helped": (
            "Schemalagda tider att öva och att en erfaren deltagare kunde förklara på samma språk."
        ),
        "hindered": "Prislistan blev lång. Vi borde ha börjat med färre plaggtyper.",
        "helping_factors": ["upplagg-ovning", "arbetsplats-tillfallen", "arbetsplats-tid"],
        "hindering_factors": ["upplagg-takt"],
        "hours_spent": 30,
        "cost_sek": 300,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 4,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "returbaren",
        "method": "sprakombud",
        "author": "sara.lindqvist@kompetenshandboken.example",
        "title": "Språkombud i butiken: bra stöd, men rollen behövde ramar",
        "period_start": "2025-09-01",
        "period_end": "2025-12-19",
        "context": (
            "Många nya medarbetare förstod inte instruktioner om kassa och kundbemötande på "
            "svenska. Vi utsåg två språkombud som skulle stötta kollegor och samla ord som "
            "behövs i butiken."
        ),
        "adaptations": (
            "Språkombuden fick en halvtimme i veckan avsatt för sitt uppdrag. Vi gjorde en "
            "ordlista med bilder för kassan och vanliga kundfrågor."
        ),
        "phase_notes": {
            "forankring": (
                "Ledningen förklarade på ett personalmöte vad ett språkombud gör och inte gör: "
                "stöttar och förklarar, men tar inte över någons arbete."
            ),
            "genomforande": (
                "Språkombuden fanns med vid kassan första veckan för varje ny medarbetare och "
                "uppdaterade ordlistan varannan vecka."
            ),
            "efterarbete": (
                "Språkombuden och handledaren träffades varannan vecka för att prata om vad "
                "som fungerade."
            ),
            "utvardering": (
                "Vi frågade alla medarbetare efter fyra månader och gick igenom antalet fel i "
                "kassan."
            ),
        },
        "outcome_reaction": (
            "Nya medarbetare var positiva. Ett av språkombuden tyckte att uppdraget blev för "
            "tungt ovanpå det vanliga arbetet."
        ),
        "outcome_learning": (
            "Ordlistan har 60 ord och fraser. Nya medarbetare lärde sig kassarutinerna "
            "snabbare än tidigare grupper."
        ),
        "outcome_behaviour": (
            "Fler nya medarbetare vågar stå i kassan själva. Några förlitar sig för mycket på "
            "språkombudet och frågar inte handledaren."
        ),
        "outcome_results": (
            "Felen vid kassaavstämningen minskade något. Ett språkombud lämnade uppdraget, och "
            "vi har inte hittat en ersättare än."
        ),
        "helped": "Ordlistan med bilder och att språkombuden fick avsatt tid.",
        "hindered": (
            "En halvtimme i veckan räckte inte. Rollen var otydlig i början, så ett ombud "
            "blev en extra handledare utan att vilja det."
        ),
        "helping_factors": ["deltagare-sprak", "upplagg-bilder", "arbetsplats-ledning"],
        "hindering_factors": ["arbetsplats-tid", "arbetsplats-handledare"],
        "hours_spent": 40,
        "cost_sek": 1200,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 3,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "grona-hander",
        "method": "sakerhetsrunda",
        "author": "jonas.berglund@kompetenshandboken.example",
        "title": "Riskjakt på förrådet och på tre gårdar innan säsongen",
        "period_start": "2025-03-17",
        "period_end": "2025-05-30",
        "context": (
            "Inför säsongen skulle fem nya personer börja arbeta med röjsåg och "
            "åkgräsklippare. Året innan hade vi två tillbud med stenar som slungats mot "
            "parkerade bilar."
        ),
        "adaptations": (
            "Rundan gjordes i små grupper om tre, med en erfaren medarbetare i varje grupp. "
            "Riskerna fotades med mobilen i stället för att skrivas ner."
        ),
        "phase_notes": {
            "behov-och-mal": (
                "Målet var att alla i lagen skulle kunna peka ut de fem vanligaste riskerna "
                "på en gård och veta vad man gör åt dem."
            ),
            "genomforande": (
                "Varje grupp fick 45 minuter att leta risker på förrådet och på en gård. "
                "Grupperna visade sina bilder för varandra efteråt."
            ),
            "efterarbete": (
                "Bilderna blev en gemensam lista med åtgärder. Fem av åtgärderna gjordes "
                "samma vecka, till exempel nya skydd på trimmern."
            ),
            "tillampning": (
                "Varje lag gör nu en kort riskkoll på fem minuter när de kommer till en ny gård."
            ),
            "utvardering": (
                "Vi jämförde antalet tillbud under säsongen med året innan och frågade lagen "
                "om de gör riskkollen."
            ),
        },
        "outcome_reaction": (
            "Mycket positiv. Flera sa att det var första gången de blivit tillfrågade om vad "
            "som är farligt."
        ),
        "outcome_learning": (
            "Alla kunde visa vilka risker som finns vid trimning nära bilar och lekplatser."
        ),
        "outcome_behaviour": (
            "Riskkollen görs i de flesta lag, men hoppas över när schemat är pressat."
        ),
        "outcome_results": (
            "Inga tillbud med slungade stenar under säsongen. Två nya tillbud av annat slag "
            "rapporterades, vilket vi ser som ett tecken på att fler säger till."
        ),
        "helped": (
            "Att deltagarna själva letade risker och att åtgärderna gjordes direkt. Det visade "
            "att det var på allvar."
        ),
        "hindered": "Tidspress i högsäsong gjorde att riskkollen ibland hoppades över.",
        "helping_factors": ["deltagare-motivation", "upplagg-ovning", "arbetsplats-ledning"],
        "hindering_factors": ["arbetsplats-tid"],
        "hours_spent": 22,
        "cost_sek": 3400,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 5,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "grona-hander",
        "method": "stegvis-okat-ansvar",
        "author": "jonas.berglund@kompetenshandboken.example",
        "title": "Från handverktyg till eget ansvar för en gård",
        "period_start": "2025-04-07",
        "period_end": "2025-10-03",
        "context": (
            "Vi ville att deltagare i arbetsträning skulle kunna ta ansvar för skötseln av en "
            "egen gård under säsongen. Tidigare fick de sällan göra mer än att kratta och "
            "plocka skräp."
        ),
        "adaptations": (
            "Stegen ritades som en trappa på ett A4 som varje deltagare hade i sin mapp. "
            "Takten bestämdes tillsammans med deltagaren och kunde gå både framåt och bakåt."
        ),
        "phase_notes": {
            "behov-och-mal": (
                "Fyra steg: handverktyg, gräsklippare, röjsåg och till sist planering av en "
                "gårds skötsel en dag i veckan."
            ),
            "forankring": (
                "Vi kom överens med varje deltagare och arbetsledare om vilket steg de skulle "
                "börja på och hur man vet att man är klar för nästa."
            ),
            "tillampning": (
                "Arbetsledaren bytte roll från den som gör till den som kollar efteråt, när "
                "deltagaren nått steg fyra."
            ),
            "utvardering": (
                "I oktober gick vi igenom vilket steg alla nått och frågade kunderna på de "
                "gårdar där deltagare haft ansvar."
            ),
        },
        "outcome_reaction": "Deltagarna uppskattade att se trappan och veta vad nästa steg var.",
        "outcome_learning": (
            "Av sju deltagare nådde tre steg fyra, tre nådde steg tre och en stannade på steg två."
        ),
        "outcome_behaviour": (
            "De som nådde steg fyra planerade själva arbetsdagen på sin gård, med avstämning "
            "med arbetsledaren i telefon."
        ),
        "outcome_results": (
            "Arbetsledarna kunde ha två lag ute samtidigt vissa dagar. Kunderna märkte ingen "
            "skillnad i kvalitet, vilket var målet."
        ),
        "helped": (
            "Tydliga steg och att deltagarna fick vara med och bestämma takten. Att gå tillbaka "
            "ett steg var inget misslyckande."
        ),
        "hindered": (
            "Arbetsledarna hade svårt att släppa kontrollen i början. Säsongen är kort, så "
            "den som började sent hann inte så långt."
        ),
        "helping_factors": ["deltagare-motivation", "upplagg-takt", "arbetsplats-tillfallen"],
        "hindering_factors": ["arbetsplats-handledare"],
        "hours_spent": 60,
        "cost_sek": 0,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 4,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "hyvelbanken",
        "method": "visa-gor-ova",
        "author": "petter.ohman@kompetenshandboken.example",
        "title": "Kapsågen en maskin i taget",
        "period_start": "2025-01-13",
        "period_end": "2025-03-07",
        "context": (
            "Fyra nya deltagare skulle lära sig använda kapsågen säkert. Tidigare har vi visat "
            "alla maskiner första veckan, och det blev för mycket på en gång."
        ),
        "adaptations": (
            "Bara en maskin i taget. Varje moment visades två gånger utan att prata mycket, "
            "med fokus på händernas placering."
        ),
        "phase_notes": {
            "behov-och-mal": (
                "Målet var att kunna kapa virke till odlingslådor efter mått, säkert och "
                "utan hjälp."
            ),
            "genomforande": (
                "Snickaren visade, deltagaren gjorde med snickaren bredvid, sedan övade "
                "deltagaren på spillvirke tills det satt."
            ),
            "efterarbete": (
                "Efter varje pass fick deltagaren visa ett kapat stycke och berätta vad som "
                "var svårt."
            ),
            "tillampning": (
                "Deltagarna kapade allt virke till vårens beställning av odlingslådor, med "
                "snickaren i samma rum."
            ),
        },
        "outcome_reaction": "Lugnare start än tidigare år. Ingen kände sig överkörd.",
        "outcome_learning": "Alla fyra klarade kapsågen själva efter tre veckor.",
        "outcome_behaviour": (
            "De följer säkerhetsrutinerna även när ingen tittar, enligt snickarens iakttagelser."
        ),
        "outcome_results": (
            "Odlingslådorna levererades i tid och med färre felkapade bitar än året innan."
        ),
        "helped": (
            "Att bara lära en maskin i taget och öva på riktigt virke till riktiga beställningar."
        ),
        "hindered": "Ibland blev det väntetid eftersom bara en kunde stå vid sågen åt gången.",
        "helping_factors": ["upplagg-ovning", "upplagg-takt", "arbetsplats-handledare"],
        "hindering_factors": ["arbetsplats-tillfallen"],
        "hours_spent": 36,
        "cost_sek": 800,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 5,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "hyvelbanken",
        "method": "larlogg-med-bilder",
        "author": "petter.ohman@kompetenshandboken.example",
        "title": "Lärlogg med bilder: fungerade inte för oss, den här gången",
        "period_start": "2025-09-01",
        "period_end": "2025-11-28",
        "context": (
            "Vi ville att deltagarna skulle dokumentera vad de lärt sig med foton, så att de "
            "hade något att visa för arbetsgivare senare. Sex deltagare var med."
        ),
        "adaptations": (
            "Vi använde en delad fotomapp i mobilen och en enkel mall med tre frågor. Den som "
            "inte hade egen mobil fick låna verkstadens surfplatta."
        ),
        "phase_notes": {
            "forankring": "Vi förklarade syftet på ett morgonmöte och visade ett exempel.",
            "genomforande": (
                "Deltagarna skulle ta en bild i slutet av varje dag och skriva eller tala in "
                "en mening."
            ),
            "efterarbete": "Handledaren skulle gå igenom loggen med varje deltagare varje fredag.",
            "utvardering": (
                "Efter tre månader räknade vi inlägg och frågade deltagarna varför det blev "
                "som det blev."
            ),
        },
        "outcome_reaction": (
            "Två deltagare tyckte om det. De andra tyckte det kändes som skolarbete."
        ),
        "outcome_learning": (
            "De två som loggade regelbundet kunde beskriva sina arbetsmoment bättre i ett samtal."
        ),
        "outcome_behaviour": (
            "Efter fyra veckor loggade bara två av sex. Fredagsgenomgångarna blev av ungefär "
            "varannan vecka."
        ),
        "outcome_results": (
            "Ingen tydlig effekt i verksamheten. Vi har lagt loggen på is men vill prova igen "
            "med ett enklare upplägg."
        ),
        "helped": "Röstinspelning i stället för att skriva hjälpte de som hade svårt med text.",
        "hindered": (
            "Vi frågade inte deltagarna om de ville ha en logg innan vi startade. "
            "Surfplattan fanns inte alltid tillgänglig, och fredagarna var ofta fullbokade "
            "med leveranser."
        ),
        "helping_factors": ["upplagg-bilder"],
        "hindering_factors": ["deltagare-motivation", "arbetsplats-tid", "arbetsplats-handledare"],
        "hours_spent": 18,
        "cost_sek": 0,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 2,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "rent-och-klart",
        "method": "bildstodda-instruktioner",
        "author": "amina.hassan@kompetenshandboken.example",
        "title": "En bildpärm per kund för kontorsstädning",
        "period_start": "2025-05-05",
        "period_end": "2025-08-29",
        "context": (
            "Våra städare arbetar hos 14 kunder, ofta utan handledare på plats. Varje kund "
            "har egna önskemål. Reklamationerna handlade nästan alltid om moment som glömts."
        ),
        "adaptations": (
            "Varje kund fick ett kort med foton av rummen och symboler för varje moment. "
            "Korten finns både i papper i städvagnen och som bilder i mobilen."
        ),
        "phase_notes": {
            "behov-och-mal": "Målet var att halvera antalet reklamationer på sex månader.",
            "genomforande": (
                "Handledaren och en erfaren städare fotade varje kunds lokaler och gick "
                "igenom kortet med den som städar där."
            ),
            "tillampning": (
                "Städaren bockar av momenten på en laminerad lista med whiteboardpenna."
            ),
            "utvardering": "Vi jämförde reklamationer från januari–april med maj–augusti.",
        },
        "outcome_reaction": ("Städarna tyckte korten gjorde det tryggare att gå till en ny kund."),
        "outcome_learning": (
            "Nya städare kunde ta över en kund efter två följepass i stället för fyra."
        ),
        "outcome_behaviour": (
            "Korten används hos de flesta kunder. Hos två kunder har de försvunnit och inte "
            "ersatts."
        ),
        "outcome_results": (
            "Reklamationerna gick från 11 till 4 under perioden. En kund nämnde förbättringen "
            "när avtalet förlängdes."
        ),
        "helped": "Foton från den riktiga kunden i stället för allmänna bilder.",
        "hindered": (
            "Det tog längre tid än vi trott att göra korten. När kunden ändrar sina lokaler "
            "måste korten göras om."
        ),
        "helping_factors": ["upplagg-bilder", "deltagare-sprak", "arbetsplats-tillfallen"],
        "hindering_factors": ["arbetsplats-tid"],
        "hours_spent": 52,
        "cost_sek": 1900,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 4,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "rent-och-klart",
        "method": "uppfoljningssamtal-efter-sex-veckor",
        "author": "amina.hassan@kompetenshandboken.example",
        "title": "Sexveckorssamtalet fångade upp det vi annars missat",
        "period_start": "2025-09-15",
        "period_end": "2026-02-27",
        "context": (
            "Nya medarbetare gick en introduktion om städmetoder och kemikalier. Vi visste "
            "inte om det de lärde sig användes ute hos kunderna. Åtta personer började under "
            "perioden."
        ),
        "adaptations": (
            "Samtalet hölls ute hos en kund där medarbetaren arbetar, så att hen kunde visa i "
            "stället för att berätta. Tolk bokades vid behov."
        ),
        "phase_notes": {
            "forankring": (
                "Samtalet bokades i kalendern redan första dagen, så att det inte skulle glömmas."
            ),
            "tillampning": (
                "Under sex veckor arbetade medarbetaren hos två fasta kunder med samma moment."
            ),
            "efterarbete": (
                "I samtalet fick medarbetaren visa doseringen av medel och ett rum. Vi pratade "
                "om vad som var lätt och svårt."
            ),
            "utvardering": (
                "Vi noterade för varje samtal vad som behövde övas mer och följde upp det två "
                "veckor senare."
            ),
        },
        "outcome_reaction": (
            "Flera medarbetare sa att de uppskattade att någon kom ut och såg deras arbete."
        ),
        "outcome_learning": (
            "I fem av åtta samtal upptäckte vi att medlet doserades för starkt. Det hade ingen "
            "märkt annars."
        ),
        "outcome_behaviour": (
            "Efter uppföljningen doserade sju av åtta rätt. Mikrofiberduksystemet följdes av alla."
        ),
        "outcome_results": (
            "Förbrukningen av rengöringsmedel minskade med ungefär en femtedel under hösten."
        ),
        "helped": "Att samtalet var bokat från början och skedde på arbetsplatsen.",
        "hindered": "Två samtal sköts upp flera gånger när kunder ändrade tider.",
        "helping_factors": ["arbetsplats-handledare", "upplagg-ovning", "arbetsplats-ledning"],
        "hindering_factors": ["arbetsplats-tid"],
        "hours_spent": 20,
        "cost_sek": 2400,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 4,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "hamnlagret",
        "method": "mobilen-som-arbetsverktyg",
        "author": "leila.karimi@kompetenshandboken.example",
        "title": "Korta filmer i mobilen för plock och pack",
        "period_start": "2025-10-06",
        "period_end": "2026-01-30",
        "context": (
            "Vi gjorde sex korta filmer, under en minut var, om plock, pack, returer och "
            "inventering. Tanken var att nya medarbetare skulle kunna titta när de var osäkra, "
            "i stället för att vänta på handledaren."
        ),
        "adaptations": (
            "Filmerna har ingen text, bara bild och några få talade ord. De ligger i en "
            "gemensam mapp som nås med en QR-kod på varje station."
        ),
        "phase_notes": {
            "behov-och-mal": (
                "Målet var färre felplock och att handledaren skulle få färre avbrott."
            ),
            "genomforande": (
                "Två medarbetare filmade varandra. Handledaren granskade att varje film visade "
                "rätt sätt."
            ),
            "tillampning": "QR-koder sattes upp vid plockstationerna och packbordet.",
            "utvardering": (
                "Vi jämförde felplock under tre månader före och efter och frågade "
                "medarbetarna hur ofta de tittat."
            ),
        },
        "outcome_reaction": (
            "De yngre medarbetarna gillade filmerna. Några äldre ville hellre fråga en kollega."
        ),
        "outcome_learning": (
            "Returhanteringen, som är sällsynt, blev lättare eftersom det fanns en film att "
            "titta på."
        ),
        "outcome_behaviour": (
            "Filmerna används mest för returer och inventering, sällan för vanligt plock."
        ),
        "outcome_results": (
            "Felplocken minskade lite, men mindre än vi hoppats. Handledaren får färre frågor "
            "om returer."
        ),
        "helped": "Att medarbetarna själva filmade och att filmerna var mycket korta.",
        "hindered": (
            "Dålig mobiltäckning i delar av lagret. Alla hade inte tillräckligt med data i "
            "sina telefoner, så vi köpte en lagertelefon."
        ),
        "helping_factors": ["upplagg-bilder", "deltagare-motivation"],
        "hindering_factors": ["arbetsplats-tillfallen", "upplagg-takt"],
        "hours_spent": 28,
        "cost_sek": 3200,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 3,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "hamnlagret",
        "method": "fadder-pa-arbetsplatsen",
        "author": "leila.karimi@kompetenshandboken.example",
        "title": "Fadder de första fyra veckorna på lagret",
        "period_start": "2026-02-02",
        "period_end": "2026-05-29",
        "context": (
            "Nya medarbetare slutade ofta komma efter några veckor. När vi frågade sa flera "
            "att de inte visste vem de kunde fråga. Vi införde en fadder för varje ny person."
        ),
        "adaptations": (
            "Faddern valdes om möjligt så att de hade ett gemensamt språk. Faddrarna fick en "
            "timmes introduktion och en lista med vad de ska visa första veckan."
        ),
        "phase_notes": {
            "forankring": (
                "Faddern och den nya medarbetaren fick samma schema de första två veckorna."
            ),
            "genomforande": (
                "Faddern visade lokalerna, rutinerna och rasterna, och arbetade bredvid vid plock."
            ),
            "efterarbete": (
                "Fadder, ny medarbetare och handledare träffades tio minuter varje fredag "
                "under fyra veckor."
            ),
            "utvardering": (
                "Vi jämförde hur många som var kvar efter tre månader med tidigare år."
            ),
        },
        "outcome_reaction": "Både faddrar och nya medarbetare var positiva.",
        "outcome_learning": (
            "Nya medarbetare lärde sig scannern och plocklistan snabbare än tidigare."
        ),
        "outcome_behaviour": (
            "De nya frågade mer och vågade säga till när något var oklart. Faddrarna tog "
            "rollen på allvar."
        ),
        "outcome_results": (
            "Nio av elva nya var kvar efter tre månader, jämfört med ungefär hälften tidigare. "
            "Faddrarnas egen produktivitet sjönk märkbart de första veckorna."
        ),
        "helped": "Gemensamt språk och samma schema de första veckorna.",
        "hindered": (
            "Vi hade för få möjliga faddrar när fyra nya började samma månad. Då fick en "
            "fadder ta två personer, vilket blev för mycket."
        ),
        "helping_factors": ["arbetsplats-handledare", "deltagare-sprak", "arbetsplats-ledning"],
        "hindering_factors": ["arbetsplats-tid"],
        "hours_spent": 44,
        "cost_sek": 0,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 4,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "traden",
        "method": "trepartssamtal",
        "author": "erik.sandberg@kompetenshandboken.example",
        "title": "Trepartssamtal innan kursen i industrisömnad",
        "period_start": "2025-05-12",
        "period_end": "2025-09-26",
        "context": (
            "Tre deltagare skulle gå en tvådagarskurs i industrisömnad hos en extern "
            "utbildare. Förra gången vi skickade folk på kurs blev det lite kvar i vardagen "
            "efteråt."
        ),
        "adaptations": (
            "Samtalet hölls på deltagarens eget språk med en kollega som tolk. Vi hade med "
            "ett tyg och ett plagg från en verklig beställning som exempel."
        ),
        "phase_notes": {
            "behov-och-mal": (
                "Vi bestämde att målet var att sy arbetsbyxor till en beställning på 40 par, "
                "inte bara att gå kursen."
            ),
            "forankring": (
                "Varje deltagare hade ett 20 minuters samtal med handledare och chef. Vi "
                "bokade två förmiddagar i veckan vid industrimaskinen efter kursen."
            ),
            "genomforande": "Kursen hölls i två dagar. Handledaren var med andra dagen.",
            "tillampning": (
                "Deltagarna sydde byxorna till beställningen med handledaren tillgänglig i början."
            ),
            "utvardering": (
                "Vi räknade hur många par som klarade kvalitetskontrollen och pratade med "
                "deltagarna om kursen."
            ),
        },
        "outcome_reaction": (
            "Deltagarna visste varför de gick kursen och vad de skulle göra efteråt, vilket de "
            "sa gjorde det lättare att hänga med."
        ),
        "outcome_learning": "Alla tre kunde trä och ställa in industrimaskinen efter kursen.",
        "outcome_behaviour": (
            "Två av tre sydde på industrimaskinen varje vecka efteråt. Den tredje gick tillbaka "
            "till hushållsmaskinen när handledaren inte var där."
        ),
        "outcome_results": (
            "Beställningen levererades med en veckas försening. 37 av 40 par godkändes direkt."
        ),
        "helped": (
            "Att övningstiden var bokad redan före kursen och att vi hade en riktig "
            "beställning att arbeta mot."
        ),
        "hindered": (
            "Kursen gick fort och utbildaren använde facktermer. Vi borde ha frågat den tredje "
            "deltagaren tidigare hur det gick."
        ),
        "helping_factors": [
            "arbetsplats-tillfallen",
            "arbetsplats-ledning",
            "deltagare-motivation",
        ],
        "hindering_factors": ["upplagg-takt", "deltagare-sprak"],
        "hours_spent": 34,
        "cost_sek": 9600,
        "used_external_trainer": True,
        "external_trainer_notes": (
            "Kunnig utbildare men van vid elever med svenska som modersmål. Be om mer visning "
            "och färre genomgångar, och skicka en lista med ord ni vill att hen förklarar."
        ),
        "recommend_score": 4,
        "consent_to_publish": True,
        "status": "published",
    },
    {
        "company": "traden",
        "method": "deltagarledd-arbetsplatstraff",
        "author": "erik.sandberg@kompetenshandboken.example",
        "title": "Deltagarna leder arbetsplatsträffen varannan vecka",
        "period_start": "2026-01-19",
        "period_end": "2026-06-12",
        "context": (
            "Arbetsplatsträffarna leddes alltid av chefen, och få andra sa något. Vi ville att "
            "deltagarna skulle känna att det är deras arbetsplats också."
        ),
        "adaptations": (
            "En fast dagordning med bilder: veckans beställningar, något som gick bra, något "
            "som behöver lösas. Den som leder får förbereda sig med handledaren dagen innan."
        ),
        "phase_notes": {
            "forankring": (
                "Chefen frågade gruppen om de ville prova. Vi bestämde att ingen måste leda, "
                "men att alla får."
            ),
            "genomforande": (
                "Varannan vecka ledde en deltagare träffen på 20 minuter. Handledaren satt med "
                "och hjälpte till vid behov."
            ),
            "efterarbete": "Den som lett träffen fick återkoppling från handledaren efteråt.",
            "utvardering": (
                "Efter fem månader räknade vi hur många som lett en träff och vilka förslag som "
                "genomförts."
            ),
        },
        "outcome_reaction": (
            "Några var nervösa före men stolta efteråt. Tre personer ville inte leda, och det "
            "respekterade vi."
        ),
        "outcome_learning": "Sju deltagare har lett minst en träff.",
        "outcome_behaviour": (
            "Fler tar ordet även när chefen leder. Förslag kommer oftare från deltagarna."
        ),
        "outcome_results": (
            "Fyra förslag från deltagarna har genomförts, bland annat ny ordning i "
            "tyglagret. Träffarna tar längre tid än förut, ofta 30 minuter i stället för 20."
        ),
        "helped": "Den fasta dagordningen med bilder och förberedelsen med handledaren.",
        "hindered": (
            "Det blev svårt att hålla tiden, och när det var mycket beställningar ställdes "
            "träffen in två gånger."
        ),
        "helping_factors": ["upplagg-bilder", "arbetsplats-handledare", "deltagare-motivation"],
        "hindering_factors": ["arbetsplats-tid", "upplagg-takt"],
        "hours_spent": 16,
        "cost_sek": 0,
        "used_external_trainer": False,
        "external_trainer_notes": "",
        "recommend_score": 3,
        "consent_to_publish": True,
        "status": "published",
    },
]
