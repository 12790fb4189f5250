"""The token check's own path (issue 10): its connections are not tested before each
use, so one the database dropped must be replaced without the user noticing; ``/me``
answers from the check's own reads exactly what the access policy says."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import select, text

from dorpsondersteuner.models import Area, DistrictTeam
from dorpsondersteuner.models.enums import Role
from dorpsondersteuner.services.access import load_principal

from .conftest import Server, bearer, login


def test_me_survives_the_database_dropping_every_connection(
    server: Server, client: httpx.Client, make_user
):
    """PostgreSQL restarted, or an operator ended the sessions: the check's pooled
    connections are dead, and the next /me is still answered (no 503, no 401)."""
    if not server.database_url.startswith("postgresql"):
        pytest.skip("SQLite has no connections to drop")
    account = make_user()
    token = login(client, account.username, account.password).json()["token"]
    for _ in range(3):  # the check's pool holds some connections now
        assert client.get("/me", headers=bearer(token)).status_code == 200
    with server.engine.connect() as connection:
        ended = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
    assert ended
    for _ in range(3):
        answer = client.get("/me", headers=bearer(token))
        assert answer.status_code == 200, answer.text
        assert answer.json()["username"] == account.username
    assert "database unavailable" not in server.log()


@pytest.mark.parametrize(
    ("role", "team"),
    [
        (Role.VILLAGE_SUPPORTER, None),
        (Role.DISTRICT_TEAM, "Wijkteam Gemert"),
        (Role.MUNICIPALITY, None),
        (Role.ADMINISTRATOR, None),
    ],
)
def test_me_shows_what_the_access_policy_loads(
    server: Server, client: httpx.Client, make_user, role: Role, team: str | None
):
    areas = ("BAK", "MIL") if role is Role.VILLAGE_SUPPORTER else ()
    account = make_user(role, areas=areas, team=team)
    answer = login(client, account.username, account.password)
    me = client.get("/me", headers=bearer(answer.json()["token"]))
    assert me.status_code == 200, me.text
    assert me.headers["content-type"] == "application/json"
    body = me.json()
    with server.transaction() as session:
        principal = load_principal(session, account.user_id)
        expected_areas = session.execute(
            select(Area.id, Area.code, Area.name)
            .where(Area.id.in_(principal.area_ids))
            .order_by(Area.code)
        ).all()
        expected_team = session.get(DistrictTeam, principal.team_id) if principal.team_id else None
        expected = {
            "user_id": str(principal.user_id),
            "username": principal.username,
            "display_name": principal.display_name,
            "role": principal.role.value,
            "team": (
                {"id": str(expected_team.id), "name": expected_team.name} if expected_team else None
            ),
            "areas": [
                {"id": str(area_id), "code": code, "name": name}
                for area_id, code, name in expected_areas
            ],
            "device": answer.json()["device"],
        }
    assert body == expected
    assert uuid.UUID(body["user_id"]) == account.user_id
