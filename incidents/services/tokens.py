"""API tokens: created for a user (the key shown once), looked up by the key's SHA-256.

Only the hash is stored (`ApiToken.key_hash`); a lookup stamps the token's last use.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from incidents.models import ApiToken


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the key, which is never stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], key_hash=_key_hash(key))
    return token, key


def api_token_user(*, authorization: str):
    """The active user an `Authorization: Token <key>` header belongs to, else None."""
    scheme, _, key = authorization.strip().partition(" ")
    key = key.strip()
    if scheme.lower() != "token" or not key:
        return None
    # Looked up by hash: the comparison never touches the key itself.
    token = ApiToken.objects.select_related("user").filter(key_hash=_key_hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
