"""RLS treatments that call for caution: benzodiazepines, opioids and dopaminergic drugs."""

from __future__ import annotations

from rls.findings import Category
from rls.knowledge.model import DrugClass, generic
from rls.knowledge.sources import AASM_2024, ARTICLE_DRUGS

_CAUTION = Category.TREATMENT_CAUTION

BENZODIAZEPINE = DrugClass(
    code="caution.benzodiazepine",
    category=_CAUTION,
    label="benzodiazepine",
    advice=(
        "Benzodiazepines promote sleep but long use leads to addiction; side effects include "
        "daytime drowsiness, low libido and episodes of confusion at night. Use only for a "
        "strictly limited time and under a doctor's supervision."
    ),
    source=ARTICLE_DRUGS,
    # N05BA anxiolytic and N05CD hypnotic benzodiazepines; clonazepam is filed under N03AE.
    atc_groups=("N05BA", "N05CD", "N03AE"),
    generics=(
        generic(
            "diazepam",
            "N05BA01",
            "Valium",
            "Relanium",
            "Seduxen",
            "Sibazon",
            "Apaurin",
            "Stesolid",
            "Diastat",
            "Valtoco",
        ),
        generic("lorazepam", "N05BA06", "Ativan", "Tavor", "Lorafen"),
        generic("clonazepam", "N03AE01", "Klonopin", "Rivotril"),
        generic("alprazolam", "N05BA12", "Xanax", "Helex", "Niravam", "Zolomax"),
        generic("temazepam", "N05CD07", "Restoril", "Normison"),
        generic("oxazepam", "N05BA04", "Serax", "Serepax", "Nozepam", "Tazepam"),
        generic("chlordiazepoxide", "N05BA02", "Librium", "Elenium"),
        generic("nitrazepam", "N05CD02", "Mogadon", "Radedorm", "Eunoctin"),
        generic("bromazepam", "N05BA08", "Lexotan", "Lexomil", "Lexaurin"),
        # Phenazepam is a Russian-market benzodiazepine without a WHO ATC code.
        generic("phenazepam", (), "Fenazepam", "Elzepam"),
        generic("clorazepate", "N05BA05", "Tranxene"),
        generic("flurazepam", "N05CD01", "Dalmane"),
        generic("triazolam", "N05CD05", "Halcion"),
        generic("midazolam", "N05CD08", "Versed", "Dormicum", "Buccolam", "Hypnovel"),
        generic("estazolam", "N05CD04", "ProSom"),
        generic("clobazam", "N05BA09", "Onfi", "Frisium", "Sympazan"),
        generic("medazepam", "N05BA03", "Mezapam", "Rudotel"),
        generic("tofisopam", "N05BA23", "Grandaxin"),
        generic("flunitrazepam", "N05CD03", "Rohypnol"),
        generic("lormetazepam", "N05CD06", "Noctamid"),
        generic("quazepam", "N05CD10", "Doral"),
        generic("prazepam", "N05BA11"),
    ),
)

OPIOID = DrugClass(
    code="caution.opioid",
    category=_CAUTION,
    label="opioid",
    advice=(
        "Opioids are narcotic and can be addictive: the article reserves them for intense pain "
        "that other drugs cannot relieve. Review dose, duration and the need for them."
    ),
    source=ARTICLE_DRUGS,
    # N02A: every opioid analgesic, including fixed combinations (N02AJ).
    atc_groups=("N02A",),
    generics=(
        generic("oxycodone", "N02AA05", "OxyContin", "Roxicodone", "OxyNorm", "OxyIR", "Xtampza"),
        generic("tramadol", "N02AX02", "Ultram", "Tramal", "Zydol", "ConZip", "Tramadolor"),
        generic("methadone", "N07BC02", "Dolophine", "Methadose", "Physeptone"),
        generic(
            "morphine",
            "N02AA01",
            "MS Contin",
            "MST Continus",
            "Kadian",
            "Oramorph",
            "Sevredol",
            "Zomorph",
        ),
        generic("codeine", "R05DA04"),
        generic("dihydrocodeine", "N02AA08", "DF118", "DHC Continus"),
        generic("hydrocodone", "R05DA03", "Hysingla", "Zohydro"),
        generic("tapentadol", "N02AX06", "Nucynta", "Palexia"),
        generic(
            "buprenorphine",
            ("N02AE01", "N07BC01"),
            "Subutex",
            "Butrans",
            "Belbuca",
            "Transtec",
            "Buprenex",
            "Sublocade",
            "Norspan",
            "Temgesic",
        ),
        generic(
            "fentanyl",
            "N02AB03",
            "Duragesic",
            "Durogesic",
            "Actiq",
            "Fentora",
            "Abstral",
            "Instanyl",
            "Sublimaze",
        ),
        generic("hydromorphone", "N02AA03", "Dilaudid", "Palladone", "Exalgo", "Jurnista"),
        generic("oxymorphone", "N02AA11", "Opana"),
        generic("pethidine", "N02AB02", "Demerol", aka=("meperidine",)),
        generic("tilidine", "N02AX01"),
        generic("pentazocine", "N02AD01", "Talwin"),
        generic("nalbuphine", "N02AF02", "Nubain"),
        generic("butorphanol", "N02AF01", "Stadol"),
        generic("levorphanol", (), "Levo-Dromoran"),
        generic("dextropropoxyphene", "N02AC04", "Darvon", aka=("propoxyphene",)),
        generic("ketobemidone", "N02AB01"),
        generic("piritramide", "N02AC03", "Dipidolor"),
        # Trimeperidine is a Russian-market opioid without a WHO ATC code.
        generic("trimeperidine", (), "Promedol"),
        generic("ethylmorphine", "R05DA01"),
        # Laudanum and paregoric are opium tinctures: an opioid and alcohol both.
        generic("opium", "N02AA02", "Laudanum", "Paregoric"),
    ),
)

DOPAMINERGIC = DrugClass(
    code="caution.dopaminergic",
    category=_CAUTION,
    label="dopaminergic (dopamine agonist or levodopa)",
    advice=(
        "Dopaminergics work well on RLS symptoms but cause dry mouth, headache, nausea, "
        "dizziness, muscle spasms, irritability and daytime sleepiness (the article). With time "
        "they cause augmentation (earlier, stronger, spreading symptoms): AASM 2024 suggests "
        "against their standard use and prefers α2δ ligands (gabapentin enacarbil, gabapentin, "
        "pregabalin). Review for augmentation at each visit; check iron status."
    ),
    source=f"{ARTICLE_DRUGS}; {AASM_2024}",
    alternatives=("gabapentin enacarbil", "gabapentin", "pregabalin"),
    # N04BA levodopa and combinations, N04BC dopamine agonists. MAO-B and COMT inhibitors and
    # amantadine (rest of N04B) do not cause augmentation and are left out.
    atc_groups=("N04BA", "N04BC"),
    generics=(
        generic("pramipexole", "N04BC05", "Mirapex", "Mirapexin", "Sifrol", "Oprymea", "Pexola"),
        generic("ropinirole", "N04BC04", "Requip", "Adartrel", "Ropark"),
        generic("rotigotine", "N04BC09", "Neupro"),
        generic("levodopa", "N04BA01", "Dopar", "Larodopa", "Inbrija", aka=("l dopa", "ldopa")),
        generic("cabergoline", ("N04BC06", "G02CB03"), "Dostinex", "Cabaser", "Agalates"),
        generic("bromocriptine", ("N04BC01", "G02CB01"), "Parlodel", "Cycloset", "Bromergon"),
        generic("piribedil", "N04BC08", "Pronoran", "Trivastal"),
        generic("apomorphine", "N04BC07", "Apokyn", "APO-go", "Kynmobi"),
        generic("pergolide", "N04BC02", "Permax"),
        generic("lisuride", ("G02CB02", "N02CA07"), "Dopergin"),
    ),
)

CAUTION_CLASSES = (BENZODIAZEPINE, OPIOID, DOPAMINERGIC)
