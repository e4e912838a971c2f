"""Failed admin log-ins are rate-limited by django-axes (switched off in the rest of the test suite)."""
import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editor", password="correct horse battery", is_staff=True)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_sixth_attempt_after_five_wrong_passwords_is_refused_even_with_the_right_password(client, editor):
    login = reverse("admin:login")
    statuses = [client.post(login, {"username": "editor", "password": "wrong"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the form with an error four times, then the lock-out

    response = client.post(login, {"username": "editor", "password": "correct horse battery"})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # still sent to the log-in page


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_right_password_after_a_few_mistakes_still_logs_in(client, editor):
    login = reverse("admin:login")
    for _ in range(4):
        client.post(login, {"username": "editor", "password": "wrong"})

    response = client.post(login, {"username": "editor", "password": "correct horse battery"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)
