"""/healthz tells an operator (or a load balancer) which store is down."""

from __future__ import annotations

import pytest
from django.db import connections
from django.db.utils import ConnectionHandler

from hiring.platform.health import database_status

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_database_and_redis_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok"}


def test_healthz_names_redis_when_it_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "redis": "down"}


def test_database_probe_reports_down_for_an_unreachable_server():
    config = {**connections["default"].settings_dict}
    config.update(
        ENGINE="django.db.backends.postgresql",
        NAME="nope",
        HOST="127.0.0.1",
        PORT=1,
        OPTIONS={"connect_timeout": 1},
    )
    handler = ConnectionHandler({"default": config})

    assert database_status(handler["default"]) == "down"
