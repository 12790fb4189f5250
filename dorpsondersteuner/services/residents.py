"""Residents: lookup before intake, the fields of a new or corrected record,
rectification, and merging two records of one person.

The intake itself is ``workflow.register_request``, which builds on this module (never
the other way round).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import literal_column, select, text
from sqlalchemy.orm import Session

from ..clock import now_utc
from ..errors import ForbiddenError, NotFoundError, ValidationError
from ..models import Area, HelpRequest, Resident, SearchRow
from ..models.enums import EventKind
from . import search, validation
from .access import Action, Principal, may, resident_area_ids, visible_residents
from .access_log import AccessAction, log_access
from .changes import ChangeRecorder
from .history import add_history_event
from .views import ResidentMatch, ResidentView

LOOKUP_CANDIDATES = 2000
LOOKUP_RESULTS = 20
MIN_SIMILARITY = 0.75  # "Jansne" still finds "Jansen", "Verhoven" finds "Verhoeven"


@dataclass(frozen=True)
class ResidentInput:
    first_name: str
    last_name: str
    area_id: uuid.UUID
    name_prefix: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    place: str = ""
    phone: str = ""


def validated_resident_fields(data: ResidentInput) -> dict[str, Any]:
    """The resident's fields, cleaned; every refused one at once, in the form's order."""
    problems = validation.Problems()
    text, name = validation.text, validation.MAX_NAME
    fields = {
        "first_name": problems.check(text, data.first_name, "first_name", limit=name),
        "name_prefix": problems.check(
            text, data.name_prefix, "name_prefix", required=False, limit=20
        ),
        "last_name": problems.check(text, data.last_name, "last_name", limit=name),
        "street": problems.check(text, data.street, "street", required=False, limit=120),
        "house_number": problems.check(
            text, data.house_number, "house_number", required=False, limit=12
        ),
        "postcode": problems.check(validation.postcode, data.postcode),
        "place": problems.check(text, data.place, "place", required=False, limit=80),
        "phone": problems.check(validation.phone, data.phone),
        "area_id": data.area_id,
    }
    problems.raise_any()
    return fields


def visible_resident(session: Session, principal: Principal, resident_id: uuid.UUID) -> Resident:
    resident = session.scalar(
        select(Resident).where(Resident.id == resident_id, visible_residents(principal))
    )
    if resident is None:
        raise NotFoundError("no such resident")
    return resident


def resident_view(session: Session, resident: Resident) -> ResidentView:
    return resident_view_from(resident, session.get_one(Area, resident.area_id).name)


def get_resident(session: Session, principal: Principal, resident_id: uuid.UUID) -> ResidentView:
    resident = visible_resident(session, principal, resident_id)
    log_access(session, principal.user_id, AccessAction.VIEW, "residents", resident.id)
    return resident_view(session, resident)


def _similarity(word: str, tokens: list[str]) -> float:
    return max((SequenceMatcher(None, word, token).ratio() for token in tokens), default=0.0)


def find_residents(session: Session, principal: Principal, query: str) -> list[ResidentMatch]:
    """Look a resident up by name and address before an intake, so the same person is
    not registered twice. Prefix and typo tolerant: candidates share the first letters
    of a word (FTS5 prefix index), then each is scored by similarity per word."""
    terms = search.words(query)
    if not terms:
        return []
    # A typo rarely sits in the first two letters; longer words narrow the candidates.
    prefixes = " OR ".join(f'"{term[: max(2, min(3, len(term)))]}"*' for term in terms)
    hits = (
        select(literal_column("rowid"))
        .select_from(text("search_fts"))
        .where(text("search_fts MATCH :m").bindparams(m=prefixes))
        .subquery()
    )
    candidates = session.execute(
        select(Resident, Area.name)
        .join(
            SearchRow, (SearchRow.source_id == Resident.id) & (SearchRow.source_kind == "resident")
        )
        .join(hits, hits.c.rowid == SearchRow.rowid)
        .join(Area, Area.id == Resident.area_id)
        .where(visible_residents(principal))
        .limit(LOOKUP_CANDIDATES)
    ).all()
    matches = []
    for resident, area_name in candidates:
        tokens = search.words(search.resident_text(resident))
        score = sum(_similarity(term, [t[: len(term)] for t in tokens] + tokens) for term in terms)
        score /= len(terms)
        if score >= MIN_SIMILARITY:
            view = resident_view_from(resident, area_name)
            matches.append(
                ResidentMatch(resident.id, view.full_name, view.address, area_name, score)
            )
    matches.sort(key=lambda match: (-match.score, match.full_name))
    return matches[:LOOKUP_RESULTS]


def resident_view_from(resident: Resident, area_name: str) -> ResidentView:
    return ResidentView(
        id=resident.id,
        first_name=resident.first_name,
        name_prefix=resident.name_prefix,
        last_name=resident.last_name,
        street=resident.street,
        house_number=resident.house_number,
        postcode=resident.postcode,
        place=resident.place,
        phone=resident.phone,
        area_id=resident.area_id,
        area_name=area_name,
    )


def _requests_of(session: Session, resident_id: uuid.UUID) -> list[HelpRequest]:
    return list(
        session.scalars(
            select(HelpRequest).where(
                HelpRequest.resident_id == resident_id, HelpRequest.deleted_at.is_(None)
            )
        )
    )


def require_edit_rights(session: Session, principal: Principal, resident: Resident) -> None:
    """Who may change a resident: a supporter of their area, or someone who may edit
    every one of their requests."""
    if resident.area_id in resident_area_ids(principal):
        return
    requests = _requests_of(session, resident.id)
    if not requests or not all(may(principal, Action.EDIT, r) for r in requests):
        raise ForbiddenError("you may not change this resident")


def edit_resident(
    session: Session, principal: Principal, resident_id: uuid.UUID, data: ResidentInput
) -> bool:
    """Rectification (AVG art. 16) is an ordinary, logged edit: one ``set`` op per
    changed field. Returns whether anything changed."""
    resident = visible_resident(session, principal, resident_id)
    require_edit_rights(session, principal, resident)
    fields = validated_resident_fields(data)
    if fields["area_id"] != resident.area_id and fields["area_id"] not in principal.area_ids:
        raise ForbiddenError("you may not move a resident to an area outside yours")
    recorder = ChangeRecorder(session, principal)
    changed = [name for name, value in fields.items() if recorder.set(resident, name, value)]
    if changed:
        resident.updated_at = now_utc()
    return bool(changed)


def merge_residents(
    session: Session, principal: Principal, keep_id: uuid.UUID, duplicate_id: uuid.UUID
) -> None:
    """Merge two records of one person (two laptops registered them offline).

    The duplicate's requests move to the record that stays, each with a history entry;
    fields the kept record lacks are taken from the duplicate; the duplicate points at
    the kept record and disappears from lists and search. Nothing is deleted, so an
    offline edit to the duplicate can still be matched up when it syncs.
    """
    if keep_id == duplicate_id:
        raise ValidationError("a resident cannot be merged with itself", field="duplicate_id")
    keep = visible_resident(session, principal, keep_id)
    duplicate = visible_resident(session, principal, duplicate_id)
    require_edit_rights(session, principal, keep)
    require_edit_rights(session, principal, duplicate)
    recorder = ChangeRecorder(session, principal)
    now = now_utc()
    for name in ("name_prefix", "street", "house_number", "postcode", "place", "phone"):
        if not getattr(keep, name) and getattr(duplicate, name):
            recorder.set(keep, name, getattr(duplicate, name))
    for request in _requests_of(session, duplicate.id):
        recorder.set(request, "resident_id", keep.id)
        request.updated_at = now
        add_history_event(
            recorder,
            request,
            EventKind.RESIDENT_MERGED,
            now,
            details={"from_resident": str(duplicate.id), "into_resident": str(keep.id)},
        )
    recorder.set(duplicate, "merged_into_id", keep.id)
    duplicate.updated_at = keep.updated_at = now
