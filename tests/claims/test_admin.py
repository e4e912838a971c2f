"""The editorial admin: the review queue, entry and conflict pages, the draft's workflow buttons, security."""
from html import unescape
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.test import Client
from django.urls import reverse

from articles.models import Article, Explainer
from claims.audit import Verb
from claims.models import Alias, AuditEntry, ConsensusEntry, Draft, Revision
from claims.services.drafts import draft_edit
from claims.services.publishing import explainer_publish, explainer_submit
from claims.services.review import entry_approve, entry_edit
from claims.services.revisions import draft_for

from .conftest import conflict_make, entry_make

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:claims_consensusentry_changelist")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def chief_client(chief):
    client = Client()
    client.force_login(chief)
    return client


def csrf_client(user) -> tuple[Client, str]:
    """A client that enforces CSRF like a browser, and the token from a page it loaded."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(QUEUE)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client, token


def message_texts(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# Access


@pytest.mark.parametrize("name,args", [
    ("admin:claims_consensusentry_changelist", []), ("admin:claims_draft_changelist", []),
    ("admin:claims_auditentry_changelist", []), ("admin:claims_revision_changelist", []),
])
def test_anonymous_visitors_are_sent_to_log_in(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_anonymous_post_to_publish_changes_nothing(client, imported_seeds, entries, editor):
    entry_approve(entry=entries[0], user=editor)
    draft = explainer_submit(explainer=imported_seeds, user=editor)
    response = client.post(reverse("admin:claims_draft_publish", args=[draft.pk]), {"version": draft.version})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Revision.objects.exists()


def test_editor_cannot_edit_their_own_groups_or_staff_flag(editor_client, editor):
    url = reverse("admin:auth_user_change", args=[editor.pk])
    assert editor_client.get(url).status_code == 403
    response = editor_client.post(url, {"username": "editor", "is_staff": "on", "is_superuser": "on",
                                        "groups": []})
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser and list(editor.groups.values_list("name", flat=True)) == ["Editor"]


# The review queue


def test_queue_lists_most_supported_first_with_passages_and_source_names(editor_client, entries):
    response = editor_client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 200
    order = [html.index(e.statement[:30]) for e in (entries[0], entries[2], entries[3])]
    assert order == sorted(order)
    assert '<mark class="passage">son of a Russian oligarch</mark>' in html
    assert "Anora was the big winner at the Oscars 2025" in html  # the sentence around a passage
    assert 'formaction="%s"' % reverse("admin:claims_consensusentry_approve", args=[entries[0].pk]) in html


def test_queue_filters_by_status_kind_sources_and_conflict(editor_client, entries, conflict):
    conflict.entry = entries[3]
    conflict.save()
    cases = {"?sources=2": [entries[2]], "?sources=3": entries[:2], "?kind__exact=plot": [entries[0], entries[2]],
             "?conflict=yes": [entries[3]], "?status__exact=approved": []}
    for query, expected in cases.items():
        shown = list(editor_client.get(QUEUE + query).context["cl"].result_list)
        assert sorted(e.pk for e in shown) == sorted(e.pk for e in expected), query


def test_the_queue_links_an_open_conflict_to_that_entrys_conflicts(editor_client, entries, conflict, imported_seeds):
    other = conflict_make(imported_seeds, "Another disagreement", [], key="another", entry=entries[0])
    conflict.entry = entries[3]
    conflict.save()
    link = reverse("admin:claims_conflict_changelist") + f"?entry__id__exact={entries[3].pk}"
    assert f'href="{link}">Open conflict</a>' in editor_client.get(QUEUE).content.decode()
    listed = list(editor_client.get(link).context["cl"].result_list)
    assert listed == [conflict] and other not in listed
    # Once settled it no longer reads as a warning, but still leads to what was decided.
    conflict.status, conflict.resolution = conflict.Status.RESOLVED, "Garnick"
    conflict.save()
    page = editor_client.get(QUEUE).content.decode()
    assert f'href="{link}">Open conflict</a>' not in page and f'href="{link}">Conflict settled</a>' in page


def test_queue_query_count_does_not_grow_with_entries(editor_client, imported_seeds, entries, articles,
                                                      django_assert_max_num_queries):
    editor_client.get(QUEUE)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        editor_client.get(QUEUE)
    for n in range(10):
        entry_make(imported_seeds, f"Extra {n}", list(entries[0].claims.all()))
    with django_assert_max_num_queries(len(few)):
        editor_client.get(QUEUE)


def test_the_queue_marks_two_proposals_that_differ_by_one_passage_and_lists_them_together(editor_client, entries):
    """The build can group one point twice, each with another sentence of one source: the editor is shown the
    pair, to compare and merge."""
    first = list(entries[0].claims.order_by("article__origin"))
    second = list(entries[1].claims.order_by("article__origin"))
    twin = entry_make(entries[0].explainer, "Anora marries Vanya.", first[:2] + second[2:])
    page = editor_client.get(QUEUE).content.decode()
    pair = f"{QUEUE}?id__in={entries[0].pk},{twin.pk}"
    assert f'href="{pair}">Nearly the same as #{twin.pk} (2 of its 3 passages): compare, merge</a>' in unescape(page)
    assert f'Nearly the same as #{entries[0].pk} (2 of its 3 passages)' in unescape(page)
    assert page.count("Nearly the same as") == 2  # the pair; the entry sharing one passage with the twin is not
    # The number the marker names is on the row it names.
    assert f'<span class="entry-number">#{twin.pk}</span> Anora marries Vanya.' in page
    listed = editor_client.get(pair).context["cl"].result_list
    assert sorted(e.pk for e in listed) == sorted([entries[0].pk, twin.pk])


def test_article_text_and_statements_are_escaped(editor_client, imported_seeds, entries):
    entry_make(imported_seeds, '<script>alert("x")</script><img src=x onerror=alert(1)>', list(entries[0].claims.all()))
    html = editor_client.get(QUEUE).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_one_click_approve_needs_the_csrf_token(editor, entries):
    client, token = csrf_client(editor)
    url = reverse("admin:claims_consensusentry_approve", args=[entries[0].pk])
    assert client.post(url, {"version": 1}).status_code == 403
    assert ConsensusEntry.objects.get(pk=entries[0].pk).status == "proposed"
    response = client.post(url, {"version": 1, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ConsensusEntry.objects.get(pk=entries[0].pk).status == "approved"


def test_a_one_click_decision_quotes_the_statement_without_a_second_full_stop(editor_client, entries):
    ConsensusEntry.objects.filter(pk=entries[1].pk).update(statement="Vans may load before 10am", statement_html="")
    for entry, verb in ((entries[0], "approve"), (entries[1], "reject")):
        response = editor_client.post(reverse(f"admin:claims_consensusentry_{verb}", args=[entry.pk]),
                                      {"version": 1}, follow=True)
        [told] = [m for m in message_texts(response) if m.startswith(("Approved", "Rejected"))]
        statement = str(ConsensusEntry.objects.get(pk=entry.pk))
        assert told == (f"Approved: “{statement}”" if verb == "approve" else f"Rejected: “{statement}”.")
        assert statement.endswith(".") == (verb == "approve")


def test_one_click_reject_with_an_old_version_is_refused(editor_client, entries, editor2):
    entry_approve(entry=entries[0], user=editor2)
    response = editor_client.post(reverse("admin:claims_consensusentry_reject", args=[entries[0].pk]),
                                  {"version": 1}, follow=True)
    assert "changed by someone else" in " ".join(message_texts(response))
    assert ConsensusEntry.objects.get(pk=entries[0].pk).status == "approved"


def test_bulk_approve_and_reject_actions(editor_client, entries):
    ids = [e.pk for e in entries[:3]]
    editor_client.post(QUEUE, {"action": "approve_selected", "_selected_action": ids})
    assert set(ConsensusEntry.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"approved"}
    editor_client.post(QUEUE, {"action": "reject_selected", "_selected_action": [entries[3].pk]})
    assert ConsensusEntry.objects.get(pk=entries[3].pk).status == "rejected"
    assert AuditEntry.objects.filter(verb="entry approved").count() == 3


def test_bulk_approve_refuses_an_entry_changed_since_the_list_was_shown(editor_client, entries, editor2):
    html = editor_client.get(QUEUE).content.decode()
    seen = {e.pk: e.version for e in entries[:2]}
    assert all(f'name="seen-{pk}" value="{version}"' in html for pk, version in seen.items())
    entry_edit(entry=entries[0], user=editor2, statement="Changed after the list was shown.")

    response = editor_client.post(QUEUE, {"action": "approve_selected", "_selected_action": list(seen),
                                          **{f"seen-{pk}": version for pk, version in seen.items()}}, follow=True)

    assert ConsensusEntry.objects.get(pk=entries[0].pk).status == "proposed"
    assert ConsensusEntry.objects.get(pk=entries[1].pk).status == "approved"
    assert "changed by someone else" in " ".join(message_texts(response))


def test_merge_action_folds_entries_into_one(editor_client, entries):
    response = editor_client.post(QUEUE, {"action": "merge_selected",
                                          "_selected_action": [entries[0].pk, entries[2].pk]})
    assert response["Location"] == reverse("admin:claims_consensusentry_change", args=[entries[0].pk])
    assert not ConsensusEntry.objects.filter(pk=entries[2].pk).exists()


def test_users_without_review_permission_get_no_buttons_and_403(outsider, entries):
    from django.contrib.auth.models import Permission

    outsider.user_permissions.add(Permission.objects.get(codename="view_consensusentry"))
    client = Client()
    client.force_login(outsider)
    html = client.get(QUEUE).content.decode()
    assert "formaction" not in html and "approve_selected" not in html
    response = client.post(reverse("admin:claims_consensusentry_approve", args=[entries[0].pk]), {"version": 1})
    assert response.status_code == 403
    assert ConsensusEntry.objects.get(pk=entries[0].pk).status == "proposed"


def test_the_queue_asks_for_a_rewording_of_a_statement_that_is_a_fragment(editor_client, imported_seeds, articles,
                                                                          entries):
    from .conftest import claim_make

    a, b, _c = articles
    fragment = entry_make(imported_seeds, "son of a Russian oligarch", [
        claim_make(a, "son of a Russian oligarch"), claim_make(b, "son of a Russian oligarch")])
    sentence = ("Anora was the big winner at the Oscars 2025, bagging five awards including Best Actress for Mikey "
                "Madison, and four prizes for its director Sean Baker.")
    whole = entry_make(imported_seeds, sentence, [claim_make(b, sentence)])
    assert not whole.statement_edited
    page = editor_client.get(QUEUE).content.decode()
    assert page.count("Reads as a fragment: reword it") == 1  # not the sentences, not the editors' wordings
    entry_page = editor_client.get(reverse("admin:claims_consensusentry_change", args=[fragment.pk]))
    assert "reword it before approving" in entry_page.content.decode()
    assert "reword it before approving" not in editor_client.get(
        reverse("admin:claims_consensusentry_change", args=[whole.pk])).content.decode()

    response = editor_client.post(reverse("admin:claims_consensusentry_approve", args=[fragment.pk]),
                                  {"version": fragment.version}, follow=True)
    shown = message_texts(response)
    assert any("Approved" in m for m in shown)
    assert any("a fragment of a sentence; reword it on the entry's page" in m for m in shown)
    assert "Reads as a fragment" not in editor_client.get(QUEUE).content.decode()  # decided: the mark is done


def test_the_queue_asks_who_a_statement_that_leans_on_a_pronoun_is_about(editor_client, imported_seeds, articles,
                                                                           entries, editor):
    from .conftest import claim_make

    _a, b, _c = articles
    sentence = ("She is clearly grateful for this gesture, and responds by beginning to give him a lap dance and "
                "appearing to initiate sex.")
    leaning = entry_make(imported_seeds, sentence, [claim_make(b, sentence)])
    page = editor_client.get(QUEUE).content.decode()
    assert page.count("Who is “She”? Name them") == 1  # the fixtures' statements name who they are about
    entry_page = editor_client.get(reverse("admin:claims_consensusentry_change", args=[leaning.pk])).content.decode()
    assert "says “She” without naming who or what that is" in entry_page
    entry_edit(entry=leaning, user=editor, statement="Ani is grateful.")
    assert "Who is" not in editor_client.get(QUEUE).content.decode()  # an editor's wording is theirs


# The entry page


def entry_post(client, entry, **changes):
    data = {"statement": entry.statement, "kind": entry.kind, "version": entry.version, **changes}
    return client.post(reverse("admin:claims_consensusentry_change", args=[entry.pk]), data)


def test_saving_a_statement_tells_what_of_its_markdown_readers_will_not_see(editor_client, entries):
    """The sanitizer drops a "javascript:" link's address and an <img> without a word; the editor is told."""
    entry = entries[0]
    response = entry_post(editor_client, entry, statement='See the [council report](javascript:alert(1)). '
                                                          '<img src=x onerror=alert(1)>')
    assert response.status_code == 302
    shown = message_texts(editor_client.get(response["Location"]))
    assert any("Saved, but readers will not see a link to “javascript:alert(1)”" in m and "<img>" in m
               for m in shown), shown
    entry = ConsensusEntry.objects.get(pk=entry.pk)
    assert "javascript" not in entry.statement_html and "<img" not in entry.statement_html
    entry_post(editor_client, entry, statement="See the [council report](https://example.org/report).")
    assert not any("readers will not see" in m for m in message_texts(editor_client.get(QUEUE)))


def test_entry_page_shows_markdownx_editor_hidden_version_and_split_buttons(editor_client, entries):
    html = editor_client.get(reverse("admin:claims_consensusentry_change", args=[entries[0].pk])).content.decode()
    assert "markdownx-editor" in html and 'type="hidden" name="version" value="1"' in html
    assert html.count('name="split_claim"') == 3


def test_entry_page_lists_its_conflicts_with_their_state(editor_client, entries, conflict):
    url = reverse("admin:claims_consensusentry_change", args=[entries[0].pk])
    assert "its sources do not disagree" in editor_client.get(url).content.decode()
    conflict.entry = entries[0]
    conflict.save()
    html = editor_client.get(url).content.decode()
    assert f'<a href="{reverse("admin:claims_conflict_change", args=[conflict.pk])}">{conflict.about}</a>' in html
    assert "(Open)" in html
    # Tied to the first entry, it is still listed on another whose passage is one of its sides.
    other = reverse("admin:claims_consensusentry_change", args=[entries[1].pk])
    assert "its sources do not disagree" in editor_client.get(other).content.decode()
    conflict.variants.update(claim=entries[1].claims.first())
    assert conflict.about in editor_client.get(other).content.decode()


def test_editing_the_statement_goes_through_the_service(editor_client, entries):
    response = entry_post(editor_client, entries[0], statement="Ani marries **Vanya**.")
    assert response.status_code == 302
    entry = ConsensusEntry.objects.get(pk=entries[0].pk)
    assert entry.statement_edited and entry.statement_html == "<p>Ani marries <strong>Vanya</strong>.</p>"
    assert entry.version == 2 and AuditEntry.objects.filter(entry=entry, verb="entry edited").exists()
    # The message names the entry as it now reads, not as it read before.
    shown = [str(m) for m in editor_client.get(response["Location"]).context["messages"]]
    assert any("Ani marries Vanya." in m for m in shown) and not any(entries[0].statement in m for m in shown)


def test_concurrent_entry_form_saves_second_is_refused_and_keeps_the_first(editor_client, editor2, entries):
    client2 = Client()
    client2.force_login(editor2)
    assert entry_post(editor_client, entries[0], statement="First").status_code == 302
    response = entry_post(client2, entries[0], statement="Second")
    assert response.status_code == 200
    assert "changed by someone else since you opened it" in response.content.decode()
    assert ConsensusEntry.objects.get(pk=entries[0].pk).statement == "First"


@pytest.mark.parametrize("button, status", [("approve", "approved"), ("reject", "rejected")])
def test_deciding_on_the_entry_page_keeps_the_statement_typed_there(editor_client, entries, button, status):
    """The entry page's Approve and Reject submit the whole form: an edit not yet saved is saved with the
    decision, one transaction, both audited."""
    entry = entries[0]
    response = editor_client.post(
        reverse(f"admin:claims_consensusentry_{button}", args=[entry.pk]),
        {"statement": "Ani marries **Vanya** in Las Vegas.", "kind": "interpretation", "version": entry.version},
        follow=True)
    assert f"{status.capitalize()}: “Ani marries Vanya in Las Vegas.”" in message_texts(response)  # as read
    entry.refresh_from_db()
    assert entry.status == status and entry.statement == "Ani marries **Vanya** in Las Vegas."
    assert entry.kind == "interpretation" and entry.statement_edited
    assert list(AuditEntry.objects.filter(entry=entry).order_by("id").values_list("verb", flat=True)) == [
        "entry edited", f"entry {status}"]


def test_a_decision_whose_edit_is_refused_shows_the_page_again_with_the_edit_and_decides_nothing(
        editor_client, editor2, entries):
    entry = entries[0]
    url = reverse("admin:claims_consensusentry_approve", args=[entry.pk])
    response = editor_client.post(url, {"statement": "", "kind": entry.kind, "version": entry.version})
    assert response.status_code == 200 and "This field is required" in response.content.decode()

    entry_edit(entry=entry, user=editor2, statement="Someone else's wording.")
    response = editor_client.post(url, {"statement": "My wording, typed meanwhile.", "kind": entry.kind,
                                        "version": 1})
    page = response.content.decode()
    assert response.status_code == 200 and "changed by someone else since you opened it" in page
    assert "My wording, typed meanwhile." in page
    entry.refresh_from_db()
    assert entry.status == "proposed" and entry.statement == "Someone else's wording."
    assert not AuditEntry.objects.filter(entry=entry, verb="entry approved").exists()


def test_a_decision_with_an_unchanged_statement_records_no_edit(editor_client, entries):
    entry = entries[0]
    statement, version = entry.statement, entry.version
    editor_client.post(reverse("admin:claims_consensusentry_approve", args=[entry.pk]),
                       {"statement": statement, "kind": entry.kind, "version": version})
    entry.refresh_from_db()
    assert entry.status == "approved" and entry.statement == statement and entry.version == version + 1
    assert list(AuditEntry.objects.filter(entry=entry).values_list("verb", flat=True)) == ["entry approved"]


def test_split_and_attach_from_the_entry_page(editor_client, entries, articles):
    from .conftest import claim_make

    claim = entries[0].claims.order_by("article__origin").first()
    editor_client.post(reverse("admin:claims_consensusentry_split", args=[entries[0].pk]),
                       {"split_claim": claim.pk, "version": 1})
    assert ConsensusEntry.objects.get(pk=entries[0].pk).support == 2
    loose = claim_make(articles[2], "Ivan Zakharov")
    editor_client.post(reverse("admin:claims_consensusentry_attach", args=[entries[3].pk]),
                       {"attach_claim": loose.pk, "version": 1})
    assert loose in ConsensusEntry.objects.get(pk=entries[3].pk).claims.all()


def test_a_passage_another_entry_holds_can_be_moved_here_from_the_entry_page(editor_client, entries, articles):
    """The build put a source's sentence with the wrong point: the entry that lacks that source offers it."""
    wedding = entries[2]  # cites the first and the third source
    moved = entries[0].claims.get(article=articles[1])  # the second source's passage, in another entry
    page = unescape(editor_client.get(reverse("admin:claims_consensusentry_change", args=[wedding.pk])).content.decode())
    assert f'<option value="{moved.pk}">(from #{entries[0].pk}) ' in page
    assert f'<option value="{entries[0].claims.get(article=articles[0]).pk}">' not in page  # a source it cites
    editor_client.post(reverse("admin:claims_consensusentry_attach", args=[wedding.pk]),
                       {"attach_claim": moved.pk, "version": wedding.version})
    assert moved in ConsensusEntry.objects.get(pk=wedding.pk).claims.all()
    assert moved not in ConsensusEntry.objects.get(pk=entries[0].pk).claims.all()


def test_the_entry_page_reads_each_source_s_text_once_not_with_every_claim_it_offers(editor_client, entries, articles):
    """Attach offers up to a few hundred claims: the page names their sources without loading a source's whole
    text (and never its raw import) once per claim."""
    from unittest import mock

    from .conftest import claim_make

    sentences = [s for s in re.findall(r"[A-Z][^.!?\n]{20,150}[.!?]", articles[2].body)][:12]
    for sentence in sentences:
        claim_make(articles[2], sentence)
    loaded = []
    real = Article.from_db.__func__

    def counting(cls, db, field_names, values):
        loaded.append(set(field_names))
        return real(cls, db, field_names, values)

    with mock.patch.object(Article, "from_db", classmethod(counting)):
        page = unescape(editor_client.get(reverse("admin:claims_consensusentry_change", args=[entries[3].pk]))
                        .content.decode())
    assert len(sentences) == 12 and all(f"— {sentence}</option>" in page for sentence in sentences)
    assert sum("body" in fields for fields in loaded) <= 3 * len(articles)  # a few reads per source, not per claim
    assert not any("raw_text" in fields for fields in loaded)


@pytest.mark.parametrize("view, field", [("split", "split_claim"), ("attach", "attach_claim")])
def test_split_or_attach_with_a_forged_claim_id_is_a_404_and_changes_nothing(editor_client, entries, view, field):
    before = list(ConsensusEntry.objects.get(pk=entries[0].pk).claims.values_list("pk", flat=True))
    for forged in ("abc", "-5", "2**70", ""):
        response = editor_client.post(reverse(f"admin:claims_consensusentry_{view}", args=[entries[0].pk]),
                                      {field: forged, "version": 1})
        assert response.status_code == 404
    assert list(ConsensusEntry.objects.get(pk=entries[0].pk).claims.values_list("pk", flat=True)) == before


# Conflicts and aliases


def test_conflict_page_shows_variants_side_by_side_and_resolves(editor_client, conflict):
    url = reverse("admin:claims_conflict_change", args=[conflict.pk])
    html = editor_client.get(url).content.decode()
    assert '<mark class="passage">Garnick</mark>' in html and '<mark class="passage">Gamik</mark>' in html
    variant = conflict.variants.get(value="Gamik")
    response = editor_client.post(url, {"variant": variant.pk, "resolution": "", "resolution_note": "Credits",
                                        "version": 1})
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution, conflict.resolution_note) == ("resolved", "Gamik", "Credits")


@pytest.mark.parametrize("chosen, warned", [("Gamik", True), ("Garnick", False)])
def test_resolving_a_conflict_points_to_statements_that_still_give_another_value(editor_client, conflict, chosen,
                                                                                 warned):
    """Resolving does not rewrite statements: the editor is told which entry still says otherwise, with a link."""
    from claims.models import ConflictVariant

    from .conftest import claim_make

    garnick = conflict.variants.get(value="Garnick")
    claim = claim_make(garnick.article, "Garnick")
    ConflictVariant.objects.filter(pk=garnick.pk).update(claim=claim)
    entry = entry_make(conflict.explainer, "The henchman Garnick drives the car away.", [claim])
    url = reverse("admin:claims_conflict_change", args=[conflict.pk])
    response = editor_client.post(url, {"variant": conflict.variants.get(value=chosen).pk, "resolution": "",
                                        "resolution_note": "Credits", "version": 1}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    link = reverse("admin:claims_consensusentry_change", args=[entry.pk])
    assert any(link in m and "may still give another value" in m for m in shown) == warned, shown


@pytest.mark.parametrize("typed, warned", [("the henchman Garnick, per the credits", False), ("Garnik", True)])
def test_a_typed_resolution_that_restates_a_sources_value_does_not_warn_about_that_value(editor_client, conflict,
                                                                                         typed, warned):
    from claims.models import ConflictVariant

    from .conftest import claim_make

    garnick = conflict.variants.get(value="Garnick")
    claim = claim_make(garnick.article, "Garnick")
    ConflictVariant.objects.filter(pk=garnick.pk).update(claim=claim)
    entry_make(conflict.explainer, "The henchman Garnick drives the car away.", [claim])
    response = editor_client.post(reverse("admin:claims_conflict_change", args=[conflict.pk]), {
        "variant": "", "resolution": typed, "resolution_note": "Credits", "version": 1}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert any("may still give another value" in m for m in shown) == warned, shown


def test_conflict_page_shows_each_variant_in_its_own_sentence_only(editor_client, imported_seeds):
    from articles.models import Article
    from claims.models import Claim, ConflictVariant
    from claims.pipeline import extract_claims

    bodies = ["Who drove? The henchman Garnick drove the car away! The police never found it afterwards.\n",
              "The henchman Gamik drove the car away. Nobody saw where it went.\n"]
    conflict = conflict_make(imported_seeds, "The henchman's name", [])
    for n, (body, value) in enumerate(zip(bodies, ("Garnick", "Gamik"))):
        article = Article.objects.create(explainer=imported_seeds, origin=f"ctx{n}.txt", raw_text=body, body=body,
                                         content_hash=f"{n:064d}")
        span = next(c for c in extract_claims(article.pk, body) if value in c.text)
        claim = Claim.objects.create(article=article, start=span.start, end=span.end, text=span.text,
                                     sentence_start=span.sentence_start, sentence_end=span.sentence_end)
        start = body.index(value)
        ConflictVariant.objects.create(conflict=conflict, value=value, article=article, claim=claim, start=start,
                                       end=start + len(value), text=value)
    html = editor_client.get(reverse("admin:claims_conflict_change", args=[conflict.pk])).content.decode()
    passages = re.findall(r'<div class="source-name">.*?</div><p>(.*?)</p>', html)
    assert passages == ['The henchman <mark class="passage">Garnick</mark> drove the car away!',
                        'The henchman <mark class="passage">Gamik</mark> drove the car away.']


def test_conflict_list_names_each_value_once(editor_client, imported_seeds, articles):
    a, b, c = articles
    conflict_make(imported_seeds, "The lead actress's surname", [
        ("Madison", a, "Madison"), ("Madison", b, "Madison"), ("Madion", c, "Madion"),
    ])
    html = editor_client.get(reverse("admin:claims_conflict_changelist")).content.decode()
    assert '<td class="field-values">Madison / Madion</td>' in html


def test_alias_added_in_admin_takes_the_status_chosen_and_is_logged(editor_client, imported_seeds, editor):
    form = editor_client.get(reverse("admin:claims_alias_add")).content.decode()
    assert '<option value="confirmed" selected>' in form
    editor_client.post(reverse("admin:claims_alias_add"), {"explainer": imported_seeds.pk, "name": "Vanya",
                                                           "person": "Ivan Zakharov", "status": "confirmed"})
    editor_client.post(reverse("admin:claims_alias_add"), {"explainer": imported_seeds.pk, "name": "Annie",
                                                           "person": "Igor", "status": "rejected"})
    vanya, annie = Alias.objects.get(name="Vanya"), Alias.objects.get(name="Annie")
    assert vanya.status == "confirmed" and vanya.created_by == editor
    assert annie.status == "rejected"  # an editor can rule a pairing out before any build proposes it
    assert AuditEntry.objects.filter(verb="alias added", data__status="rejected").exists()
    editor_client.post(reverse("admin:claims_alias_changelist"), {"action": "reject_selected",
                                                                  "_selected_action": [vanya.pk]})
    assert Alias.objects.get(pk=vanya.pk).status == "rejected"


def test_a_bulk_alias_confirmation_refused_as_busy_skips_the_explainer_and_says_how_many_were_not_tried(
        editor_client, imported_seeds, monkeypatch):
    import claims.services.aliases
    from articles.locking import BUSY, EXPLAINER_BUSY

    real = claims.services.aliases.explainer_lock
    calls = []

    def busy_after_the_first(explainer_id, **kwargs):
        calls.append(explainer_id)
        if len(calls) > 1:
            raise ValidationError(EXPLAINER_BUSY, code=BUSY)
        return real(explainer_id, **kwargs)

    monkeypatch.setattr(claims.services.aliases, "explainer_lock", busy_after_the_first)
    names = ["Nadia", "Nadya", "Nadi", "Nad"]
    ids = [Alias.objects.create(explainer=imported_seeds, name=n, person="Nadezhda").pk for n in names]

    response = editor_client.post(reverse("admin:claims_alias_changelist"),
                                  {"action": "confirm_selected", "_selected_action": ids}, follow=True)

    shown = message_texts(response)
    assert "1 alias confirmed." in shown and any("still running; nothing was changed" in m for m in shown)
    assert "2 more of the same explainer were not tried; select them again when it has finished." in shown
    assert Alias.objects.filter(pk__in=ids, status="confirmed").count() == 1 and len(calls) == 2


# Composing and publishing


def test_explainer_link_opens_a_draft_lazily(editor_client, imported_seeds):
    response = editor_client.get(reverse("admin:claims_draft_open", args=[imported_seeds.pk]))
    draft = Draft.objects.get()
    assert response["Location"] == reverse("admin:claims_draft_change", args=[draft.pk])
    html = editor_client.get(response["Location"]).content.decode()
    assert "Submit for review" in html and "Publish" not in html.split('id="workflow"')[1]


def test_submitting_from_the_draft_page_saves_what_was_typed_there_first(editor_client, imported_seeds, entries,
                                                                          editor):
    entry_approve(entry=entries[0], user=editor)
    draft = draft_for(explainer=imported_seeds)
    url = reverse("admin:claims_draft_submit", args=[draft.pk])
    refused = editor_client.post(url, {"title": "  ", "introduction": "Typed.", "spoilers": "on",
                                       "version": draft.version, "note": "Ready"})
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    assert Draft.objects.get().status == "draft"

    editor_client.post(url, {"title": "Why Ani cries", "introduction": "Typed, not saved.", "spoilers": "on",
                             "version": draft.version, "note": "Ready"})
    draft.refresh_from_db()
    imported_seeds.refresh_from_db()
    assert (draft.status, draft.introduction, imported_seeds.title) == ("in_review", "Typed, not saved.",
                                                                        "Why Ani cries")
    verbs = list(AuditEntry.objects.filter(explainer=imported_seeds).order_by("id").values_list("verb", flat=True))
    assert verbs[-2:] == ["draft edited", "submitted for review"]


@pytest.mark.parametrize("from_page", [True, False])
def test_submitting_with_an_unsettled_conflict_says_readers_will_see_it_unsettled(editor_client, imported_seeds,
                                                                                 entries, editor, conflict, from_page):
    entry_approve(entry=entries[0], user=editor)
    draft = draft_for(explainer=imported_seeds)
    url = reverse("admin:claims_draft_submit", args=[draft.pk])
    data = {"version": draft.version, "note": "Ready"}
    if from_page:
        data |= {"title": "Why Ani cries", "introduction": "Typed.", "spoilers": "on"}
    shown = message_texts(editor_client.post(url, data, follow=True))
    assert Draft.objects.get().status == "in_review"
    assert any("1 conflict is not settled: readers will see each source" in m and "Settle or dismiss it" in m
               for m in shown), shown


def test_submitting_with_every_conflict_settled_gives_no_warning(editor_client, imported_seeds, entries, editor,
                                                                 conflict):
    conflict.status, conflict.resolution = conflict.Status.RESOLVED, "Garnick"
    conflict.save()
    entry_approve(entry=entries[0], user=editor)
    draft = draft_for(explainer=imported_seeds)
    shown = message_texts(editor_client.post(reverse("admin:claims_draft_submit", args=[draft.pk]),
                                             {"version": draft.version, "note": "Ready"}, follow=True))
    assert any("Submitted for review" in m for m in shown) and not any("not settled" in m for m in shown)


def test_editing_a_published_draft_and_submitting_it_in_one_go_says_only_that_it_was_submitted(
        editor_client, imported_seeds, entries, editor, chief):
    """The draft page's edits go back to draft and the same click submits them: "sent back to draft" would
    contradict the "Submitted for review" beside it and the status the page shows."""
    entry_approve(entry=entries[0], user=editor)
    explainer_submit(explainer=imported_seeds, user=editor)
    explainer_publish(explainer=imported_seeds, user=chief)
    draft = draft_for(explainer=imported_seeds)
    shown = message_texts(editor_client.post(
        reverse("admin:claims_draft_submit", args=[draft.pk]),
        {"title": imported_seeds.title, "introduction": "A new opening paragraph.", "spoilers": "on",
         "version": draft.version, "note": "Intro rewritten"}, follow=True))
    assert Draft.objects.get().status == "in_review"
    assert any("Submitted for review" in m for m in shown) and not any("back to draft" in m for m in shown), shown


def test_a_change_that_sends_a_published_explainer_back_to_draft_says_so(editor_client, imported_seeds, entries,
                                                                          editor, chief):
    entry_approve(entry=entries[0], user=editor)
    explainer_submit(explainer=imported_seeds, user=editor)
    explainer_publish(explainer=imported_seeds, user=chief)
    entry = ConsensusEntry.objects.get(pk=entries[0].pk)
    response = entry_post(editor_client, entry, statement="Ani marries Vanya in Las Vegas.")
    shown = message_texts(editor_client.get(QUEUE))
    assert response.status_code == 302
    assert any("back to draft" in m and "Edited after publishing" in m for m in shown), shown
    entry = ConsensusEntry.objects.get(pk=entries[0].pk)
    entry_post(editor_client, entry, statement="Ani marries Vanya in Las Vegas, in secret.")
    assert not any("back to draft" in m for m in message_texts(editor_client.get(QUEUE)))  # it was a draft already


def test_a_draft_sent_back_to_draft_names_its_last_submission_as_the_last_not_the_current(
        editor_client, imported_seeds, entries, editor, chief):
    entry_approve(entry=entries[0], user=editor)
    explainer_submit(explainer=imported_seeds, user=editor)
    explainer_publish(explainer=imported_seeds, user=chief)
    entry_post(editor_client, ConsensusEntry.objects.get(pk=entries[0].pk), statement="Ani marries Vanya.")
    draft = draft_for(explainer=imported_seeds)
    assert draft.status == Draft.Status.DRAFT
    page = editor_client.get(reverse("admin:claims_draft_change", args=[draft.pk])).content.decode()
    assert "Last submitted by:" in page and "Last submitted:" in page
    when = f"{timezone.localtime(draft.submitted_at):%Y-%m-%d %H:%M}"
    assert f'<div class="readonly">{when}</div>' in page  # not the raw "…:35.108421+00:00"
    assert "<label>Submitted by:</label>" not in page
    listing = editor_client.get(reverse("admin:claims_draft_changelist")).content.decode()
    assert "Last submitted by" in listing


def test_correcting_a_sources_details_while_in_review_says_it_sent_the_explainer_back(editor_client, imported_seeds,
                                                                                      entries, articles, editor):
    """The sources' pages know nothing of drafts, but what readers would see changed: the page says so."""
    from tests.articles.test_admin import _details_post

    entry_approve(entry=entries[0], user=editor)
    explainer_submit(explainer=imported_seeds, user=editor)
    response = _details_post(editor_client, articles[0], publisher="The Culture Desk")
    assert response.status_code == 302
    shown = message_texts(editor_client.get(response["Location"]))
    assert any("back to draft" in m and articles[0].origin in m for m in shown), shown
    assert draft_for(explainer=imported_seeds).status == Draft.Status.DRAFT


def test_draft_form_stale_version_is_refused(editor_client, editor2, imported_seeds):
    draft = draft_for(explainer=imported_seeds)
    draft_edit(explainer=imported_seeds, user=editor2, introduction="Theirs", spoilers=True,
                        expected_version=1)
    response = editor_client.post(reverse("admin:claims_draft_change", args=[draft.pk]),
                                  {"introduction": "Mine", "spoilers": "on", "version": 1})
    assert "changed by someone else" in response.content.decode()
    assert Draft.objects.get().introduction == "Theirs"


def test_the_draft_page_edits_the_title_and_shows_it_to_those_who_may_only_look(editor_client, imported_seeds):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    draft = draft_for(explainer=imported_seeds)
    url = reverse("admin:claims_draft_change", args=[draft.pk])
    assert f'name="title" value="{imported_seeds.title}"' in editor_client.get(url).content.decode()
    response = editor_client.post(url, {"title": "Why Ani cries", "introduction": "", "spoilers": "on",
                                        "version": draft.version})
    assert response.status_code == 302
    imported_seeds.refresh_from_db()
    assert imported_seeds.title == "Why Ani cries"

    onlooker = get_user_model().objects.create_user(username="onlooker", password="x", is_staff=True)
    onlooker.user_permissions.add(Permission.objects.get(codename="view_draft"))
    client = Client()
    client.force_login(onlooker)
    page = client.get(url).content.decode()
    assert "Why Ani cries" in page and 'name="title"' not in page


def test_arrange_page_saves_sections_and_places(editor_client, imported_seeds, entries, editor):
    for entry in entries[:2]:
        entry_approve(entry=entry, user=editor)
    draft = draft_for(explainer=imported_seeds)
    arrange = reverse("admin:claims_draft_arrange", args=[draft.pk])
    offer = reverse("admin:claims_draft_default_sections", args=[draft.pk])
    page = editor_client.get(arrange).content.decode()
    assert offer in page and "under: “What happens”, “Background facts”." in " ".join(page.split())  # as readers see
    editor_client.post(offer)
    assert offer not in editor_client.get(arrange).content.decode()  # made once; renamed, they are not made again
    draft.refresh_from_db()
    sections = {s.title: s for s in imported_seeds.sections.all()}
    assert list(sections) == ["What happens", "Background facts"]  # none left empty
    url = reverse("admin:claims_draft_arrange", args=[draft.pk])
    assert editor_client.get(url).status_code == 200
    editor_client.post(url, {
        "version": draft.version, f"section-{entries[1].pk}": sections["What happens"].pk,
        f"position-{entries[1].pk}": 0, f"section-title-{sections['Background facts'].pk}": "",
        f"section-title-{sections['What happens'].pk}": "The story", "new_section": "Reception",
    })
    titles = list(imported_seeds.sections.values_list("title", flat=True))
    assert titles == ["The story", "Reception"]
    assert ConsensusEntry.objects.get(pk=entries[1].pk).section.title == "The story"


@pytest.mark.parametrize("position", ["-5", str(2**70), "1.5", "x"])
def test_arrange_refuses_a_position_out_of_range_with_a_message(editor_client, imported_seeds, entries, editor,
                                                                position):
    entry_approve(entry=entries[0], user=editor)
    draft = draft_for(explainer=imported_seeds)
    url = reverse("admin:claims_draft_arrange", args=[draft.pk])
    response = editor_client.post(url, {"version": draft.version, f"position-{entries[0].pk}": position},
                                  follow=True)
    assert response.status_code == 200
    assert "Positions must be whole numbers from 0 to" in response.content.decode()
    assert ConsensusEntry.objects.get(pk=entries[0].pk).position == entries[0].position


def test_editor_forging_a_publish_post_gets_403_and_nothing_changes(editor, editor2, imported_seeds, entries):
    entry_approve(entry=entries[0], user=editor)
    draft = explainer_submit(explainer=imported_seeds, user=editor)
    client, token = csrf_client(editor2)
    for name in ("admin:claims_draft_publish", "admin:claims_draft_send_back"):
        response = client.post(reverse(name, args=[draft.pk]),
                               {"version": draft.version, "note": "x", "csrfmiddlewaretoken": token})
        assert response.status_code == 403
    assert not Revision.objects.exists() and Draft.objects.get().status == "in_review"


def test_submit_compare_and_publish_through_the_admin(editor, chief, imported_seeds, entries):
    editor_client, editor_token = csrf_client(editor)
    for entry in entries[:2]:
        editor_client.post(reverse("admin:claims_consensusentry_approve", args=[entry.pk]),
                           {"version": 1, "csrfmiddlewaretoken": editor_token})
    draft = draft_for(explainer=imported_seeds)
    editor_client.post(reverse("admin:claims_draft_submit", args=[draft.pk]),
                       {"version": draft.version, "note": "Two entries", "csrfmiddlewaretoken": editor_token})
    draft.refresh_from_db()
    assert draft.status == "in_review"

    chief_client, chief_token = csrf_client(chief)
    page = chief_client.get(reverse("admin:claims_draft_change", args=[draft.pk])).content.decode()
    assert "Two entries" in page and 'name="publish"' in page
    compare = chief_client.get(reverse("admin:claims_draft_compare", args=[draft.pk])).content.decode()
    assert "First publication: 2 statements from 3 sources." in compare and "Anora marries Vanya" in compare
    chief_client.post(reverse("admin:claims_draft_publish", args=[draft.pk]),
                      {"version": draft.version, "note": "", "csrfmiddlewaretoken": chief_token})
    revision = Revision.objects.get()
    assert revision.published_by == chief and revision.submitted_by == editor


def test_the_desk_front_page_lists_drafts_awaiting_review_to_those_who_may_see_them(
        editor, chief, imported_seeds, entries, editor_client, chief_client):
    from articles.models import Explainer

    entry_approve(entry=entries[0], user=editor)
    front = reverse("admin:index")
    assert 'id="awaiting-review"' not in chief_client.get(front).content.decode()  # nothing submitted yet

    explainer_submit(explainer=imported_seeds, user=editor)
    page = chief_client.get(front).content.decode()
    review = reverse("admin:claims_draft_open", args=[imported_seeds.pk])
    assert "Awaiting your review: publish or send back" in page
    assert f'<a href="{review}">{imported_seeds.title}</a>' in page and "<td>editor</td>" in page
    assert "<td>just now</td>" in page  # not "0 minutes ago"
    assert "Submitted, awaiting a chief editor" in editor_client.get(front).content.decode()

    Explainer.objects.filter(pk=imported_seeds.pk).update(restricted=True)  # the editor is not on it
    assert 'id="awaiting-review"' not in editor_client.get(front).content.decode()
    assert 'id="awaiting-review"' in chief_client.get(front).content.decode()

    explainer_publish(explainer=imported_seeds, user=chief)
    assert 'id="awaiting-review"' not in chief_client.get(front).content.decode()


def test_pages_name_the_people_who_acted_without_linking_to_user_pages_editors_cannot_open(
        editor, editor2, chief, imported_seeds, entries, conflict):
    """Who submitted, published, decided or resolved is shown as a name: a link to the user's admin page would
    answer 403 to everyone but superusers."""
    from claims.services.conflicts import conflict_resolve

    editor.username = "wilhelmina.acts"  # a name no other text on these pages holds
    editor.save()
    entry_approve(entry=entries[0], user=editor)
    conflict_resolve(conflict=conflict, user=editor, resolution="Garnick", expected_version=1)
    draft = explainer_submit(explainer=imported_seeds, user=editor)
    explainer_publish(explainer=imported_seeds, user=chief, expected_version=draft.version)
    pages = [
        reverse("admin:claims_consensusentry_change", args=[entries[0].pk]),
        reverse("admin:claims_conflict_change", args=[conflict.pk]),
        reverse("admin:claims_draft_change", args=[draft.pk]),
        reverse("admin:claims_revision_change", args=[Revision.objects.get().pk]),
        reverse("admin:claims_auditentry_change", args=[AuditEntry.objects.filter(actor=editor).first().pk]),
    ]
    client = Client()
    client.force_login(editor2)
    for page in pages:
        html = client.get(page).content.decode()
        assert editor.username in html, page
        assert "/admin/auth/user/" not in html, page


def test_the_admin_is_named_for_the_newsroom_and_long_statements_are_cut_with_an_ellipsis(editor_client, entries):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Explainer desk" in html and "Django administration" not in html
    from claims.markdown import render_markdown

    entry = entries[0]
    entry.statement = "A **statement** long enough to be cut where the admin names it in a list or a page title."
    entry.statement_html = render_markdown(entry.statement)  # as the services keep them
    assert str(entry).endswith("…") and len(str(entry)) == 80
    assert str(entry).startswith("A statement long")  # as readers read it, not its markdown


def test_compare_with_live_shows_a_corrected_source(editor, chief, chief_client, imported_seeds, entries):
    from articles.services import article_details_edit

    entry_approve(entry=entries[0], user=editor)
    draft = explainer_submit(explainer=imported_seeds, user=editor)
    explainer_publish(explainer=imported_seeds, user=chief, expected_version=draft.version)
    article = imported_seeds.articles.order_by("origin").first()
    article_details_edit(article=article, user=editor, expected_updated_at=article.updated_at.isoformat(),
                         title=article.title, publisher="The <Corrected> Outlet", author=article.author,
                         url=article.url, published=article.published)
    draft.refresh_from_db()
    html = chief_client.get(reverse("admin:claims_draft_compare", args=[draft.pk])).content.decode()
    assert "<ins>The &lt;Corrected&gt; Outlet</ins>" in html and "No changes." not in html


def test_two_person_rule_hides_publish_for_the_submitter(chief, imported_seeds, entries):
    entry_approve(entry=entries[0], user=chief)
    draft = explainer_submit(explainer=imported_seeds, user=chief)
    client = Client()
    client.force_login(chief)
    page = client.get(reverse("admin:claims_draft_change", args=[draft.pk])).content.decode()
    assert "two-person rule" in page and 'name="publish"' not in page
    response = client.post(reverse("admin:claims_draft_publish", args=[draft.pk]), {"version": draft.version})
    assert response.status_code == 403 and not Revision.objects.exists()
    assert "another chief editor must publish it" in response.content.decode(), "the refusal says why"


def test_revisions_can_be_compared_in_admin(chief_client, editor, chief2, imported_seeds, entries):
    entry_approve(entry=entries[0], user=editor)
    explainer_submit(explainer=imported_seeds, user=editor)
    first = explainer_publish(explainer=imported_seeds, user=chief2)
    entry_edit(entry=entries[0], user=editor, statement="Ani weds Vanya.")
    draft_edit(explainer=imported_seeds, user=editor, introduction="Why Ani cries, in **three** points.",
               spoilers=True)
    explainer_submit(explainer=imported_seeds, user=editor)
    second = explainer_publish(explainer=imported_seeds, user=chief2)
    response = chief_client.get(reverse("admin:claims_revision_compare", args=[first.pk, second.pk]))
    html = response.content.decode()
    assert "1 reworded, introduction changed." in html and "<del>" in html and "<ins>" in html
    # The introduction's new words are shown, as readers read them.
    assert re.search(r'class="compare-introduction">.*<ins>Why Ani cries, in three points.</ins>', html)
    assert chief_client.get(reverse("admin:claims_revision_change", args=[second.pk])).status_code == 200


def _a_source_gives_another_figure(explainer, articles) -> None:
    """The entry now states "five Oscars"; its first two sources' passages give that figure, the third's six."""
    from claims.models import Conflict

    a, b, c = articles
    conflict = conflict_make(explainer, "How many Oscars", [
        ("five Oscars", a, "won the Best Actress Oscar"), ("five Oscars", b, "Best Actress for Mikey Madison"),
        ("six Oscars", c, "earned a Best Actress Oscar"),
    ])
    Conflict.objects.filter(pk=conflict.pk).update(kind=Conflict.Kind.NUMBER)


def test_the_outline_and_compare_count_sources_as_readers_are_told_them(editor_client, chief_client, editor, chief2,
                                                                          imported_seeds, entries, articles):
    """Readers read "2 of 3 sources" when one source's passage gives another figure than the statement: the
    draft's outline and the revision comparison count the same, not the stored "3 sources"."""
    entry = entries[1]
    entry_edit(entry=entry, user=editor, statement="The film won five Oscars.")
    entry.refresh_from_db()
    entry_approve(entry=entry, user=editor)
    explainer_submit(explainer=imported_seeds, user=editor)
    first = explainer_publish(explainer=imported_seeds, user=chief2)
    _a_source_gives_another_figure(imported_seeds, articles)
    dissenter = articles[2].display_name

    draft = draft_for(explainer=imported_seeds)
    page = unescape(editor_client.get(reverse("admin:claims_draft_change", args=[draft.pk])).content.decode())
    assert f"<li>The film won five Oscars. <small>(2 of 3 sources; {dissenter} gives six Oscars)</small></li>" in page

    explainer_submit(explainer=imported_seeds, user=editor)
    second = explainer_publish(explainer=imported_seeds, user=chief2)
    compare = chief_client.get(reverse("admin:claims_revision_compare", args=[first.pk, second.pk])).content.decode()
    assert "The film won five Oscars.: 3 → 2 sources" in compare


def test_audit_log_is_filterable_per_explainer_and_entry(chief_client, editor, imported_seeds, entries):
    entry_approve(entry=entries[0], user=editor)
    entry_approve(entry=entries[1], user=editor)
    url = reverse("admin:claims_auditentry_changelist")
    listed = chief_client.get(url + f"?explainer__id__exact={imported_seeds.pk}").context["cl"]
    assert [e.verb for e in listed.result_list] == ["entry approved"] * 2 + ["article imported"] * 3
    assert chief_client.get(url + f"?entry__id__exact={entries[0].pk}").context["cl"].result_count == 1


def test_a_request_that_waited_out_sqlites_write_lock_gets_a_busy_page_not_a_server_error(
        editor_client, entries, monkeypatch):
    """On SQLite a write waits up to 20 s behind a long consensus build, then fails with "database is locked"."""
    import claims.services.review
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(claims.services.review, "save_versioned", locked)
    url = reverse("admin:claims_consensusentry_approve", args=[entries[0].pk])

    response = editor_client.post(url, {"version": 1})

    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Nothing was changed" in response.content.decode()
    assert ConsensusEntry.objects.get(pk=entries[0].pk).status == "proposed"


def test_a_bulk_approval_that_meets_sqlites_write_lock_stops_and_says_what_was_done(
        editor_client, entries, monkeypatch):
    """The first approval commits on its own; the second waited out the lock. The page used to be a 503 saying
    nothing was changed, though one entry was approved."""
    import claims.services.review
    from django.db import OperationalError

    real = claims.services.review.save_versioned
    calls = []

    def locked_after_the_first(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(claims.services.review, "save_versioned", locked_after_the_first)
    ids = [e.pk for e in entries]

    response = editor_client.post(QUEUE, {"action": "approve_selected", "_selected_action": ids}, follow=True)

    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert "1 entry approved." in shown and any("still running; nothing was changed" in m for m in shown)
    assert f"{len(ids) - 2} more were not tried; select them again when it has finished." in shown
    assert ConsensusEntry.objects.filter(pk__in=ids, status="approved").count() == 1
    assert len(calls) == 2, "the rest were not tried, each waiting again"


# Bidirectional overrides in what editors type

OVERRIDE = "\u202e"  # right-to-left override: what follows it displays reversed
HEBREW = "\u05e9\u05dc\u05d5\u05dd\u200f"  # right-to-left writing, with the mark it needs


def test_titles_typed_in_the_admin_lose_bidirectional_overrides_and_keep_the_rest(admin_client, editor_client,
                                                                                     editor, imported_seeds, entries):
    response = admin_client.post(reverse("admin:articles_explainer_add"),
                                 {"title": f"Anora {OVERRIDE}gnidne {HEBREW}", "slug": "anora-again"})
    assert response.status_code == 302
    assert Explainer.objects.get(slug="anora-again").title == f"Anora gnidne {HEBREW}"
    draft = draft_for(explainer=imported_seeds)
    response = editor_client.post(reverse("admin:claims_draft_change", args=[draft.pk]), {
        "title": f"Why {OVERRIDE}Ani cries", "introduction": "", "spoilers": "on", "version": draft.version})
    assert response.status_code == 302
    imported_seeds.refresh_from_db()
    assert imported_seeds.title == "Why Ani cries"

    entry_approve(entry=entries[0], user=editor)
    draft = draft_for(explainer=imported_seeds)
    editor_client.post(reverse("admin:claims_draft_default_sections", args=[draft.pk]))
    draft.refresh_from_db()
    section = imported_seeds.sections.get(title="What happens")
    editor_client.post(reverse("admin:claims_draft_arrange", args=[draft.pk]), {
        "version": draft.version, f"section-title-{section.pk}": f"The {OVERRIDE}story",
        "new_section": f"{OVERRIDE}Reception {HEBREW}",
    })
    titles = set(imported_seeds.sections.values_list("title", flat=True))
    assert {"The story", f"Reception {HEBREW}"} <= titles


def test_notes_typed_in_the_admin_lose_bidirectional_overrides(editor_client, editor, imported_seeds, conflict,
                                                               entries):
    url = reverse("admin:claims_conflict_change", args=[conflict.pk])
    response = editor_client.post(url, {"variant": "", "resolution": f"Ga{OVERRIDE}mik",
                                        "resolution_note": f"As the {OVERRIDE}credits spell it", "version": 1})
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert (conflict.resolution, conflict.resolution_note) == ("Gamik", "As the credits spell it")

    other = conflict_make(imported_seeds, "Another", [], key="another")
    editor_client.post(reverse("admin:claims_conflict_dismiss", args=[other.pk]),
                       {"resolution_note": f"Not {OVERRIDE}a conflict", "version": other.version})
    other.refresh_from_db()
    assert (other.status, other.resolution_note) == ("dismissed", "Not a conflict")

    entry_approve(entry=entries[0], user=editor)
    draft = draft_for(explainer=imported_seeds)
    editor_client.post(reverse("admin:claims_draft_submit", args=[draft.pk]),
                       {"version": draft.version, "note": f"Ready {OVERRIDE}now"})
    assert AuditEntry.objects.filter(verb=Verb.SUBMITTED).get().note == "Ready now"


def test_a_slug_is_still_checked_as_a_slug(admin_client, imported_seeds):
    url = reverse("admin:articles_explainer_change", args=[imported_seeds.pk])
    response = admin_client.post(url, {"title": "Anora", "slug": "not a slug!"})
    assert response.status_code == 200 and "slug" in response.context["adminform"].form.errors
    imported_seeds.refresh_from_db()
    assert imported_seeds.slug != "not a slug!"


def test_a_slug_keeps_the_admins_text_input(admin_client, imported_seeds):
    html = admin_client.get(reverse("admin:articles_explainer_change", args=[imported_seeds.pk])).content.decode()
    slug = re.search(r'<input[^>]*name="slug"[^>]*>', html).group()
    assert 'class="vTextField"' in slug
