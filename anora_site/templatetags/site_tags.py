"""Template helpers for the public site."""
import json
from datetime import date

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The characters that could end a <script> element or start markup are written as JSON unicode escapes,
# so no value (a hostile title, say) can close the element: "</script>" becomes "\u003C/script\u003E".
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict, nonce: str = "") -> SafeString:
    """A schema.org JSON-LD block. It is data, not script, but it carries the CSP nonce all the same."""
    payload = mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES))
    if nonce:
        return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, payload)
    return format_html('<script type="application/ld+json">{}</script>', payload)


@register.filter
def iso_date(value: str | None) -> date | None:
    """A "YYYY-MM-DD" string as a date (for the date filter), None when missing or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
