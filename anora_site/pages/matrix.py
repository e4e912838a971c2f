"""The matrix page: statements × sources, which source says what, each mark linked to its passage."""
from .common import PageUrls
from .explainer import explainer_context


def matrix_context(content: dict, *, urls: PageUrls) -> dict:
    """Statements × sources: which source says what, each mark linked to the passage."""
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
                cells.append({"on": citation is not None, "url": citation["url"] if citation else "", "source": source})
            rows.append({"entry": entry, "section": section["title"], "cells": cells})
    return {**page, "rows": rows}
