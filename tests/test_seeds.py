"""The issue's definition of done on the five seed articles (read from
samples/seeds, which are the seeds copied in)."""

from __future__ import annotations

import pytest

from cleaner import clean
from conftest import sample_inputs

SEEDS = sample_inputs("seeds")
TITLES = {
    "000": "US proposes interim power-sharing deal between Taliban, Afghan government: report",
    "001": "Afghan Government Proposes Power-Sharing Deal as Taliban Captures Kandahar",
    "002": "Official: Afghanistan’s government offers to share power with the Taliban",
    "003": "Taliban-Linked Source Says U.S. Ready for ‘Withdrawal Plan’ in Afghanistan",
    "004": "Taliban seek ‘lion’s share of power’ in deadlocked peace talks: Khalilzad",
}
NOISE = [
    "BlinkenBlinken", "MORE", "BidenJoe", "Please enter your", "Advertisment", "Must Read",
    "French ambassador", "!--", "gtag", "© Getty Images", "having issues with commenting",
    "A US soldier drills", "Pan Islamist", "SOURCE:",
]


def seed_id(path):
    return path.name[:3]


def test_there_are_five_seeds():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=seed_id)
def test_metadata(path):
    article = clean(path.read_bytes())
    assert article.title == TITLES[seed_id(path)]
    assert article.date == ("2021-08-13" if seed_id(path) == "001" else None)
    assert article.source == ("AFP" if seed_id(path) == "001" else None)
    assert article.language == "en"


@pytest.mark.parametrize("path", SEEDS, ids=seed_id)
def test_no_noise_remains(path):
    text = clean(path.read_bytes()).text
    assert not [n for n in NOISE if n in text]


@pytest.mark.parametrize("path", SEEDS, ids=seed_id)
def test_every_article_paragraph_remains_in_order(path):
    """Each prose paragraph of the seed (a line that reads as running text and
    holds no noise) appears in the output, in the same order; hover cards are
    compared after collapsing, which is what the output holds."""
    from cleaner.lines import is_prose
    from cleaner.normalize import normalize

    raw = normalize(path.read_text(encoding="utf-8"))
    article = clean(raw)
    prose = [
        l.strip()
        for l in raw.split("\n")
        if is_prose(l) and not l.startswith("  ") and " MORE" not in l
        and l.strip() != TITLES[seed_id(path)] and not any(n in l for n in NOISE)
    ]
    end = next((i for i, l in enumerate(prose) if l.startswith("Federal Interior Minister")), len(prose))
    positions = [article.text.find(p) for p in prose[:end]]
    assert -1 not in positions, [p for p, i in zip(prose, positions) if i == -1]
    assert positions == sorted(positions)
