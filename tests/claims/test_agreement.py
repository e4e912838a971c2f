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
