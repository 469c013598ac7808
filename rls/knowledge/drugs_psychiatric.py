"""Psychotropic classes that aggravate RLS: antidepressants, lithium, antipsychotics.

Brands: US, EU/UK and Russian-market names, in Latin letters as records write them.
"""

from __future__ import annotations

from rls.findings import Category
from rls.knowledge.model import DrugClass, generic
from rls.knowledge.sources import ARTICLE_EXCLUDE, ARTICLE_IRRATIONAL

_AGGRAVATING = Category.AGGRAVATING_DRUG
_EXCLUDE_SOURCE = f"{ARTICLE_EXCLUDE}; {ARTICLE_IRRATIONAL}"
_BUPROPION_ADVICE = (
    "If an antidepressant is needed, bupropion is the one the article singles out with positive "
    "effects in RLS."
)

TRICYCLIC = DrugClass(
    code="drug.tricyclic-antidepressant",
    category=_AGGRAVATING,
    label="tricyclic antidepressant",
    advice=(
        "Tricyclic antidepressants (the article: Azafen, amitriptyline and similar) aggravate "
        f"RLS. {_BUPROPION_ADVICE}"
    ),
    source=_EXCLUDE_SOURCE,
    alternatives=("bupropion",),
    # N06AA: non-selective monoamine reuptake inhibitors, i.e. the tricyclics and maprotiline.
    atc_groups=("N06AA",),
    generics=(
        generic("amitriptyline", "N06AA09", "Elavil", "Saroten", "Triptizol", "Endep"),
        # Pipofezine has no WHO ATC code; Azafen is the article's (Russian-market) brand.
        generic("pipofezine", (), "Azafen", "Azaphen"),
        generic("imipramine", "N06AA02", "Tofranil", "Melipramin"),
        generic("clomipramine", "N06AA04", "Anafranil"),
        generic("nortriptyline", "N06AA10", "Pamelor", "Aventyl", "Allegron"),
        generic("desipramine", "N06AA01", "Norpramin"),
        generic("doxepin", "N06AA12", "Sinequan", "Silenor", "Sinquan"),
        generic("trimipramine", "N06AA06", "Surmontil", "Gerfonal"),
        generic("protriptyline", "N06AA11", "Vivactil"),
        generic("dosulepin", "N06AA16", "Prothiaden", aka=("dothiepin",)),
        generic("lofepramine", "N06AA07", "Gamanil"),
        generic("amoxapine", "N06AA17", "Asendin"),
        generic("maprotiline", "N06AA21", "Ludiomil"),
        generic("opipramol", "N06AA05", "Insidon"),
        generic("melitracen", "N06AA14"),
    ),
)

SSRI = DrugClass(
    code="drug.ssri",
    category=_AGGRAVATING,
    label="SSRI antidepressant",
    advice=(
        "Selective serotonin reuptake inhibitors (the article: Prozac) aggravate RLS. "
        f"{_BUPROPION_ADVICE}"
    ),
    source=_EXCLUDE_SOURCE,
    alternatives=("bupropion",),
    atc_groups=("N06AB",),
    generics=(
        generic("fluoxetine", "N06AB03", "Prozac", "Sarafem", "Profluzac", "Fluval", "Fontex"),
        generic("sertraline", "N06AB06", "Zoloft", "Lustral", "Stimuloton", "Asentra", "Serlift"),
        generic("paroxetine", "N06AB05", "Paxil", "Seroxat", "Pexeva", "Brisdelle", "Rexetin"),
        generic("citalopram", "N06AB04", "Celexa", "Cipramil", "Cipram", "Citalon"),
        generic("escitalopram", "N06AB10", "Lexapro", "Cipralex", "Seroplex", "Elicea", "Selectra"),
        generic("fluvoxamine", "N06AB08", "Luvox", "Faverin", "Fevarin"),
        # An SSRI licensed for premature ejaculation; same mechanism.
        generic("dapoxetine", "G04BX14", "Priligy"),
    ),
)

SEROTONERGIC = DrugClass(
    code="drug.serotonergic-antidepressant",
    category=_AGGRAVATING,
    label="serotonergic antidepressant (trazodone, SNRI, mirtazapine)",
    advice=(
        "Serotonergic antidepressants aggravate RLS: the article lists trazodone with the SSRIs; "
        f"SNRIs and mirtazapine act alike. {_BUPROPION_ADVICE}"
    ),
    source=_EXCLUDE_SOURCE,
    alternatives=("bupropion",),
    generics=(
        generic("trazodone", "N06AX05", "Desyrel", "Oleptro", "Trittico", "Molipaxin"),
        generic("venlafaxine", "N06AX16", "Effexor", "Efexor", "Velaxin", "Velafax", "Venlaxor"),
        generic("desvenlafaxine", "N06AX23", "Pristiq"),
        generic("duloxetine", "N06AX21", "Cymbalta", "Yentreve", "Drizalma"),
        generic("milnacipran", "N06AX17", "Ixel", "Savella"),
        generic("levomilnacipran", "N06AX28", "Fetzima"),
        generic("mirtazapine", "N06AX11", "Remeron", "Zispin", "Calixta", "Mirzaten"),
        # Mianserin is mirtazapine's tetracyclic parent compound.
        generic("mianserin", "N06AX03", "Lerivon", "Tolvon"),
        generic("vortioxetine", "N06AX26", "Trintellix", "Brintellix"),
        generic("vilazodone", "N06AX24", "Viibryd"),
        generic("nefazodone", "N06AX06", "Serzone"),
    ),
)

LITHIUM = DrugClass(
    code="drug.lithium",
    category=_AGGRAVATING,
    label="lithium preparation",
    advice="Lithium preparations aggravate RLS; review with the prescribing psychiatrist.",
    source=ARTICLE_EXCLUDE,
    atc_groups=("N05AN",),
    generics=(
        # Every salt (carbonate, citrate, sulfate, orotate) reads as "lithium" plus a salt word.
        generic(
            "lithium",
            "N05AN01",
            "Lithobid",
            "Priadel",
            "Camcolit",
            "Eskalith",
            "Liskonum",
            "Contemnol",
            "Sedalit",
            "Quilonum",
        ),
    ),
)

TYPICAL_ANTIPSYCHOTIC = DrugClass(
    code="drug.typical-antipsychotic",
    category=_AGGRAVATING,
    label="typical antipsychotic",
    advice="Typical antipsychotics (phenothiazines, haloperidol) block dopamine and aggravate RLS.",
    source=ARTICLE_EXCLUDE,
    # Phenothiazines, butyrophenones, thioxanthenes, diphenylbutylpiperidines. Prochlorperazine
    # (N05AB04) and droperidol (N05AD08) are filed with the antiemetics by their own codes.
    atc_groups=("N05AA", "N05AB", "N05AC", "N05AD", "N05AF", "N05AG"),
    generics=(
        generic("chlorpromazine", "N05AA01", "Thorazine", "Largactil", "Aminazin", "Aminazine"),
        generic("levomepromazine", "N05AA02", "Nozinan", "Tisercin", aka=("methotrimeprazine",)),
        generic("promazine", "N05AA03", "Sparine"),
        generic("fluphenazine", "N05AB02", "Prolixin", "Modecate", "Moditen"),
        generic("perphenazine", "N05AB03", "Trilafon", "Etaperazin", "Etaperazine"),
        generic("trifluoperazine", "N05AB06", "Stelazine", "Triftazin"),
        generic("thioridazine", "N05AC02", "Mellaril", "Sonapax", "Melleril"),
        generic("periciazine", "N05AC01", "Neulactil", "Neuleptil", aka=("pericyazine",)),
        generic("pipotiazine", "N05AC04", "Piportil"),
        generic("haloperidol", "N05AD01", "Haldol", "Serenace"),
        generic("bromperidol", "N05AD06"),
        generic("benperidol", "N05AD07", "Anquil"),
        generic("flupentixol", "N05AF01", "Fluanxol", "Depixol", aka=("flupenthixol",)),
        generic("zuclopenthixol", "N05AF05", "Clopixol", "Cisordinol"),
        generic("chlorprothixene", "N05AF03", "Truxal"),
        generic("tiotixene", "N05AF04", "Navane", aka=("thiothixene",)),
        generic("pimozide", "N05AG02", "Orap"),
        generic("penfluridol", "N05AG03", "Semap"),
        generic("loxapine", "N05AH01", "Loxitane", "Adasuve"),
        generic("molindone", "N05AE02", "Moban"),
        # Substituted benzamides the BNF files as first-generation antipsychotics.
        generic("sulpiride", "N05AL01", "Dogmatil", "Eglonyl"),
        generic("tiapride", "N05AL03", "Tiapridal"),
    ),
)

ATYPICAL_ANTIPSYCHOTIC = DrugClass(
    code="drug.atypical-antipsychotic",
    category=_AGGRAVATING,
    label="atypical antipsychotic",
    advice="Atypical antipsychotics (the article: risperidone, olanzapine) aggravate RLS.",
    source=ARTICLE_EXCLUDE,
    # No ATC group: N05AX also holds pimavanserin, which does not block dopamine receptors.
    generics=(
        generic("risperidone", "N05AX08", "Risperdal", "Rispolept", "Perseris", "Uzedy", "Rykindo"),
        generic("olanzapine", "N05AH03", "Zyprexa", "Zalasta", "Lybalvi"),
        generic("quetiapine", "N05AH04", "Seroquel", "Ketilept", "Kventiax"),
        generic("aripiprazole", "N05AX12", "Abilify", "Aristada"),
        generic("ziprasidone", "N05AE04", "Geodon", "Zeldox"),
        generic("paliperidone", "N05AX13", "Invega", "Xeplion", "Trevicta"),
        generic("clozapine", "N05AH02", "Clozaril", "Leponex", "Azaleptin", "FazaClo"),
        generic("lurasidone", "N05AE05", "Latuda"),
        generic("asenapine", "N05AH05", "Saphris", "Sycrest"),
        generic("amisulpride", "N05AL05", "Solian"),
        generic("iloperidone", "N05AX14", "Fanapt"),
        generic("brexpiprazole", "N05AX16", "Rexulti"),
        generic("cariprazine", "N05AX15", "Vraylar", "Reagila"),
        generic("sertindole", "N05AE03", "Serdolect"),
        generic("lumateperone", (), "Caplyta"),
        generic("zotepine", "N05AX11", "Zoleptil"),
    ),
)

PSYCHIATRIC_CLASSES = (
    TRICYCLIC,
    SSRI,
    SEROTONERGIC,
    LITHIUM,
    TYPICAL_ANTIPSYCHOTIC,
    ATYPICAL_ANTIPSYCHOTIC,
)
