"""Login, device tokens, devices and the authorisation layer, over real HTTP."""

from __future__ import annotations

import asyncio
import re
import time
import uuid

import httpx
import pytest
from sqlalchemy.orm import sessionmaker

from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.errors import ValidationError
from dorpsondersteuner.models.enums import Role
from dorpsondersteuner.server import admin, auth
from dorpsondersteuner.server.db import SERVER_SCHEMA_HEAD
from dorpsondersteuner.server.passwords import Hasher
from dorpsondersteuner.server.settings import PasswordHashing, Settings, ThrottlePolicy

from .conftest import Server, bearer, login


def test_health_and_version_need_no_token(client: httpx.Client):
    assert client.get("/health").json() == {"status": "ok"}
    version = client.get("/version").json()
    assert version["program"] == "dorpsondersteuner-server"
    assert version["schema_revision"] == SERVER_SCHEMA_HEAD


def test_a_demo_user_logs_in_and_sees_role_team_and_areas(client: httpx.Client):
    answer = login(client, "sanne", admin.DEMO_PASSWORD)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token"].startswith("dos_") and len(body["token"]) >= 40
    assert len(bytes.fromhex(body["recovery_secret"])) == 32
    assert re.fullmatch(r"[A-Z][2-9]+", body["device"]["short_code"])

    me = client.get("/me", headers=bearer(body["token"])).json()
    assert me["username"] == "sanne"
    assert me["role"] == "district_team"
    assert me["team"]["name"] == "Wijkteam Gemert"
    assert [area["code"] for area in me["areas"]] == ["ELS", "GEC", "GEN", "GEZ", "HAN", "MOR"]
    assert me["device"] == body["device"]


def test_a_supporter_sees_only_own_areas(client: httpx.Client):
    token = login(client, "els", admin.DEMO_PASSWORD).json()["token"]
    me = client.get("/me", headers=bearer(token)).json()
    assert me["role"] == "village_supporter" and me["team"] is None
    assert [area["code"] for area in me["areas"]] == ["MIL", "RIP"]
    assert me["user_id"] == str(demo_id("user", "els"))


def test_wrong_password_and_unknown_user_get_the_same_answer(client: httpx.Client, make_user):
    account = make_user()
    wrong = login(client, account.username, "not the right password")
    unknown = login(client, f"nobody{uuid.uuid4().hex[:8]}", "not the right password")
    assert wrong.status_code == unknown.status_code == 401
    assert (
        wrong.json()
        == unknown.json()
        == {
            "error": "invalid_credentials",
            "message": "wrong username or password",
        }
    )
    assert wrong.headers["www-authenticate"] == unknown.headers["www-authenticate"] == "Bearer"


def test_an_unknown_user_costs_as_much_time_as_a_wrong_password(server: Server, make_user):
    """Real argon2id parameters here, so the time is the hash's, not the network's."""
    hasher = Hasher(PasswordHashing())
    account = make_user()
    with server.transaction() as session:
        admin.set_password(session, hasher, account.username, account.password)
    settings = Settings(server.database_url, throttle=ThrottlePolicy(free_failures=100))
    sessions = sessionmaker(server.engine, expire_on_commit=False)

    def timed(username: str) -> float:
        started = time.perf_counter()
        with pytest.raises(auth.AuthError) as refused:
            asyncio.run(
                auth.login(
                    sessions,
                    hasher,
                    settings,
                    username=username,
                    password="a wrong password, long",
                    device_id=uuid.uuid4(),
                    client="test",
                )
            )
        assert refused.value.code == "invalid_credentials"
        return time.perf_counter() - started

    # Interleaved, best of five each: a busy machine slows single runs, not the best.
    # Without the dummy hash an unknown user would answer in a small fraction of the
    # time, far outside these bounds.
    wrongs, unknowns = [], []
    for _ in range(5):
        wrongs.append(timed(account.username))
        unknowns.append(timed(f"nobody{uuid.uuid4().hex[:8]}"))
    wrong, unknown = min(wrongs), min(unknowns)
    assert unknown > 0.5 * wrong and wrong > 0.5 * unknown, (wrong, unknown)


def test_the_same_device_keeps_its_short_code_and_secret(client: httpx.Client, make_user):
    account = make_user()
    device = uuid.uuid4()
    first = login(client, account.username, account.password, device).json()
    second = login(client, account.username, account.password, device).json()
    assert second["device"] == first["device"]
    assert second["recovery_secret"] == first["recovery_secret"]
    assert second["token"] != first["token"]
    # One live token per device: the new login ended the old one.
    assert client.get("/me", headers=bearer(first["token"])).json()["error"] == "invalid_token"
    assert client.get("/me", headers=bearer(second["token"])).status_code == 200

    other = login(client, account.username, account.password, uuid.uuid4()).json()
    assert other["device"]["short_code"] != first["device"]["short_code"]
    assert other["recovery_secret"] != first["recovery_secret"]


def test_short_codes_are_unique_and_never_reused(client: httpx.Client, make_user, server: Server):
    account = make_user()
    codes = [
        login(client, account.username, account.password).json()["device"]["short_code"]
        for _ in range(4)
    ]
    with server.transaction() as session:
        admin.revoke_device(session, codes[-1])
    codes.append(login(client, account.username, account.password).json()["device"]["short_code"])
    assert len(set(codes)) == len(codes)
    assert "D1" not in codes  # the demo register's code


def test_short_code_sequence():
    assert [auth.short_code(n) for n in (0, 1, 7, 8)] == ["A2", "A3", "A9", "B2"]
    two_characters = len(auth.CODE_LETTERS) * len(auth.CODE_DIGITS)
    assert auth.short_code(two_characters - 1) == "Z9"
    assert auth.short_code(two_characters) == "A22"
    codes = [auth.short_code(n) for n in range(3000)]
    assert len(set(codes)) == 3000
    assert all(not code.startswith(("D", "I", "O")) and "1" not in code for code in codes)


def test_another_user_on_a_registered_device_gets_nothing(client: httpx.Client, make_user):
    """A device's recovery secret unwraps its own user's register only (D4)."""
    owner, other = make_user(), make_user()
    device = uuid.uuid4()
    assert login(client, owner.username, owner.password, device).status_code == 200
    refused = login(client, other.username, other.password, device)
    assert refused.status_code == 403
    assert refused.json()["error"] == "device_other_user"
    assert "recovery_secret" not in refused.text and "token" not in refused.json()


def test_logout_ends_the_token(client: httpx.Client, make_user):
    account = make_user()
    token = login(client, account.username, account.password).json()["token"]
    assert client.post("/auth/logout", headers=bearer(token)).status_code == 204
    after = client.get("/me", headers=bearer(token))
    assert after.status_code == 401 and after.json()["error"] == "invalid_token"
    assert client.post("/auth/logout", headers=bearer(token)).status_code == 401


def test_a_revoked_device_gets_nothing(client: httpx.Client, make_user, server: Server):
    account = make_user()
    device = uuid.uuid4()
    token = login(client, account.username, account.password, device).json()["token"]
    with server.transaction() as session:
        admin.revoke_device(session, str(device))
    after = client.get("/me", headers=bearer(token))
    assert after.status_code == 401 and after.json()["error"] == "device_revoked"
    again = login(client, account.username, account.password, device)
    assert again.status_code == 403 and again.json()["error"] == "device_revoked"
    assert "recovery_secret" not in again.text and "token" not in again.json()
    # The user keeps working on another laptop.
    assert login(client, account.username, account.password).status_code == 200


def test_a_deactivated_user_is_refused(client: httpx.Client, make_user, server: Server):
    account = make_user()
    token = login(client, account.username, account.password).json()["token"]
    with server.transaction() as session:
        admin.set_active(session, account.username, False)
    assert client.get("/me", headers=bearer(token)).status_code == 401
    refused = login(client, account.username, account.password)
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_credentials"
    with server.transaction() as session:
        admin.set_active(session, account.username, True)
    assert login(client, account.username, account.password).status_code == 200


def test_a_deactivated_user_with_a_fresh_token_is_refused(client: httpx.Client, make_user, server):
    """Deactivation in the database alone (no token ended) still locks the user out."""
    account = make_user()
    token = login(client, account.username, account.password).json()["token"]
    with server.transaction() as session:
        admin.find_user(session, account.username).active = False
    refused = client.get("/me", headers=bearer(token))
    assert refused.status_code == 401 and refused.json()["error"] == "account_inactive"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer dos_not-a-real-token"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer " + "x" * 5000},
    ],
)
def test_endpoints_need_a_valid_token(client: httpx.Client, headers: dict[str, str]):
    for method, path in [("GET", "/me"), ("POST", "/auth/logout"), ("GET", "/admin/devices")]:
        answer = client.request(method, path, headers=headers)
        assert answer.status_code == 401, (path, answer.text)
        assert answer.headers["www-authenticate"] == "Bearer"


def test_require_roles_admits_only_the_named_roles(client: httpx.Client):
    supporter = login(client, "ingrid", admin.DEMO_PASSWORD).json()["token"]
    refused = client.get("/admin/devices", headers=bearer(supporter))
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"

    administrator = login(client, "beheer", admin.DEMO_PASSWORD).json()["token"]
    devices = client.get("/admin/devices", headers=bearer(administrator))
    assert devices.status_code == 200
    assert "ingrid" in {device["username"] for device in devices.json()}
    assert all("recovery_secret" not in device for device in devices.json())


def test_an_expired_token_is_refused(client: httpx.Client, make_user, server: Server):
    from sqlalchemy import update

    from dorpsondersteuner.models.base import utcnow
    from dorpsondersteuner.server.models import DeviceToken

    account = make_user()
    token = login(client, account.username, account.password).json()["token"]
    with server.transaction() as session:
        session.execute(
            update(DeviceToken)
            .where(DeviceToken.token_hash == auth.hash_token(token))
            .values(expires_at=utcnow())
        )
    refused = client.get("/me", headers=bearer(token))
    assert refused.status_code == 401 and refused.json()["error"] == "token_expired"


def test_tokens_and_secrets_are_stored_and_logged_safely(
    client: httpx.Client, make_user, server: Server
):
    from sqlalchemy import select

    from dorpsondersteuner.server.models import Credential, DeviceToken

    account = make_user()
    body = login(client, account.username, account.password).json()
    with server.transaction() as session:
        hashes = session.scalars(select(DeviceToken.token_hash)).all()
        stored = session.get(Credential, account.user_id)
        assert stored is not None and stored.password_hash.startswith("$argon2id$")
    assert body["token"] not in hashes and auth.hash_token(body["token"]) in hashes
    log = server.log()
    assert f"login succeeded: user {account.username}" in log
    assert body["token"] not in log and body["recovery_secret"] not in log


def test_admin_password_reset_ends_tokens_and_keeps_the_device(
    client: httpx.Client, make_user, server: Server
):
    """A forgotten password strands nothing: the same device gets the same secret (D4)."""
    account = make_user()
    device = uuid.uuid4()
    before = login(client, account.username, account.password, device).json()
    new_password = "another long password for this test"
    with server.transaction() as session:
        assert admin.set_password(session, server.hasher, account.username, new_password) == 1
    assert client.get("/me", headers=bearer(before["token"])).status_code == 401
    assert login(client, account.username, account.password, device).status_code == 401
    after = login(client, account.username, new_password, device).json()
    assert after["recovery_secret"] == before["recovery_secret"]
    assert after["device"] == before["device"]


def test_password_rules_in_admin(server: Server):
    with server.transaction() as session, pytest.raises(ValidationError, match="too short"):
        admin.create_user(
            session,
            server.hasher,
            username="shorty",
            display_name="Short Password",
            role=Role.MUNICIPALITY,
            password="elevenchars",
        )
