"""Production settings: Django's deployment checklist passes, and the site refuses to run half-configured."""
import json

from .conftest import run_manage, run_python

# A plain view under the production middleware: the headers come from settings, not from any page.
HEADERS_SCRIPT = """
import json, django
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path
django.setup()
urlpatterns = [path("page/", lambda request: HttpResponse("ok"))]
with override_settings(ROOT_URLCONF=__name__):
    response = Client().get("/page/", secure=True, HTTP_HOST="example.org")
print(json.dumps({"status": response.status_code, "headers": dict(response.headers)}))
"""


def test_production_settings_pass_the_deployment_checklist(prod_env):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=prod_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(prod_env):
    del prod_env["SECRET_KEY"]
    result = run_manage("check", env=prod_env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(prod_env):
    prod_env["ALLOWED_HOSTS"] = ""
    result = run_manage("check", env=prod_env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_responses_carry_security_headers(prod_env):
    result = run_python("-c", HEADERS_SCRIPT, env=prod_env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["status"] == 200
    headers = {key.lower(): value for key, value in answer["headers"].items()}
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_production_redirects_plain_http_to_https(prod_env):
    result = run_python("-c", HEADERS_SCRIPT.replace("secure=True", "secure=False"), env=prod_env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["status"] == 301
    assert answer["headers"]["Location"] == "https://example.org/page/"
