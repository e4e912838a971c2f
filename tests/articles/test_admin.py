"""The articles admin: the upload form, explainer links to editorial work, read-only sources."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from articles.models import Article, Explainer, RemovedFragment

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:articles_article_upload")


@pytest.fixture
def editor_client(db):
    user = get_user_model().objects.create_user(username="editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(user)
    return client


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def test_upload_into_a_new_explainer_reports_each_file(editor_client, seed_paths):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in seed_paths] + [upload("blank.txt", "  ")]
    files.append(upload("zero.txt", ""))  # 0 bytes: refused on its own line, not by the whole form
    response = editor_client.post(UPLOAD, {"slug": "anora", "title": "Anora", "files": files}, follow=True)
    explainer = Explainer.objects.get(slug="anora")
    assert explainer.articles.count() == 3
    messages = [str(m) for m in response.context["messages"]]
    assert sum("imported." in m for m in messages) == 3
    assert any(m.startswith("“blank.txt”: not imported — file is empty") for m in messages)
    assert any(m.startswith("“zero.txt”: not imported — file is empty") for m in messages)
    assert f"“{seed_paths[0].name}”: imported." in response.content.decode()  # as named, not capitalised
    assert list(explainer.editors.values_list("username", flat=True)) == ["editor"]  # who started it works on it


def test_after_an_upload_the_editor_is_offered_the_build_that_reads_the_new_text(editor_client, explainer,
                                                                                 seed_paths):
    response = editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [
        SimpleUploadedFile(seed_paths[0].name, seed_paths[0].read_bytes())]}, follow=True)
    link = reverse("admin:claims_consensusbuild_changelist") + f"?build={explainer.pk}"
    assert f'<a href="{link}">Build consensus now</a>' in response.content.decode()
    builds = editor_client.get(link)
    assert builds.status_code == 200
    assert f'<option value="{explainer.pk}" selected>' in builds.content.decode()

    again = editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [
        SimpleUploadedFile(seed_paths[0].name, seed_paths[0].read_bytes())]}, follow=True)
    assert "Build consensus now" not in again.content.decode()  # nothing new to read


def test_an_upload_read_in_another_encoding_than_utf8_says_so_in_its_message(editor_client, explainer):
    """The editor is on the upload page, not the article's collapsed import section: a file read as cp1252 says
    so there, as a warning to check its accents."""
    latin = "Le café où elle pleure, à la fin du film, reste ouvert toute la nuit.\n".encode("cp1252")
    response = editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [
        SimpleUploadedFile("latin.txt", latin), upload("plain.txt", "The keeper stays on the island tonight.")]},
        follow=True)
    shown = {str(m): m.level_tag for m in response.context["messages"]}
    warned = [m for m in shown if m.startswith("“latin.txt”: imported.")]
    assert warned and "decoded as cp1252" in warned[0] and "check its accented letters" in warned[0]
    assert shown[warned[0]] == "warning"
    assert shown["“plain.txt”: imported."] == "success"
    assert "café où" in Article.objects.get(origin="latin.txt").body


def test_uploading_the_same_file_again_changes_nothing(editor_client, explainer, seed_paths):
    data = seed_paths[0].read_bytes()
    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [SimpleUploadedFile("a.txt", data)]})
    response = editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [SimpleUploadedFile("a.txt", data)]},
                                  follow=True)
    assert Article.objects.count() == 1
    assert "already imported with the same content" in " ".join(str(m) for m in response.context["messages"])


def test_upload_needs_an_explainer_or_a_new_one(editor_client):
    response = editor_client.post(UPLOAD, {"files": [upload("a.txt", "Some text here.")]})
    assert response.status_code == 200 and "Choose an explainer" in response.content.decode()
    response = editor_client.post(UPLOAD, {"slug": "new-one", "files": [upload("a.txt", "Some text here.")]})
    assert "Give a title" in response.content.decode() and not Explainer.objects.exists()


def test_a_new_explainers_slug_that_is_taken_is_refused_not_merged_into_the_existing_one(editor_client, explainer):
    response = editor_client.post(UPLOAD, {"slug": explainer.slug, "title": "School bake sale",
                                           "files": [upload("bakesale.txt", "The bake sale raised 300 pounds.")]})
    assert response.status_code == 200
    assert "exists already: choose it in the Explainer field" in response.content.decode()
    assert not Article.objects.exists() and Explainer.objects.get().title == explainer.title


@pytest.mark.parametrize("slug", ["Bake_Sale", "bake--sale", "-bake", "bake sale", "bäke"])
def test_a_new_explainers_slug_is_held_to_what_its_help_text_promises(editor_client, slug):
    response = editor_client.post(UPLOAD, {"slug": slug, "title": "School bake sale",
                                           "files": [upload("bakesale.txt", "The bake sale raised 300 pounds.")]})
    page = response.content.decode()
    assert response.status_code == 200 and "Use lower-case letters, digits and single hyphens only" in page
    assert "underscores" not in page and not Explainer.objects.exists()
    assert "Choose an explainer, or give a slug" not in page  # the slug was given: what is wrong is said once


def test_an_upload_whose_every_file_is_refused_leaves_no_empty_explainer(editor_client):
    response = editor_client.post(UPLOAD, {"slug": "orphan", "title": "Orphan", "files": [upload("e.txt", "  ")]},
                                  follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("“e.txt”: not imported") for m in messages)
    assert any("was not created" in m for m in messages)
    assert not Explainer.objects.filter(slug="orphan").exists()
    # The slug and title typed are there to try again with another file.
    form = response.context["form"]
    assert (form["slug"].value(), form["title"].value()) == ("orphan", "Orphan")


def test_upload_needs_the_add_article_permission(db):
    user = get_user_model().objects.create_user(username="viewer", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 403
    assert Client().get(UPLOAD).status_code == 302


def test_explainer_page_links_to_the_editorial_work(editor_client, imported_seeds):
    html = editor_client.get(reverse("admin:articles_explainer_change", args=[imported_seeds.pk])).content.decode()
    assert reverse("admin:claims_draft_open", args=[imported_seeds.pk]) in html
    assert f"/admin/claims/auditentry/?explainer__id__exact={imported_seeds.pk}" in html


def test_article_text_is_escaped_and_read_only(editor_client, explainer):
    editor_client.post(UPLOAD, {"explainer": explainer.pk,
                                "files": [upload("x.txt", "A line with <script>alert(1)</script> in it.\n")]})
    article = Article.objects.get()
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert 'name="body"' not in html


NOISY = "A sentence about the ferry timetable that readers need.\nSign up for our newsletter to get the latest stories.\n"


def _noisy_article(editor_client, explainer):
    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload("noisy.txt", NOISY)]})
    article = Article.objects.get(origin="noisy.txt")
    fragment = article.removed_fragments.get()
    return article, fragment


def test_a_removed_fragment_is_restored_from_the_article_page_after_a_confirmation(editor_client, explainer):
    article, fragment = _noisy_article(editor_client, explainer)
    assert "newsletter" not in article.body
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    restore = reverse("admin:articles_article_fragment", args=[article.pk, fragment.pk, "restore"])
    assert restore in page and "Sign up for our newsletter" in page and fragment.reason in page

    confirm = editor_client.get(restore)
    assert confirm.status_code == 200 and "newsletter" in confirm.content.decode()
    Article.objects.filter(pk=article.pk).update(needs_extraction=False)
    assert "newsletter" not in Article.objects.get(pk=article.pk).body  # asking changed nothing

    response = editor_client.post(restore, follow=True)
    article.refresh_from_db()
    assert "Sign up for our newsletter" in article.body and article.needs_extraction
    assert "next consensus build" in response.content.decode()
    fragment.refresh_from_db()
    assert fragment.restored

    editor_client.post(reverse("admin:articles_article_fragment", args=[article.pk, fragment.pk, "unrestore"]))
    article.refresh_from_db()
    assert "newsletter" not in article.body
    assert not article.removed_fragments.get().restored


def test_fragments_cannot_be_restored_without_import_rights_or_by_a_forged_address(editor_client, explainer):
    article, fragment = _noisy_article(editor_client, explainer)
    viewer = get_user_model().objects.create_user(username="viewer", password="x", is_staff=True)
    viewer.user_permissions.add(*Group.objects.get(name="Editor").permissions.exclude(codename="add_article"))
    client = Client()
    client.force_login(viewer)
    restore = reverse("admin:articles_article_fragment", args=[article.pk, fragment.pk, "restore"])
    assert restore not in client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert client.post(restore).status_code == 403
    other = Explainer.objects.create(slug="other", title="Other")
    editor_client.post(UPLOAD, {"explainer": other.pk, "files": [upload("other.txt", NOISY.replace("ferry", "tram"))]})
    stranger = Article.objects.get(origin="other.txt").removed_fragments.get()
    for path in (reverse("admin:articles_article_fragment", args=[article.pk, stranger.pk, "restore"]),
                 reverse("admin:articles_article_fragment", args=[article.pk, fragment.pk, "delete"])):
        assert editor_client.post(path).status_code == 404
    assert not RemovedFragment.objects.filter(restored=True).exists()
    assert "newsletter" not in Article.objects.get(pk=article.pk).body


def test_an_editor_sees_an_article_s_earlier_versions(editor_client, explainer):
    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload("v.txt", "The first wording of it all.\n")]})
    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload("v.txt", "A second wording of it all.\n")]})
    article = Article.objects.get(origin="v.txt")
    version = article.versions.get()
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "earlier versions of the raw text" in page.lower() and version.content_hash in page
    assert "ArticleVersion object" not in page and "Text imported " in page  # each row says what it is


def test_a_fragment_s_text_is_escaped_on_the_restore_page(editor_client, explainer):
    hostile = "A sentence about the ferry timetable that readers need.\n<img src=x onerror=alert(1)> Advertisement\n"
    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload("hostile.txt", hostile)]})
    article = Article.objects.get(origin="hostile.txt")
    fragment = article.removed_fragments.get()
    html = editor_client.get(reverse("admin:articles_article_fragment", args=[article.pk, fragment.pk, "restore"]))
    assert "<img src=x" not in html.content.decode() and "&lt;img src=x onerror=alert(1)&gt;" in html.content.decode()


def test_selected_explainers_are_deleted_each_with_the_delete_button_s_checks(admin_client, imported_seeds):
    from django.contrib.admin.models import DELETION, LogEntry

    other = Explainer.objects.create(slug="other-topic", title="Another topic")
    chosen = {"action": "delete_selected", "_selected_action": [imported_seeds.pk, other.pk]}

    assert "Yes, I’m sure" in admin_client.post(reverse("admin:articles_explainer_changelist"), chosen).content.decode()
    response = admin_client.post(reverse("admin:articles_explainer_changelist"), {**chosen, "post": "yes"}, follow=True)

    assert "2 explainers deleted." in [str(m) for m in response.context["messages"]]
    assert not Explainer.objects.exists() and not Article.objects.exists()
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 2


def test_deleting_selected_is_not_offered_to_editors_who_may_not_delete(editor_client, imported_seeds):
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'value="delete_selected"' not in page
    ids = list(imported_seeds.articles.values_list("pk", flat=True))
    editor_client.post(reverse("admin:articles_article_changelist"),
                       {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert imported_seeds.articles.count() == 3


def test_an_invisible_formatting_character_is_not_offered_for_restoring_and_a_forged_restore_is_refused(
        editor_client, explainer):
    text = "The keeper climbs the tower \u202eand lights the lamp\u202c for the ferry at night.\n"
    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload("bidi.txt", text)]})
    article = Article.objects.get(origin="bidi.txt")
    override = article.removed_fragments.get(text="\u202e")
    restore = reverse("admin:articles_article_fragment", args=[article.pk, override.pk, "restore"])
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert restore not in page
    assert "[U+202E]" in page and "\u202e" not in page, "shown by its code point, not reversing the page"

    response = editor_client.post(restore, follow=True)

    assert "is not put back" in response.content.decode()
    article.refresh_from_db()
    assert "\u202e" not in article.body and not article.removed_fragments.filter(restored=True).exists()


def test_a_bulk_action_counts_refusals_past_ten_and_always_says_it_stopped_when_busy():
    from django.core.exceptions import ValidationError

    from articles.admin_mixins import bulk_run
    from articles.locking import BUSY, EXPLAINER_BUSY

    shown = []

    class Admin:
        def message_user(self, request, message, level):
            shown.append(str(message))

    def act(item):
        if item == 13:
            raise ValidationError(EXPLAINER_BUSY, code=BUSY)
        if item > 1:
            raise ValidationError("Changed by someone else.")

    bulk_run(Admin(), None, range(1, 16), act, lambda n: f"{n} done.")

    assert shown[0] == "1 done."
    assert shown[1:11] == [f"“{n}”: Changed by someone else." for n in range(2, 12)]
    assert shown[11:] == ["1 more was refused.", f"“13”: {EXPLAINER_BUSY}",
                          "2 more were not tried; select them again when it has finished."]


def test_a_bulk_action_goes_on_with_other_explainers_when_one_is_busy():
    from django.core.exceptions import ValidationError
    from django.db import OperationalError

    from articles.admin_mixins import bulk_run
    from articles.locking import BUSY, EXPLAINER_BUSY

    shown, tried = [], []

    class Admin:
        def message_user(self, request, message, level):
            shown.append(str(message))

    def act(item):
        tried.append(item)
        if item == ("a", 2):
            raise ValidationError(EXPLAINER_BUSY, code=BUSY)

    items = [("a", 1), ("b", 1), ("a", 2), ("b", 2), ("a", 3), ("a", 4), ("c", 1)]
    bulk_run(Admin(), None, items, act, lambda n: f"{n} done.", explainer_of=lambda item: item[0])

    assert tried == [("a", 1), ("b", 1), ("a", 2), ("b", 2), ("c", 1)], "a's others were not tried, each waiting"
    assert shown == ["4 done.", f"“('a', 2)”: {EXPLAINER_BUSY}",
                     "2 more of the same explainer were not tried; select them again when it has finished."]

    shown.clear(), tried.clear()

    def two_busy(item):  # each busy explainer costs a wait: the second one stops the run
        tried.append(item)
        if item in (("a", 1), ("b", 1)):
            raise ValidationError(EXPLAINER_BUSY, code=BUSY)

    bulk_run(Admin(), None, items, two_busy, lambda n: f"{n} done.", explainer_of=lambda item: item[0])
    assert tried == [("a", 1), ("b", 1)]
    assert shown == [f"“('a', 1)”: {EXPLAINER_BUSY}", f"“('b', 1)”: {EXPLAINER_BUSY}",
                     "5 more were not tried; select them again when it has finished."]

    shown.clear(), tried.clear()

    def locked(item):  # SQLite's write lock is the whole database's: nothing else would get through
        tried.append(item)
        if item == ("b", 1):
            raise OperationalError("database is locked")

    bulk_run(Admin(), None, items, locked, lambda n: f"{n} done.", explainer_of=lambda item: item[0])
    assert tried == [("a", 1), ("b", 1)]
    assert shown[-1] == "5 more were not tried; select them again when it has finished."


def test_a_new_explainers_title_loses_bidirectional_overrides(editor_client):
    editor_client.post(UPLOAD, {"slug": "bake-sale", "title": "School \u202eelas ekab",
                                "files": [upload("bakesale.txt", "The bake sale raised 300 pounds.")]})
    assert Explainer.objects.get(slug="bake-sale").title == "School elas ekab"


LINKS_PAGE = "The ferry leaves the harbour at dawn and returns at dusk every day.\n" + "".join(
    f"[Related story {n}](https://example.com/story-{n})\n" for n in range(250))


def test_an_article_page_lists_its_first_fragments_and_links_to_all_of_them(editor_client, explainer,
                                                                            django_assert_max_num_queries):
    from articles.admin import FRAGMENTS_LISTED

    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload("links.txt", LINKS_PAGE)]})
    article = Article.objects.get(origin="links.txt")
    total = article.removed_fragments.count()
    assert total > FRAGMENTS_LISTED
    with django_assert_max_num_queries(30):
        page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    rows = page.count(reverse("admin:articles_article_fragment", args=[article.pk, 0, "restore"]).split("/0/")[0] + "/")
    assert rows == FRAGMENTS_LISTED, "one restore link per listed fragment, not one per fragment"
    assert f"{total:,} fragments, 0 of them restored." in page
    listing = reverse("admin:articles_removedfragment_changelist") + f"?article__id__exact={article.pk}"
    assert listing.replace("&", "&amp;") in page

    found = editor_client.get(listing + "&q=story-249").content.decode()
    last = article.removed_fragments.get(text__contains="story-249)")
    restore = reverse("admin:articles_article_fragment", args=[article.pk, last.pk, "restore"])
    assert restore in found and "story-248)" not in found
    response = editor_client.post(restore + "?" + urlencode({"next": listing}))
    assert response.status_code == 302 and response["Location"] == listing, "back to the list it was restored from"
    assert "story-249" in Article.objects.get(pk=article.pk).body


def test_the_fragment_list_of_one_source_says_which_and_links_back(editor_client, explainer):
    article, _fragment = _noisy_article(editor_client, explainer)
    listing = reverse("admin:articles_removedfragment_changelist")
    page = editor_client.get(listing + f"?article__id__exact={article.pk}").content.decode()
    assert "Page noise removed from “noisy.txt”" in page
    assert reverse("admin:articles_article_change", args=[article.pk]) in page
    assert f'href="{listing}"' in page


def test_the_fragment_list_shows_only_visible_explainers_and_goes_back_only_to_this_site(editor_client, explainer):
    article, fragment = _noisy_article(editor_client, explainer)
    hidden = Explainer.objects.create(slug="hidden", title="Hidden", restricted=True)
    hidden_article = Article.objects.create(explainer=hidden, origin="secret.txt", raw_text="Secret plans.\nJoin now",
                                            body="Secret plans.", content_hash="f" * 64)
    RemovedFragment.objects.create(article=hidden_article, start=14, end=22, text="Join now", reason="sign-up call")
    listing = editor_client.get(reverse("admin:articles_removedfragment_changelist")).content.decode()
    assert "Sign up for our newsletter" in listing and "Join now" not in listing and "Hidden" not in listing
    probed = reverse("admin:articles_removedfragment_changelist") + f"?article__id__exact={hidden_article.pk}"
    assert "secret.txt" not in editor_client.get(probed).content.decode(), "a hidden source is not named"

    restore = reverse("admin:articles_article_fragment", args=[article.pk, fragment.pk, "restore"])
    response = editor_client.post(restore + "?" + urlencode({"next": "https://evil.example/"}))
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])


def test_a_removed_fragments_own_page_shows_invisible_characters_by_their_code_points(editor_client, explainer):
    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload(
        "bidi.txt", "The keeper climbs the tower \u202eand lights the lamp\u202c for the ferry at night.\n")]})
    override = RemovedFragment.objects.get(text="\u202e")
    page = editor_client.get(reverse("admin:articles_removedfragment_change", args=[override.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "[U+202E]" in html and "\u202e" not in html


def _details_post(client, article, **changes):
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in ["title", "publisher", "author", "url", "published", "seen"]}
    data.update(changes)
    data.update({f"{prefix}-{key}": value for prefix in ("removed_fragments", "versions")
                 for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))})
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def test_an_editor_corrects_what_the_import_recovered_and_the_text_stays_as_it_was(editor_client, imported_seeds):
    from claims.models import AuditEntry

    article = Article.objects.filter(explainer=imported_seeds).order_by("origin").first()
    raw, body = article.raw_text, article.body
    response = _details_post(editor_client, article, title="Why Ani cries", publisher="Screen \u202eRant",
                             url="https://example.org/\u202egpj.exe", body="forged body", raw_text="forged raw")
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert (article.title, article.publisher) == ("Why Ani cries", "Screen Rant")  # the override is dropped
    assert article.url == "https://example.org/gpj.exe"
    assert (article.raw_text, article.body) == (raw, body)  # fields the form does not have are not touched
    logged = AuditEntry.objects.get(verb="article details edited")
    assert logged.data["article"] == article.pk and "title" in logged.note and "publisher" in logged.note
    from django.contrib.admin.models import LogEntry

    history = LogEntry.objects.get(object_id=str(article.pk)).get_change_message()
    assert history == "Changed Title, Publisher and URL." and "seen" not in history


def test_a_correction_over_someone_else_s_change_is_refused_and_nothing_is_saved(editor_client, imported_seeds):
    article = Article.objects.filter(explainer=imported_seeds).order_by("origin").first()
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    stale = page.context["adminform"].form.initial["seen"]
    _details_post(editor_client, article, title="First editor's title")
    response = _details_post(editor_client, article, title="Second editor's title", seen=stale)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "First editor's title"
    follow = editor_client.get(response["Location"])
    assert any("changed since you opened it" in str(m) for m in follow.context["messages"])


def test_someone_who_may_only_view_sources_cannot_change_their_details(db, imported_seeds):
    user = get_user_model().objects.create_user(username="viewer", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_article"),
                              Permission.objects.get(codename="view_explainer"))
    client = Client()
    client.force_login(user)
    article = Article.objects.filter(explainer=imported_seeds).first()
    before = article.title
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), {"title": "Forged"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == before


def test_a_re_import_keeps_the_details_an_editor_corrected_and_says_so(editor_client, explainer):
    first = ("The keeper stays on the island\nGreyhaven Gazette, 1 December 2026\nBy Jane Roe\n\n"
             "The keeper stays on the island tonight. The storm passes by morning, the council said.\n")
    editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload("keeper.txt", first)]})
    article = Article.objects.get(origin="keeper.txt")
    assert (article.title, article.publisher, article.author) == (
        "The keeper stays on the island", "Greyhaven Gazette", "Jane Roe")
    _details_post(editor_client, article, title="Why the keeper stays", publisher="The Greyhaven Gazette")

    second = first.replace("stays", "leaves").replace("Jane Roe", "John Doe").replace("1 December", "2 December")
    response = editor_client.post(UPLOAD, {"explainer": explainer.pk, "files": [upload("keeper.txt", second)]},
                                  follow=True)
    article.refresh_from_db()
    assert "keeper leaves on the island tonight" in article.body
    assert (article.title, article.publisher) == ("Why the keeper stays", "The Greyhaven Gazette")  # kept
    assert article.author == "John Doe" and str(article.published) == "2026-12-02"  # not corrected: from the text
    shown = [str(m) for m in response.context["messages"]]
    assert "“keeper.txt”: updated; the earlier text is kept as a version. The details an editor corrected are " \
           "kept (title, publisher)." in shown, shown


def test_a_fragment_put_back_keeps_the_details_an_editor_corrected(editor_client, imported_seeds):
    from articles.services import fragment_restore, fragment_unrestore

    fragment = RemovedFragment.objects.filter(article__explainer=imported_seeds).exclude(
        reason="invisible formatting character").first()
    article = fragment.article
    _details_post(editor_client, article, title="Corrected title", publisher="Corrected publisher")
    fragment_restore(fragment=fragment)
    fragment.refresh_from_db()
    fragment_unrestore(fragment=fragment)
    article.refresh_from_db()
    assert (article.title, article.publisher) == ("Corrected title", "Corrected publisher")
