"""Importing source articles: the command, idempotence, updates, and every kind of bad input."""
import hashlib

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleVersion, Explainer, RemovedFragment
from articles.services import article_import, fragment_restore


def run_import(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("import_articles", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


@pytest.mark.django_db
def test_import_of_seed_folder_creates_explainer_and_one_article_per_file(seed_paths):
    out, error = run_import(str(seed_paths[0].parent), "--explainer", "anora-ending", "--title", "Anora")
    assert error is None
    assert Explainer.objects.get(slug="anora-ending").title == "Anora"
    assert sorted(Article.objects.values_list("origin", flat=True)) == [p.name for p in seed_paths]
    assert out.count("imported ") == 3
    assert "3 file(s)" in out and "3 imported" in out


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["anora_ending", "Anora-ending", "anora--ending", "anora-"])
def test_the_command_holds_a_new_explainers_slug_to_the_same_rule_as_the_upload_form(seed_paths, slug):
    out, error = run_import(str(seed_paths[0]), "--explainer", slug, "--title", "Anora")
    assert error and "use lower-case letters, digits and single hyphens only" in error
    assert not Explainer.objects.exists() and not Article.objects.exists()


@pytest.mark.django_db
def test_an_explainer_made_before_the_slug_rule_still_takes_imports(seed_paths):
    Explainer.objects.create(slug="old_style", title="Made by an administrator")
    out, error = run_import(str(seed_paths[0]), "--explainer", "old_style")
    assert error is None and Article.objects.get().explainer.slug == "old_style"


@pytest.mark.django_db
def test_raw_text_is_kept_exactly_as_received(imported_seeds, seed_paths):
    for path in seed_paths:
        article = Article.objects.get(origin=path.name)
        assert article.raw_text == path.read_text(encoding="utf-8")
        assert article.content_hash == hashlib.sha256(article.raw_text.encode()).hexdigest()


@pytest.mark.django_db
def test_reimport_of_identical_files_changes_nothing(imported_seeds, seed_paths):
    before = list(Article.objects.values("id", "updated_at", "body"))
    out, error = run_import(*map(str, seed_paths), "--explainer", "anora-ending")
    assert error is None
    assert out.count("unchanged ") == 3
    assert list(Article.objects.values("id", "updated_at", "body")) == before
    assert not ArticleVersion.objects.exists()


@pytest.mark.django_db
def test_changed_content_keeps_previous_raw_text_and_marks_article_changed(explainer, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The first version of the story says the bridge opened in May.\n")
    run_import(str(path), "--explainer", explainer.slug)
    article = Article.objects.get()
    article.needs_extraction = False
    article.save()
    path.write_text("The second version says the bridge opened in June.\n")
    out, error = run_import(str(path), "--explainer", explainer.slug)
    assert error is None and "updated" in out
    article.refresh_from_db()
    assert "June" in article.raw_text and article.needs_extraction
    assert ArticleVersion.objects.get(article=article).raw_text.startswith("The first version")


@pytest.mark.django_db
def test_the_command_tells_which_corrected_details_a_re_import_kept(explainer, tmp_path, django_user_model):
    from articles.services import article_details_edit

    path = tmp_path / "story.txt"
    path.write_text("The bridge opened\nGreyhaven Gazette, 1 May 2026\n\nThe bridge opened in May, the council said.\n")
    run_import(str(path), "--explainer", explainer.slug)
    article = Article.objects.get()
    editor = django_user_model.objects.create_user(username="ed")
    article_details_edit(article=article, user=editor, expected_updated_at=article.updated_at.isoformat(),
                         publisher="The Greyhaven Gazette")
    path.write_text("The bridge opened\nGreyhaven Gazette, 1 May 2026\n\nThe bridge opened in June, the council said.\n")
    out, error = run_import(str(path), "--explainer", explainer.slug)
    assert error is None and "story.txt (kept the corrected publisher)" in out
    assert Article.objects.get().publisher == "The Greyhaven Gazette"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "binary"),
        (b"A sentence long enough to pass the first look at the file. " * 200 + b"\x00 and a NUL.", "NUL"),
    ],
)
def test_bad_file_is_rejected_with_reason_and_nothing_saved(explainer, tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    out, error = run_import(str(path), "--explainer", explainer.slug)
    assert error and "rejected" in error
    assert f"rejected  {path}: " in out and reason in out
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_oversized_file_is_rejected(explainer, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 100
    path = tmp_path / "big.txt"
    path.write_text("A sentence that is long enough. " * 10)
    out, error = run_import(str(path), "--explainer", explainer.slug)
    assert error and "file is 320\xa0bytes, over the 100\xa0bytes limit" in out
    assert not Article.objects.exists()


@pytest.mark.parametrize("size, limit, told", [
    (4_052_632, 2_097_152, "file is 3.9\xa0MB, over the 2.0\xa0MB limit"),
    (2_097_153, 2_097_152, "file is 2,097,153 bytes, over the 2,097,152-byte limit"),  # alike when rounded
])
def test_an_oversized_file_is_told_in_the_units_people_read_sizes_in(size, limit, told):
    from articles.services import too_big

    assert too_big(size, limit) == told


@pytest.mark.django_db
def test_non_utf8_text_is_decoded_with_a_declared_fallback(explainer, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café où elle pleure, à la fin du film, reste ouvert toute la nuit.\n".encode("cp1252"))
    out, error = run_import(str(path), "--explainer", explainer.slug)
    assert error is None
    article = Article.objects.get()
    assert "café où elle pleure" in article.raw_text
    assert "not valid UTF-8" in article.import_note and "not valid UTF-8" in out


@pytest.mark.django_db
def test_a_stray_byte_the_fallback_does_not_define_does_not_garble_the_rest(explainer, tmp_path):
    """0x81 is not a cp1252 character: the whole file used to go to the detector, which read it as a Baltic code
    page and turned every "é" into "ķ"."""
    path = tmp_path / "stray.txt"
    path.write_bytes("Le café où elle pleure reste ouvert toute la nuit.".encode("cp1252") + b" \x81 Fin.\n")
    out, error = run_import(str(path), "--explainer", explainer.slug)
    assert error is None, out
    article = Article.objects.get()
    assert article.raw_text == "Le café où elle pleure reste ouvert toute la nuit. \ufffd Fin.\n"
    assert "decoded as cp1252; 1 byte(s) it does not define" in article.import_note


@pytest.mark.django_db
def test_utf16_with_a_byte_order_mark_is_decoded_not_refused_as_binary(explainer, tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes("Ärger über die Straße: the bridge stays shut all summer.\n".encode("utf-16"))
    out, error = run_import(str(path), "--explainer", explainer.slug)
    assert error is None, out
    article = Article.objects.get()
    assert article.raw_text.startswith("Ärger über die Straße")
    assert "decoded as utf-16" in article.import_note


@pytest.mark.django_db
def test_missing_path_and_empty_folder_are_rejected(explainer, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    out, error = run_import(str(tmp_path / "nope.txt"), str(tmp_path / "empty"), "--explainer", explainer.slug)
    assert "no such file or folder" in out
    assert "folder has no .txt, .md or .html files" in out
    assert error and "2 file(s) rejected" in error


@pytest.mark.django_db
def test_a_title_given_on_the_command_line_loses_bidirectional_overrides(seed_paths):
    _out, error = run_import(str(seed_paths[0]), "--explainer", "anora", "--title", "Anora \u202egnidne\u202c")
    assert error is None and Explainer.objects.get(slug="anora").title == "Anora gnidne\u202c"


@pytest.mark.django_db
def test_unknown_explainer_without_title_is_refused(seed_paths):
    out, error = run_import(str(seed_paths[0]), "--explainer", "no-such-topic")
    assert error and "There is no explainer “no-such-topic”" in error
    assert not Explainer.objects.exists() and not Article.objects.exists()


@pytest.mark.django_db
def test_same_content_under_another_name_is_a_duplicate(explainer, tmp_path):
    (tmp_path / "a.txt").write_text("One article about the harbour closure, told once.\n")
    (tmp_path / "b.txt").write_text("One article about the harbour closure, told once.\n")
    out, error = run_import(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--explainer", explainer.slug)
    assert "same content as the already imported “a.txt”" in out
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_symlink_leaving_the_folder_is_refused(explainer, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Private notes that are not part of the folder.\n")
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "real.txt").write_text("A real article about the storm that closed the port.\n")
    (folder / "escape.txt").symlink_to(outside)
    out, error = run_import(str(folder), "--explainer", explainer.slug)
    assert "link leads outside the folder" in out
    assert list(Article.objects.values_list("origin", flat=True)) == ["real.txt"]


@pytest.mark.django_db
def test_failure_midway_leaves_no_partial_article(explainer, monkeypatch):
    import articles.services as services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.RemovedFragment.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        article_import(explainer=explainer, origin="x.txt", data=b"A sentence about the ferry timetable.\n")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_restoring_a_removed_fragment_puts_it_back_into_the_body(imported_seeds):
    fragment = RemovedFragment.objects.filter(restored=False).first()
    if fragment is None:
        pytest.skip("cleaning removed nothing")
    article = fragment.article
    article.needs_extraction = False
    article.save()
    fragment_restore(fragment=fragment)
    article.refresh_from_db()
    assert fragment.text.strip() in article.body
    assert article.needs_extraction
    assert RemovedFragment.objects.get(pk=fragment.pk).restored


@pytest.mark.django_db
def test_imported_seeds_lose_their_noise_keep_every_quote_and_recover_metadata(imported_seeds):
    import json

    from tests.claims.scoring import norm
    from tests.conftest import DATA_DIR

    gold = json.loads((DATA_DIR / "eval" / "seeds_gold.json").read_text())
    bodies = {a.origin: norm(a.body) for a in Article.objects.all()}
    for origin, strings in gold["noise"].items():
        for noise in strings:
            assert norm(noise) not in bodies[origin], (origin, noise)
    for point in gold["consensus"]:
        for origin, quotes in point["support"].items():
            for quote in quotes:
                assert norm(quote) in bodies[origin], (origin, quote)
    assert Article.objects.get(origin="002_b1f00f5de89d3d1d.txt").published.isoformat() == "2025-03-25"
    assert Article.objects.get(origin="001_04c9765a50d2ff48.txt").title == gold["metadata"]["001_04c9765a50d2ff48.txt"]["title"]
    assert RemovedFragment.objects.filter(reason__gt="").count() >= 14


@pytest.mark.django_db
def test_a_command_line_import_whose_every_file_is_refused_creates_no_explainer(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    out, error = run_import(str(tmp_path), "--explainer", "orphan", "--title", "Orphan")
    assert error and "2 file(s) rejected" in error
    assert "was not created" in out
    assert not Explainer.objects.filter(slug="orphan").exists()
    Explainer.objects.create(slug="kept", title="Kept")  # an explainer that existed stays, even left empty
    run_import(str(tmp_path), "--explainer", "kept")
    assert Explainer.objects.filter(slug="kept").exists()


@pytest.mark.django_db
def test_an_import_that_meets_sqlites_write_lock_is_refused_for_now_and_the_rest_are_not_tried(
        explainer, tmp_path, monkeypatch):
    import articles.services
    from django.db import OperationalError

    calls = []

    def locked(*args, **kwargs):
        calls.append(1)
        raise OperationalError("database is locked")

    monkeypatch.setattr(articles.services, "_article_store", locked)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"A short article called {name} about the bridge closing for repairs.\n")

    outcomes = articles.services.files_import(explainer=explainer, paths=[str(tmp_path)])

    assert [(o.status, o.busy) for o in outcomes] == [("rejected", True), ("rejected", True)]
    assert "still running; nothing was changed" in outcomes[0].reason
    assert len(calls) == 1
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_imported_web_page_records_what_lay_outside_its_article_and_an_editor_can_put_it_back(explainer, tmp_path):
    from articles.cleaning import OUTSIDE_REASON
    from tests.articles.test_html import NEWS_PAGE

    path = tmp_path / "tram-vote.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    out, error = run_import(str(path), "--explainer", explainer.slug)
    assert error is None
    article = Article.objects.get()
    assert article.raw_text == NEWS_PAGE  # the page is kept as received
    assert (article.title, article.publisher, article.author) == (
        "Council backs the tram extension", "Valley Evening Post", "Tom Ashby")
    outside = RemovedFragment.objects.get(article=article, text="- Man rescued from canal near the weir")
    assert outside.reason == OUTSIDE_REASON and "Man rescued" not in article.body
    article = fragment_restore(fragment=outside)
    assert "- Man rescued from canal near the weir" in article.body


@pytest.mark.django_db
def test_a_fragment_put_back_stays_back_when_the_pages_text_is_laid_out_anew(explainer, tmp_path):
    """A web page's text is the extractor's reading of it: a newer extractor may shift where a fragment stands.
    Re-deriving the body (here, putting a second fragment back) keeps the first one found by its text."""
    from tests.articles.test_html import NEWS_PAGE

    path = tmp_path / "tram-vote.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    run_import(str(path), "--explainer", explainer.slug)
    article = Article.objects.get()
    first = RemovedFragment.objects.get(article=article, text="- Man rescued from canal near the weir")
    fragment_restore(fragment=first)
    RemovedFragment.objects.filter(pk=first.pk).update(start=first.start + 7, end=first.end + 7)  # an older layout
    second = RemovedFragment.objects.get(article=article, text="Home | Local | Log in")
    article = fragment_restore(fragment=second)
    assert "- Man rescued from canal near the weir" in article.body and "Home | Local | Log in" in article.body
    assert set(article.removed_fragments.filter(restored=True).values_list("text", flat=True)) == {
        "- Man rescued from canal near the weir", "Home | Local | Log in"}
