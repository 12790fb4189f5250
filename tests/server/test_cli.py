"""The admin CLI, run as an operator runs it (subprocesses) against the live server's
database: nothing ever needs editing by hand."""

from __future__ import annotations

import io
import time
import uuid

import httpx
import pytest

from dorpsondersteuner.server import admin
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
    assert "first sign-in" in listed.splitlines()[0] and "last sign-in" in listed.splitlines()[0]
    assert supporter in in_process("list-users") and team in in_process("list-areas")

    in_process("update-user", supporter, "--area", code, "--area", "MIL")
    me = client.get("/me", headers=bearer(body["token"])).json()
    assert [area["code"] for area in me["areas"]] == sorted([code, "MIL"])

    new_password = "a brand new cli password"
    ok("set-password", supporter, "--password-stdin", stdin=new_password + "\n")
    assert client.get("/me", headers=bearer(body["token"])).status_code == 401
    assert login(client, supporter, new_password, device).status_code == 200

    ok("revoke-device", body["device"]["short_code"], "--keep-password")
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
        (["revoke-device", "Q9", "--keep-password"], "", "no device"),
        (["revoke-device", "Q9", "--password-stdin"], good, "goes with --reset-password"),
        (["set-password", "nobody-at-all", "--password-stdin"], good, "no user"),
        (["load-demo"], "", "not empty"),
    ]
    for args, stdin, message in cases:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        assert main(["admin", *args, "--database-url", server.database_url]) == 2, args
        assert message in capsys.readouterr().err


def _device_row(server: Server, short_code: str) -> str:
    """The listing's line of one device."""
    done = run_cli("admin", "list-devices", database_url=server.database_url)
    assert done.returncode == 0, done.stderr
    return next(line for line in done.stdout.splitlines() if f" {short_code} " in line)


def test_list_devices_shows_first_and_last_sign_in(client: httpx.Client, make_user, server):
    account = make_user()
    laptop, other = uuid.uuid4(), uuid.uuid4()
    first = login(client, account.username, account.password, laptop).json()
    code = first["device"]["short_code"]
    login(client, account.username, account.password, other)
    time.sleep(1.1)  # the listing is to the minute; the stored times are exact
    login(client, account.username, account.password, laptop)
    with server.transaction() as session:
        devices = admin.list_devices(session, account.username)
    mine = devices[0]
    assert mine.short_code == code  # the user's devices, oldest first
    assert mine.last_login_at is not None and mine.last_login_at > mine.created_at
    row = _device_row(server, code)
    assert row.split()[0] == account.username
    assert row.count(" UTC") == 3 and "active" in row and str(laptop) in row
    assert mine.created_at.strftime("%Y-%m-%d %H:%M UTC") in row


def test_revoking_a_lost_laptop_can_reset_the_password_at_once(
    client: httpx.Client, make_user, server: Server
):
    """Whoever has the laptop may know the password: with --reset-password it fails at
    once from any new device id, and the user's other devices need the new one."""
    account = make_user()
    lost, spare = uuid.uuid4(), uuid.uuid4()
    code = login(client, account.username, account.password, lost).json()["device"]["short_code"]
    spare_token = login(client, account.username, account.password, spare).json()["token"]

    new_password = "a fresh password after the theft"
    done = run_cli(
        "admin",
        "revoke-device",
        code,
        "--reset-password",
        "--password-stdin",
        database_url=server.database_url,
        stdin=new_password + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert f"device {code}" in done.stdout
    assert f"password of {account.username} reset" in done.stdout
    for device in (lost, uuid.uuid4()):  # the old password fails everywhere, at once
        refused = login(client, account.username, account.password, device)
        assert refused.status_code == 401 and refused.json()["error"] == "invalid_credentials"
    assert login(client, account.username, new_password, lost).json()["error"] == "device_revoked"
    assert client.get("/me", headers=bearer(spare_token)).status_code == 401  # tokens ended
    assert login(client, account.username, new_password, spare).status_code == 200
    assert "revoked" in _device_row(server, code)

    # A password the rules refuse revokes nothing: the operator can simply try again.
    other = make_user()
    device = uuid.uuid4()
    other_code = login(client, other.username, other.password, device).json()["device"]
    weak = run_cli(
        "admin",
        "revoke-device",
        other_code["short_code"],
        "--reset-password",
        "--password-stdin",
        database_url=server.database_url,
        stdin="short\n",
    )
    assert weak.returncode == 2 and "too short" in weak.stderr
    assert login(client, other.username, other.password, device).status_code == 200


def test_revoke_device_asks_and_never_hangs_without_a_terminal(
    client: httpx.Client,
    make_user,
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    url = server.database_url
    account = make_user()

    def new_device() -> str:
        answer = login(client, account.username, account.password, uuid.uuid4())
        return str(answer.json()["device"]["short_code"])

    # No terminal, no flag: revoked at once, the password kept, and said so.
    done = run_cli("admin", "revoke-device", new_device(), database_url=url, stdin="")
    assert done.returncode == 0, done.stderr
    assert "password of " + account.username + " was kept" in done.stderr
    assert login(client, account.username, account.password).status_code == 200

    # At a terminal the operator is asked; "n" keeps the password, "y" asks for a new one.
    monkeypatch.setenv(TEST_HASHING_ENV, "1")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["admin", "revoke-device", new_device(), "--database-url", url]) == 0
    assert login(client, account.username, account.password).status_code == 200
    questions: list[str] = []

    def answer_yes(prompt: str) -> str:
        questions.append(prompt)
        return "y"

    monkeypatch.setattr("builtins.input", answer_yes)
    new_password = "the password after the question"
    monkeypatch.setattr("getpass.getpass", lambda prompt: new_password)
    assert main(["admin", "revoke-device", new_device(), "--database-url", url]) == 0
    assert questions and f"Reset the password of {account.username} too?" in questions[0]
    assert "reset" in capsys.readouterr().out
    assert login(client, account.username, account.password).status_code == 401
    assert login(client, account.username, new_password).status_code == 200
