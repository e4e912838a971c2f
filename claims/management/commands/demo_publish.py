"""A scripted editorial pass for the local demo: approve well-supported entries, submit, publish.

It goes through the same services an editor uses, as local demo accounts, and every audit entry it writes is
marked as the demo. Running it again when the live revision is current does nothing and says so.
"""
import json
import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse

from articles.models import Explainer
from claims.audit import demo_mode
from claims.models import ConsensusEntry, Draft
from claims.services.publishing import explainer_is_current, explainer_publish, explainer_submit, live_revision
from claims.services.review import entry_approve
from claims.services.revisions import draft_for

NOTE = "scripted demo"
MIN_SUPPORT = 2
ACCOUNTS = [
    # username, group, superuser
    ("admin", None, True),
    ("editor", "Editor", False),
    ("chief", "Chief editor", False),
]


class Command(BaseCommand):
    help = (
        "Publish an explainer the way editors would, for the local demo: approve entries supported by at least "
        "two sources, submit as the demo editor, publish as the demo chief editor. Creates the demo accounts "
        "when missing and prints their log-in details. Refuses to run on a database other than SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The explainer to publish.")
        parser.add_argument("--allow-any-database", action="store_true",
                            help="Run even if the database is not SQLite (demo accounts would be created there).")
        parser.add_argument("--base-url", default=os.environ.get("DEMO_BASE_URL", "http://127.0.0.1:8000"),
                            help="Where the site runs, for the printed admin address.")

    def handle(self, *args, slug: str, allow_any_database: bool, base_url: str, **options):
        if connection.vendor != "sqlite" and not allow_any_database:
            raise CommandError(
                "The demo creates log-in accounts, so it only runs on the local SQLite database. This database is "
                f"{connection.vendor}; pass --allow-any-database if you really mean it."
            )
        explainer = Explainer.objects.filter(slug=slug).first()
        if explainer is None:
            raise CommandError(f"There is no explainer “{slug}”. Import its articles first (import_articles).")
        users, passwords = self._accounts()
        with demo_mode():
            self._publish(explainer, editor=users["editor"], chief=users["chief"])
        self._print_accounts(users, passwords, base_url)

    def _publish(self, explainer: Explainer, *, editor, chief) -> None:
        draft = draft_for(explainer=explainer)
        live = live_revision(explainer=explainer)
        approved_statements = set(ConsensusEntry.objects.filter(
            explainer=explainer, status=ConsensusEntry.Status.APPROVED).values_list("statement", flat=True))
        to_approve = []
        for entry in ConsensusEntry.objects.filter(
                explainer=explainer, status=ConsensusEntry.Status.PROPOSED, support__gte=MIN_SUPPORT,
        ).order_by("-support", "position", "pk"):
            if entry.statement not in approved_statements:  # an editor would merge a repeat, not publish it twice
                approved_statements.add(entry.statement)
                to_approve.append(entry)
        if (not to_approve and draft.status == Draft.Status.PUBLISHED
                and explainer_is_current(explainer=explainer)):
            self.stdout.write(f"Nothing to do: revision {live.number} of “{explainer}” is live and current.")
            return
        approved = 0
        for entry in to_approve:
            entry_approve(entry=entry, user=editor, note=NOTE)
            approved += 1
        self.stdout.write(f"Approved {approved} entries supported by at least {MIN_SUPPORT} sources.")
        try:
            draft = draft_for(explainer=explainer)
            if draft.status != Draft.Status.IN_REVIEW:
                if live is not None and explainer_is_current(explainer=explainer):
                    self.stdout.write(f"Nothing to publish: revision {live.number} already shows this.")
                    return
                explainer_submit(explainer=explainer, user=editor, note=NOTE)
            revision = explainer_publish(explainer=explainer, user=chief, note=NOTE)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError(" ".join(messages)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Published revision {revision.number} of “{explainer}”: {revision.change_summary}"))

    def _accounts(self) -> tuple[dict, dict]:
        """The demo users, created only when missing; passwords of the ones this command created, from var/."""
        path = settings.VAR_DIR / "demo_accounts.json"
        saved = json.loads(path.read_text()) if path.exists() else {}
        users, created = {}, False
        User = get_user_model()
        for username, group, superuser in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                make = User.objects.create_superuser if superuser else User.objects.create_user
                user = make(username=username, password=password, email="", is_staff=True)
                if group:
                    user.groups.add(Group.objects.get(name=group))
                saved[username] = password
                created = True
            users[username] = user
        if created:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w") as file:
                json.dump(saved, file, indent=2)
            os.chmod(path, 0o600)
        return users, saved

    def _print_accounts(self, users: dict, passwords: dict, base_url: str) -> None:
        self.stdout.write("")
        self.stdout.write(f"Admin: {base_url.rstrip('/')}{reverse('admin:index')}")
        self.stdout.write(f"Local demo accounts (passwords kept in {settings.VAR_DIR / 'demo_accounts.json'}):")
        for username, group, _superuser in ACCOUNTS:
            role = group or "superuser"
            password = passwords.get(username, "(not created by the demo; password unknown)")
            self.stdout.write(f"  {username:<7} {role:<13} {password}")
