"""Importing a folder reads only files inside it: links that lead out (by ``..`` or an absolute target, directly,
through a chain or through a linked folder) are refused, and uploaded file names are names, never paths."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from articles.services import collect_files, files_import

OUTSIDE_TEXT = "Private notes kept outside the folder being imported, never to be read.\n"


@pytest.fixture
def tree(tmp_path):
    """``sources/`` with real articles and links of every kind, next to files and a folder it must not reach."""
    (tmp_path / "secret.txt").write_text(OUTSIDE_TEXT)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "hidden-article.txt").write_text(OUTSIDE_TEXT)
    sources = tmp_path / "sources"
    (sources / "sub").mkdir(parents=True)
    (sources / "real.txt").write_text("A real article about the storm that closed the port.\n")
    (sources / "sub" / "deeper.md").write_text("Another article, in a subfolder, about the ferry timetable.\n")
    (sources / "dotdot.txt").symlink_to("../secret.txt")
    (sources / "sub" / "dotdot-deep.txt").symlink_to("../../secret.txt")
    (sources / "absolute.txt").symlink_to(tmp_path / "secret.txt")
    (sources / "hop.txt").symlink_to("dotdot.txt")  # a chain that ends outside
    (sources / "inside-link.txt").symlink_to("sub/deeper.md")  # stays inside: allowed
    (sources / "linked-folder").symlink_to(outside, target_is_directory=True)
    (sources / "folder.txt").symlink_to(outside, target_is_directory=True)  # a "file" that is a folder
    (sources / "dangling.txt").symlink_to("../nowhere.txt")
    return tmp_path


def _by_name(found) -> dict[str, str]:
    return {item.path.name: item.error for item in found}


def test_links_leaving_the_folder_are_refused_with_the_reason(tree):
    found = _by_name(collect_files([str(tree / "sources")]))
    for name in ("dotdot.txt", "dotdot-deep.txt", "absolute.txt", "hop.txt", "dangling.txt"):
        assert found[name] == "link leads outside the folder being imported", name
    assert found["real.txt"] == found["deeper.md"] == found["inside-link.txt"] == ""


def test_a_linked_folder_is_not_walked_into(tree):
    found = collect_files([str(tree / "sources")])
    assert not [item for item in found if "hidden-article" in str(item.path)]
    assert not [item for item in found if item.path.name == "folder.txt" and not item.error]


def test_dotdot_in_the_folder_given_does_not_widen_what_is_inside(tree):
    found = _by_name(collect_files([str(tree / "sources" / "sub" / "..")]))
    assert found["dotdot.txt"] and found["absolute.txt"] and found["real.txt"] == ""


def test_a_linked_folder_given_on_purpose_is_read_from_its_target(tree):
    link = tree / "link-to-sources"
    link.symlink_to(tree / "sources", target_is_directory=True)
    found = _by_name(collect_files([str(link)]))
    assert found["real.txt"] == "" and found["dotdot.txt"]


@pytest.mark.django_db
def test_nothing_outside_the_folder_is_imported(tree, explainer):
    outcomes = files_import(explainer=explainer, paths=[str(tree / "sources")])
    texts = sorted(Article.objects.filter(explainer=explainer).values_list("raw_text", flat=True))
    assert texts == [(tree / "sources" / name).read_text() for name in ("real.txt", "sub/deeper.md")]
    assert not Article.objects.filter(raw_text=OUTSIDE_TEXT).exists()
    refused = {o.label.rsplit("/", 1)[-1] for o in outcomes if o.rejected}
    assert {"dotdot.txt", "dotdot-deep.txt", "absolute.txt", "hop.txt", "dangling.txt"} <= refused


@pytest.mark.django_db
def test_an_uploaded_file_name_with_a_path_is_stored_as_its_base_name(explainer, tmp_path):
    from tests.claims.conftest import user_make

    client = Client(enforce_csrf_checks=True)
    client.force_login(user_make("uploader", "Editor"))
    url = reverse("admin:articles_article_upload")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()).group(1)
    boundary = "----hostile-boundary"
    parts = [
        ("csrfmiddlewaretoken", None, token),
        ("explainer", None, str(explainer.pk)),
        ("files", "../../../../tmp/../etc/cron.d/evil.txt", "An article whose file name tries to climb.\n"),
        ("files", "..\\..\\windows\\evil2.txt", "A second article with a Windows-style path for a name.\n"),
    ]
    body = "".join(
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\""
        + (f"; filename=\"{filename}\"\r\nContent-Type: text/plain" if filename else "")
        + f"\r\n\r\n{value}\r\n"
        for name, filename, value in parts
    ) + f"--{boundary}--\r\n"
    response = client.post(url, data=body.encode(), content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 302, response.content.decode()[:500]
    origins = sorted(Article.objects.filter(explainer=explainer).values_list("origin", flat=True))
    assert origins == ["evil.txt", "evil2.txt"]
    assert not [o for o in origins if "/" in o or "\\" in o or ".." in o]
