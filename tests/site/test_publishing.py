"""End to end with the editorial workflow: what editors publish is what readers get, at once."""
from claims.models import ClaimKind, ConsensusEntry
from claims.services.publishing import explainer_publish, explainer_submit
from tests.claims.conftest import CHIEF_GROUP, EDITOR_GROUP, claim_make, entry_make, user_make
from tests.site.htmlcheck import Page

URL = "/explainers/anora-ending/"


def _publish(explainer, editor, chief, capture) -> None:
    explainer_submit(explainer=explainer, user=editor)
    with capture(execute=True):
        explainer_publish(explainer=explainer, user=chief)


def test_publishing_through_the_workflow_refreshes_the_cached_page(
    client, imported_seeds, django_capture_on_commit_callbacks
):
    a, b, c = imported_seeds.articles.order_by("origin")
    editor, chief = user_make("editor", EDITOR_GROUP), user_make("chief", CHIEF_GROUP)
    entry_make(imported_seeds, "Mikey Madison won the Best Actress Oscar.", [
        claim_make(a, "won the Best Actress Oscar", kind=ClaimKind.PRODUCTION),
        claim_make(b, "Best Actress for Mikey Madison", kind=ClaimKind.PRODUCTION),
        claim_make(c, "earned a Best Actress Oscar", kind=ClaimKind.PRODUCTION),
    ], kind=ClaimKind.PRODUCTION, status=ConsensusEntry.Status.APPROVED)
    imported_seeds.articles.update(needs_extraction=False)  # the claims above stand for a consensus build
    assert client.get(URL).status_code == 404

    _publish(imported_seeds, editor, chief, django_capture_on_commit_callbacks)
    first = Page(client.get(URL).content.decode())
    assert "Mikey Madison won the Best Actress Oscar." in first.text and "3 of 3 sources" in first.text

    entry_make(imported_seeds, "Igor gives Anora back her wedding ring.", [
        claim_make(a, "Igor returning Anora", kind=ClaimKind.PLOT),
    ], kind=ClaimKind.PLOT, status=ConsensusEntry.Status.APPROVED)
    assert "Igor gives Anora back" not in client.get(URL).content.decode()  # approved, not yet published

    _publish(imported_seeds, editor, chief, django_capture_on_commit_callbacks)
    second = Page(client.get(URL).content.decode())
    assert "Igor gives Anora back her wedding ring." in second.text
    assert "1 of 3 — single source" in second.text
    history = Page(client.get(f"{URL}history/").content.decode()).text
    assert "Revision 2" in history and "1 statement added." in history

    source = Page(client.get(f"{URL}sources/{a.id}/").content.decode())
    body = a.body
    for mark_id, text in source.marks.items():
        assert text in body, mark_id
    start = body.index("Igor returning Anora")
    assert any(text == body[start:start + len("Igor returning Anora")] for text in source.marks.values())


def test_deleting_a_published_explainer_takes_its_pages_down_at_once(
    client, published, django_capture_on_commit_callbacks
):
    """A take-down: the cached pages (current and earlier revisions, home, feed) used to outlive the deletion
    until the cache expired."""
    pages = [URL, f"{URL}revisions/1/", f"{URL}history/"]
    assert [client.get(page).status_code for page in pages] == [200, 200, 200]  # now cached
    assert "anora-ending" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        published.explainer.delete()

    assert [client.get(page).status_code for page in pages] == [404, 404, 404]
    assert "anora-ending" not in client.get("/").content.decode()
    assert "anora-ending" not in client.get("/feed/").content.decode()
