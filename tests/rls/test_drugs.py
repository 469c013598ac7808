"""Medication lines: brands, spellings, salts, combinations, ATC codes and look-alikes."""

from __future__ import annotations

import pytest

from rls.engine import flagged_codes, match_medication, medication_is_flagged
from rls.knowledge import DRUG_CLASSES, NOT_FLAGGED
from rls.snapshot import LocalName, Medication, MedicationStatus
from tests.rls.helpers import codes, finding, meds, snapshot

ANTIEMETIC = "drug.antiemetic-dopamine-antagonist"
ANTIHISTAMINE = "drug.sedating-antihistamine"


@pytest.mark.parametrize(
    ("line", "generic", "code"),
    [
        ("Reglan 10 mg tab PO TID", "metoclopramide", ANTIEMETIC),
        ("metoclopramide HCl 10mg", "metoclopramide", ANTIEMETIC),
        ("METOCLOPRAMIDE", "metoclopramide", ANTIEMETIC),
        ("Cerucal 10 mg", "metoclopramide", ANTIEMETIC),
        ("Compazine 5 mg", "prochlorperazine", ANTIEMETIC),
        ("promethazine 25mg PO QHS", "promethazine", ANTIEMETIC),
        ("Droperidol 0.625 mg IV", "droperidol", ANTIEMETIC),
        ("Dipheningidramine 50 mg", "diphenhydramine", ANTIHISTAMINE),
        ("Benadryl 25mg", "diphenhydramine", ANTIHISTAMINE),
        ("Dimedrol 1% 1 mL", "diphenhydramine", ANTIHISTAMINE),
        ("chlorpheniramine maleate 4 mg", "chlorphenamine", ANTIHISTAMINE),
        ("Suprastin 25 mg", "chloropyramine", ANTIHISTAMINE),
        ("hydroxyzine pamoate 25 mg caps", "hydroxyzine", ANTIHISTAMINE),
        ("doxylamine succinate 25 mg", "doxylamine", ANTIHISTAMINE),
        ("Tavegil 1 mg", "clemastine", ANTIHISTAMINE),
        ("Azafen 25 mg", "pipofezine", "drug.tricyclic-antidepressant"),
        ("Amitriptyline 10mg nightly", "amitriptyline", "drug.tricyclic-antidepressant"),
        ("Prozac 20mg", "fluoxetine", "drug.ssri"),
        ("Prozac20mg", "fluoxetine", "drug.ssri"),
        ("escitalopram oxalate 10 mg", "escitalopram", "drug.ssri"),
        ("Trazodone 50 mg QHS", "trazodone", "drug.serotonergic-antidepressant"),
        ("Effexor XR 75 mg", "venlafaxine", "drug.serotonergic-antidepressant"),
        ("Cymbalta 60mg", "duloxetine", "drug.serotonergic-antidepressant"),
        ("mirtazapine 15 mg", "mirtazapine", "drug.serotonergic-antidepressant"),
        ("Lithium carbonate ER 300 mg", "lithium", "drug.lithium"),
        ("lithium citrate syrup", "lithium", "drug.lithium"),
        ("Finoptin 80 mg", "verapamil", "drug.calcium-channel-blocker"),
        ("Isoptin SR 240", "verapamil", "drug.calcium-channel-blocker"),
        ("Corinfar retard 20 mg", "nifedipine", "drug.calcium-channel-blocker"),
        ("Norvasc 5 mg", "amlodipine", "drug.calcium-channel-blocker"),
        ("amlodipine besylate 10mg", "amlodipine", "drug.calcium-channel-blocker"),
        ("Chlorpromazine 100 mg", "chlorpromazine", "drug.typical-antipsychotic"),
        ("Haldol 5 mg IM", "haloperidol", "drug.typical-antipsychotic"),
        ("Risperidone 1 mg", "risperidone", "drug.atypical-antipsychotic"),
        ("Olanzapine ODT 5mg", "olanzapine", "drug.atypical-antipsychotic"),
        ("Seroquel XR 50 mg", "quetiapine", "drug.atypical-antipsychotic"),
        ("Zonizamide 100 mg", "zonisamide", "drug.aggravating-anticonvulsant"),
        ("Metsuximide 300 mg", "mesuximide", "drug.aggravating-anticonvulsant"),
        ("methsuximide", "mesuximide", "drug.aggravating-anticonvulsant"),
        ("Phenytoin sodium ER 100 mg caps", "phenytoin", "drug.aggravating-anticonvulsant"),
        ("Lasix 40 mg", "furosemide", "drug.diuretic"),
        ("frusemide 20mg", "furosemide", "drug.diuretic"),
        ("torsemide 10 mg", "torasemide", "drug.diuretic"),
        ("HCTZ 25 mg daily", "hydrochlorothiazide", "drug.diuretic"),
        ("chlorthalidone 12.5 mg", "chlortalidone", "drug.diuretic"),
        ("Indapamide SR 1.5 mg", "indapamide", "drug.diuretic"),
        ("ethacrynic acid 25 mg", "etacrynic acid", "drug.diuretic"),
        ("Tincture of valerian 30 drops", "ethanol", "drug.alcohol-containing"),
        ("Corvalol 25 drops", "ethanol", "drug.alcohol-containing"),
        ("Excedrin Migraine", "caffeine", "drug.caffeine-containing"),
        ("Citramon P", "caffeine", "drug.caffeine-containing"),
        ("caffeine citrate 20 mg", "caffeine", "drug.caffeine-containing"),
        ("Valium 5 mg", "diazepam", "caution.benzodiazepine"),
        ("Phenazepam 1 mg", "phenazepam", "caution.benzodiazepine"),
        ("clonazepam 0.5mg qhs", "clonazepam", "caution.benzodiazepine"),
        ("OxyContin 10 mg ER", "oxycodone", "caution.opioid"),
        ("Tramadol HCl 50 mg", "tramadol", "caution.opioid"),
        ("Methadone 10 mg", "methadone", "caution.opioid"),
        ("Mirapex 0.125 mg", "pramipexole", "caution.dopaminergic"),
        ("Sifrol 0.088 mg", "pramipexole", "caution.dopaminergic"),
        ("Requip XL 2 mg", "ropinirole", "caution.dopaminergic"),
        ("Neupro 1 mg/24 h patch", "rotigotine", "caution.dopaminergic"),
    ],
)
def test_it_recognises_generics_brands_and_spellings(line, generic, code):
    assert (generic, code) in {(m.generic, m.class_code) for m in match_medication(line)}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("carbidopa/levodopa 25/100", {"levodopa"}),
        ("Sinemet CR 50/200", {"levodopa"}),
        ("Madopar 125", {"levodopa"}),
        ("Losartan-HCTZ 50/12.5 mg", {"hydrochlorothiazide"}),
        ("Hyzaar 50-12.5", {"hydrochlorothiazide"}),
        ("Co-amilozide 5/50", {"hydrochlorothiazide"}),
        ("Exforge HCT", {"amlodipine", "hydrochlorothiazide"}),
        ("Percocet 5/325", {"oxycodone"}),
        ("co-codamol 30/500", {"codeine"}),
        ("Syndol", {"codeine", "doxylamine", "caffeine"}),
        ("Tylenol PM", {"diphenhydramine"}),
        ("Excedrin PM", {"diphenhydramine"}),
        ("Valocordin-Doxylamine drops", {"ethanol", "doxylamine"}),
        ("Laudanum (opium tincture)", {"opium", "ethanol"}),
    ],
)
def test_it_flags_every_ingredient_of_a_combination(line, expected):
    assert {m.generic for m in match_medication(line)} == expected


@pytest.mark.parametrize(
    ("atc", "generic", "code"),
    [
        ("A03FA01", "metoclopramide", ANTIEMETIC),
        ("a03fa01", "metoclopramide", ANTIEMETIC),
        ("N05AB04", "prochlorperazine", ANTIEMETIC),
        ("N06AB06", "sertraline", "drug.ssri"),
        ("N06AB", "", "drug.ssri"),
        ("N05BA01", "diazepam", "caution.benzodiazepine"),
        ("N05CD99", "", "caution.benzodiazepine"),
        ("N02AX02", "tramadol", "caution.opioid"),
        ("N02AJ06", "", "caution.opioid"),
        ("N04BC05", "pramipexole", "caution.dopaminergic"),
        ("C03CA01", "furosemide", "drug.diuretic"),
        ("C09DA01", "", "drug.diuretic"),
        ("C08CA01", "amlodipine", "drug.calcium-channel-blocker"),
        ("N05AN01", "lithium", "drug.lithium"),
        ("N06AA09", "amitriptyline", "drug.tricyclic-antidepressant"),
        ("R06AA02", "diphenhydramine", ANTIHISTAMINE),
    ],
)
def test_it_matches_atc_codes_and_groups(atc, generic, code):
    found = {(m.generic, m.class_code) for m in match_medication("unlabelled", atc)}
    assert (generic, code) in found


@pytest.mark.parametrize(
    "line_or_atc",
    [
        "Zofran 4 mg ODT",
        "ondansetron 8mg",
        "Kytril 1 mg",
        "granisetron",
        "Wellbutrin XL 150 mg",
        "bupropion SR",
        "Claritin 10 mg",
        "loratadine",
        "Zyrtec 10mg",
        "cetirizine HCl",
        "Allegra 180",
        "fexofenadine",
        "Suprastinex 5 mg",
        "desloratadine",
        "gabapentin 300 mg TID",
        "Neurontin 600",
        "pregabalin 75 mg",
        "Lyrica 150 mg",
        "Horizant 600 mg",
        "gabapentin enacarbil",
        "domperidone 10 mg",
        "spironolactone 25 mg",
        "Metformin 500 mg",
        "Benadryl cream 2%",
        "Polyvinyl alcohol eye drops",
        "Elixir, alcohol-free",
        "Isopropyl alcohol swabs",
        "Excedrin caffeine-free",
        "carbidopa 25 mg",
    ],
)
def test_it_never_flags_the_alternatives_or_look_alikes(line_or_atc):
    assert match_medication(line_or_atc) == []


@pytest.mark.parametrize(
    "atc", ["A04AA01", "N06AX12", "R06AX13", "R06AE07", "R06AX26", "N03AX12", "N03AX16", "A03FA03"]
)
def test_it_never_flags_the_alternatives_by_atc(atc):
    assert match_medication("", atc) == []


def test_it_never_flags_an_alternative_listed_in_the_knowledge_base():
    for generic in NOT_FLAGGED:
        for name in (generic.name, *generic.brands):
            assert match_medication(name) == [], name


def test_it_recognises_every_generic_and_brand_in_the_tables():
    for drug_class in DRUG_CLASSES:
        for generic in drug_class.generics:
            for name in (generic.name, *generic.brands, *generic.synonyms):
                found = {(m.generic, m.class_code) for m in match_medication(name)}
                assert (generic.name, drug_class.code) in found, name


def test_it_ignores_stopped_medications():
    assert codes(meds("Reglan 10 mg", status=MedicationStatus.STOPPED)) == {
        "gap.iron-studies",
        "gap.hemoglobin",
    }


def test_it_reports_two_drugs_of_one_class_as_one_finding_with_two_evidence_items():
    result = finding(meds("Prozac 20 mg", "sertraline 50 mg", "Zofran 4 mg"), "drug.ssri")

    assert [e.matched for e in result.evidence] == ["fluoxetine", "sertraline"]
    assert result.title == "Aggravating drugs: fluoxetine, sertraline"
    assert result.alternatives == ("bupropion",)


def test_it_echoes_the_row_ref_and_names_the_alternatives():
    record = snapshot(medications=(Medication("Reglan 10 mg tab", ref="medication:7"),))

    result = finding(record, ANTIEMETIC)

    assert result.evidence[0].ref == "medication:7"
    assert result.evidence[0].matched == "metoclopramide"
    assert result.title == "Aggravating drug: metoclopramide"
    assert result.alternatives == ("ondansetron", "granisetron")
    assert "ondansetron (Zofran)" in result.advice
    assert result.source.startswith("Article:")


@pytest.mark.parametrize(
    ("local", "line", "code"),
    [
        (LocalName("medication", "Nauseastop", "metoclopramide"), "Nauseastop 10mg", ANTIEMETIC),
        (LocalName("medication", "Happy Pills", "drug.ssri"), "happy-pills 1 tab", "drug.ssri"),
        (LocalName("medication", "Sleepwell", "doxylamine"), "SLEEPWELL", ANTIHISTAMINE),
    ],
)
def test_it_applies_local_medication_names(local, line, code):
    assert code not in flagged_codes(line)
    assert code in flagged_codes(line, local_names=(local,))
    assert code in codes(meds(line), (local,))


def test_it_ignores_a_local_name_with_an_unknown_target():
    local = LocalName("medication", "Mystery", "drug.no-such-class")

    assert not medication_is_flagged("Mystery 5 mg", local_names=(local,))


def test_it_answers_whether_a_line_is_flagged_before_saving():
    assert medication_is_flagged("Reglan 10 mg")
    assert flagged_codes("Syndol") == [
        "caution.opioid",
        "drug.caffeine-containing",
        "drug.sedating-antihistamine",
    ]
    assert not medication_is_flagged("Zofran 4 mg")
