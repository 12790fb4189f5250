"""Registers with the demo municipality's directory, and factories for test data."""

from __future__ import annotations

import secrets
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from dorpsondersteuner.clock import today
from dorpsondersteuner.demo.directory import AREAS, USERS, demo_id, install_directory
from dorpsondersteuner.models import DeviceState, RegisterKind
from dorpsondersteuner.models.enums import LifeDomain, Urgency
from dorpsondersteuner.register import Register, open_register
from dorpsondersteuner.services.access import Principal, load_principal
from dorpsondersteuner.services.workflow import IntakeInput, ResidentInput, register_request

AREA_ID = {area.code: area.id for area in AREAS}


def add_device(register: Register, short_code: str = "T1") -> uuid.UUID:
    device_id = uuid.uuid4()
    with register.transaction() as session:
        session.add(
            DeviceState(device_id=device_id, short_code=short_code, register_kind=RegisterKind.DEMO)
        )
    return device_id


TOWN_KEY = secrets.token_bytes(32)


@pytest.fixture(scope="session")
def town_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register file with the demo directory, made once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "town.db"
    register = open_register(path, TOWN_KEY, create=True)
    with register.transaction() as session:
        install_directory(session)
    with register.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    register.close()
    return path


@pytest.fixture
def town(tmp_path: Path, town_template: Path) -> Iterator[Register]:
    """A register holding the demo directory (areas, teams, users) and a device."""
    shutil.copyfile(town_template, tmp_path / "town.db")
    register = open_register(tmp_path / "town.db", TOWN_KEY)
    add_device(register)
    yield register
    register.close()


@pytest.fixture
def people(town: Register) -> dict[str, Principal]:
    """Every demo user's principal, by username (ingrid: Bakel supporter; joyce: Wijkteam
    Bakel; sanne: Wijkteam Gemert; evelien: municipality; beheer: administrator)."""
    with town.sessions() as session:
        return {user.username: load_principal(session, user.id) for user in USERS}


IntakeFactory = Callable[..., uuid.UUID]


@pytest.fixture
def intake(town: Register, people: dict[str, Principal]) -> IntakeFactory:
    """Register a request through the services, as a supporter, for a new resident."""

    def make(
        by: str = "ingrid",
        *,
        area: str = "BAK",
        first_name: str = "Truus",
        last_name: str = "Jansen",
        question: str = "Kan niet meer zelf boodschappen doen na een val.",
        domains: LifeDomain = LifeDomain.CARE,
        consent: date | None = None,
        urgency: Urgency = Urgency.NORMAL,
    ) -> uuid.UUID:
        with town.transaction() as session:
            return register_request(
                session,
                people[by],
                IntakeInput(question, domains, consent or today() - timedelta(days=1), urgency),
                new_resident=ResidentInput(
                    first_name=first_name,
                    last_name=last_name,
                    area_id=AREA_ID[area],
                    street="Kerkstraat",
                    house_number="12",
                    postcode="5761 AB",
                    place="Bakel",
                ),
            )

    return make


def user_id(username: str) -> uuid.UUID:
    return demo_id("user", username)
