"""The markdown preview endpoint is for staff only, sanitizes what it renders, and uploads are off."""
import pytest
from django.contrib.auth import get_user_model


@pytest.mark.django_db
def test_anonymous_preview_request_goes_to_login(client):
    response = client.post("/markdownx/markdownify/", {"content": "**hi**"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_staff_preview_is_rendered_and_sanitized(client):
    staff = get_user_model().objects.create_user("staff", password="pw-12345-xyz", is_staff=True)
    client.force_login(staff)
    payload = "**bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    response = client.post("/markdownx/markdownify/", {"content": payload})
    html = response.content.decode()
    assert response.status_code == 200 and "<strong>bold</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


@pytest.mark.django_db
def test_image_upload_is_switched_off(client):
    staff = get_user_model().objects.create_user("staff", password="pw-12345-xyz", is_staff=True)
    client.force_login(staff)
    response = client.post("/markdownx/upload/", {"image": b"GIF89a"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_preview_of_text_too_long_to_save_is_refused_without_rendering_it(client, monkeypatch):
    from claims.markdown import MARKDOWN_MAX_CHARS

    staff = get_user_model().objects.create_user("staff", password="pw-12345-xyz", is_staff=True)
    client.force_login(staff)

    def rendered(request):
        raise AssertionError("the text was rendered")

    monkeypatch.setattr("anora_site.markdown_urls._markdownify", rendered)
    response = client.post("/markdownx/markdownify/", {"content": "*a* " * (MARKDOWN_MAX_CHARS // 4 + 1)})
    assert response.status_code == 200 and "Too long to preview" in response.content.decode()


def test_rendered_markdown_drops_bidirectional_overrides_and_keeps_right_to_left_marks():
    from claims.markdown import render_markdown

    html = render_markdown("Igor \u202ekeeps the ring\u202c. \u05e9\u05dc\u05d5\u05dd\u200f \u2067\u05d0\u2069 end")
    assert "\u202e" not in html and "Igor keeps the ring" in html
    assert "\u200f" in html and "\u2067\u05d0\u2069" in html, "marks and isolates that right-to-left text needs stay"


@pytest.mark.parametrize("markdown", [
    "[the credits](//evil.example/credits)",
    "[the credits](/\\evil.example/credits)",
    '<a href="\\\\evil.example/credits">the credits</a>',
    '<a href="/&#9;/evil.example/credits">the credits</a>',
    '<a href="&#1;//evil.example/credits">the credits</a>',
])
def test_a_link_to_another_site_without_a_scheme_is_given_one(markdown):
    from claims.markdown import render_markdown

    assert 'href="https://evil.example/credits"' in render_markdown(markdown)


def test_a_link_within_the_site_stays_as_written():
    from claims.markdown import render_markdown

    assert 'href="/explainers/anora/"' in render_markdown("[the explainer](/explainers/anora/)")
    # Browsers do not skip a leading no-break space: this is a path on this site, and stays one.
    assert 'href="&nbsp;//evil.example/"' in render_markdown('<a href="&#xa0;//evil.example/">a path</a>')


@pytest.mark.parametrize("markdown, told", [
    ("See [the report](javascript:alert(1)).", "a link to “javascript:alert(1)”"),
    ("See [the report](JavaScript:alert(1)).", "a link to “JavaScript:alert(1)”"),
    ("A <img src=x onerror=alert(1)> and <svg onload=alert(1)>", "<img>, <svg> (not allowed in what readers see)"),
    ("See [the report](https://example.org/r), [mail](mailto:desk@example.org), [about](/about/). **Bold**.", ""),
])
def test_what_readers_will_not_see_of_an_editors_markdown_is_named(markdown, told):
    from claims.markdown import left_out

    found = left_out(markdown)
    assert (told in found) if told else found == ""


def test_a_link_whose_address_is_refused_is_plain_text_not_a_dead_link():
    from claims.markdown import render_markdown

    html = render_markdown("See [the council report](javascript:alert(1)) and [the map](https://example.org/map).")
    assert html == ('<p>See the council report and <a href="https://example.org/map" rel="noopener noreferrer '
                    'nofollow">the map</a>.</p>')
