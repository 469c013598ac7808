"""Names the world writes: Russian-market names in Cyrillic, older names, OTC combinations.

Each table cites where its names come from (rls.knowledge.sources), so a reviewer can check
every spelling. Names are matched like the other tables: whole words after folding.
"""

from __future__ import annotations

from rls.knowledge.model import Combination
from rls.knowledge.sources import (
    BAN_USAN,
    DAILYMED,
    EMC_UK,
    GRLS,
    ICD10_RU,
    INN_NATIONAL,
    WHO_ATC,
)

# Generic -> names in Cyrillic: the international name as Russian records write it, and the
# Russian-market brands the knowledge base already lists in Latin letters (GRLS spellings).
RUSSIAN_NAMES: dict[str, tuple[str, ...]] = {
    "metoclopramide": ("метоклопрамид", "реглан", "церукал", "метамол"),
    "prochlorperazine": ("прохлорперазин",),
    "promethazine": ("прометазин", "пипольфен", "дипразин"),
    "droperidol": ("дроперидол",),
    "diphenhydramine": ("дифенгидрамин", "димедрол", "бенадрил"),
    "doxylamine": ("доксиламин", "донормил", "реслип", "сонмил"),
    "clemastine": ("клемастин", "тавегил"),
    "chlorphenamine": ("хлорфенамин",),
    "dimetindene": ("диметинден", "фенистил"),
    "chloropyramine": ("хлоропирамин", "супрастин"),
    "hydroxyzine": ("гидроксизин", "атаракс"),
    "cyproheptadine": ("ципрогептадин", "перитол"),
    "ketotifen": ("кетотифен", "задитен"),
    "mebhydrolin": ("мебгидролин", "диазолин"),
    "alimemazine": ("алимемазин", "тералиджен"),
    "cinnarizine": ("циннаризин", "стугерон"),
    "dimenhydrinate": ("дименгидринат", "драмина"),
    "meclizine": ("меклизин", "бонин"),
    "zonisamide": ("зонисамид", "зонегран"),
    "phenytoin": ("фенитоин", "дифенин"),
    "verapamil": ("верапамил", "финоптин", "изоптин", "лекоптин"),
    "diltiazem": ("дилтиазем", "кардил"),
    "nifedipine": ("нифедипин", "коринфар", "кордафен", "кордипин", "нифекард", "фенигидин"),
    "amlodipine": ("амлодипин", "норваск", "нормодипин", "тенокс"),
    "felodipine": ("фелодипин", "плендил"),
    "nimodipine": ("нимодипин", "нимотоп"),
    "lercanidipine": ("лерканидипин", "леркамен"),
    "lacidipine": ("лацидипин", "лаципил"),
    "flunarizine": ("флунаризин", "сибелиум"),
    "furosemide": ("фуросемид", "лазикс"),
    "torasemide": ("торасемид", "диувер", "бритомар", "тригрим"),
    "bumetanide": ("буметанид",),
    "hydrochlorothiazide": ("гидрохлоротиазид", "гипотиазид"),
    "chlortalidone": ("хлорталидон", "оксодолин"),
    "indapamide": ("индапамид", "арифон", "индап", "равел"),
    "etacrynic acid": ("этакриновая кислота", "урегит"),
    "ethanol": ("этанол", "спирт", "настойка", "эликсир"),
    "caffeine": ("кофеин",),
    "amitriptyline": ("амитриптилин", "триптизол", "саротен"),
    "pipofezine": ("пипофезин", "азафен"),
    "imipramine": ("имипрамин", "мелипрамин"),
    "clomipramine": ("кломипрамин", "анафранил"),
    "trimipramine": ("тримипрамин", "герфонал"),
    "maprotiline": ("мапротилин", "людиомил"),
    "fluoxetine": ("флуоксетин", "прозак", "профлузак"),
    "sertraline": ("сертралин", "золофт", "стимулотон", "асентра", "серлифт"),
    "paroxetine": ("пароксетин", "паксил", "рексетин"),
    "citalopram": ("циталопрам", "ципрамил"),
    "escitalopram": ("эсциталопрам", "ципралекс", "селектра", "элицея"),
    "fluvoxamine": ("флувоксамин", "феварин"),
    "trazodone": ("тразодон", "триттико"),
    "venlafaxine": ("венлафаксин", "велаксин", "велафакс"),
    "duloxetine": ("дулоксетин", "симбалта"),
    "milnacipran": ("милнаципран", "иксел"),
    "mirtazapine": ("миртазапин", "ремерон", "каликста", "мирзатен"),
    "mianserin": ("миансерин", "леривон"),
    "vortioxetine": ("вортиоксетин", "бринтелликс"),
    "lithium": ("лития карбонат", "литий", "лития", "контемнол", "седалит"),
    "chlorpromazine": ("хлорпромазин", "аминазин"),
    "levomepromazine": ("левомепромазин", "тизерцин"),
    "fluphenazine": ("флуфеназин", "модитен"),
    "perphenazine": ("перфеназин", "этаперазин"),
    "trifluoperazine": ("трифлуоперазин", "трифтазин"),
    "thioridazine": ("тиоридазин", "сонапакс"),
    "periciazine": ("перициазин", "неулептил"),
    "haloperidol": ("галоперидол", "галдол"),
    "flupentixol": ("флупентиксол", "флюанксол"),
    "zuclopenthixol": ("зуклопентиксол", "клопиксол"),
    "chlorprothixene": ("хлорпротиксен", "труксал"),
    "sulpiride": ("сульпирид", "эглонил"),
    "tiapride": ("тиаприд", "тиапридал"),
    "risperidone": ("рисперидон", "рисполепт", "рисперидал"),
    "olanzapine": ("оланзапин", "зипрекса"),
    "quetiapine": ("кветиапин", "сероквель", "кетилепт", "квентиакс"),
    "aripiprazole": ("арипипразол", "абилифай"),
    "clozapine": ("клозапин", "азалептин", "лепонекс"),
    "paliperidone": ("палиперидон", "инвега", "ксеплион"),
    "amisulpride": ("амисульприд", "солиан"),
    "diazepam": ("диазепам", "реланиум", "седуксен", "сибазон", "валиум"),
    "lorazepam": ("лоразепам", "лорафен"),
    "clonazepam": ("клоназепам", "ривотрил"),
    "alprazolam": ("алпразолам", "хелекс", "золомакс"),
    "oxazepam": ("оксазепам", "нозепам", "тазепам"),
    "chlordiazepoxide": ("хлордиазепоксид", "элениум"),
    "nitrazepam": ("нитразепам", "радедорм"),
    "bromazepam": ("бромазепам",),
    "phenazepam": ("феназепам", "элзепам", "бромдигидрохлорфенилбензодиазепин"),
    "medazepam": ("медазепам", "мезапам", "рудотель"),
    "tofisopam": ("тофизопам", "грандаксин"),
    "midazolam": ("мидазолам", "дормикум"),
    "tramadol": ("трамадол", "трамал"),
    "morphine": ("морфин",),
    "codeine": ("кодеин",),
    "oxycodone": ("оксикодон",),
    "fentanyl": ("фентанил", "дюрогезик"),
    "buprenorphine": ("бупренорфин", "норспан", "транстек"),
    "trimeperidine": ("тримеперидин", "промедол"),
    "tapentadol": ("тапентадол", "палексия"),
    "pramipexole": ("прамипексол", "мирапекс", "прамипекс"),
    "ropinirole": ("ропинирол", "реквип"),
    "rotigotine": ("ротиготин", "ньюпро"),
    "levodopa": ("леводопа",),
    "cabergoline": ("каберголин", "достинекс"),
    "bromocriptine": ("бромокриптин",),
    "piribedil": ("пирибедил", "проноран"),
    # Alternatives and look-alikes, so they are recognised and never flagged.
    "ondansetron": ("ондансетрон", "зофран", "латран"),
    "granisetron": ("гранисетрон", "китрил"),
    "domperidone": ("домперидон", "мотилиум", "мотилак"),
    "bupropion": ("бупропион", "велбутрин", "зибан"),
    "loratadine": ("лоратадин", "кларитин", "ломилан"),
    "desloratadine": ("дезлоратадин", "эриус"),
    "cetirizine": ("цетиризин", "зиртек", "зодак", "цетрин", "парлазин"),
    "levocetirizine": ("левоцетиризин", "ксизал", "супрастинекс"),
    "fexofenadine": ("фексофенадин", "телфаст", "фексофаст"),
    "gabapentin": ("габапентин", "нейронтин", "тебантин", "габагамма"),
    "pregabalin": ("прегабалин", "лирика"),
    "spironolactone": ("спиронолактон", "верошпирон"),
    "amantadine": ("амантадин", "пк мерц"),
    "paracetamol": ("парацетамол",),
}

# Russian-market combinations in Cyrillic (GRLS).
RUSSIAN_COMBINATIONS: tuple[Combination, ...] = (
    Combination(("цитрамон", "цитрамон п", "аскофен"), ("aspirin", "paracetamol", "caffeine")),
    Combination(("кофетамин",), ("ergotamine", "caffeine")),
    Combination(("каффетин",), ("paracetamol", "codeine", "caffeine")),
    Combination(
        ("пенталгин",), ("paracetamol", "naproxen", "caffeine", "drotaverine", "pheniramine")
    ),
    Combination(
        ("седалгин нео",), ("metamizole", "paracetamol", "caffeine", "codeine", "phenobarbital")
    ),
    Combination(
        ("корвалол", "валокордин", "валосердин", "корвалдин", "барбовал"),
        ("ethanol", "phenobarbital", "ethyl bromisovalerate"),
    ),
    Combination(("фервекс",), ("paracetamol", "pheniramine", "ascorbic acid")),
    Combination(("нолипрел", "престариум а плюс"), ("perindopril", "indapamide")),
    Combination(("лориста н", "лозап плюс"), ("losartan", "hydrochlorothiazide")),
    Combination(("энап н", "ко ренитек"), ("enalapril", "hydrochlorothiazide")),
    Combination(("экватор",), ("lisinopril", "amlodipine")),
    Combination(("престанс",), ("perindopril", "amlodipine")),
    Combination(("ко дальнева", "трипликсам"), ("perindopril", "amlodipine", "indapamide")),
    Combination(("наком", "синемет", "тидомет"), ("carbidopa", "levodopa")),
    Combination(("мадопар",), ("benserazide", "levodopa")),
    Combination(("залдиар",), ("tramadol", "paracetamol")),
)

# Older names of the same drug (superseded INNs, BANs and USANs), as old records write them.
OLDER_NAMES: dict[str, tuple[str, ...]] = {
    "phenytoin": ("diphenylhydantoin",),
    "chlordiazepoxide": ("methaminodiazepoxide",),
    "hydrocodone": ("dihydrocodeinone",),
    "hydromorphone": ("dihydromorphinone",),
    "desipramine": ("desmethylimipramine",),
    "bromocriptine": ("bromergocryptine", "bromocryptine"),
    "lisuride": ("lysuride",),
    "pipotiazine": ("pipothiazine",),
    "methadone": ("amidone",),
    "paracetamol": ("acetaminophen", "apap"),
}

# US and UK over-the-counter products (labels on DailyMed, SmPCs on the eMC). The longest name
# wins, so "Benadryl Allergy Relief" (UK: acrivastine) is not "Benadryl" (diphenhydramine).
OTC_COMBINATIONS: tuple[Combination, ...] = (
    Combination(("Unisom SleepTabs",), ("doxylamine",)),
    Combination(
        ("Unisom SleepGels", "Unisom SleepMelts", "Unisom Sleep Gels"), ("diphenhydramine",)
    ),
    Combination(("Unisom PM Pain",), ("paracetamol", "diphenhydramine")),
    Combination(
        ("Benadryl Allergy Plus Congestion", "Benadryl Allergy Plus Sinus"),
        ("diphenhydramine", "phenylephrine"),
    ),
    Combination(("Benadryl Allergy Relief", "Benadryl Allergy Liquid Release"), ("acrivastine",)),
    Combination(("Benadryl Allergy Relief Plus Decongestant",), ("acrivastine", "pseudoephedrine")),
    Combination(("Benadryl One a Day", "Benadryl Allergy One a Day"), ("cetirizine",)),
    Combination(("Motrin PM", "Ibuprofen PM"), ("ibuprofen", "diphenhydramine")),
    Combination(("Goodys PM", "Bayer PM"), ("paracetamol", "diphenhydramine")),
    Combination(("Excedrin PM Headache",), ("aspirin", "paracetamol", "diphenhydramine")),
    Combination(("Advil Dual Action",), ("ibuprofen", "paracetamol")),
    Combination(("Anacin", "BC Powder", "BC Original"), ("aspirin", "caffeine")),
    Combination(
        ("Goodys Extra Strength", "Goodys Headache Powder", "Vanquish", "Excedrin Extra Strength"),
        ("aspirin", "paracetamol", "caffeine"),
    ),
    Combination(("Midol Complete",), ("paracetamol", "caffeine", "mepyramine")),
    Combination(
        ("Hedex Extra", "Solpadeine Headache", "Paracetamol Extra"), ("paracetamol", "caffeine")
    ),
    Combination(("Propain Plus",), ("paracetamol", "codeine", "diphenhydramine", "caffeine")),
    Combination(("Night Nurse",), ("paracetamol", "promethazine", "dextromethorphan")),
    Combination(
        ("Theraflu Nighttime", "Sudafed PE Nighttime"),
        ("paracetamol", "diphenhydramine", "phenylephrine"),
    ),
    Combination(("Alka Seltzer Plus Night",), ("paracetamol", "doxylamine", "dextromethorphan")),
)

# WHO ATC: a combination of a substance is coded 50 + its own number (R06AA02 diphenhydramine,
# R06AA52 its combinations; 70 + with psycholeptics: N02BE71).
ATC_COMBINATION_OFFSETS = (50, 70)

# Condition family -> its names in Russian (МКБ-10, the Russian edition of ICD-10, and the
# everyday forms problem lists use).
CYRILLIC_CONDITIONS: dict[str, tuple[str, ...]] = {
    "cause.anemia": ("анемия", "малокровие", "железодефицитная анемия"),
    "cause.iron-deficiency": ("дефицит железа", "железодефицитная анемия", "сидеропения"),
    "cause.diabetes": (
        "сахарный диабет",
        "диабет",
        "сд",
        "сд 1 типа",
        "сд 2 типа",
        "диабетическая полинейропатия",
    ),
    "cause.endocrine-disorder": (
        "гипотиреоз",
        "гипертиреоз",
        "тиреотоксикоз",
        "тиреоидит",
        "аутоиммунный тиреоидит",
        "зоб",
    ),
    "cause.hypovitaminosis": ("гиповитаминоз", "авитаминоз", "дефицит витамина"),
    "cause.rheumatoid-arthritis": ("ревматоидный артрит",),
    "cause.kidney-disease": (
        "хроническая болезнь почек",
        "хбп",
        "хроническая почечная недостаточность",
        "хпн",
        "гемодиализ",
        "диализ",
    ),
    "cause.copd": ("хобл", "хроническая обструктивная болезнь легких", "эмфизема"),
    "cause.alcohol": ("алкоголизм", "алкогольная зависимость", "алкогольное отравление"),
    "cause.cardiovascular-disease": (
        "ишемическая болезнь сердца",
        "ибс",
        "сердечная недостаточность",
        "хсн",
        "стенокардия",
        "инфаркт миокарда",
        "фибрилляция предсердий",
        "мерцательная аритмия",
        "варикозная болезнь",
        "венозная недостаточность",
        "инсульт",
    ),
    "cause.autoimmune-disease": (
        "аутоиммунное заболевание",
        "системная красная волчанка",
        "скв",
        "синдром шегрена",
        "склеродермия",
        "целиакия",
        "болезнь крона",
        "язвенный колит",
        "псориаз",
    ),
    "cause.neurological-disorder": ("рассеянный склероз", "эпилепсия", "мигрень", "деменция"),
    "cause.nerve-injury": ("травма спинного мозга", "повреждение нерва", "миелопатия"),
    "cause.peripheral-neuropathy": ("нейропатия", "полинейропатия", "невропатия"),
    "associated.parkinsons-disease": ("болезнь паркинсона", "паркинсонизм"),
    "associated.essential-tremor": ("эссенциальный тремор",),
    "associated.tourette-syndrome": ("синдром туретта",),
    "associated.huntingtons-disease": ("болезнь гентингтона", "хорея гентингтона"),
    "associated.als": ("боковой амиотрофический склероз", "бас"),
    "associated.post-polio-syndrome": ("постполиомиелитический синдром",),
    "caution.iron-overload": ("гемохроматоз", "перегрузка железом", "гемосидероз"),
}
# Plain hypertension in Russian, information only like its English names.
CYRILLIC_MINOR_CONDITIONS: dict[str, tuple[str, ...]] = {
    "cause.cardiovascular-disease": ("гипертоническая болезнь", "артериальная гипертензия", "аг"),
}
# Russian words for what the patient does not have: "в анамнезе" (in the history),
# "подозрение на" (suspected), "исключить" (rule out), "нет", "без" (no, without).
CYRILLIC_NOT_HAD_BEFORE = (
    "анамнез",
    "в анамнезе",
    "семейный анамнез",
    "подозрение на",
    "исключить",
    "нет",
    "без",
    "риск",
    "предиабет",
)
CYRILLIC_NOT_HAD_AFTER = ("в анамнезе", "исключен", "исключена", "исключено")

NAME_SOURCES = {
    "INN national spellings": INN_NATIONAL,
    "Cyrillic (Russian market)": GRLS,
    "older names": BAN_USAN,
    "US over-the-counter": DAILYMED,
    "UK over-the-counter": EMC_UK,
    "ATC combination codes": WHO_ATC,
    "Cyrillic condition names": ICD10_RU,
}
