"""Names the world writes: heads of lines, Cyrillic, INN spellings, OTC combinations, ATC."""

from __future__ import annotations

import pytest

from rls.engine import flagged_codes, match_condition
from rls.knowledge.names_world import OLDER_NAMES, RUSSIAN_COMBINATIONS, RUSSIAN_NAMES
from rls.match_drugs import (
    GENERIC,
    KNOWN_GENERICS,
    generic_names,
    head_tokens,
    inn_variants,
    medication_matcher,
)

ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"
ANTIHISTAMINE = "drug.sedating-antihistamine"
CAFFEINE = "drug.caffeine-containing"


def generics(line: str) -> set[str]:
    """Return every generic the tables read in a line, flagged or not."""
    found = medication_matcher().index.scan(head_tokens(line))
    return {value for targets, _ in found for kind, value in targets if kind == GENERIC}


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("Thiamine 100 mg for alcohol withdrawal", []),
        ("Thiamine 100 mg PO daily (alcohol withdrawal)", ["drug.alcohol-containing"]),
        ("Iron sulfate 325 mg (low Hct)", []),
        ("Ferrous sulfate 325 mg for low Hct", []),
        ("Zofran 4 mg (instead of Reglan)", []),
        ("Zofran 4 mg instead of Reglan", []),
        ("Ondansetron 8 mg, replaces metoclopramide", []),
        ("Gabapentin 300 mg due to amitriptyline side effects", []),
        ("Reglan 10 mg for gastroparesis", [ANTIEMETIC]),
        ("Norvasc (amlodipine) 5 mg", ["drug.calcium-channel-blocker"]),
        ("Losartan/HCT 50/12.5", ["drug.diuretic"]),
        ("Benadryl 25 mg (held)", [ANTIHISTAMINE]),  # a note, not the drug: status decides
    ],
)
def test_it_decides_the_drug_from_the_head_of_the_line(line, codes):
    assert flagged_codes(line) == codes


@pytest.mark.parametrize(
    ("line", "fires"),
    [
        ("Benadryl Liqui-Gels 25 mg", True),
        ("Benadryl liquigels 25 mg", True),
        ("Diphenhydramine 50 mg gel cap", True),
        ("Diphenhydramine 25 mg softgels", True),
        ("Unisom SleepGels", True),
        ("Benadryl cream 2%", False),
        ("Diphenhydramine gel 2%", False),
        ("Benadryl itch stopping gel", False),
    ],
)
def test_it_lets_no_dosage_form_word_switch_off_an_oral_product(line, fires):
    assert (ANTIHISTAMINE in flagged_codes(line)) is fires


@pytest.mark.parametrize(
    ("line", "generic"),
    [
        ("Реглан 10 мг 3 р/д", "metoclopramide"),
        ("Церукал 10 мг", "metoclopramide"),
        ("Метоклопрамид", "metoclopramide"),
        ("Амитриптилин 25 мг на ночь", "amitriptyline"),
        ("Галоперидол 5 мг", "haloperidol"),
        ("Димедрол 1% 1 мл в/м", "diphenhydramine"),
        ("Супрастин 25 мг", "chloropyramine"),
        ("Финоптин 80 мг", "verapamil"),
        ("Коринфар ретард 20 мг", "nifedipine"),
        ("Феназепам 1 мг", "phenazepam"),
        ("Азафен 25 мг", "pipofezine"),
        ("Прамипексол 0,25 мг", "pramipexole"),
        ("Мирапекс", "pramipexole"),
        ("Гипотиазид 25 мг", "hydrochlorothiazide"),
        ("Зофран 4 мг", "ondansetron"),
    ],
)
def test_it_reads_russian_market_names_in_cyrillic(line, generic):
    assert generic in generics(line)


def test_it_reads_russian_combinations_in_cyrillic():
    assert flagged_codes("Цитрамон П 1 таб") == [CAFFEINE]
    assert "drug.alcohol-containing" in flagged_codes("Корвалол 30 капель")
    assert flagged_codes("Нолипрел А 1 таб") == ["drug.diuretic"]


def test_it_gives_every_drug_with_a_russian_market_name_a_cyrillic_name():
    latin_russian_brands = {"metoclopramide", "amitriptyline", "haloperidol", "pipofezine"}
    assert latin_russian_brands <= set(RUSSIAN_NAMES)
    for generic, names in RUSSIAN_NAMES.items():
        assert generic in KNOWN_GENERICS, generic
        assert all(not name.isascii() for name in names), generic
    for combination in RUSSIAN_COMBINATIONS:
        assert set(combination.ingredients) & KNOWN_GENERICS


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Сахарный диабет 2 типа", "cause.diabetes"),
        ("Железодефицитная анемия", "cause.iron-deficiency"),
        ("Хроническая болезнь почек С3а", "cause.kidney-disease"),
        ("ХОБЛ", "cause.copd"),
        ("Рассеянный склероз", "cause.neurological-disorder"),
        ("Полинейропатия нижних конечностей", "cause.peripheral-neuropathy"),
        ("Болезнь Паркинсона", "associated.parkinsons-disease"),
        ("Гемохроматоз", "caution.iron-overload"),
    ],
)
def test_it_reads_condition_names_in_cyrillic(name, code):
    assert code in match_condition(name)


@pytest.mark.parametrize(
    "name", ["Сахарный диабет в анамнезе", "Подозрение на рассеянный склероз", "Без ХБП"]
)
def test_it_reads_russian_history_and_suspicion_as_not_had(name):
    assert match_condition(name) == []


@pytest.mark.parametrize(
    ("line", "generic"),
    [
        ("Amitriptylin 25 mg", "amitriptyline"),
        ("Metoclopramid 10 mg", "metoclopramide"),
        ("Risperidon 2 mg", "risperidone"),
        ("Difenhydramin 50 mg", "diphenhydramine"),
        ("Fenytoin 100 mg", "phenytoin"),
        ("Metadon 40 mg", "methadone"),
        ("Fluoxetin 20 mg", "fluoxetine"),
    ],
)
def test_it_reads_central_european_inn_spellings(line, generic):
    assert generic in generics(line)


def test_it_gives_every_inn_spelling_and_cyrillic_name_to_one_drug_only():
    names = generic_names()
    for generic in KNOWN_GENERICS:
        for variant in inn_variants(generic):
            assert names[variant] == generic, (variant, generic)
    owners: dict[str, set[str]] = {}
    for generic, spellings in {**RUSSIAN_NAMES, **OLDER_NAMES}.items():
        for name in spellings:
            owners.setdefault(name.lower(), set()).add(generic)
    assert {name: who for name, who in owners.items() if len(who) > 1} == {}


def test_it_forms_inn_spellings_only_by_the_documented_rules():
    assert inn_variants("amitriptyline") == {"amitriptylin"}
    assert inn_variants("diphenhydramine") == {
        "diphenhydramin",
        "difenhydramine",
        "difenhydramin",
    }
    assert inn_variants("lithium") == {"litium"}  # Scandinavian spelling
    assert inn_variants("gabapentin") == set()  # no final -e, no ph or th
    assert inn_variants("etacrynic acid") == set()


@pytest.mark.parametrize(
    ("line", "generic"),
    [
        ("Diphenylhydantoin 100 mg", "phenytoin"),
        ("Dihydrocodeinone 5 mg", "hydrocodone"),
        ("Desmethylimipramine 25 mg", "desipramine"),
        ("Bromergocryptine 2.5 mg", "bromocriptine"),
        ("Amidone 10 mg", "methadone"),
        ("Acetaminophen 500 mg", "paracetamol"),
    ],
)
def test_it_reads_older_names_of_the_same_drug(line, generic):
    assert generic in generics(line)
    assert set(OLDER_NAMES) <= KNOWN_GENERICS


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Aleve PM", {"naproxen", "diphenhydramine"}),
        ("Aleve P.M.", {"naproxen", "diphenhydramine"}),
        ("Aleve P.M 1 caplet", {"naproxen", "diphenhydramine"}),
        ("Tylenol P.M.", {"paracetamol", "diphenhydramine"}),
        ("Unisom SleepTabs", {"doxylamine"}),
        ("Unisom SleepGels", {"diphenhydramine"}),
        ("Unisom", {"doxylamine"}),
        ("Benadryl Allergy Plus Congestion", {"diphenhydramine", "phenylephrine"}),
        ("Benadryl Allergy Relief 8 mg", {"acrivastine"}),
        ("Benadryl One a Day 10 mg", {"cetirizine"}),
        ("Anacin 2 tabs", {"aspirin", "caffeine"}),
        ("Goody's Extra Strength powder", {"aspirin", "paracetamol", "caffeine"}),
        ("Midol Complete", {"paracetamol", "caffeine", "mepyramine"}),
        ("Hedex Extra", {"paracetamol", "caffeine"}),
        ("Night Nurse 20 mL", {"paracetamol", "promethazine", "dextromethorphan"}),
    ],
)
def test_it_reads_otc_combination_brands_with_their_ingredients(line, expected):
    assert generics(line) == expected


@pytest.mark.parametrize(
    ("atc", "codes"),
    [
        ("R06AA52", [ANTIHISTAMINE]),  # diphenhydramine, combinations
        ("R06AA59", [ANTIHISTAMINE]),  # doxylamine, combinations
        ("R06AB54", [ANTIHISTAMINE]),  # chlorphenamine, combinations
        ("C08CA51", ["drug.calcium-channel-blocker"]),  # amlodipine, combinations
        ("N02BE51", []),  # paracetamol, combinations: not flagged
        ("R06AA02", [ANTIHISTAMINE]),
        ("R06AA99", []),
        ("R06AA32", []),  # not a combination number
    ],
)
def test_it_maps_combination_atc_codes_to_their_ingredient(atc, codes):
    assert flagged_codes("Combination product", atc) == codes
