"""References (D6): unique without a server round trip, also across laptops offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from dorpsondersteuner.clock import today
from dorpsondersteuner.demo.directory import install_directory
from dorpsondersteuner.models import HelpRequest
from dorpsondersteuner.models.enums import LifeDomain
from dorpsondersteuner.references import Reference
from dorpsondersteuner.register import open_register
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.workflow import IntakeInput, ResidentInput, register_request

from .conftest import AREA_ID, add_device, user_id


def test_two_laptops_offline_never_make_the_same_reference(tmp_path: Path, register_key: bytes):
    made: list[str] = []
    for short_code, supporter, area in (("K3", "ingrid", "BAK"), ("M7", "jos", "BAK")):
        register = open_register(tmp_path / f"{short_code}.db", register_key, create=True)
        with register.transaction() as session:
            install_directory(session)
        add_device(register, short_code)
        with register.transaction() as session:
            principal = load_principal(session, user_id(supporter))
            for number in range(25):
                register_request(
                    session,
                    principal,
                    IntakeInput(f"Vraag {number}", LifeDomain.OTHER, today()),
                    new_resident=ResidentInput(
                        first_name="Kees", last_name=f"Bakker{number}", area_id=AREA_ID[area]
                    ),
                )
        with register.sessions() as session:
            made += session.scalars(select(HelpRequest.reference)).all()
        register.close()
    assert len(made) == len(set(made)) == 50
    parsed = [Reference.parse(reference) for reference in made]
    assert {(p.area_code, p.year) for p in parsed} == {("BAK", today().year)}
    assert {p.device_code for p in parsed} == {"K3", "M7"}
    assert sorted(p.number for p in parsed if p.device_code == "K3") == list(range(1, 26))


def test_a_reference_reads_back_and_rejects_what_is_not_one():
    reference = Reference("BAK", 2026, "K3", 42)
    assert str(reference) == "BAK-2026-K3-042"
    assert Reference.parse(" bak-2026-k3-042 ") == reference
    assert str(Reference("GEN", 2026, "D1", 1234)) == "GEN-2026-D1-1234"
    for text in ("", "BAK-2026-K3", "BAK-26-K3-042", "B-2026-K3-042", "BAK-2026-K3-4x2"):
        with pytest.raises(ValueError, match="not a request reference"):
            Reference.parse(text)
