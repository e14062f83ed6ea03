"""The client's address for login throttling (django-axes), proxies taken into account.

Behind N reverse proxies (ATLAS_PROXY_COUNT) the client is the N-th address from the right of
X-Forwarded-For: the ones further left are whatever the client chose to send, so trusting
them would let an attacker pick a fresh address for every guess.
"""

from django.conf import settings


def client_ip(request) -> str:
    proxies = settings.ATLAS_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
