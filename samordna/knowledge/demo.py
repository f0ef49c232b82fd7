"""Demo data for the knowledge bank: the items named in the seeds (the 2012–2014 regional
competence support, Kalmar's competence-development plan 2022 and the December 2023
newsletter). Facts only – titles, publishers, dates and links where the seeds give them."""

from datetime import date

from samordna.organisations import services as organisation_services
from samordna.organisations.models import Organisation
from samordna.organisations.models import Person as _Person

from . import services
from .models import KnowledgeItem, ViolenceForm

K = KnowledgeItem.Kind
V = ViolenceForm
T = _Person.TargetGroup

# Organisations that publish items but are not in the reference data: (name, kind).
EXTRA_PUBLISHERS = [
    ("Myndigheten för vård- och omsorgsanalys", Organisation.Kind.STATE_AGENCY),
]

# (title, kind, publisher code or name or None, published_on, url, violence forms,
#  target groups, summary)
ITEMS = [
    # Seed 001: regional competence support on violence in close relationships.
    (
        "Handboken VÅLD",
        K.METHOD_SUPPORT,
        "SOS",
        None,
        "",
        [V.PARTNER, V.CHILDREN],
        [T.SPECIALIST, T.MANAGER],
        "Handbok om socialtjänstens och hälso- och sjukvårdens arbete med våld i nära "
        "relationer. Ett komplement till de allmänna råden om socialnämndens arbete med "
        "våldsutsatta kvinnor samt barn som bevittnat våld. Stöd för att utveckla den egna "
        "verksamheten och strukturera ett långsiktigt arbete.",
    ),
    (
        "FREDA bedömningsmetoder – kortfrågor, beskrivning och farlighet",
        K.METHOD_SUPPORT,
        "SOS",
        None,
        "",
        [V.PARTNER],
        [T.SPECIALIST, T.GENERALIST],
        "Socialstyrelsens standardiserade bedömningsmetoder i tre delar. FREDA-kortfrågor kan "
        "användas av alla som möter klienter och brukare, som ett screeningsverktyg. "
        "FREDA-beskrivning och FREDA-farlighet används av medarbetare med fördjupad kunskap om "
        "våld i nära relation, för att kartlägga våldet och bedöma riskerna.",
    ),
    (
        "Patriark",
        K.METHOD_SUPPORT,
        None,
        None,
        "",
        [V.HONOUR],
        [T.SPECIALIST],
        "Riskbedömningsmetod vid hedersrelaterat våld. Länsstyrelserna informerar om skillnader "
        "mellan FREDA och andra riskbedömningsmetoder som Patriark och SARA.",
    ),
    (
        "SARA",
        K.METHOD_SUPPORT,
        None,
        None,
        "",
        [V.PARTNER],
        [T.SPECIALIST],
        "Riskbedömningsmetod vid partnervåld. Länsstyrelserna informerar om skillnader mellan "
        "FREDA och andra riskbedömningsmetoder som Patriark och SARA.",
    ),
    (
        "Sällan sedda",
        K.MATERIAL,
        None,
        None,
        "",
        [V.DISABILITY, V.PARTNER],
        [T.SPECIALIST, T.GENERALIST],
        "Utbildningsmaterial om våld mot kvinnor med funktionsnedsättning.",
    ),
    (
        "Skylla sig själv?",
        K.MATERIAL,
        None,
        None,
        "",
        [V.PARTNER],
        [T.SPECIALIST, T.GENERALIST],
        "Utbildningsmaterial om våld mot kvinnor med missbruks- eller beroendeproblem.",
    ),
    (
        "Våldsutsatta kvinnor med utländsk bakgrund",
        K.MATERIAL,
        "SOS",
        None,
        "",
        [V.PARTNER, V.HONOUR],
        [T.SPECIALIST],
        "Material som Socialstyrelsen tagit fram inom kompetensstödsuppdraget 2012–2014.",
    ),
    (
        "Våldsutsatta äldre kvinnor samt kvinnor som utsätts för hedersrelaterat förtryck och våld",
        K.MATERIAL,
        "SOS",
        None,
        "",
        [V.ELDERLY, V.HONOUR],
        [T.SPECIALIST],
        "Material som Socialstyrelsen tagit fram inom kompetensstödsuppdraget 2012–2014.",
    ),
    (
        "Meddelandeblad nr 2/2012 – ledningssystem för systematiskt kvalitetsarbete",
        K.LAW,
        "SOS",
        None,
        "",
        [],
        [T.MANAGER, T.STRATEGIST],
        "Information om Socialstyrelsens föreskrifter och allmänna råd om ledningssystem för "
        "systematiskt kvalitetsarbete.",
    ),
    # Seed 000: base knowledge – national web courses for introduction training.
    (
        "Webbkurs om våld",
        K.WEB_COURSE,
        "NCK",
        None,
        "https://webbkursomvald.se",
        [V.PARTNER],
        [T.GENERALIST, T.SPECIALIST],
        "Kostnadsfri webbkurs som ger grundläggande kunskaper om mäns våld mot kvinnor och våld "
        "i nära relationer. Utvecklad av Nationellt centrum för kvinnofrid tillsammans med "
        "länsstyrelserna och Socialstyrelsen; lanserad 2016 och använd av över 150 000 "
        "personer. Bör ingå i introduktionsutbildningen för berörda verksamheter.",
    ),
    (
        "Webbkurs heder",
        K.WEB_COURSE,
        None,
        None,
        "",
        [V.HONOUR],
        [T.GENERALIST, T.SPECIALIST],
        "Länsstyrelsernas webbkurs om hedersrelaterat våld och förtryck (hedersförtryck.se). "
        "Bör ingå i introduktionsutbildningen för berörda verksamheter.",
    ),
    (
        "Webbkurs om våld mot barn",
        K.WEB_COURSE,
        "BARNAFRID",
        None,
        "",
        [V.CHILDREN],
        [T.GENERALIST, T.SPECIALIST],
        "Barnafrids webbkurs om våld mot barn. Bör ingå i introduktionsutbildningen för berörda "
        "verksamheter.",
    ),
    (
        "Webbkurs sexuell exploatering av barn, prostitution och människohandel",
        K.WEB_COURSE,
        "JAMY",
        None,
        "",
        [V.PROSTITUTION, V.CHILDREN, V.SEXUAL],
        [T.GENERALIST, T.SPECIALIST],
        "Jämställdhetsmyndighetens webbkurs. Bör ingå i introduktionsutbildningen för berörda "
        "verksamheter.",
    ),
    # Seed 004: the December 2023 newsletter – material and method support.
    (
        "FREDA-paketet",
        K.METHOD_SUPPORT,
        "LST14",
        None,
        "",
        [V.PARTNER],
        [T.SPECIALIST, T.GENERALIST],
        "Lättillgängligt och pedagogiskt digitalt material för att tillgängliggöra "
        "FREDA-bedömningsmetoder, med filmer och utbildningsmaterial för utbildare. Tänkt för "
        "introduktion eller repetition i en organisation eller arbetsgrupp.",
    ),
    (
        "Samlat stöd om betänketid vid misstänkt människohandel",
        K.MATERIAL,
        "SOS",
        None,
        "https://kunskapsguiden.se",
        [V.PROSTITUTION],
        [T.SPECIALIST],
        "Samlad information på Kunskapsguiden om socialtjänstens möjlighet att ansöka hos "
        "Migrationsverket om betänketid – ett tidsbegränsat uppehållstillstånd i 30 dagar – "
        "för offer för människohandel. Framtaget i samverkan med Jämställdhetsmyndigheten.",
    ),
    (
        "Rätt att veta!",
        K.WEB_COURSE,
        "MUCF",
        None,
        "https://www.mucf.se/rattattveta",
        [V.HONOUR, V.LGBTQI, V.DISABILITY],
        [T.GENERALIST, T.CIVIL_SOCIETY],
        "Fyra kostnadsfria webbutbildningar för yrkesverksamma och ideellt engagerade som möter "
        "unga: grundutbildning, trauma, sexuell och reproduktiv hälsa och rättigheter samt "
        "hedersrelaterat våld och förtryck, med fokus på hbtqi, intellektuell "
        "funktionsnedsättning och utsatthet för rasism.",
    ),
    (
        "Låt inte tystnaden tala – kunskaps- och stödmaterial",
        K.MATERIAL,
        "JAMY",
        date(2023, 10, 18),
        "",
        [V.SEXUAL, V.PROSTITUTION, V.CHILDREN],
        [T.GENERALIST, T.CIVIL_SOCIETY],
        "Film, kampanjsida för unga och pedagogisk handledning som främjar samtycke och "
        "motverkar sexuell exploatering av barn och efterfrågan på köp av sexuella tjänster.",
    ),
    (
        "Våld mot personer med funktionsnedsättning",
        K.GOOD_EXAMPLE,
        "MFD",
        None,
        "https://www.mfd.se",
        [V.DISABILITY],
        [T.GENERALIST, T.SPECIALIST, T.STRATEGIST],
        "Uppdaterat kunskapsstöd från Myndigheten för delaktighet med lärande exempel från "
        "flera verksamheter, rapporter och annat material.",
    ),
    # Seed 004: reports.
    (
        "Skolans roll i det brottsförebyggande arbetet",
        K.REPORT,
        "SKOLV",
        None,
        "",
        [],
        [T.GENERALIST, T.MANAGER],
        "Rapporten visar att svenska skolor i stor utsträckning arbetar brottsförebyggande, "
        "men att arbetet bedrivs olika. Framgångsfaktorer är bland annat elevnärvaro, tillgång "
        "till trygga vuxna och samverkan.",
    ),
    (
        "Brister i samhällets insatser för att skydda barn och unga från att föras utomlands",
        K.REPORT,
        "JAMY",
        None,
        "",
        [V.HONOUR, V.CHILDREN],
        [T.SPECIALIST, T.GENERALIST],
        "Kartläggning av myndigheters arbete för att förhindra att barn och unga förs "
        "utomlands mot sin vilja. Fler bortföranden skulle kunna förhindras om myndigheter "
        "ingrep tidigare. Med en ”Att tänka på-lista” för yrkesverksamma.",
    ),
    (
        "Dödligt partnervåld mot unga",
        K.REPORT,
        "JAMY",
        None,
        "",
        [V.PARTNER],
        [T.SPECIALIST, T.STRATEGIST],
        "Rapport av Shilan Caman och Sara Skott på uppdrag av Jämställdhetsmyndigheten. "
        "Dödligt våld i ungas partnerrelationer har varit ett förbisett område i både praktik "
        "och forskning.",
    ),
    (
        "Medel mot våld",
        K.REPORT,
        "Myndigheten för vård- och omsorgsanalys",
        date(2023, 11, 30),
        "https://www.vardanalys.se",
        [V.PARTNER],
        [T.STRATEGIST, T.MANAGER],
        "Måluppfyllelsen för utvecklingsmedel och kompetensstöd mot våld i nära relationer, "
        "med rekommendationer om långsiktig styrning, planering, samordnat kompetensstöd och "
        "uppföljning.",
    ),
    (
        "Bära eller brista",
        K.REPORT,
        "Myndigheten för vård- och omsorgsanalys",
        date(2023, 11, 30),
        "https://www.vardanalys.se",
        [V.HONOUR],
        [T.SPECIALIST, T.MANAGER],
        "Erfarenheter av socialtjänstens stöd vid hedersrelaterat våld och förtryck.",
    ),
    (
        "Ojämställdhet i socialtjänsten – kunskapsöversikt",
        K.REPORT,
        "SKR",
        None,
        "https://skr.se",
        [V.PARTNER, V.HONOUR],
        [T.SPECIALIST, T.MANAGER],
        "Könsnormer återspeglas i socialtjänstens handläggning: mammors och pappors förmågor "
        "bedöms olika, flickors utsatthet fångas upp bättre än pojkars, våld från pappor tonas "
        "ner och det finns stora kunskapsluckor om hedersrelaterat våld.",
    ),
    # Seed 004: new laws and government assignments.
    (
        "Nollvision för våld i nära relationer",
        K.LAW,
        "JAMY",
        None,
        "",
        [V.PARTNER],
        [T.STRATEGIST],
        "Regeringsuppdrag till Jämställdhetsmyndigheten att göra en förstudie om en nollvision "
        "för våld i nära relationer. Redovisas senast den 15 februari 2024.",
    ),
    (
        "Förstudie om ett EU-gemensamt telefonnummer för våldsutsatta",
        K.LAW,
        "NCK",
        None,
        "",
        [V.PARTNER, V.SEXUAL],
        [T.STRATEGIST],
        "Regeringsuppdrag till NCK att utreda ett gemensamt telefonnummer inom EU för personer "
        "som utsatts för könsrelaterat våld. Redovisas senast den 10 januari 2024.",
    ),
    (
        "Implementering av behandlingsprogrammet Predov",
        K.LAW,
        "KVV",
        None,
        "",
        [V.PERPETRATORS, V.PARTNER],
        [T.SPECIALIST],
        "Kriminalvården ska implementera och utvärdera Predov, ett behandlingsprogram för "
        "personer som utövar våld mot närstående, i samverkan med Socialstyrelsen. "
        "Slutredovisas senast den 15 december 2028.",
    ),
    (
        "Internationell kunskapsöversikt om hedersrelaterat våld och förtryck",
        K.LAW,
        "JAMY",
        None,
        "",
        [V.HONOUR],
        [T.STRATEGIST],
        "Regeringsuppdrag till Jämställdhetsmyndigheten.",
    ),
    (
        "Stärka våldsutsatta barns och ungas delaktighet i socialtjänsten",
        K.LAW,
        "SOS",
        None,
        "",
        [V.CHILDREN],
        [T.SPECIALIST],
        "Regeringsuppdrag till Socialstyrelsen att stärka våldsutsatta barns och ungas "
        "delaktighet inom socialtjänstens barn- och ungdomsvård.",
    ),
    (
        "Nationellt hälsoprogram för barn och unga",
        K.LAW,
        "SOS",
        None,
        "",
        [V.CHILDREN, V.HONOUR, V.LGBTQI, V.DISABILITY],
        [T.STRATEGIST, T.MANAGER],
        "Regeringen har beslutat att ett nationellt hälsoprogram för barn och unga till och med "
        "20 års ålder ska tas fram, bland andra av Socialstyrelsen och Folkhälsomyndigheten. "
        "Uppdraget berör området mäns våld mot kvinnor.",
    ),
    (
        "Nya steg mot en ny socialtjänstlag",
        K.LAW,
        None,
        None,
        "",
        [],
        [T.MANAGER, T.STRATEGIST],
        "I budgetpropositionen presenterar regeringen satsningar för en reform av "
        "socialtjänsten. Under 2024 ska en ny socialtjänstlag presenteras, för en mer "
        "förebyggande och kunskapsbaserad socialtjänst.",
    ),
]


def _publisher(key: str | None) -> Organisation | None:
    if key is None:
        return None
    return (
        Organisation.objects.filter(code=key).first()
        or Organisation.objects.filter(name=key).first()
    )


def seed() -> dict[str, int]:
    """Create the knowledge items of the seeds as published national items (idempotent)."""
    for name, kind in EXTRA_PUBLISHERS:
        if not Organisation.objects.filter(name=name).exists():
            organisation_services.organisation_create(actor=None, name=name, kind=kind, county=None)
    created = 0
    for title, kind, publisher, published_on, url, forms, groups, summary in ITEMS:
        if KnowledgeItem.objects.filter(title=title, county__isnull=True).exists():
            continue
        services.knowledge_item_create(
            actor=None,
            title=title,
            kind=kind,
            county=None,
            summary=summary,
            publisher=_publisher(publisher),
            published_on=published_on,
            url=url,
            published=True,
            violence_forms=[str(v) for v in forms],
            target_groups=[str(t) for t in groups],
        )
        created += 1
    return {"knowledge_items": KnowledgeItem.objects.count(), "created": created}
