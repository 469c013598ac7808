"""Names a local name must not silently remap: RLS treatments and recommended alternatives."""

import pytest

from rls import protected_drug


@pytest.mark.parametrize(
    ("name", "known_as"),
    [
        ("Zyrtec", "cetirizine, a safer alternative"),
        ("CETIRIZINE", "cetirizine, a safer alternative"),
        ("Zofran", "ondansetron, a safer alternative"),
        ("Requip", "ropinirole, an RLS treatment"),
        ("Lyrica", "pregabalin, an RLS treatment"),
    ],
)
def test_it_knows_treatments_and_alternatives_by_every_name(name, known_as):
    assert protected_drug(name).startswith(known_as)


@pytest.mark.parametrize("name", ["Reglan", "Nauseastop", "Zyrtecs", "Cetirizine Plus"])
def test_it_leaves_other_names_free(name):
    assert protected_drug(name) is None
