"""The admin CLI, run as an operator runs it (subprocesses) against the live server's
database: nothing ever needs editing by hand."""

from __future__ import annotations

import io
import uuid

import httpx
import pytest

from dorpsondersteuner.server.cli import main
from dorpsondersteuner.server.settings import TEST_HASHING_ENV

from .conftest import Server, bearer, login, run_cli

PASSWORD = "a long enough cli password"


def test_an_operator_sets_up_and_manages_accounts(
    client: httpx.Client,
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    """The main commands as subprocesses; the listings in-process, to keep it quick."""
    url = server.database_url
    monkeypatch.setenv(TEST_HASHING_ENV, "1")
    suffix = uuid.uuid4().hex[:4].upper()
    code = "T" + "".join(chr(ord("A") + int(c, 16) % 26) for c in suffix)
    team = f"Wijkteam {code}"
    supporter, member = f"sup{suffix.lower()}", f"mem{suffix.lower()}"

    def ok(*args: str, stdin: str | None = None) -> str:
        done = run_cli("admin", *args, database_url=url, stdin=stdin)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return done.stdout

    def in_process(*args: str) -> str:
        assert main(["admin", *args, "--database-url", url]) == 0
        return capsys.readouterr().out

    ok("create-area", code, "Testdorp")
    ok("create-team", team, "--area", code, "--area", "BAK")
    ok(
        "create-user",
        supporter,
        "--name",
        "Sup Porter",
        "--role",
        "village_supporter",
        "--area",
        code,
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    ok(
        "create-user",
        member,
        "--name",
        "Team Member",
        "--role",
        "district_team",
        "--team",
        team,
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )

    device = uuid.uuid4()
    body = login(client, supporter, PASSWORD, device).json()
    me = client.get("/me", headers=bearer(body["token"])).json()
    assert [area["code"] for area in me["areas"]] == [code]
    member_token = login(client, member, PASSWORD).json()["token"]
    member_me = client.get("/me", headers=bearer(member_token)).json()
    assert member_me["team"]["name"] == team
    assert [area["code"] for area in member_me["areas"]] == sorted([code, "BAK"])

    listed = ok("list-devices", "--user", supporter)
    assert body["device"]["short_code"] in listed and str(device) in listed
    assert body["recovery_secret"] not in listed
    assert supporter in in_process("list-users") and team in in_process("list-areas")

    in_process("update-user", supporter, "--area", code, "--area", "MIL")
    me = client.get("/me", headers=bearer(body["token"])).json()
    assert [area["code"] for area in me["areas"]] == sorted([code, "MIL"])

    new_password = "a brand new cli password"
    ok("set-password", supporter, "--password-stdin", stdin=new_password + "\n")
    assert client.get("/me", headers=bearer(body["token"])).status_code == 401
    assert login(client, supporter, new_password, device).status_code == 200

    ok("revoke-device", body["device"]["short_code"])
    assert login(client, supporter, new_password, device).json()["error"] == "device_revoked"
    assert "revoked" in in_process("list-devices", "--user", supporter)

    ok("deactivate", member)
    assert client.get("/me", headers=bearer(member_token)).status_code == 401
    assert login(client, member, PASSWORD).status_code == 401


def test_operator_mistakes_get_a_message_and_exit_code_2(
    server: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """In-process (the same main() the script runs), to keep the suite fast."""
    monkeypatch.setenv(TEST_HASHING_ENV, "1")
    good, common = PASSWORD + "\n", "password123456\n"
    cases = [
        (
            [
                "create-user",
                "x" + uuid.uuid4().hex[:6],
                "--name",
                "X",
                "--role",
                "village_supporter",
                "--area",
                "NOPE",
                "--password-stdin",
            ],
            good,
            "no area with code NOPE",
        ),
        (
            [
                "create-user",
                "y" + uuid.uuid4().hex[:6],
                "--name",
                "Y",
                "--role",
                "municipality",
                "--password-stdin",
            ],
            common,
            "too common",
        ),
        (
            [
                "create-user",
                "z" + uuid.uuid4().hex[:6],
                "--name",
                "Z",
                "--role",
                "district_team",
                "--password-stdin",
            ],
            good,
            "needs a team",
        ),
        (["create-area", "BAK", "Bakel again"], "", "already"),
        (["create-area", "B4K", "Digits"], "", "2 to 8 letters"),
        (["revoke-device", "Q9"], "", "no device"),
        (["set-password", "nobody-at-all", "--password-stdin"], good, "no user"),
        (["load-demo"], "", "not empty"),
    ]
    for args, stdin, message in cases:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        assert main(["admin", *args, "--database-url", server.database_url]) == 2, args
        assert message in capsys.readouterr().err
