"""`manage.py atlas_create_analyst`: an editor account with a random password, printed once."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from incidents.services.roles import EDITOR, roles_sync


class Command(BaseCommand):
    help = "Create the analyst account (role editor) and print its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="analyst")

    def handle(self, *args, username, **options):
        roles_sync()
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(
                f"Log in at http://127.0.0.1:8000/ as '{username}' (password printed when it was "
                f"created; set a new one with: .venv/bin/python manage.py changepassword {username})"
            )
            return
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_user(username=username, password=password, is_staff=True)
        user.groups.add(Group.objects.get(name=EDITOR))
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in at http://127.0.0.1:8000/ as '{username}' with password: {password}\n"
                "(shown once; it is not stored anywhere in clear)"
            )
        )
