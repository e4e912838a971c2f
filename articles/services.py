"""Writes to explainers and articles: importing files, re-cleaning, restoring removed fragments.

Every function that writes is atomic: a file is imported whole or not at all.
"""
import dataclasses
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import cleaning
from .cleaning.inline import without_overrides
from .db import BULK_UPDATE_BATCH
from .locking import EXPLAINER_BUSY, explainer_lock, is_busy
from .models import (
    EXPLAINER_SLUG, EXPLAINER_SLUG_RULE, Article, ArticleVersion, Explainer, FormerSlug, RemovedFragment,
)
from .signals import article_changed, explainer_renamed

IMPORTABLE_SUFFIXES = {".txt": Article.Format.TEXT, ".md": Article.Format.MARKDOWN, ".html": Article.Format.HTML,
                       ".htm": Article.Format.HTML}


class ImportRejected(Exception):
    """A file that cannot be imported; the message says why in one line."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    note: str = ""


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: ``imported``, ``unchanged``, ``updated`` or ``rejected``."""

    origin: str
    status: str
    reason: str = ""
    article: Article | None = None
    source: str = ""
    busy: bool = False  # refused only because a build held the explainer: the same file can be tried again
    kept: tuple[str, ...] = ()  # details an editor corrected that a new text did not replace

    @property
    def kept_text(self) -> str:
        """The kept details in words ("title, publisher"), "" when there are none."""
        return ", ".join(str(Article._meta.get_field(field).verbose_name) for field in self.kept)

    @property
    def label(self) -> str:
        """The path the user gave for this file, or its origin when it came from elsewhere."""
        return self.source or self.origin

    @property
    def rejected(self) -> bool:
        return self.status == "rejected"


def too_big(size: int, limit: int) -> str:
    """Why a file of ``size`` bytes is refused, in the units people read sizes in ("file is 3.9 MB, over the
    2.0 MB limit"), with the bytes when the rounded sizes read alike."""
    shown, allowed = filesizeformat(size), filesizeformat(limit)
    if shown == allowed:
        shown, allowed = f"{size:,} bytes", f"{limit:,}-byte"
    return _("file is %(size)s, over the %(limit)s limit") % {"size": shown, "limit": allowed}


def decode_source(data: bytes, *, max_bytes: int | None = None) -> DecodedText:
    """Turn uploaded bytes into text, refusing empty, oversized and binary files.

    UTF-8 (with or without a byte-order mark) is expected. Other encodings are detected and decoded, and the
    result carries a note saying so, so an editor can check the text.
    """
    limit = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise ImportRejected(too_big(len(data), limit))
    if not data.strip():
        raise ImportRejected(_("file is empty"))
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRejected(_("file is binary, not text"))
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark ("Unicode" in Notepad)
            text, encoding = data.decode("utf-16"), "utf-16"
            note = _("not valid UTF-8; decoded as %(encoding)s") % {"encoding": encoding}
        else:
            text = data.decode("utf-8-sig")
            encoding, note = "utf-8", ""
    except UnicodeDecodeError:
        text, encoding, undefined = _decode_fallback(data)
        note = _("not valid UTF-8; decoded as %(encoding)s") % {"encoding": encoding}
        if undefined:
            note += _("; %(count)s byte(s) it does not define are shown as “\ufffd”") % {"count": undefined}
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text) // 100):
        raise ImportRejected(_("file is binary, not text"))
    if "\x00" in text:  # no database text column holds NUL (PostgreSQL refuses it outright)
        raise ImportRejected(_("file contains NUL characters, which text cannot hold; is it binary?"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportRejected(_("file is empty"))
    return DecodedText(text=text, encoding=encoding, note=note)


def _decode_fallback(data: bytes) -> tuple[str, str, int]:
    """Decode non-UTF-8 bytes with the declared fallback encoding, or the detector's guess if that fails; with
    the number of bytes shown as U+FFFD.

    A few bytes the fallback does not define (cp1252 has five: 0x81, 0x8D, 0x8F, 0x90, 0x9D) are stray bytes in a
    text in that encoding, as browsers read it, not a sign of another encoding: they become U+FFFD rather than
    sending the whole text to the detector, whose guess (a Baltic code page, say) garbles every accented letter.
    """
    fallback = settings.IMPORT_FALLBACK_ENCODING
    try:
        text = data.decode(fallback, errors="replace")
    except LookupError:
        text = None
    if text is not None:
        undefined = text.count("\ufffd")
        if undefined <= max(3, len(data) // 1000):
            return text, fallback, undefined
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ImportRejected(_("file is binary or in an unknown encoding"))
    return str(best), best.encoding, 0


def format_for(origin: str) -> str:
    """The article format implied by a file name; plain text when the suffix says nothing."""
    return IMPORTABLE_SUFFIXES.get(Path(origin).suffix.lower(), Article.Format.TEXT)


def cleaner_input(raw_text: str, fmt: str) -> tuple[str, list[int], dict]:
    """The text the cleaner works on (the raw text, or an HTML page's visible text), the lines of it outside the
    article's own text (an HTML page's menus, banners and sidebars), and the metadata the page declares."""
    if fmt == Article.Format.HTML:
        from .html import html_page

        return html_page(raw_text)
    return raw_text, [], {}


def slug_rule_check(slug: str) -> None:
    """Refuse a new address that breaks the one rule (``EXPLAINER_SLUG``), saying what the rule is."""
    if not EXPLAINER_SLUG.fullmatch(slug or ""):
        raise ValidationError(_("“%(slug)s” is not a valid slug: %(rule)s.") % {"slug": slug, "rule": EXPLAINER_SLUG_RULE})


def explainer_for_import(*, slug: str, title: str | None = None, creator=None) -> Explainer:
    """The explainer to import into: an existing one, or a new one when a title is given (less bidirectional
    overrides, as every title typed in the admin is), with ``creator`` (the editor uploading) among its editors."""
    explainer = Explainer.objects.filter(slug=slug).first() if slug else None
    if explainer is not None:
        return explainer  # one made before the rule (or by an administrator) keeps its slug
    slug_rule_check(slug)
    renamed = FormerSlug.objects.filter(slug=slug).values_list("explainer__slug", flat=True).first()
    if renamed is not None:
        raise ValidationError(_("“%(slug)s” was an explainer's address before it was renamed “%(now)s”; links to it "
                                "still go there. Import into “%(now)s”, or choose another slug for a new explainer.")
                              % {"slug": slug, "now": renamed})
    if not title:
        raise ValidationError(
            _("There is no explainer “%(slug)s”. Give a title (--title) to create it.") % {"slug": slug}
        )
    with transaction.atomic():
        explainer = Explainer.objects.create(slug=slug, title=without_overrides(title))
        if creator is not None and creator.is_authenticated:
            explainer.editors.add(creator)
    return explainer


def explainer_discard_if_empty(explainer: Explainer) -> bool:
    """Delete an explainer that an import has just created when no file went in, so a refused upload leaves no
    empty explainer behind; returns whether it was deleted."""
    if explainer.articles.exists():
        return False
    explainer.delete()
    return True


def _kept_spans(source: str, keep: Mapping[tuple[int, int], str]) -> set[tuple[int, int]]:
    """The spans of ``source`` holding the texts an editor put back (``keep``: span when put back -> its text):
    where it was, or else where that text is now. A web page's text is the extractor's reading of the page, which
    a newer extractor may lay out differently; a text put back stays put back."""
    spans = set()
    for (start, end), text in keep.items():
        if not text:
            continue
        if source[start:end] == text:
            spans.add((start, end))
            continue
        places = [m.start() for m in re.finditer(re.escape(text), source)]
        if places:
            at = min(places, key=lambda place: abs(place - start))  # the nearest, of text that stands twice
            spans.add((at, at + len(text)))
    return spans


def _apply_cleaning(
    article: Article, *, keep: Mapping[tuple[int, int], str] | None = None, details: bool = True,
) -> None:
    """Re-derive the article's body and removed fragments from its raw text, and with ``details`` its title,
    publisher, author, URL and date too. A fragment put back or removed again leaves the details as they are:
    the raw text did not change, and an editor may have corrected them (``article_details_edit``)."""
    source, outside, html_meta = cleaner_input(article.raw_text, article.format)
    result = cleaning.clean(source, keep=_kept_spans(source, keep or {}), outside=outside)
    meta = result.metadata
    if article.body != result.body:
        article.needs_extraction = True
    article.body = result.body
    if details:
        # What a web page declares in its head (og:title, article:published_time) is meant for machines to read;
        # what the cleaner finds in its text comes first only for plain text, which declares nothing.
        found = {
            "title": (html_meta.get("title") or meta.title or "")[:500],
            "publisher": (html_meta.get("sitename") or meta.publisher or "")[:300],
            "author": (html_meta.get("author") or meta.author or "")[:300],
            "url": _safe_url(html_meta.get("url") or meta.url or ""),
            "published": html_meta.get("date") or meta.published,
        }
        for field, value in found.items():
            if field not in article.corrected:  # an editor's correction outlives a new text
                setattr(article, field, value)
    article.save()
    _fragments_sync(article, result.removals, {(r.start, r.end) for r in result.restored})


def _fragments_sync(article: Article, removals: list[cleaning.Removal], restored: set[tuple[int, int]]) -> None:
    """Make the stored fragments match the cleaner's removals, keeping the rows (and their ids) that stay;
    ``restored`` are the spans the cleaner kept in the body."""
    wanted = {(r.start, r.end): r for r in removals}
    existing = {(f.start, f.end): f for f in article.removed_fragments.all()}
    article.removed_fragments.exclude(pk__in=[f.pk for span, f in existing.items() if span in wanted]).delete()
    changed, created = [], []
    for span, removal in wanted.items():
        fragment = existing.get(span)
        values = {"text": removal.text, "reason": removal.reason[:200], "restored": span in restored}
        if fragment is None:
            created.append(RemovedFragment(article=article, start=removal.start, end=removal.end, **values))
        elif any(getattr(fragment, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(fragment, name, value)
            changed.append(fragment)
    RemovedFragment.objects.bulk_update(changed, ["text", "reason", "restored"], batch_size=BULK_UPDATE_BATCH)
    RemovedFragment.objects.bulk_create(created)


def _safe_url(url: str) -> str:
    """Only http(s) addresses are kept: a source's link must never run script."""
    url = (url or "").strip()
    return url[:1000] if url.lower().startswith(("http://", "https://")) else ""


def article_import(*, explainer: Explainer, origin: str, data: bytes, user=None) -> ImportOutcome:
    """Import one file's bytes as an article of ``explainer``, atomically.

    Identical content is left alone; changed content for the same origin keeps the old raw text as an
    :class:`ArticleVersion` and marks the article for re-extraction; the same content under another
    origin is refused as a duplicate.
    """
    try:
        decoded = decode_source(data)
    except ImportRejected as error:
        return ImportOutcome(origin, "rejected", str(error))
    digest = hashlib.sha256(decoded.text.encode("utf-8")).hexdigest()
    fmt = format_for(origin)
    try:
        return _article_store(explainer, origin, decoded, digest, fmt, user)
    except (ValidationError, OperationalError) as error:
        if not is_busy(error):
            raise
        return ImportOutcome(origin, "rejected", str(EXPLAINER_BUSY), busy=True)


def _article_store(
    explainer: Explainer, origin: str, decoded: DecodedText, digest: str, fmt: str, user
) -> ImportOutcome:
    """Store decoded text as a new or updated article, in one transaction under the explainer's lock."""
    with transaction.atomic():
        explainer_lock(explainer.pk)
        article = Article.objects.select_for_update().filter(explainer=explainer, origin=origin).first()
        if article is not None and article.content_hash == digest:
            return ImportOutcome(origin, "unchanged", article=article)
        twin = Article.objects.filter(explainer=explainer, content_hash=digest).exclude(origin=origin).first()
        if twin is not None:
            return ImportOutcome(
                origin, "rejected", _("same content as the already imported “%(origin)s”") % {"origin": twin.origin}
            )
        status = "imported"
        if article is None:
            article = Article(explainer=explainer, origin=origin)
        else:
            ArticleVersion.objects.create(
                article=article, raw_text=article.raw_text, content_hash=article.content_hash,
                imported_at=article.imported_at,
            )
            status = "updated"
        article.raw_text = decoded.text
        article.content_hash = digest
        article.format = fmt
        article.encoding = decoded.encoding
        article.import_note = decoded.note
        article.needs_extraction = True
        article.save()
        _apply_cleaning(article)
        if not article.body.strip():
            transaction.set_rollback(True)
            return ImportOutcome(origin, "rejected", _("nothing is left after removing page noise"))
        article_changed.send(Article, article=article, change=status, user=user, note=decoded.note)
    return ImportOutcome(origin, status, decoded.note, article=article,
                         kept=tuple(article.corrected) if status == "updated" else ())


@dataclass(frozen=True)
class FoundFile:
    path: Path
    origin: str
    error: str = ""


def collect_files(paths: list[str]) -> list[FoundFile]:
    """Expand files and folders into importable files, each with a reason when it cannot be read.

    Inside a folder, only ``.txt``, ``.md`` and ``.html`` files are taken, and a symlink that leads out of the
    folder is refused.
    """
    found: list[FoundFile] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            found.append(FoundFile(path, path.name or given, _("no such file or folder")))
            continue
        if path.is_dir():
            root = path.resolve()
            members = sorted(p for p in path.rglob("*") if p.suffix.lower() in IMPORTABLE_SUFFIXES)
            members = [p for p in members if not any(part.startswith(".") for part in p.relative_to(path).parts)]
            if not members:
                found.append(FoundFile(path, path.name, _("folder has no .txt, .md or .html files")))
            for member in members:
                resolved = member.resolve()
                if not resolved.is_relative_to(root):
                    found.append(FoundFile(member, member.name, _("link leads outside the folder being imported")))
                elif resolved.is_file():
                    found.append(FoundFile(member, member.name))
            continue
        found.append(FoundFile(path, path.name))
    return found


def files_import(*, explainer: Explainer, paths: list[str], user=None) -> list[ImportOutcome]:
    """Import files and folders, each file on its own; unreadable ones are reported, not raised. Once one is
    refused because a build holds the explainer, the rest are refused the same way without waiting again."""
    outcomes = []
    for item in collect_files(paths):
        if item.error:
            outcomes.append(ImportOutcome(str(item.path), "rejected", item.error))
            continue
        if outcomes and outcomes[-1].busy:
            outcomes.append(
                ImportOutcome(item.origin, "rejected", str(EXPLAINER_BUSY), source=str(item.path), busy=True))
            continue
        try:
            size = item.path.stat().st_size
            if size > settings.IMPORT_MAX_BYTES:
                raise ImportRejected(too_big(size, settings.IMPORT_MAX_BYTES))
            data = item.path.read_bytes()
        except (OSError, ImportRejected) as error:
            reason = str(error) if isinstance(error, ImportRejected) else _("cannot be read: %(error)s") % {
                "error": error.strerror or error}
            outcomes.append(ImportOutcome(str(item.path), "rejected", reason))
            continue
        outcome = article_import(explainer=explainer, origin=item.origin, data=data, user=user)
        outcomes.append(dataclasses.replace(outcome, source=str(item.path)))
    return outcomes


@transaction.atomic
def article_delete(*, article: Article, user=None) -> None:
    """Delete a source. ``article_changed`` ("deleted") goes out first, inside the same transaction, so that
    listeners can record it and tidy what they derived from the article while it is still there."""
    explainer_lock(article.explainer_id)
    article = Article.objects.select_for_update().select_related("explainer").get(pk=article.pk)
    article_changed.send(Article, article=article, change="deleted", user=user, note=article.origin)
    article.delete()


@transaction.atomic
def article_details_edit(*, article: Article, user, expected_updated_at: str, **details) -> Article:
    """Correct what the import recovered about a source (title, publisher, author, URL, date): readers see
    them in the sources list. The raw text and the body are untouched, so no claim needs reading again; a
    submitted or published draft goes back to "draft" (``article_changed``), as the sources readers would see
    changed. ``expected_updated_at`` is the article's ``updated_at`` when the form was shown: if the article
    changed since (another editor, a re-import), nothing is saved."""
    unknown = set(details) - set(Article.DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not an article detail: {sorted(unknown)}")
    explainer_lock(article.explainer_id)
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.updated_at.isoformat() != expected_updated_at:
        raise ValidationError(_("This source changed since you opened it (another editor's correction, a re-import, "
                                "a restored fragment or a consensus build); nothing was saved. Look at it again and "
                                "redo your change."))
    changed = [field for field, value in details.items() if getattr(current, field) != value]
    if not changed:
        return current
    for field in changed:
        setattr(current, field, details[field])
    current.full_clean(exclude=[f.name for f in Article._meta.fields if f.name not in changed])
    current.corrected = [f for f in Article.DETAIL_FIELDS if f in changed or f in current.corrected]
    current.save(update_fields=[*changed, "corrected", "updated_at"])
    article_changed.send(Article, article=current, change="details edited", user=user, note=", ".join(changed))
    return current


@transaction.atomic
def explainer_rename(*, explainer: Explainer, user, slug: str) -> Explainer:
    """Give the explainer a new slug, its public address. The old one is remembered (``FormerSlug``), so links
    to it keep working (the site sends them on); an address another explainer has, or had, is refused. Going
    back to a former slug of the same explainer is allowed. Only chief editors (``articles.change_explainer``)
    rename; ``explainer_renamed`` lets the audit log and the site's cache know."""
    if not user.has_perm("articles.change_explainer"):
        raise PermissionDenied
    explainer_lock(explainer.pk)
    current = Explainer.objects.select_for_update().get(pk=explainer.pk)
    old = current.slug
    if slug == old:
        return current
    slug_rule_check(slug)
    if (Explainer.objects.filter(slug=slug).exclude(pk=current.pk).exists()
            or FormerSlug.objects.filter(slug=slug).exclude(explainer=current).exists()):
        raise ValidationError(_("The address “%(slug)s” is, or was, another explainer's; links to it must keep "
                                "going there. Choose another.") % {"slug": slug})
    try:
        with transaction.atomic():  # another explainer may take the address at the same moment
            FormerSlug.objects.filter(explainer=current, slug=slug).delete()  # going back to an earlier address
            FormerSlug.objects.create(explainer=current, slug=old)
            current.slug = slug
            current.save(update_fields=["slug"])
    except IntegrityError:
        raise ValidationError(_("The address “%(slug)s” was taken meanwhile; choose another.") % {"slug": slug})
    explainer.slug = slug
    explainer_renamed.send(Explainer, explainer=current, old_slug=old, user=user)
    return current


def _lock_for(fragment: RemovedFragment) -> None:
    """Take the write lock of the explainer whose article the fragment was removed from."""
    explainer_lock(Article.objects.filter(pk=fragment.article_id).values_list("explainer_id", flat=True).get())


@transaction.atomic
def fragment_restore(*, fragment: RemovedFragment, user=None) -> Article:
    """Put a removed fragment back into its article's body; the body is re-derived and marked for re-extraction.
    An invisible formatting character is refused (``RemovedFragment.restorable``)."""
    if not fragment.restorable:
        raise ValidationError(_("An invisible formatting character is not put back: it shows nothing a reader "
                                "would miss, and it can make text display as something it does not say."))
    _lock_for(fragment)
    article = Article.objects.select_for_update().get(pk=fragment.article_id)
    keep = {(f.start, f.end): f.text for f in article.removed_fragments.filter(restored=True)}
    keep[(fragment.start, fragment.end)] = fragment.text
    _apply_cleaning(article, keep=keep, details=False)
    article_changed.send(Article, article=article, change="fragment restored", user=user, note=fragment.text[:200])
    return article


@transaction.atomic
def fragment_unrestore(*, fragment: RemovedFragment, user=None) -> Article:
    """Remove a restored fragment from the body again."""
    _lock_for(fragment)
    article = Article.objects.select_for_update().get(pk=fragment.article_id)
    keep = {(f.start, f.end): f.text for f in article.removed_fragments.filter(restored=True)
            if (f.start, f.end) != (fragment.start, fragment.end)}
    _apply_cleaning(article, keep=keep, details=False)
    article_changed.send(Article, article=article, change="fragment removed again", user=user,
                         note=fragment.text[:200])
    return article
