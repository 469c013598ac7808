"""Non-psychiatric drug classes that aggravate RLS: antiemetics, antihistamines, anticonvulsants,
antihypertensives (calcium channel blockers, diuretics), alcohol and caffeine in medicines.
"""

from __future__ import annotations

from rls.findings import Category
from rls.knowledge.model import DrugClass, generic
from rls.knowledge.sources import ARTICLE_DIURETICS, ARTICLE_EXCLUDE, ARTICLE_IRRATIONAL

_AGGRAVATING = Category.AGGRAVATING_DRUG

ANTIEMETIC = DrugClass(
    code="drug.antiemetic-dopamine-antagonist",
    category=_AGGRAVATING,
    label="dopamine-antagonist antiemetic",
    advice=(
        "Dopamine-antagonist antiemetics significantly aggravate RLS. If nausea and vomiting must "
        "be treated, use ondansetron (Zofran) or granisetron (Kytril)."
    ),
    source=ARTICLE_EXCLUDE,
    alternatives=("ondansetron", "granisetron"),
    # No ATC group: A03FA also holds domperidone, which barely enters the brain.
    generics=(
        generic("metoclopramide", "A03FA01", "Reglan", "Cerucal", "Maxolon", "Primperan", "Gimoti"),
        generic("prochlorperazine", "N05AB04", "Compazine", "Stemetil", "Buccastem", "Compro"),
        # Promethazine is also an antihistamine; the catalogue files it here.
        generic("promethazine", "R06AD02", "Phenergan", "Pipolfen", "Diprazine", "Avomine"),
        generic("droperidol", "N05AD08", "Inapsine", "Droleptan", "Dridol"),
        generic("trimethobenzamide", (), "Tigan"),
        generic("alizapride", "A03FA05", "Litican", "Plitican"),
        generic("bromopride", "A03FA04", "Digesan"),
        generic("thiethylperazine", "R06AD03", "Torecan"),
        generic("metopimazine", "A04AD05", "Vogalene"),
    ),
)

SEDATING_ANTIHISTAMINE = DrugClass(
    code="drug.sedating-antihistamine",
    category=_AGGRAVATING,
    label="sedating (first-generation) antihistamine",
    advice=(
        "Sedating antihistamines (the article: diphenhydramine, sold in Russia as Dimedrol, and "
        "OTC cold and sleep remedies containing them) aggravate RLS. For allergy prefer a "
        "non-sedating antihistamine: loratadine, cetirizine or fexofenadine."
    ),
    source=f"{ARTICLE_EXCLUDE}; {ARTICLE_IRRATIONAL}",
    alternatives=("loratadine", "cetirizine", "fexofenadine"),
    # No ATC group: R06A mixes sedating and non-sedating antihistamines.
    generics=(
        generic(
            "diphenhydramine",
            "R06AA02",
            "Benadryl",
            "Dimedrol",
            "Nytol",
            "ZzzQuil",
            "Dipheningidramine",
            "Difengidramin",
            "Diphenhydramin",
            aka=("dph",),
        ),
        generic("doxylamine", "R06AA09", "Unisom", "Donormyl", "Reslip", "Sonmil"),
        generic("clemastine", "R06AA04", "Tavist", "Tavegil", "Tavegyl"),
        generic("carbinoxamine", "R06AA08", "Karbinal", "Palgic"),
        generic("dimenhydrinate", "R06AA11", "Dramamine", "Gravol", "Dramina", "Vomex"),
        generic(
            "chlorphenamine", "R06AB04", "Piriton", "Chlor-Trimeton", aka=("chlorpheniramine",)
        ),
        generic("dexchlorpheniramine", "R06AB02", "Polaramine", aka=("dexchlorphenamine",)),
        generic("brompheniramine", "R06AB01", "Dimetapp", "Bromfed"),
        generic("pheniramine", "R06AB05", "Avil"),
        generic("dimetindene", "R06AB03", "Fenistil", aka=("dimethindene",)),
        generic("triprolidine", "R06AX07", "Zymine"),
        generic("chloropyramine", "R06AC03", "Suprastin"),
        generic("mepyramine", "R06AC01", aka=("pyrilamine",)),
        generic("tripelennamine", "R06AC04", "PBZ"),
        generic("hydroxyzine", "N05BB01", "Atarax", "Vistaril", "Ucerax"),
        generic("meclizine", "R06AE05", "Antivert", "Bonine", "Bonamine", aka=("meclozine",)),
        generic("cyclizine", "R06AE03", "Valoid", "Marezine"),
        generic("cyproheptadine", "R06AX02", "Periactin", "Peritol"),
        generic("ketotifen", "R06AX17", "Zaditen"),
        generic("mebhydrolin", "R06AX15", "Diazolin"),
        generic("alimemazine", "R06AD01", "Teraligen", "Vallergan", aka=("trimeprazine",)),
        # Cinnarizine is a piperazine H1 antihistamine with calcium-channel-blocking action.
        generic("cinnarizine", "N07CA02", "Stugeron"),
    ),
    # Skin and eye preparations act locally; their sedating effect is negligible.
    negations=("cream", "gel", "ointment", "lotion", "topical", "eye", "ophthalmic"),
)

ANTICONVULSANT = DrugClass(
    code="drug.aggravating-anticonvulsant",
    category=_AGGRAVATING,
    label="RLS-aggravating anticonvulsant",
    advice=(
        "The article lists zonisamide, mesuximide and phenytoin as anticonvulsants that "
        "aggravate RLS. The α2δ ligands (gabapentin, pregabalin) are different: they treat RLS."
    ),
    source=ARTICLE_EXCLUDE,
    generics=(
        generic("zonisamide", "N03AX15", "Zonegran", "Zonisade", "Zonizamide"),
        generic(
            "mesuximide", "N03AD03", "Celontin", "Petinutin", "Metsuximide", aka=("methsuximide",)
        ),
        generic("phenytoin", "N03AB02", "Dilantin", "Epanutin", "Difenin", "Phenytek", "Diphenin"),
        # Fosphenytoin is a prodrug converted to phenytoin within minutes.
        generic("fosphenytoin", "N03AB05", "Cerebyx", "Pro-Epanutin"),
    ),
)

CALCIUM_CHANNEL_BLOCKER = DrugClass(
    code="drug.calcium-channel-blocker",
    category=_AGGRAVATING,
    label="calcium channel blocker",
    advice=(
        "Calcium channel blockers (the article: Finoptin, i.e. verapamil; Corinfar, i.e. "
        "nifedipine) aggravate RLS; consider another antihypertensive with the prescriber."
    ),
    source=f"{ARTICLE_EXCLUDE}; {ARTICLE_IRRATIONAL}",
    # C08: every calcium channel blocker; C08G, C09BB and C09DB are CCB combinations.
    atc_groups=("C08", "C09BB", "C09DB"),
    generics=(
        generic("verapamil", "C08DA01", "Finoptin", "Isoptin", "Calan", "Verelan", "Lekoptin"),
        generic(
            "diltiazem", "C08DB01", "Cardizem", "Tiazac", "Dilzem", "Cartia", "Adizem", "Cardil"
        ),
        generic(
            "nifedipine",
            "C08CA05",
            "Corinfar",
            "Adalat",
            "Procardia",
            "Cordafen",
            "Kordafen",
            "Cordipin",
            "Nifecard",
            "Fenigidin",
            "Coracten",
            "Tensipine",
            "Afeditab",
        ),
        generic("amlodipine", "C08CA01", "Norvasc", "Istin", "Normodipin", "Amlor", "Tenox"),
        generic("levamlodipine", "C08CA17", "Conjupri"),
        generic("felodipine", "C08CA02", "Plendil", "Felodip"),
        generic("nimodipine", "C08CA06", "Nimotop"),
        generic("nicardipine", "C08CA04", "Cardene"),
        generic("isradipine", "C08CA03", "DynaCirc", "Lomir"),
        generic("lercanidipine", "C08CA13", "Zanidip", "Lercadip"),
        generic("lacidipine", "C08CA09", "Motens", "Lacipil"),
        generic("nitrendipine", "C08CA08", "Baypress"),
        generic("nisoldipine", "C08CA07", "Sular"),
        generic("clevidipine", "C08CA16", "Cleviprex"),
        generic("cilnidipine", "C08CA14"),
        generic("bepridil", "C08EA02"),
        # Flunarizine is a non-selective calcium antagonist used for migraine and vertigo.
        generic("flunarizine", "N07CA03", "Sibelium"),
    ),
)

DIURETIC = DrugClass(
    code="drug.diuretic",
    category=_AGGRAVATING,
    label="loop or thiazide diuretic",
    advice=(
        "The article advises avoiding diuretics in RLS. Review whether the loop or thiazide "
        "diuretic is needed, or whether another antihypertensive would do."
    ),
    source=ARTICLE_DIURETICS,
    # Thiazides (C03A), thiazide-like (C03B), loop (C03C), their combinations with
    # potassium-sparing agents (C03EA, C03EB), beta blockers (C07B, C07C), ACE inhibitors
    # (C09BA), sartans (C09DA), other antihypertensives (C02L) and CCBs (C08G). Potassium-sparing
    # agents alone (C03D: spironolactone, amiloride) are not loop or thiazide diuretics.
    atc_groups=(
        "C03A",
        "C03B",
        "C03C",
        "C03EA",
        "C03EB",
        "C07B",
        "C07C",
        "C09BA",
        "C09DA",
        "C02L",
        "C08G",
    ),
    generics=(
        generic(
            "furosemide", "C03CA01", "Lasix", "Lasilix", "Frusol", "Furosemid", aka=("frusemide",)
        ),
        generic(
            "torasemide",
            "C03CA04",
            "Demadex",
            "Soaanz",
            "Torem",
            "Diuver",
            "Britomar",
            "Trigrim",
            aka=("torsemide",),
        ),
        generic("bumetanide", "C03CA02", "Bumex", "Burinex"),
        generic("piretanide", "C03CA03", "Arelix"),
        generic(
            "etacrynic acid",
            "C03CC01",
            "Edecrin",
            aka=("ethacrynic acid", "ethacrynic", "etacrynic", "ethacrynate"),
        ),
        generic(
            "hydrochlorothiazide",
            "C03AA03",
            "Microzide",
            "Esidrix",
            "HydroDIURIL",
            "Hypothiazid",
            "Hypothiazide",
            aka=("hctz", "hct", "hydrochlorthiazide"),
        ),
        generic("chlorothiazide", "C03AA04", "Diuril"),
        generic("bendroflumethiazide", "C03AA01", "Aprinox", "Neo-Naclex", aka=("bendrofluazide",)),
        generic("cyclopenthiazide", "C03AA07", "Navidrex"),
        generic("methyclothiazide", "C03AA08", "Enduron"),
        generic("polythiazide", "C03AA05"),
        generic("trichlormethiazide", "C03AA06"),
        generic(
            "chlortalidone", "C03BA04", "Hygroton", "Thalitone", "Oxodolin", aka=("chlorthalidone",)
        ),
        generic(
            "indapamide", "C03BA11", "Lozol", "Natrilix", "Arifon", "Indap", "Ravel", "Tertensif"
        ),
        generic("metolazone", "C03BA08", "Zaroxolyn", "Metenix"),
        generic("xipamide", "C03BA10", "Diurexan"),
        generic("clopamide", "C03BA03", "Brinaldix"),
    ),
)

ALCOHOL_CONTAINING = DrugClass(
    code="drug.alcohol-containing",
    category=_AGGRAVATING,
    label="alcohol-containing preparation",
    advice=(
        "Preparations containing alcohol (tinctures, elixirs, alcohol-based drops) may relieve "
        "symptoms for a while, but RLS later worsens significantly: prefer an alcohol-free form."
    ),
    source=ARTICLE_EXCLUDE,
    generics=(
        # A tincture or an elixir is by definition an alcoholic solution.
        generic(
            "ethanol",
            "V03AB16",
            "Melissengeist",
            "Iberogast",
            aka=(
                "alcohol",
                "ethyl alcohol",
                "tincture",
                "tinct",
                "tinctura",
                "elixir",
                "elix",
                "spiritus",
            ),
        ),
    ),
    # Alcohol-free forms, other alcohols and preparations for the skin are not drunk.
    negations=(
        "alcohol free",
        "alcoholfree",
        "no alcohol",
        "without alcohol",
        "non alcoholic",
        "nonalcoholic",
        "polyvinyl alcohol",
        "benzyl alcohol",
        "isopropyl alcohol",
        "cetyl alcohol",
        "cetostearyl alcohol",
        "stearyl alcohol",
        "iodine",
        "swab",
        "swabs",
        "wipe",
        "wipes",
        "pad",
        "pads",
        "topical",
        "sanitizer",
        "sanitiser",
        "hand rub",
        "external",
    ),
)

CAFFEINE_CONTAINING = DrugClass(
    code="drug.caffeine-containing",
    category=_AGGRAVATING,
    label="caffeine-containing medicine",
    advice=(
        "Medicines containing caffeine (e.g. Excedrin, Citramon) can aggravate RLS like "
        "caffeinated drinks; prefer a caffeine-free analgesic, and avoid it in the evening."
    ),
    source=f"{ARTICLE_IRRATIONAL}; {ARTICLE_EXCLUDE}",
    generics=(
        generic(
            "caffeine",
            "N06BC01",
            "NoDoz",
            "Vivarin",
            "Pro Plus",
            "Cafcit",
            aka=("coffeine", "coffeinum", "caffeinum", "koffein"),
        ),
    ),
    negations=("caffeine free", "decaf", "decaffeinated", "no caffeine", "without caffeine"),
)

GENERAL_CLASSES = (
    ANTIEMETIC,
    SEDATING_ANTIHISTAMINE,
    ANTICONVULSANT,
    CALCIUM_CHANNEL_BLOCKER,
    DIURETIC,
    ALCOHOL_CONTAINING,
    CAFFEINE_CONTAINING,
)
