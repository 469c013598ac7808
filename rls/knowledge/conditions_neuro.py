"""Condition families of the nervous system: neurological causes and associated conditions."""

from __future__ import annotations

from rls.knowledge.model import ConditionFamily as Family

# Diabetes with neurological complications (.4), in every diabetes category.
_DIABETIC_NEUROPATHY = tuple(f"{c}.4" for c in ("E08", "E09", "E10", "E11", "E12", "E13", "E14"))

NEUROLOGICAL_FAMILIES: tuple[Family, ...] = (
    Family(
        "cause.neurological-disorder",
        ("G00-G99",),
        (
            "multiple sclerosis",
            "ms",
            "epilepsy",
            "seizure disorder",
            "migraine",
            "dementia",
            "alzheimer",
            "alzheimers",
            "alzheimer disease",
            "cerebral palsy",
            "neurological disorder",
            "spinal muscular atrophy",
            "parkinsonism",
            "dystonia",
            "tia",
            "transient ischemic attack",
            "transient ischaemic attack",
            "myopathy",
        ),
        # The more specific codes below, RLS itself (G25.8 WHO, G25.81 CM) and sleep disorders
        # (G47, incl. periodic limb movement disorder G47.61): a consequence, not a cause.
        # G25.7 (ICD-10-CM G25.71 drug-induced akathisia) is an RLS mimic, not a cause.
        excludes=(
            "G10",
            "G12.2",
            "G14",
            "G20",
            "G25.0",
            "G25.7",
            "G25.8",
            "G47",
            "G60-G64",
            "G70.0",
            "G95",
        ),
        look_alikes=("akathisia", "drug induced akathisia", "tardive akathisia"),
    ),
    Family(
        "cause.nerve-injury",
        (
            "S14",
            "S24",
            "S34",
            "S44",
            "S54",
            "S64",
            "S74",
            "S84",
            "S94",
            "T91.3",
            "G95",
            "T09.3",
            "T09.4",
            "T11.3",
            "T13.3",
            "T14.4",
        ),
        (
            "spinal cord injury",
            "sci",
            "spinal cord lesion",
            "nerve injury",
            "peripheral nerve injury",
            "brachial plexus injury",
            "myelopathy",
            "syringomyelia",
            "spinal cord disease",
        ),
        note="T09.3, T09.4, T11.3, T13.3, T14.4: WHO ICD-10 injuries of the spinal cord and "
        "nerves at an unspecified level.",
    ),
    Family(
        "cause.peripheral-neuropathy",
        ("G60-G64", *_DIABETIC_NEUROPATHY),
        (
            "neuropathy",
            "polyneuropathy",
            "peripheral neuropathy",
            "diabetic neuropathy",
            "diabetic polyneuropathy",
            "alcoholic neuropathy",
            "alcoholic polyneuropathy",
            "small fiber neuropathy",
            "small fibre neuropathy",
            "cidp",
            "guillain barre",
            "guillain barre syndrome",
            "charcot marie tooth",
            "hereditary neuropathy",
        ),
        # Neuropathies of the eye and ear are cranial, not peripheral (H46, H47, H93.3).
        look_alikes=(
            "optic neuropathy",
            "ischemic optic neuropathy",
            "ischaemic optic neuropathy",
            "hereditary optic neuropathy",
            "auditory neuropathy",
        ),
    ),
)

ASSOCIATED_FAMILIES: tuple[Family, ...] = (
    Family(
        "associated.parkinsons-disease",
        ("G20",),
        (
            "parkinson",
            "parkinsons",
            "parkinson disease",
            "parkinsons disease",
            "idiopathic parkinsons disease",
        ),
    ),
    Family(
        "associated.essential-tremor", ("G25.0",), ("essential tremor", "benign essential tremor")
    ),
    Family(
        "associated.tourette-syndrome",
        ("F95.2",),
        (
            "tourette",
            "tourettes",
            "tourette syndrome",
            "tourettes syndrome",
            "gilles de la tourette",
        ),
    ),
    Family(
        "associated.huntingtons-disease",
        ("G10",),
        (
            "huntington",
            "huntingtons",
            "huntington disease",
            "huntingtons disease",
            "huntingtons chorea",
            "huntington chorea",
        ),
    ),
    Family(
        "associated.als",
        ("G12.2",),
        (
            "als",
            "amyotrophic lateral sclerosis",
            "motor neuron disease",
            "motor neurone disease",
            "mnd",
            "lou gehrig disease",
            "lou gehrigs disease",
        ),
        note="G12.2 is motor neuron disease in WHO ICD-10 (ALS); ICD-10-CM G12.21 is ALS.",
    ),
    Family(
        "associated.post-polio-syndrome",
        ("G14",),
        ("post polio syndrome", "postpolio syndrome", "post poliomyelitis syndrome", "post polio"),
    ),
)
