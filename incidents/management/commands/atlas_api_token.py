"""`manage.py atlas_api_token USERNAME`: a token for the REST API (/api/v1/), printed once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from incidents.services.tokens import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it once (only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="What the token is for.")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no such user: {username}")
        if not user.has_perm("incidents.view_incident"):
            self.stderr.write(
                f"warning: {username} has no role; the API will answer 403 until the user "
                "gets one (viewer reads, editor also adds reports)."
            )
        elif not user.has_perm("incidents.add_report"):
            self.stderr.write(f"note: {username} may read but not add reports (no editor role).")
        token, key = api_token_create(user=user, name=name)
        self.stdout.write(self.style.SUCCESS(
            f"Token {token.name!r} for {username}: {key}\n"
            "(shown once; only its SHA-256 is stored). Use it as: Authorization: Token <key>"
        ))
