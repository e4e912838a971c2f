"""The matrix page: statements × sources, which source says what, each mark linked to its passage."""
from .common import PageUrls
from .explainer import explainer_context


def matrix_context(content: dict, *, urls: PageUrls) -> dict:
    """Statements × sources: which source says what, each mark linked to the passage. A source whose passage
    gives another figure or date than the statement is marked as differing, not as agreeing."""
    page = explainer_context(content, urls=urls)
    sources = page["sources"]
    rows = []
    for section in page["sections"]:
        for entry in section["entries"]:
            first_citation: dict[int, dict] = {}
            for citation in entry["citations"]:
                first_citation.setdefault(citation["source"], citation)
            cells = []
            for source in sources:
                citation = first_citation.get(source["id"])
                state = "off" if citation is None else ("against" if source["id"] in entry["against"] else "on")
                cells.append({"state": state, "url": citation["url"] if citation else "", "source": source,
                              "values": entry["against"].get(source["id"], [])})
            rows.append({"entry": entry, "section": section["title"], "cells": cells})
    return {**page, "rows": rows}
