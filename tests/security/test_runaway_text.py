"""Hostile text cannot stall an import or a build: the patterns that read it take time in proportion to its length.

Each case is text a pattern once read again from every position of a long run (a forum stamp's user name over a
run of digits, a caption credit over a run of spaces, a name over a run of capitalised words), so 60 KB of it
took from seconds to hours. Now each takes well under a second; the bound leaves room for a slow machine.
"""
import time

import pytest

from articles.cleaning import clean
from claims.pipeline.aliases import propose_aliases
from claims.pipeline.extract import extract_claims
from claims.pipeline.group import reads_whole

SIZE = 60_000
BOUND = 6.0  # seconds


def _run_of(unit: str, lead: str = "", size: int = SIZE) -> str:
    return "A headline\n\n" + lead + unit * (size // len(unit)) + "x.\n\nThe crew left. Orla Quint (Orly) waved."


@pytest.mark.parametrize("text", [
    _run_of("1-"),                  # a forum stamp's user name: "user_12 · 3h ago"
    _run_of("1"),                   # the same, and a row of counts ("▲ 412 ▼ Reply")
    _run_of(" ", "Photo"),          # a caption credit after spaces; a separator " | " after spaces
    _run_of("\t", "Photo"),
    _run_of(" ", "Updated"),        # "Updated: 10:42 BST"
    _run_of(" ", "Advertisement"),  # "Advertisement - story continues below"
    _run_of("Aa-"),                 # a name glossed by another in brackets: "Bram (Abraham)"
    _run_of("Aa Bb\n"),
    _run_of("By "),
    _run_of("Orla Quint "),          # a name mentioned by a claim
    _run_of("A: "),                 # lead-ins before colons, each counted from the sentence's start
    _run_of("![", size=150_000),          # an image in Markdown, "![alt](src)" (60 KB took 7 s, this 40 s)
    _run_of("[caption]", size=150_000),   # a caption shortcode, "[caption]…[/caption]"
    _run_of("(Photo: a) ", "It ends. ", size=200_000),  # many removals on one line, each checked for overlap
    _run_of("Aa known as “Bb” "),   # a name someone goes by, and the name before it
], ids=lambda text: repr(text[12:30]))
def test_hostile_text_is_cleaned_and_read_in_time_proportional_to_its_length(text):
    started = time.perf_counter()
    body = clean(text).body
    claims = extract_claims(1, body)
    propose_aliases({1: body, 2: body})
    assert time.perf_counter() - started < BOUND
    assert all(body[c.start:c.end] == c.text for c in claims)
    assert "The crew left." in body  # the article's own text after the run is still read


@pytest.mark.parametrize("text", ["It ends." + "*" * SIZE + "x", "It ends." + "[1]" * (SIZE // 3) + "x"])
def test_a_claim_ending_in_a_long_run_of_marks_is_judged_in_time(text):
    started = time.perf_counter()
    reads_whole(text)
    assert time.perf_counter() - started < BOUND


def test_marks_after_a_claims_full_stop_still_do_not_count():
    assert reads_whole("The ferry left at noon.[1]") and reads_whole("*The ferry left at noon.*")
    assert not reads_whole("the ferry left at noon")
