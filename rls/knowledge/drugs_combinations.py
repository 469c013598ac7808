"""Products that combine several generics under one name, and the look-alikes never to flag.

A combination's every ingredient is checked against the classes, so "Excedrin" flags its
caffeine and "Syndol" its codeine, doxylamine and caffeine. Ingredients no class lists
(paracetamol, losartan) are kept so the table reads as the pack does.
"""

from __future__ import annotations

from rls.knowledge.model import Combination, Generic, generic


def combo(*names: str, of: tuple[str, ...], atc: tuple[str, ...] = ()) -> Combination:
    """Build a Combination row: the product's names, then `of=` its ingredients."""
    return Combination(names, of, atc)


_APAP = "paracetamol"
_HCTZ = "hydrochlorothiazide"

COMBINATIONS: tuple[Combination, ...] = (
    # Caffeine in analgesics (the article's "drinks with a high content of caffeine" extended to
    # medicines, as the finding catalogue does).
    combo(
        "Excedrin",
        "Excedrin Migraine",
        "Citramon",
        "Citramon P",
        "Askofen",
        "Anadin Extra",
        of=("aspirin", _APAP, "caffeine"),
    ),
    combo(
        "Excedrin Tension Headache",
        "Panadol Extra",
        "Panadol Advance Extra",
        of=(_APAP, "caffeine"),
    ),
    combo("Anadin Original", of=("aspirin", "caffeine")),
    combo("Cafergot", "Kofetamin", "Coffetamine", of=("ergotamine", "caffeine")),
    combo("Migril", of=("ergotamine", "cyclizine", "caffeine")),
    combo("Fioricet", of=("butalbital", _APAP, "caffeine")),
    combo("Fiorinal", of=("butalbital", "aspirin", "caffeine")),
    combo("Fioricet with Codeine", of=("butalbital", _APAP, "caffeine", "codeine")),
    combo("Norgesic", of=("orphenadrine", "aspirin", "caffeine")),
    combo("Solpadeine Plus", "Caffetin", "Kaffetin", of=(_APAP, "codeine", "caffeine")),
    combo("Syndol", of=(_APAP, "codeine", "doxylamine", "caffeine")),
    combo("Pentalgin", of=(_APAP, "naproxen", "caffeine", "drotaverine", "pheniramine")),
    combo("Sedalgin Neo", of=("metamizole", _APAP, "caffeine", "codeine", "phenobarbital")),
    # Sedating antihistamines hidden in sleep aids and cold remedies.
    combo("Excedrin PM", "Tylenol PM", "Panadol Night", of=(_APAP, "diphenhydramine")),
    combo("Advil PM", "Nurofen Night", of=("ibuprofen", "diphenhydramine")),
    combo("Aleve PM", of=("naproxen", "diphenhydramine")),
    combo("Dramamine Less Drowsy", of=("meclizine",)),
    combo("NyQuil", "Vicks NyQuil", of=(_APAP, "dextromethorphan", "doxylamine")),
    combo("Diclegis", "Bonjesta", "Xonvea", "Diclectin", of=("doxylamine", "pyridoxine")),
    combo("Fervex", of=(_APAP, "pheniramine", "ascorbic acid")),
    combo("Actifed", of=("triprolidine", "pseudoephedrine")),
    # Alcohol-based drops sold in Russia and Eastern Europe.
    combo(
        "Corvalol",
        "Valocordin",
        "Valoserdin",
        "Corvaldin",
        "Barboval",
        of=("ethanol", "phenobarbital", "ethyl bromisovalerate"),
    ),
    combo("Zelenin drops", of=("ethanol", "belladonna", "valerian", "lily of the valley")),
    # Antidepressant and antipsychotic combinations.
    combo("Limbitrol", of=("chlordiazepoxide", "amitriptyline")),
    combo("Triavil", "Etrafon", of=("perphenazine", "amitriptyline")),
    combo("Symbyax", of=("olanzapine", "fluoxetine")),
    combo("Deanxit", of=("flupentixol", "melitracen")),
    # Opioid combinations.
    combo("Percocet", "Endocet", "Roxicet", "Tylox", of=("oxycodone", _APAP)),
    combo("Percodan", of=("oxycodone", "aspirin")),
    combo("Targin", "Targiniq", of=("oxycodone", "naloxone")),
    combo("Vicodin", "Norco", "Lortab", "Lorcet", of=("hydrocodone", _APAP)),
    combo("Vicoprofen", of=("hydrocodone", "ibuprofen")),
    combo(
        "Co-codamol",
        "Tylenol with Codeine",
        "Tylenol 3",
        "Solpadeine Max",
        "Solpadol",
        "Kapake",
        "Tylex",
        "Panadeine",
        of=(_APAP, "codeine"),
    ),
    combo("Nurofen Plus", of=("ibuprofen", "codeine")),
    combo("Co-codaprin", of=("aspirin", "codeine")),
    combo("Co-dydramol", of=(_APAP, "dihydrocodeine")),
    combo("Co-proxamol", "Darvocet", of=(_APAP, "dextropropoxyphene")),
    combo("Ultracet", "Tramacet", "Zaldiar", of=("tramadol", _APAP)),
    combo("Suboxone", "Zubsolv", of=("buprenorphine", "naloxone"), atc=("N07BC51",)),
    combo("Valoron", of=("tilidine", "naloxone")),
    combo("Diconal", of=("dipipanone", "cyclizine")),
    # Levodopa with a decarboxylase or COMT inhibitor.
    combo(
        "Sinemet",
        "Rytary",
        "Duopa",
        "Duodopa",
        "Nakom",
        "Co-careldopa",
        "Parcopa",
        "Dhivy",
        "Crexont",
        "Tidomet",
        "Syndopa",
        of=("carbidopa", "levodopa"),
    ),
    combo("Madopar", "Prolopa", "Co-beneldopa", of=("benserazide", "levodopa")),
    combo("Stalevo", of=("levodopa", "carbidopa", "entacapone")),
    # Diuretics in fixed antihypertensive combinations.
    combo("Dyazide", "Maxzide", of=("triamterene", _HCTZ)),
    combo("Moduretic", "Co-amilozide", of=("amiloride", _HCTZ), atc=("C03EA01",)),
    combo("Co-amilofruse", "Frumil", of=("amiloride", "furosemide")),
    combo("Aldactazide", of=("spironolactone", _HCTZ)),
    combo("Hyzaar", "Lorista H", "Lozap Plus", "Cozaar Comp", "Fortzaar", of=("losartan", _HCTZ)),
    combo("Diovan HCT", "Co-Diovan", of=("valsartan", _HCTZ)),
    combo("Micardis HCT", "Micardis Plus", "MicardisPlus", of=("telmisartan", _HCTZ)),
    combo("Avalide", "CoAprovel", "Co-Aprovel", of=("irbesartan", _HCTZ)),
    combo("Atacand HCT", "Atacand Plus", of=("candesartan", _HCTZ)),
    combo("Benicar HCT", "Olmetec Plus", of=("olmesartan", _HCTZ)),
    combo("Zestoretic", "Prinzide", of=("lisinopril", _HCTZ)),
    combo("Vaseretic", "Co-Renitec", "Enap H", "Enap HL", of=("enalapril", _HCTZ)),
    combo("Accuretic", of=("quinapril", _HCTZ)),
    combo("Lotensin HCT", of=("benazepril", _HCTZ)),
    combo("Capozide", "Co-zidocapt", of=("captopril", _HCTZ)),
    combo("Ziac", "Lodoz", of=("bisoprolol", _HCTZ)),
    combo("Lopressor HCT", of=("metoprolol", _HCTZ)),
    combo("Tekturna HCT", "Rasilez HCT", of=("aliskiren", _HCTZ), atc=("C09XA52",)),
    combo("Tenoretic", "Co-tenidone", of=("atenolol", "chlortalidone")),
    combo("Edarbyclor", of=("azilsartan", "chlortalidone")),
    combo("Noliprel", "Preterax", "Bipreterax", "Coversyl Plus", of=("perindopril", "indapamide")),
    combo("Viskaldix", of=("pindolol", "clopamide")),
    # Calcium channel blockers in fixed combinations, some with a diuretic as well.
    combo("Exforge", of=("amlodipine", "valsartan")),
    combo("Exforge HCT", of=("amlodipine", "valsartan", _HCTZ), atc=("C09DX01",)),
    combo("Azor", "Sevikar", of=("amlodipine", "olmesartan")),
    combo("Tribenzor", "Sevikar HCT", of=("olmesartan", "amlodipine", _HCTZ), atc=("C09DX03",)),
    combo("Twynsta", of=("telmisartan", "amlodipine")),
    combo("Caduet", of=("amlodipine", "atorvastatin"), atc=("C10BX03",)),
    combo("Lotrel", of=("amlodipine", "benazepril")),
    combo("Prestance", "Prestans", "Coveram", of=("perindopril", "amlodipine")),
    combo("Equator", "Ekvator", of=("lisinopril", "amlodipine")),
    combo(
        "Triplixam", "Co-Dalneva", of=("perindopril", "amlodipine", "indapamide"), atc=("C09BX01",)
    ),
    combo("Natrixam", of=("indapamide", "amlodipine")),
    combo("Tarka", of=("trandolapril", "verapamil")),
    combo("Lexxel", of=("enalapril", "felodipine")),
    combo("Zanipress", of=("enalapril", "lercanidipine")),
    combo("Consensi", of=("amlodipine", "celecoxib")),
)

# Alternatives the article and guidelines recommend, and look-alikes of flagged drugs. Listing
# them lets the matcher recognise them (so "Suprastinex", levocetirizine, is not "Suprastin")
# and lets the tests prove that none of them is ever flagged.
NOT_FLAGGED: tuple[Generic, ...] = (
    generic("ondansetron", "A04AA01", "Zofran", "Zuplenz", "Latran"),
    generic("granisetron", "A04AA02", "Kytril", "Sancuso", "Sustol"),
    generic("palonosetron", "A04AA05", "Aloxi"),
    # Domperidone is a peripheral D2 antagonist; not an aggravating class of the catalogue.
    generic("domperidone", "A03FA03", "Motilium", "Motilak", "Motinorm"),
    generic("bupropion", "N06AX12", "Wellbutrin", "Zyban", "Elontril", "Aplenzin", "Forfivo"),
    generic("loratadine", "R06AX13", "Claritin", "Clarityn", "Claritine", "Lomilan", "Alavert"),
    generic("desloratadine", "R06AX27", "Clarinex", "Aerius", "Erius", "Neoclarityn"),
    generic(
        "cetirizine", "R06AE07", "Zyrtec", "Zirtek", "Zodak", "Cetrine", "Reactine", "Parlazin"
    ),
    generic("levocetirizine", "R06AE09", "Xyzal", "Xusal", "Suprastinex", "Glencet"),
    generic("fexofenadine", "R06AX26", "Allegra", "Telfast", "Feksofast"),
    generic("ebastine", "R06AX22", "Kestine"),
    generic("bilastine", "R06AX29", "Ilaxten", "Blexten"),
    generic("rupatadine", "R06AX28", "Rupafin"),
    # α2δ ligands treat RLS (AASM 2024); they must never read as aggravating anticonvulsants.
    generic("gabapentin", "N03AX12", "Neurontin", "Gralise", "Gabagamma", "Tebantin"),
    generic("gabapentin enacarbil", (), "Horizant", "Regnite"),
    generic("pregabalin", "N03AX16", "Lyrica", "Alzain", "Axalid"),
    generic("spironolactone", "C03DA01", "Aldactone", "Veroshpiron", "Verospiron"),
    generic("amiloride", "C03DB01", "Midamor"),
    generic("loperamide", "A07DA03", "Imodium"),
    generic("naltrexone", "N07BB04", "Revia", "Vivitrol"),
    generic("dextromethorphan", "R05DA09"),
    generic("lofexidine", "N07BC04", "Lucemyra", "BritLofex"),
    generic("pimavanserin", "N05AX17", "Nuplazid"),
    generic("carbidopa", (), "Lodosyn"),
    generic("amantadine", "N04BB01", "Symmetrel", "Gocovri", "PK-Merz"),
    # Named so that a line of them is recognised (checked, nothing to flag), not "unrecognised".
    generic("paracetamol", "N02BE01", "Tylenol", "Panadol", "Calpol", "Efferalgan"),
    # UK "Benadryl Allergy Relief" is acrivastine, a non-sedating antihistamine.
    generic("acrivastine", "R06AX18", "Semprex"),
    # The most prescribed medicines of a general caseload, none in an aggravating class of the
    # article or the guidelines: named (with WHO ATC codes) so that a line of them reads as
    # checked with nothing to flag, not as "not recognised" with a far-fetched near miss
    # ("metformin" offered metopimazine).
    generic("metformin", "A10BA02", "Glucophage", "Siofor", "Glumetza", "Riomet"),
    generic("sitagliptin", "A10BH01", "Januvia"),
    generic("dapagliflozin", "A10BK01", "Forxiga", "Farxiga"),
    generic("empagliflozin", "A10BK03", "Jardiance"),
    generic("insulin glargine", "A10AE04", "Lantus", "Toujeo", "Abasaglar", "Basaglar"),
    generic(
        "levothyroxine",
        "H03AA01",
        "Synthroid",
        "Levoxyl",
        "Euthyrox",
        "Eltroxin",
        aka=("thyroxine", "L-thyroxine"),
    ),
    generic("omeprazole", "A02BC01", "Prilosec", "Losec", "Omez"),
    generic("pantoprazole", "A02BC02", "Protonix", "Controloc", "Nolpaza"),
    generic("lansoprazole", "A02BC03", "Prevacid"),
    generic("rabeprazole", "A02BC04", "Aciphex", "Pariet"),
    generic("esomeprazole", "A02BC05", "Nexium"),
    generic("warfarin", "B01AA03", "Coumadin", "Jantoven", "Marevan"),
    generic("clopidogrel", "B01AC04", "Plavix"),
    generic("dabigatran", "B01AE07", "Pradaxa", aka=("dabigatran etexilate",)),
    generic("rivaroxaban", "B01AF01", "Xarelto"),
    generic("apixaban", "B01AF02", "Eliquis"),
    generic("edoxaban", "B01AF03", "Lixiana", "Savaysa"),
    generic("simvastatin", "C10AA01", "Zocor"),
    generic("pravastatin", "C10AA03", "Pravachol"),
    generic("rosuvastatin", "C10AA07", "Crestor"),
    generic("atorvastatin", "C10AA05", "Lipitor"),
    generic("allopurinol", "M04AA01", "Zyloprim", "Zyloric"),
    generic("alendronic acid", "M05BA04", "Fosamax", aka=("alendronate",)),
    generic("tamsulosin", "G04CA02", "Flomax", "Omnic"),
    generic("finasteride", "G04CB01", "Proscar", "Propecia"),
    generic("salbutamol", "R03AC02", "Ventolin", "ProAir", "Proventil", aka=("albuterol",)),
    generic("montelukast", "R03DC03", "Singulair"),
    generic("prednisolone", "H02AB06"),
    generic("prednisone", "H02AB07", "Deltasone"),
    generic("colecalciferol", "A11CC05", aka=("cholecalciferol", "vitamin d3", "vitamin d")),
    generic("ergocalciferol", "A11CC01", aka=("vitamin d2",)),
    generic("folic acid", "B03BB01"),
    generic("cyanocobalamin", "B03BA01", aka=("vitamin b12",)),
    generic("ascorbic acid", "A11GA01", aka=("vitamin c",)),
    # Their near misses were other drugs: dexamethasone was offered methadone, and
    # hydroxychloroquine hydrochlorothiazide.
    generic("hydroxychloroquine", "P01BA02", "Plaquenil"),
    generic("amiodarone", "C01BD01", "Cordarone", "Pacerone"),  # was offered Amidone (methadone)
    generic("clonidine", "C02AC01", "Catapres"),
    generic("estradiol", "G03CA03", aka=("oestradiol",)),  # was offered Stadol (butorphanol)
    generic("ibandronic acid", "M05BA06", "Boniva", "Bonviva", aka=("ibandronate",)),
    generic("dexamethasone", "H02AB02", "Decadron"),
    generic("propranolol", "C07AA05", "Inderal"),
    generic("sumatriptan", "N02CC01", "Imitrex", "Imigran"),
    generic("baclofen", "M03BX01", "Lioresal"),
    generic("potassium chloride", "A12BA01", "Klor-Con", "Slow-K"),
    # Z-drugs are not benzodiazepines, which the caution names (see `caution.benzodiazepine`).
    generic("zolpidem", "N05CF02", "Ambien", "Stilnox", "Sanval"),
    generic("zopiclone", "N05CF01", "Imovane", "Zimovane"),
    generic("eszopiclone", "N05CF04", "Lunesta"),
    # What an RLS caseload takes most: iron, the treatment the article and AASM 2024 give for
    # low iron stores, and the magnesium the article advises with it. Named so that such a line
    # reads as checked with nothing to flag ("Iron 65 mg" was "not recognised", with Piriton
    # offered as its near miss).
    generic("iron", (), aka=("elemental iron", "carbonyl iron")),
    generic(
        "ferrous sulfate",
        "B03AA07",
        "Feosol",
        "Slow Fe",
        "Ferrograd",
        "Ferro-Gradumet",
        "Tardyferon",
        "Sorbifer Durules",
        "Fer-In-Sol",
        aka=("ferrous sulphate", "iron sulfate", "iron sulphate"),
    ),
    generic("ferrous fumarate", "B03AA02", "Ferretts", "Hemocyte", "Galfer", "Fersaday"),
    generic("ferrous gluconate", "B03AA03", "Fergon", aka=("iron gluconate",)),
    generic("ferrous bisglycinate", (), "Gentle Iron", aka=("iron bisglycinate",)),
    generic("ferric maltol", "B03AB10", "Feraccru", "Accrufer"),
    generic("iron polymaltose", "B03AB05", "Maltofer", "Ferrum Lek", aka=("ferric polymaltose",)),
    # Intravenous iron: WHO files every parenteral iron under B03AC alone.
    generic("ferric carboxymaltose", "B03AC", "Ferinject", "Injectafer"),
    generic("iron sucrose", "B03AC", "Venofer", aka=("iron saccharate",)),
    generic("ferric derisomaltose", "B03AC", "Monofer", "Monoferric", aka=("iron isomaltoside",)),
    generic("ferumoxytol", "B03AC", "Feraheme", "Rienso"),
    generic("iron dextran", "B03AC", "INFeD", "CosmoFer"),
    generic("sodium ferric gluconate", "B03AC", "Ferrlecit"),
    generic(
        "magnesium",
        ("A12CC10", "A12CC04"),
        aka=("magnesium oxide", "magnesium citrate", "magnesium glycinate", "magnesium lactate"),
    ),
)
