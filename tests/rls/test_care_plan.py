"""The article's care plan: every measure it lists, and replenishment where labs show a lack."""

from __future__ import annotations

from rls import CARE_MEASURES, CODES, suggested_replenishment


def test_it_offers_every_non_drug_measure_the_article_lists():
    keys = {m.key for m in CARE_MEASURES if m.kind == "non-drug"}

    assert keys == {
        "exercise", "evening-stroll", "contrast-shower", "limit-caffeine", "limit-alcohol",
        "stop-smoking", "sleep-schedule", "foot-bath-massage", "vibromassage",
        "magnetotherapy", "mud-applications",
    }  # fmt: skip


def test_it_names_a_source_and_plain_words_for_every_measure():
    for measure in CARE_MEASURES:
        assert measure.source.startswith("Article:"), measure.key
        assert measure.handout.endswith("."), measure.key
        assert set(measure.shown_by) <= set(CODES), measure.key


def test_it_suggests_iron_for_iron_deficiency_or_anemia_only():
    assert [m.key for m in suggested_replenishment({"cause.iron-deficiency"})] == ["iron"]
    assert [m.key for m in suggested_replenishment({"cause.anemia"})] == ["iron"]
    assert suggested_replenishment({"cause.diabetes", "gap.iron-studies"}) == []


def test_it_suggests_folic_acid_and_vitamins_for_hypovitaminosis_never_magnesium():
    keys = [m.key for m in suggested_replenishment({"cause.hypovitaminosis"})]

    assert keys == ["folic-acid", "vitamins"]
    assert "magnesium" not in [m.key for m in suggested_replenishment(set(CODES))]
