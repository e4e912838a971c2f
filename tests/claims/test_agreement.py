"""How many sources back a statement, as readers are told it (claims.agreement), on revision content."""
from claims.agreement import agreements


def _content(statement: str, values: list[str], *, resolution: str = "", kind: str = "number") -> dict:
    """One statement cited by three sources, whose passages are the sides of a number conflict with ``values``."""
    sources = [{"id": n, "number": n, "name": f"Outlet {n}"} for n in (1, 2, 3)]
    citations = [{"source": n, "number": n, "start": 0, "end": 10, "text": f"passage giving {value}"}
                 for n, value in zip((1, 2, 3), values)]
    return {
        "sources": sources,
        "sections": [{"title": "Key points", "entries": [
            {"id": 7, "statement": statement, "statement_html": f"<p>{statement}</p>", "support": 3,
             "citations": citations}]}],
        "conflicts": [{"id": 9, "kind": kind, "status": "resolved" if resolution else "open",
                       "resolution": resolution,
                       "variants": [{"value": value, "source": n, "start": 0, "end": 10, "text": f"passage giving {value}"}
                                    for n, value in zip((1, 2, 3), values)]}],
    }


def test_a_figure_written_in_words_and_in_digits_is_one_side():
    """"Twenty-three people" and "23 people" agree; only the source giving 27 is not counted."""
    told = agreements(_content("Twenty-three people were injured.",
                               ["Twenty-three people", "23 people", "Twenty-seven people"]))[7]
    assert (told.support, told.text) == (2, "2 of 3 sources")
    assert told.notes == ["Outlet 3 gives Twenty-seven people"]


def test_a_statement_settled_in_digits_is_not_flagged_when_it_writes_the_figure_in_words():
    content = _content("Twenty-three people were injured.", ["Twenty-three people", "23 people", "23 people"],
                       resolution="23 people")
    assert agreements(content)[7].notes == []


def test_an_amount_of_money_written_two_ways_is_one_side():
    """"£2.4m" and "£2.4 million" agree; only the source giving £3.1m is not counted."""
    told = agreements(_content("The scheme will cost £2.4m.", ["£2.4m", "£2.4 million", "£3.1 million"]))[7]
    assert (told.support, told.text) == (2, "2 of 3 sources")
    assert told.notes == ["Outlet 3 gives £3.1 million"]
    settled = _content("The scheme will cost £2.4m.", ["£2.4m", "£2.4 million", "£2,400,000"], resolution="£2.4 million")
    assert agreements(settled)[7].notes == []


def test_a_day_given_in_part_is_on_the_side_of_the_day_given_in_full():
    """A statement dating the vote "Tuesday 3 March 2026" states one day, not two values of the conflict: the
    source that says "Tuesday" backs it, the one saying "Wednesday" does not."""
    told = agreements(_content("The cabinet voted on Tuesday 3 March 2026.",
                               ["Tuesday", "Tuesday 3 March 2026", "Wednesday"], kind="date"))[7]
    assert (told.support, told.notes) == (2, ["Outlet 3 gives Wednesday"])
    told = agreements(_content("The cabinet voted on 3 March.", ["3 March", "Tuesday 3 March 2026", "Wednesday"],
                               kind="date"))[7]
    assert (told.support, told.notes) == (2, ["Outlet 3 gives Wednesday"])


def test_a_source_giving_another_figure_in_another_sentence_than_the_one_cited_does_not_back_the_figure():
    """The statement gives £2.4 million; the third source is cited for the funding, and says £3.1 million a
    sentence away: it is a side of the conflict, not a backer of the figure. A source that gives no figure at all
    still backs the rest."""
    statement = "The scheme will cost £2.4 million, most of it from the Active Travel Fund."
    content = {
        "sources": [{"id": n, "number": n, "name": f"Outlet {n}"} for n in (1, 2, 3, 4)],
        "sections": [{"title": "Key points", "entries": [{
            "id": 7, "statement": statement, "statement_html": f"<p>{statement}</p>", "support": 4, "citations": [
                {"source": 1, "number": 1, "start": 0, "end": 40, "text": "funded by the Active Travel Fund"},
                {"source": 2, "number": 2, "start": 0, "end": 30, "text": "The project will cost £2.4m"},
                {"source": 3, "number": 3, "start": 40, "end": 90, "text": "the bulk of it is from the Active Travel Fund"},
                {"source": 4, "number": 4, "start": 0, "end": 40, "text": "costing £2.4 million in all"},
            ]}]}],
        "conflicts": [{"id": 9, "kind": "number", "status": "open", "resolution": "", "variants": [
            {"value": "£2.4m", "source": 2, "start": 0, "end": 30, "text": "The project will cost £2.4m"},
            {"value": "£3.1 million", "source": 3, "start": 0, "end": 38, "text": "The price tag is £3.1 million"},
            {"value": "£2.4 million", "source": 4, "start": 0, "end": 40, "text": "costing £2.4 million in all"},
        ]}],
    }
    told = agreements(content)[7]
    assert (told.support, told.text) == (3, "3 of 4 sources")
    assert told.notes == ["Outlet 3 gives £3.1 million"]


def test_a_settled_detail_the_statement_does_not_make_is_not_told_beside_it():
    content = _content("The cabinet voted to close the street to cars.", ["Tuesday", "Wednesday", "Tuesday"],
                       resolution="Tuesday", kind="date")
    assert agreements(content)[7].notes == []
    content = _content("The cabinet voted to close the street to cars.", ["Tuesday", "Wednesday", "Tuesday"],
                       kind="date")
    assert agreements(content)[7].notes == ["Sources differ on a detail of this"]  # a conflict with no "about"
    content["conflicts"][0]["about"] = "Sources give different days (Tuesday, Wednesday)."
    assert agreements(content)[7].notes == ["Sources give different days (Tuesday, Wednesday)"]  # which detail


def test_a_name_spelled_another_way_a_sentence_away_from_the_passage_cited_is_told():
    statement = "Councillor Priya Hallworth said the change gives the town centre back to its people."
    content = {
        "sources": [{"id": n, "number": n, "name": f"Outlet {n}"} for n in (1, 2)],
        "sections": [{"title": "Key points", "entries": [{
            "id": 7, "statement": statement, "statement_html": f"<p>{statement}</p>", "support": 2, "citations": [
                {"source": 1, "number": 1, "start": 0, "end": 60, "text": "Councillor Priya Hallworth said the change"},
                {"source": 2, "number": 2, "start": 80, "end": 140, "text": "In her speech she said it gives it back"},
            ]}]}],
        "conflicts": [{"id": 9, "kind": "name", "status": "open", "resolution": "", "variants": [
            {"value": "Hallworth", "source": 1, "start": 0, "end": 60, "text": "Councillor Priya Hallworth said the change"},
            {"value": "Halworth", "source": 2, "start": 0, "end": 70, "text": "Credit where it's due to Cllr Priya Halworth"},
        ]}],
    }
    told = agreements(content)[7]
    assert (told.support, told.notes) == (2, ["Outlet 2 spells it “Halworth”"])  # a spelling takes no source away
