"""Password rules (PRIVACY-SECURITY 11) and the argon2id parameters (item 12)."""

from __future__ import annotations

import pytest

from dorpsondersteuner.errors import ValidationError
from dorpsondersteuner.server.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    Hasher,
    check_password_rules,
    common_passwords,
)
from dorpsondersteuner.server.settings import (
    TEST_HASHING_ENV,
    PasswordHashing,
    load_settings,
)


@pytest.mark.parametrize(
    "password",
    [
        "paardenbloem op het dak",  # a few words in a row
        "x7$Lq!" * 2,  # exactly 12
        "ë" * 5 + "nkelvoudig!",  # any Unicode
        "a phrase of sixty-four characters is allowed without a complaint",
        "w" + "ord " * 31,  # 125 characters
    ],
)
def test_good_passwords_pass(password: str):
    check_password_rules(password, username="ingrid", display_name="Ingrid Kuijpers")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("elevenchars", "too short"),
        ("x" * (MAX_LENGTH + 1), "too long"),
        ("Password1234", "too common"),
        ("WACHTWOORD123", "too common"),
        ("qwertyuiopasdfghjkl", "too common"),
        ("aaaaaaaaaaaaaaaaaaaa", "too common"),
        ("ingridkuijpers", "account name"),
        ("Ingrid Kuijpers", "account name"),
        ("mijn naam is ingrid!", "account name"),
    ],
)
def test_bad_passwords_are_refused_with_the_reason(password: str, reason: str):
    with pytest.raises(ValidationError, match=reason) as refused:
        check_password_rules(password, username="ingrid", display_name="Ingrid Kuijpers")
    assert refused.value.field == "password"


def test_no_composition_rules_and_the_list_ships():
    assert MIN_LENGTH == 12 and MAX_LENGTH >= 64
    check_password_rules("all lower case and no digits")
    assert 1000 < len(common_passwords()) < 100_000
    assert all(len(password) >= MIN_LENGTH for password in common_passwords())


def test_the_default_hashing_is_argon2id_above_the_owasp_minimum():
    params = load_settings({}).hashing
    assert params == PasswordHashing()
    assert params.memory_kib >= 19456 and params.time_cost >= 2 and not params.is_test_profile
    stored = Hasher(params).hash("a long enough password")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    # The cheap profile comes only when asked for by its (loud) name.
    assert load_settings({TEST_HASHING_ENV: "1"}).hashing.is_test_profile
    assert not load_settings({TEST_HASHING_ENV: "yes"}).hashing.is_test_profile


def test_verify():
    hasher = Hasher(PasswordHashing(time_cost=1, memory_kib=1024, parallelism=1))
    stored = hasher.hash("ﬁve ligatures are fine")
    assert hasher.verify(stored, "five ligatures are fine")  # NFKC: the same typed text
    assert not hasher.verify(stored, "something else entirely")
    assert not hasher.verify(None, "dummy password for unknown users")
    assert not hasher.verify("not a hash", "anything at all")
