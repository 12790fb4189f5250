"""The request and response bodies of the endpoints: one place for the wire shapes,
so the OpenAPI document and the routes that fill them stay easy to compare."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from ..models.enums import Role
from .auth import MAX_USERNAME_LENGTH


class Strict(BaseModel):
    """Unknown fields are an error, never silently dropped (ARCHITECTURE sync rule 10)."""

    model_config = ConfigDict(extra="forbid")


class LoginRequest(Strict):
    username: str = Field(
        min_length=1, max_length=MAX_USERNAME_LENGTH, pattern=r"^[A-Za-z0-9._-]+$"
    )
    password: str = Field(min_length=1, max_length=1024)
    device_id: uuid.UUID = Field(description="The laptop's own id, made once and kept (D4)")


class DeviceOut(Strict):
    id: uuid.UUID
    short_code: str = Field(description="For references, e.g. BAK-2026-K3-042 (D6)")


class LoginResponse(Strict):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'")
    token_type: str = "bearer"
    expires_at: datetime
    user_id: uuid.UUID
    device: DeviceOut
    recovery_secret: str = Field(description="256 bits, hex; unwraps the register key (D4)")


class AreaOut(Strict):
    id: uuid.UUID
    code: str
    name: str


class TeamOut(Strict):
    id: uuid.UUID
    name: str


class MeResponse(Strict):
    user_id: uuid.UUID
    username: str
    display_name: str
    role: Role
    team: TeamOut | None
    areas: list[AreaOut]
    device: DeviceOut


class HealthResponse(Strict):
    status: str


class VersionResponse(Strict):
    program: str
    version: str
    schema_revision: str


class DeviceListEntry(Strict):
    id: uuid.UUID
    short_code: str
    username: str
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None
