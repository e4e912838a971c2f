"""The editorial flow in a real browser: an editor approves entries in the queue and submits the explainer;
a chief editor compares it with the live revision and publishes; readers then see the new content."""
import pytest

from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM
from tests.claims.conftest import claim_make, entry_make


pytestmark = [
    pytest.mark.browser,
    SKIP_WITHOUT_CHROMIUM,
]


def groups_ensure() -> None:
    """The editorial groups and their permissions as the data migrations make them (a transactional test may have
    flushed them): every RunPython step of the claims migrations, run forwards again."""
    import importlib
    import pkgutil
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection, migrations

    import claims.migrations

    editor = SimpleNamespace(connection=connection)
    # The steps mark app configs as having models (true of the real ones); put back what was there.
    kept = {label: apps.get_app_config(label).models_module for label in ("articles", "claims")}
    try:
        for info in sorted(pkgutil.iter_modules(claims.migrations.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"claims.migrations.{info.name}")
            for operation in module.Migration.operations:
                if isinstance(operation, migrations.RunPython):
                    operation.code(apps, editor)
    finally:
        for label, models_module in kept.items():
            apps.get_app_config(label).models_module = models_module


@pytest.fixture
def newsroom(transactional_db, imported_seeds, live_server):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    groups_ensure()
    a, b, c = list(imported_seeds.articles.order_by("origin"))
    entries = [
        entry_make(imported_seeds, "Anora marries Vanya, the son of a Russian oligarch.", [
            claim_make(a, "son of a Russian oligarch"), claim_make(b, "son of a Russian oligarch"),
            claim_make(c, "son of a rich Russian family")], kind="plot"),
        entry_make(imported_seeds, "Mikey Madison won the Best Actress Oscar.", [
            claim_make(a, "won the Best Actress Oscar"), claim_make(b, "Best Actress for Mikey Madison")],
            kind="production"),
        entry_make(imported_seeds, "The ending is about dignity.", [claim_make(a, "redefines everything")],
                   kind="interpretation"),
    ]
    imported_seeds.articles.update(needs_extraction=False)  # the claims above stand for a consensus build
    User = get_user_model()
    for username, group in (("editor", "Editor"), ("chief", "Chief editor")):
        user = User.objects.create_user(username=username, password=f"{username}-secret-pw", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    return imported_seeds, entries


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-secret-pw")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_editor_approves_and_submits_then_chief_compares_and_publishes(browser, newsroom, live_server):
    from claims.models import ConsensusEntry, Draft, Revision

    explainer, entries = newsroom
    base = live_server.url

    editor = browser.new_context().new_page()
    log_in(editor, base, "editor")
    editor.goto(f"{base}/admin/claims/consensusentry/?explainer__id__exact={explainer.pk}&status__exact=proposed")
    assert editor.locator("mark.passage").first.is_visible()
    for _ in range(2):  # the two best-supported entries are at the top
        editor.locator("button.approve").first.click()
        editor.wait_for_load_state()
    assert editor.locator(".messagelist .success").first.is_visible()
    approved = set(ConsensusEntry.objects.filter(status="approved").values_list("pk", flat=True))
    assert approved == {entries[0].pk, entries[1].pk}

    editor.goto(f"{base}/admin/claims/draft/open/{explainer.pk}/")
    editor.fill("textarea[name=introduction]", "Why Ani cries, in **two** points.")  # typed, never saved on its own
    editor.fill("#submit-note", "Two well-sourced points to start.")
    editor.click("button[name=submit_for_review]")
    editor.wait_for_load_state()
    draft = Draft.objects.get()
    assert (draft.status, draft.introduction) == ("in_review", "Why Ani cries, in **two** points.")
    assert editor.locator("button[name=publish]").count() == 0, "editors never see the publish button"

    chief = browser.new_context().new_page()
    log_in(chief, base, "chief")
    chief.goto(f"{base}/admin/claims/draft/open/{explainer.pk}/")
    assert chief.locator("#workflow").get_by_text("Two well-sourced points to start.").is_visible()
    chief.get_by_role("link", name="See what changes against the live revision").click()
    assert chief.locator(".compare-summary").inner_text() == "First publication: 2 statements from 3 sources."
    assert chief.get_by_text("Anora marries Vanya, the son of a Russian oligarch.").is_visible()
    chief.get_by_role("link", name="Back to the review screen").click()
    chief.click("button[name=publish]")
    chief.wait_for_load_state()
    assert chief.get_by_text("Revision 1 is live").is_visible()

    revision = Revision.objects.get()
    assert (revision.submitted_by.username, revision.published_by.username) == ("editor", "chief")
    statements = [e["statement"] for s in revision.content["sections"] for e in s["entries"]]
    assert statements == ["Anora marries Vanya, the son of a Russian oligarch.",
                          "Mikey Madison won the Best Actress Oscar."]

    reader = browser.new_context().new_page()
    response = reader.goto(f"{base}/explainers/{explainer.slug}/")
    assert response.status == 200
    assert reader.get_by_text("Anora marries Vanya, the son of a Russian oligarch.").first.is_visible()
    assert reader.get_by_text("The ending is about dignity.").count() == 0


def test_the_review_queue_fits_a_1280_pixel_screen_and_the_entry_page_approves_what_was_typed(
        browser, newsroom, live_server):
    """An editor on a laptop reaches Approve without scrolling sideways past the passages and the filters; on an
    entry's page, Approve saves the wording typed there before approving."""
    from claims.models import ConsensusEntry

    explainer, entries = newsroom
    base = live_server.url
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/claims/consensusentry/?explainer__id__exact={explainer.pk}")
    widths = page.evaluate("""() => {
        const box = document.querySelector('#changelist-form .results');
        return [box.scrollWidth, box.clientWidth];
    }""")
    assert widths[0] <= widths[1], f"the queue is {widths[0]} px wide in a {widths[1]} px box"
    approve = page.locator("button.approve").first.bounding_box()
    assert approve["x"] + approve["width"] <= 1280
    assert page.locator("td.field-decide").first.get_by_text("Proposed").is_visible()

    # After a build, the way to the queue is in view beside its status, sidebar open, however long the message.
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from claims.models import ConsensusBuild

    ConsensusBuild.objects.create(
        explainer=explainer, requested_by=get_user_model().objects.get(username="editor"), status="succeeded",
        finished_at=timezone.now(), message="3 article(s) read, 45 claims; entries: 16 new, 0 unchanged, 0 removed, "
                                            "0 editor-decided kept; 4 conflict(s); 0 alias proposal(s)")
    page.goto(f"{base}/admin/claims/consensusbuild/")
    link = page.get_by_role("link", name="Review queue").bounding_box()
    assert link["x"] + link["width"] <= 1280, link

    page.goto(f"{base}/admin/claims/consensusentry/{entries[2].pk}/change/")
    # The list of passages to attach (each up to 240 characters) keeps within the page, its arrow in view.
    sizes = page.evaluate("""() => {
        const select = document.querySelector('select.attach-claim');
        select.add(new Option('Source name — ' + 'a long passage of an article, '.repeat(8)));
        return [select.getBoundingClientRect().right, select.closest('.form-row').getBoundingClientRect().right];
    }""")
    assert sizes[0] <= sizes[1], sizes
    page.fill("textarea[name=statement]", "The ending is about **dignity** regained.")
    page.click(".submit-row.decide button.approve")
    page.wait_for_load_state()
    entry = ConsensusEntry.objects.get(pk=entries[2].pk)
    assert (entry.status, entry.statement) == ("approved", "The ending is about **dignity** regained.")


def test_on_a_phone_the_review_queue_conflicts_and_builds_are_cards_with_labelled_values(
        browser, newsroom, live_server):
    """At 390 px a table of five or more columns scrolls sideways past its buttons; each row is a card instead,
    within the screen, every value after the row's name labelled with its column's heading."""
    from django.contrib.auth import get_user_model

    from claims.models import ConsensusBuild
    from tests.claims.conftest import conflict_make

    explainer, entries = newsroom
    a, b, _c = list(explainer.articles.order_by("origin"))
    conflict_make(explainer, "The name is spelled two ways.", [("Anora", a, "Anora"), ("Ani", b, "Ani")],
                  entry=entries[0])
    ConsensusBuild.objects.create(explainer=explainer, requested_by=get_user_model().objects.get(username="editor"))
    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(page, base, "editor")
    for path, heading in ((f"/admin/claims/consensusentry/?explainer__id__exact={explainer.pk}", "Sources"),
                          ("/admin/claims/conflict/", "Kind"), ("/admin/claims/consensusbuild/", "Status")):
        page.goto(base + path)
        box = page.evaluate("""() => {
            const box = document.querySelector('#changelist-form .results, #changelist .results');
            return [box.scrollWidth, box.clientWidth, document.documentElement.scrollWidth];
        }""")
        assert box[0] <= box[1] and box[2] <= 390, f"{path}: {box[0]} px of list in a {box[1]} px box"
        labels = page.eval_on_selector_all("#result_list tbody td[data-label]", "cells => cells.map(c => c.dataset.label)")
        assert heading in labels, (path, labels)
    page.goto(base + f"/admin/claims/consensusentry/?explainer__id__exact={explainer.pk}")
    approve = page.locator("button.approve").first.bounding_box()
    assert approve["x"] + approve["width"] <= 390


@pytest.mark.parametrize("width", [1280, 390])
def test_every_desk_list_fits_a_laptop_with_the_sidebar_open_and_a_phone(browser, newsroom, live_server, width):
    """Sources, removed fragments, conflicts, aliases and the audit log: no list scrolls sideways inside its box
    beside the sidebar and the filters at 1280 px (file names, dates and linked names wrap; a settled conflict's
    value sits in its status), and each is labelled cards at 390 px."""
    from django.contrib.auth import get_user_model

    from claims.models import Alias, Conflict
    from claims.services.review import entry_approve
    from tests.claims.conftest import conflict_make

    explainer, entries = newsroom
    a, b, _c = list(explainer.articles.order_by("origin"))
    # A title with a word longer than its column (a pasted slug) wraps inside the column too.
    type(a).objects.filter(pk=a.pk).update(title="Fore Street: pedestrianisation-consultation-responses-summary-2026")
    conflict = conflict_make(explainer, "The name is spelled two ways.", [("Anora", a, "Anora"), ("Ani", b, "Ani")],
                             entry=entries[0])
    editor = get_user_model().objects.get(username="editor")
    Conflict.objects.filter(pk=conflict.pk).update(status="resolved", resolution="Anora", resolved_by=editor)
    Alias.objects.create(explainer=explainer, name="Ani", person="Anora Mikheeva", status="proposed")
    entry_approve(entry=entries[0], user=editor)  # something in the audit log
    from claims.models import ConsensusBuild

    ConsensusBuild.objects.create(explainer=explainer, status="succeeded", progress=100, message=(
        "Command line: 3 article(s) read, 82 claims; entries: 60 new, 0 unchanged, 0 removed, 0 editor-decided kept; "
        "3 conflict(s); 2 alias proposal(s)"))
    base = live_server.url
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, base, "editor")
    for path in ("/admin/articles/article/", "/admin/articles/removedfragment/", "/admin/claims/conflict/",
                 "/admin/claims/alias/", "/admin/claims/auditentry/", "/admin/articles/explainer/",
                 "/admin/claims/consensusbuild/"):
        page.goto(base + path)
        box = page.evaluate("""() => {
            const box = document.querySelector('#changelist-form .results, #changelist .results');
            return box && [box.scrollWidth, box.clientWidth, document.documentElement.scrollWidth];
        }""")
        assert box, f"{path} lists nothing"
        assert box[0] <= box[1] and box[2] <= width, f"{path}: {box[0]} px of list in a {box[1]} px box"
        if width < 768:
            assert page.eval_on_selector_all("#result_list tbody td[data-label]", "cells => cells.length"), path
    page.goto(base + "/admin/claims/conflict/")
    assert page.locator("td.field-state").first.inner_text() == "Resolved: Anora"
    if width > 768:  # a section's title is read whole as it is typed
        from claims.services.revisions import draft_for

        page.goto(f"{base}/admin/claims/draft/{draft_for(explainer=explainer).pk}/arrange/")
        assert page.locator("input[name=new_section]").bounding_box()["width"] >= 400


def test_the_arrange_page_fits_a_phone_and_custom_pages_keep_the_admins_breadcrumb_bar(
        browser, newsroom, live_server):
    from claims.services.review import entry_approve
    from claims.services.revisions import draft_for
    from django.contrib.auth import get_user_model

    explainer, entries = newsroom
    editor = get_user_model().objects.get(username="editor")
    for entry in entries:
        entry_approve(entry=entry, user=editor)
    draft = draft_for(explainer=explainer)
    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/claims/draft/{draft.pk}/arrange/")
    assert page.locator("select[name^=section-]").count() == 3
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the Arrange page is {width} px wide on a 390 px screen"

    for path in (f"/admin/claims/draft/{draft.pk}/arrange/", f"/admin/claims/draft/{draft.pk}/compare/",
                 "/admin/articles/article/upload/"):
        page.goto(base + path)
        bar = page.locator("nav ol.breadcrumbs")
        assert bar.count() == 1, path
        background = bar.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), path
