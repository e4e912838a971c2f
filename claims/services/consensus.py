"""Building consensus for an explainer: claims from changed articles, entries, conflicts, alias proposals.

The pipeline (``claims.pipeline``) does the thinking on plain data; this module turns models into that data,
calls it, and writes the result back in one transaction without overwriting any editor's decision.
"""
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Prefetch
from django.utils.translation import gettext as _

from articles.db import BULK_UPDATE_BATCH
from articles.locking import explainer_lock
from articles.models import Article, Explainer
from claims import pipeline
from claims.markdown import statement_html
from claims.models import Alias, Claim, Conflict, ConflictVariant, ConsensusEntry, EntryClaim
from claims.services.drafts import draft_reopenable, reopen_draft
from claims.services.revisions import draft_for, revision_content_build

Progress = Callable[[int, int, str], None]


_WRITE_PASSES = 3  # writing entries settles in two passes in every case tried; a third is a margin


@dataclass(frozen=True)
class BuildSummary:
    articles_read: int
    claims: int
    entries_created: int
    entries_unchanged: int
    entries_removed: int
    decided_kept: int
    conflicts: int
    aliases_proposed: int
    settled_conflicts_removed: int = 0
    open_conflicts_removed: int = 0

    def __str__(self) -> str:
        gone = []
        if self.open_conflicts_removed:
            gone.append(f"{self.open_conflicts_removed} open conflict(s) no longer found")
        if self.settled_conflicts_removed:
            gone.append(f"{self.settled_conflicts_removed} settled conflict(s) removed: their sources were re-read "
                        f"and no longer disagree there")
        gone = f" ({'; '.join(gone)})" if gone else ""
        return (
            f"{self.articles_read} article(s) read, {self.claims} claims; entries: {self.entries_created} new, "
            f"{self.entries_unchanged} unchanged, {self.entries_removed} removed, {self.decided_kept} editor-decided kept; "
            f"{self.conflicts} conflict(s){gone}; {self.aliases_proposed} alias proposal(s)"
        )


def _claim_key(claim: Claim) -> tuple[int, int, int]:
    return (claim.article_id, claim.start, claim.end)


def _extract(article: Article) -> list[Claim]:
    spans = pipeline.extract_claims(article.id, article.body)
    return [
        Claim(
            article=article, start=s.start, end=s.end, text=s.text, sentence_start=s.sentence_start,
            sentence_end=s.sentence_end, kind=s.kind, people=list(s.people),
        )
        for s in spans
    ]


def _occurrences(claims) -> dict[tuple[int, str, int], Claim]:
    """Claims keyed by article, text and which occurrence of that text in the article it is (in reading order),
    so that a sentence an article repeats is told apart from its twin."""
    seen: Counter = Counter()
    keyed = {}
    for claim in sorted(claims, key=lambda c: (c.article_id, c.start)):
        keyed[(claim.article_id, claim.text, seen[(claim.article_id, claim.text)])] = claim
        seen[(claim.article_id, claim.text)] += 1
    return keyed


def _relink(entry_keys: dict[int, list[tuple[tuple[int, str, int], bool, float]]], fresh) -> None:
    """Re-attach entries to re-extracted claims that are the same occurrence of the same text in the same article."""
    rows = []
    for entry_id, items in entry_keys.items():
        for key, pinned, score in items:
            claim = fresh.get(key)
            if claim is not None:
                rows.append(EntryClaim(entry_id=entry_id, claim=claim, pinned=pinned, score=score))
    EntryClaim.objects.bulk_create(rows, ignore_conflicts=True)


def _aliases_update(explainer: Explainer, bodies: dict[int, str]) -> tuple[dict[str, str], int]:
    """Store new alias proposals from the articles; return the name → person map that matching uses."""
    # Keyed without case, as editors add them: a row for "bram" (confirmed or rejected) settles "Bram" too.
    existing = {a.name.casefold(): a for a in Alias.objects.filter(explainer=explainer)}
    created = 0
    for proposal in pipeline.propose_aliases(bodies):
        if not proposal.name or not proposal.person or proposal.name.casefold() in existing:
            continue
        existing[proposal.name.casefold()] = Alias.objects.create(
            explainer=explainer, name=proposal.name[:200], person=proposal.person[:200],
            evidence=proposal.evidence[:2000],
        )
        created += 1
    mapping = {a.name: a.person for a in existing.values() if a.status != Alias.Status.REJECTED}
    return mapping, created


def consensus_build(*, explainer: Explainer, progress: Progress | None = None) -> BuildSummary:
    """Extract claims from new or changed articles and (re)build proposed entries and conflicts.

    Entries an editor approved, rejected, edited or arranged by hand keep their statement, status and pinned
    claims; claims the new grouping adds to them are attached. Undecided entries are rebuilt. Raises
    ``ValidationError`` before writing anything when the explainer has no articles or an article is empty.
    """
    report = progress or (lambda done, total, message: None)
    with transaction.atomic():
        explainer_lock(explainer.pk, wait=False)
        # Read under the lock: an import or a deletion that committed while the build waited for it is seen.
        articles = list(explainer.articles.order_by("id"))
        if not articles:
            raise ValidationError(
                _("The explainer “%(slug)s” has no articles yet: import some first.") % {"slug": explainer.slug})
        empty = [a.origin for a in articles if not a.body.strip()]
        if empty:
            raise ValidationError(
                _("These articles have no text left after cleaning: %(names)s. Restore removed fragments or "
                  "re-import them.") % {"names": ", ".join(empty)}
            )
        stale = [a for a in articles if a.needs_extraction or not a.claims.exists()]
        total_steps = len(stale) + 2
        # What readers would be shown, to tell afterwards whether the build changed it (only needed when that would
        # send a submitted or published draft back).
        shown = revision_content_build(explainer=explainer) if draft_reopenable(explainer) else None
        keep_ids = _editors_entries(explainer)
        undecided = ConsensusEntry.objects.filter(explainer=explainer).exclude(pk__in=keep_ids)
        before = set(undecided.values_list("pk", flat=True))  # to count what the build adds and removes
        # Every entry's passages from the articles about to be re-read, so that a sentence that is still there
        # supports the same entries afterwards (an undecided entry then keeps its id and matches its group).
        remembered: dict[int, list[tuple[tuple[int, str, int], bool, float]]] = defaultdict(list)
        key_of = {claim.id: key for key, claim in _occurrences(Claim.objects.filter(article__in=stale)).items()}
        for ec in EntryClaim.objects.filter(entry__explainer=explainer, claim__article__in=stale):
            remembered[ec.entry_id].append((key_of[ec.claim_id], ec.pinned, ec.score))
        for done, article in enumerate(stale, start=1):
            report(done - 1, total_steps, _("Extracting claims from %(origin)s") % {"origin": article.origin})
            article.claims.all().delete()
            Claim.objects.bulk_create(_extract(article))
            article.needs_extraction = False
            article.save(update_fields=["needs_extraction", "updated_at"])
        if stale:
            _relink(remembered, _occurrences(Claim.objects.filter(article__in=stale)))
            # A proposal whose every passage is gone (split out by hand, then its sentence reworded) goes too.
            ConsensusEntry.objects.filter(
                explainer=explainer, status=ConsensusEntry.Status.PROPOSED, statement_edited=False, supports__isnull=True
            ).delete()

        report(len(stale), total_steps, _("Matching claims across sources"))
        claims = list(Claim.objects.filter(article__explainer=explainer).order_by("article_id", "start"))
        bodies = {a.id: a.body for a in articles}
        aliases, proposed = _aliases_update(explainer, bodies)
        spans = [
            pipeline.ClaimSpan(
                source=c.article_id, start=c.start, end=c.end, text=c.text, sentence_start=c.sentence_start,
                sentence_end=c.sentence_end, kind=c.kind, people=tuple(c.people),
            )
            for c in claims
        ]
        backend = pipeline.backend_named(settings.CONSENSUS_BACKEND)
        result = pipeline.build_consensus(spans, aliases=aliases, bodies=bodies, backend=backend)

        report(len(stale) + 1, total_steps, _("Writing entries and conflicts"))
        # A pass can leave work for the next one (a decided entry that grew no longer continues the same groups; a
        # claim that now has an entry): passes run until one changes nothing, so the next build changes nothing.
        # A first build (no entries yet) has nothing earlier to continue and is settled after one pass.
        for _settling in range(_WRITE_PASSES if before or keep_ids else 1):
            if not _entries_write(explainer, claims, result.groups, keep_ids):
                break
        after = set(undecided.values_list("pk", flat=True))
        counts = {"entries_created": len(after - before), "entries_unchanged": len(after & before),
                  "entries_removed": len(before - after), "decided_kept": len(keep_ids)}
        conflicts, open_removed, settled_removed = _conflicts_write(explainer, claims, result.conflicts)
        if shown is not None and revision_content_build(explainer=explainer) != shown:
            # New citations on approved entries, new or changed conflicts, re-read text: not what was reviewed.
            reopen_draft(explainer, None, reason=_("A consensus build changed what would be published."))
        elif shown is None and draft_reopenable(explainer):
            # Submitted while this build ran (not locked out, which would add a lock-order inversion with the
            # entry services): what was submitted may not be what the build leaves.
            reopen_draft(explainer, None, reason=_("Submitted while a consensus build was running."))
        draft_for(explainer=explainer)  # listed among the drafts from now on, its spoiler default read from the claims
        report(total_steps, total_steps, _("Done"))
    return BuildSummary(
        articles_read=len(stale), claims=len(claims), conflicts=conflicts, aliases_proposed=proposed,
        settled_conflicts_removed=settled_removed, open_conflicts_removed=open_removed, **counts
    )


def _entries_write(explainer, claims, groups, keep_ids) -> bool:
    """Write the build's groups as entries, changing nothing an editor decided and nothing that did not change;
    return whether anything was written.

    A group is, in this order:
    - nothing new, when one editor-decided entry already holds every claim of it (merged or moved there);
    - an undecided entry it was last time, kept as it is: the same claims, or the same once the claims an editor
      moved into decided entries are set aside (so a move is not undone);
    - an editor-decided entry continued, when the group holds the whole entry or two of its claims: the group's
      brand-new claims (from a new or re-read article) are attached to it, one per source it does not cite yet,
      and its other claims keep the entries they have (a claim left with none becomes a proposal of its own);
    - else a new proposed entry, without the claims editors placed by hand in decided entries. Undecided entries
      that no group matched are removed.
    """
    kept = list(
        ConsensusEntry.objects.filter(pk__in=keep_ids).prefetch_related(
            Prefetch("supports", queryset=EntryClaim.objects.select_related("claim"))
        )
    )
    kept_claims = {ec.claim_id for entry in kept for ec in entry.supports.all()}
    entry_of_claim: dict[int, list[ConsensusEntry]] = defaultdict(list)
    for entry in kept:
        for ec in entry.supports.all():
            entry_of_claim[ec.claim_id].append(entry)
    undecided = list(
        ConsensusEntry.objects.filter(explainer=explainer, status=ConsensusEntry.Status.PROPOSED)
        .exclude(pk__in=keep_ids)
        .prefetch_related("supports")
    )
    by_claims: dict[frozenset[int], list[ConsensusEntry]] = defaultdict(list)
    by_rest: dict[frozenset[int], list[tuple[frozenset[int], ConsensusEntry]]] = defaultdict(list)
    for entry in undecided:
        held = frozenset(ec.claim_id for ec in entry.supports.all())
        if held:  # one left with no claims (their article was re-read) matches nothing and goes
            by_claims[held].append(entry)
        if held - kept_claims:
            by_rest[held - kept_claims].append((held, entry))
    assigned = kept_claims | {ec.claim_id for entry in undecided for ec in entry.supports.all()}
    # Claims an editor placed by hand (moved, merged or split) stay where they were put: no new proposal takes them.
    placed = {ec.claim_id for entry in kept for ec in entry.supports.all() if ec.pinned}
    created = 0
    covered_sources: dict[int, set[int]] = {}
    matched: set[int] = set()
    new_links: list[EntryClaim] = []
    exact: set[int] = set()  # groups that are an undecided entry claim for claim, matched before any looser match
    for index, group in enumerate(groups):
        candidates = by_claims.get(frozenset(claims[i].id for i in group.members), [])
        entry = next((e for e in candidates if e.id not in matched), None)
        if entry is not None:
            exact.add(index)
            matched.add(entry.id)
    for index, group in enumerate(groups):
        if index in exact:
            continue
        members = [(claims[i], score) for i, score in zip(group.members, group.scores)]
        ids = frozenset(c.id for c, _ in members)
        rest = ids - kept_claims
        if _inside_one(ids, entry_of_claim):
            continue
        # The entry this group was, less the claims an editor moved into decided entries since.
        entry = next((e for held, e in by_rest.get(rest, []) if held <= ids and e.id not in matched), None)
        if entry is not None:
            matched.add(entry.id)
            continue
        owner = _owner(ids, entry_of_claim)
        if owner is not None:
            # Only brand-new claims join it; the group's others keep the entries they have (or, left with none,
            # become proposals of their own below), so the next build finds the same and changes nothing.
            covered = covered_sources.setdefault(owner.id, {ec.claim.article_id for ec in owner.supports.all()})
            for c, score in members:
                if c.id not in assigned and c.article_id not in covered:
                    covered.add(c.article_id)
                    new_links.append(EntryClaim(entry=owner, claim=c, score=score))
            continue
        members = [(c, score) for c, score in members if c.id not in placed]
        if not members or len(members) == 1 and members[0][0].id in assigned:
            continue  # what is left is a claim that already has an entry
        same = by_claims.get(frozenset(c.id for c, _ in members), [])
        entry = next((e for e in same if e.id not in matched), None)
        if entry is not None:  # the proposal it was last time, once the claims editors placed are set aside
            matched.add(entry.id)
            continue
        statement = next((c.text for c, _ in members if c.text == group.statement),
                         max(members, key=lambda m: m[1])[0].text)
        entry = ConsensusEntry.objects.create(
            explainer=explainer, statement=statement, statement_html=statement_html(statement, edited=False),
            kind=group.kind,
        )
        new_links += [EntryClaim(entry=entry, claim=c, score=score) for c, score in members]
        created += 1
    # An unmatched proposal of one claim that nothing else takes stays as it is, rather than going and coming
    # back below as a new proposal of the same claim (with a new id, every build).
    linked = kept_claims | {link.claim_id for link in new_links} | {
        ec.claim_id for entry in undecided if entry.id in matched for ec in entry.supports.all()}
    for entry in undecided:
        held = {ec.claim_id for ec in entry.supports.all()}
        if entry.id not in matched and len(held) == 1 and not held & linked:
            matched.add(entry.id)
    stale = [e.id for e in undecided if e.id not in matched]
    ConsensusEntry.objects.filter(pk__in=stale).delete()
    EntryClaim.objects.bulk_create(new_links, ignore_conflicts=True)
    # Every claim supports some entry: one whose only entry went with the stale ones becomes a proposal of its own.
    orphans = Claim.objects.filter(article__explainer=explainer, supports__isnull=True).order_by("article_id", "start")
    for claim in orphans:
        entry = ConsensusEntry.objects.create(
            explainer=explainer, statement=claim.text, statement_html=statement_html(claim.text, edited=False),
            kind=claim.kind,
        )
        EntryClaim.objects.create(entry=entry, claim=claim)
        created += 1
    _support_and_order(explainer, keep_ids)
    return bool(created or stale or new_links)


def _inside_one(ids: frozenset[int], entry_of_claim: dict[int, list[ConsensusEntry]]) -> bool:
    """Whether one editor-decided entry holds every claim in ``ids``."""
    first = next(iter(ids))
    return any(all(entry in entry_of_claim.get(c, []) for c in ids) for entry in entry_of_claim.get(first, []))


def _owner(ids: frozenset[int], entry_of_claim: dict[int, list[ConsensusEntry]]) -> ConsensusEntry | None:
    """The editor-decided entry a group of claims ``ids`` continues, if any: one whose every claim is in the group,
    or that shares two claims with it (an entry merged from several groups shares only some of each); the one
    sharing the most claims when several do. One shared claim alone is not enough: a sentence that makes two
    points supports two entries."""
    shared: dict[int, int] = defaultdict(int)
    entries: dict[int, ConsensusEntry] = {}
    for claim_id in ids:
        for entry in entry_of_claim.get(claim_id, []):
            shared[entry.id] += 1
            entries[entry.id] = entry
    owners = [entries[pk] for pk, count in shared.items() if count >= 2 or count == len(entries[pk].supports.all())]
    return max(owners, key=lambda e: (shared[e.id], -e.id), default=None)


def _editors_entries(explainer: Explainer) -> set[int]:
    """The entries editors decided (approved, rejected, reworded) or arranged by hand (a pinned claim)."""
    decided = ConsensusEntry.objects.filter(explainer=explainer).exclude(
        status=ConsensusEntry.Status.PROPOSED, statement_edited=False).values_list("id", flat=True)
    pinned = EntryClaim.objects.filter(entry__explainer=explainer, pinned=True).values_list("entry_id", flat=True)
    return set(decided) | set(pinned)


def article_claims_forget(*, article: Article) -> None:
    """Before a source is deleted: its claims and conflict variants go; a proposal left with no passage goes; a
    conflict left with one source is no longer a disagreement, so an open one goes and a settled one is
    dismissed (readers no longer see it; the audit log keeps the editor's resolution); every entry's support is
    recounted, so that the counts are true before the next build. An entry an editor decided stays, even with
    no passage left (submitting is refused until it is rejected or given one)."""
    explainer = article.explainer
    Claim.objects.filter(article=article).delete()
    ConflictVariant.objects.filter(article=article).delete()
    keep_ids = _editors_entries(explainer)
    ConsensusEntry.objects.filter(explainer=explainer, supports__isnull=True).exclude(pk__in=keep_ids).delete()
    single = Conflict.objects.filter(explainer=explainer).annotate(
        sources=Count("variants__article", distinct=True)).filter(sources__lt=2)
    single.filter(status=Conflict.Status.OPEN).delete()
    note = _("Only one source is left since “%(origin)s” was deleted.") % {"origin": article.origin}
    Conflict.objects.filter(pk__in=single.values("pk"), status=Conflict.Status.RESOLVED).update(
        status=Conflict.Status.DISMISSED, resolution_note=note, version=F("version") + 1)
    _support_and_order(explainer, keep_ids)


def _support_and_order(explainer: Explainer, keep_ids: set[int]) -> None:
    """Recount distinct supporting sources and order entries: best supported first, then by first mention. An
    editor-decided entry (``keep_ids``) keeps its position: that order is the editors' (set on the Arrange page,
    or as it stood when they decided) and is what readers see."""
    entries = list(
        ConsensusEntry.objects.filter(explainer=explainer).prefetch_related(
            Prefetch("supports", queryset=EntryClaim.objects.select_related("claim"))
        )
    )

    def first_mention(entry):
        return min(((ec.claim.article_id, ec.claim.start) for ec in entry.supports.all()), default=(0, 0))

    was = {entry.pk: (entry.support, entry.position) for entry in entries}
    for entry in entries:
        entry.support = len({ec.claim.article_id for ec in entry.supports.all()})
    entries.sort(key=lambda e: (-e.support, first_mention(e), e.pk))  # ties by age, not by the last order
    for position, entry in enumerate(entries):
        if entry.pk not in keep_ids:
            entry.position = position
    changed = [entry for entry in entries if was[entry.pk] != (entry.support, entry.position)]
    ConsensusEntry.objects.bulk_update(changed, ["support", "position"], batch_size=BULK_UPDATE_BATCH)


def _conflicts_write(explainer, claims, found) -> tuple[int, int, int]:
    """Write the build's conflicts; return how many it found, how many open ones and how many settled ones it
    removed.

    An open conflict takes what the build found (or goes, when not found again). A settled one (resolved or
    dismissed) keeps its status and resolution; found again, its passages are refreshed, as a re-read source's
    passages move or change; not found again, it stays while its passages are still in its sources' text (the
    editor's word on them stands) and goes once they are not (the sources were re-read and no longer disagree
    there: its quotes would be text no source holds)."""
    existing = {c.key: c for c in Conflict.objects.filter(explainer=explainer)}
    seen = set()
    entry_for = _conflict_entry_chooser(explainer)
    for item in found:
        key = item.key[:200]
        seen.add(key)
        conflict = existing.get(key)
        entry_id = entry_for([claims[v.claim].id for v in item.variants])
        if conflict is None:
            conflict = Conflict.objects.create(
                explainer=explainer, key=key, about=item.about[:500], kind=item.kind, entry_id=entry_id,
            )
        else:
            conflict.about = item.about[:500]
            conflict.entry_id = entry_id
            conflict.save(update_fields=["about", "entry"])
            conflict.variants.all().delete()
        ConflictVariant.objects.bulk_create(
            ConflictVariant(
                conflict=conflict, value=v.value[:300], article_id=claims[v.claim].article_id, claim=claims[v.claim],
                start=v.start, end=v.end, text=v.text,
            )
            for v in item.variants
        )
    _deleted, by_model = (
        Conflict.objects.filter(explainer=explainer, status=Conflict.Status.OPEN).exclude(key__in=seen).delete())
    open_removed = by_model.get(Conflict._meta.label, 0)  # not their variants
    settled = Conflict.objects.filter(explainer=explainer).exclude(status=Conflict.Status.OPEN).exclude(key__in=seen)
    stale = {variant.conflict_id for variant in ConflictVariant.objects.filter(conflict__in=settled).select_related(
        "article").only("conflict_id", "start", "end", "text", "article__body")
        if variant.article.body[variant.start:variant.end] != variant.text}
    Conflict.objects.filter(pk__in=stale).delete()
    return len(seen), open_removed, len(stale)


def _conflict_entry_chooser(explainer):
    """``entry_for(claim_ids)``: the entry a conflict between those claims is about -- of the entries holding any
    of them, one not rejected first, then the one holding most of them, then the best placed; None if none does.
    (Taking the first claim's entry, as before, could name a rejected entry or a one-sided proposal.)"""
    entries_of: dict[int, list[int]] = defaultdict(list)
    rank: dict[int, tuple] = {}
    rows = EntryClaim.objects.filter(entry__explainer=explainer).values_list(
        "claim_id", "entry_id", "entry__status", "entry__position")
    for claim_id, entry_id, status, position in rows:
        entries_of[claim_id].append(entry_id)
        rank[entry_id] = (status == ConsensusEntry.Status.REJECTED, position, entry_id)

    def entry_for(claim_ids) -> int | None:
        held = Counter(entry_id for claim_id in set(claim_ids) for entry_id in entries_of.get(claim_id, ()))
        if not held:
            return None
        return min(held, key=lambda e: (rank[e][0], -held[e], rank[e][1:]))

    return entry_for


def consensus_export(*, explainer: Explainer) -> dict:
    """The explainer's articles, entries and conflicts as plain data (the ``export_consensus`` JSON)."""
    articles = list(explainer.articles.order_by("id"))
    entries = ConsensusEntry.objects.filter(explainer=explainer).prefetch_related(
        Prefetch("supports", queryset=EntryClaim.objects.select_related("claim").order_by("claim__article_id", "claim__start"))
    )
    conflicts = Conflict.objects.filter(explainer=explainer).prefetch_related("variants")
    return {
        "explainer": explainer.slug,
        "title": explainer.title,
        "articles": [
            {"id": a.id, "origin": a.origin, "title": a.title, "publisher": a.publisher,
             "published": a.published.isoformat() if a.published else None, "url": a.url, "author": a.author}
            for a in articles
        ],
        "entries": [
            {
                "id": e.id, "statement": e.statement, "kind": e.kind, "status": e.status, "support": e.support,
                "claims": [
                    {"id": ec.claim.id, "article": ec.claim.article_id, "text": ec.claim.text, "start": ec.claim.start,
                     "end": ec.claim.end, "kind": ec.claim.kind, "people": ec.claim.people}
                    for ec in e.supports.all()
                ],
            }
            for e in entries
        ],
        "conflicts": [
            {
                "id": c.id, "about": c.about, "kind": c.kind, "status": c.status, "resolution": c.resolution,
                "variants": [
                    {"value": v.value, "article": v.article_id, "text": v.text, "start": v.start, "end": v.end}
                    for v in c.variants.all()
                ],
            }
            for c in conflicts
        ],
    }
