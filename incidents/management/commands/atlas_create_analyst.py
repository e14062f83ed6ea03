"""`manage.py atlas_create_analyst`: an editor account with a random password, printed once."""

from django.core.management.base import BaseCommand

from incidents.services.roles import analyst_create


class Command(BaseCommand):
    help = "Create the analyst account (role editor) and print its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="analyst")

    def handle(self, *args, username, **options):
        password = analyst_create(username=username)
        if password is None:
            self.stdout.write(
                f"Log in at http://127.0.0.1:8000/ as '{username}' (password printed when it was "
                f"created; set a new one with: .venv/bin/python manage.py changepassword {username})"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in at http://127.0.0.1:8000/ as '{username}' with password: {password}\n"
                "(shown once; it is not stored anywhere in clear)"
            )
        )
