"""The Celery app. Tasks run eagerly in the embedded default (CELERY_EAGER unset or 1)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("atlas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def redis_queue_purge(client, queue: str) -> None:
    """Drop a queue on a Redis broker with its bindings and the messages a killed worker
    left unacknowledged for it (kombu keeps those in the "unacked" hash and index)."""
    import json

    keys = [key for key in client.scan_iter(match=f"*{queue}*") if key.decode().endswith(queue)]
    if keys:
        client.delete(*keys)
    for tag, raw in client.hgetall("unacked").items():
        try:
            routing_key = json.loads(raw)[2]
        except (ValueError, IndexError, TypeError):
            continue
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
