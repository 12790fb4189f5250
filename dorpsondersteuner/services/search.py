"""Full-text search (D13): one FTS5 row per source record, kept in step with the data.

Source records are a request (its reference and question, with the name and address
of its resident, so "jansen boodschappen" finds Mrs Jansen's shopping request), a
resident's name and address (for the lookup before an intake), a contact's
summary and a follow-up's description. A search matches all its words within one
source record. The words live in the contentless FTS5 table ``search_fts``;
``search_rows`` (same rowid) says which request or resident they belong to and
whether they come from a "professionals only" contact, so every search applies the
access policy and never finds a request through words its user may not see.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import Select, delete, insert, literal_column, select, text
from sqlalchemy.orm import Session

from ..models import Contact, FollowUp, HelpRequest, Resident, SearchRow
from .access import Principal, request_scope, visible_requests

# Matches are taken newest source row first (never ordered by a main-table column:
# that costs 90 ms to 1 s at 100k, SETUP-NOTES) and capped: a one-letter search stays
# fast, and a second letter narrows it.
MATCH_LIMIT = 2000

_WORD = re.compile(r"\w+", re.UNICODE)


def resident_text(resident: Resident) -> str:
    parts = (
        resident.first_name,
        resident.name_prefix,
        resident.last_name,
        resident.street,
        resident.house_number,
        resident.postcode,
        resident.place,
    )
    return " ".join(part for part in parts if part)


def _index(
    session: Session,
    kind: str,
    source_id: uuid.UUID,
    body: str,
    *,
    request_id: uuid.UUID | None = None,
    resident_id: uuid.UUID | None = None,
    professionals_only: bool = False,
) -> None:
    unindex(session, kind, source_id)
    rowid = session.execute(
        insert(SearchRow)
        .values(
            source_kind=kind,
            source_id=source_id,
            request_id=request_id,
            resident_id=resident_id,
            professionals_only=professionals_only,
        )
        .returning(SearchRow.rowid)
    ).scalar_one()
    session.execute(
        text("INSERT INTO search_fts (rowid, body) VALUES (:rowid, :body)"),
        {"rowid": rowid, "body": body},
    )


def unindex(session: Session, kind: str, source_id: uuid.UUID) -> None:
    rowid = session.scalar(
        select(SearchRow.rowid).where(
            SearchRow.source_kind == kind, SearchRow.source_id == source_id
        )
    )
    if rowid is not None:
        session.execute(text("DELETE FROM search_fts WHERE rowid = :rowid"), {"rowid": rowid})
        session.execute(delete(SearchRow).where(SearchRow.rowid == rowid))


# The fields whose words (or visibility) are in a record's index row, per table.
_INDEXED_FIELDS = {
    "help_requests": {"reference", "question", "resident_id", "deleted_at", "anonymised_at"},
    "residents": {
        "first_name", "name_prefix", "last_name", "street", "house_number", "postcode",
        "place", "deleted_at", "merged_into_id", "anonymised_at",
    },
    "contacts": {"summary", "professionals_only", "request_id", "deleted_at"},
    "follow_ups": {"description", "request_id", "deleted_at"},
}  # fmt: skip


def keep_in_step(session: Session, record: object, field_name: str | None) -> None:
    """Re-index a record after a change to ``field_name`` (None: any field); called
    for every change, whoever records it (D15)."""
    fields = _INDEXED_FIELDS.get(getattr(record, "__tablename__", ""))
    if fields is None or (field_name is not None and field_name not in fields):
        return
    if isinstance(record, HelpRequest):
        index_request(session, record)
    elif isinstance(record, Resident):
        index_resident(session, record)
    elif isinstance(record, Contact):
        index_contact(session, record)
    elif isinstance(record, FollowUp):
        index_follow_up(session, record)


def index_request(session: Session, request: HelpRequest) -> None:
    # An administrator's register holds a request's projection only: no words (D5).
    content = request.resident_id is not None
    if request.deleted_at is not None or request.anonymised_at is not None or not content:
        unindex(session, "request", request.id)
        return
    resident = session.get_one(Resident, request.resident_id)
    _index(
        session,
        "request",
        request.id,
        f"{request.reference} {request.question} {resident_text(resident)}",
        request_id=request.id,
        resident_id=request.resident_id,
    )


def index_resident(session: Session, resident: Resident) -> None:
    """The resident's own row, and their requests' rows, which carry their name."""
    if (
        resident.deleted_at is not None
        or resident.merged_into_id is not None
        or resident.anonymised_at is not None
    ):
        unindex(session, "resident", resident.id)
    else:
        _index(session, "resident", resident.id, resident_text(resident), resident_id=resident.id)
    for request in session.scalars(
        select(HelpRequest).where(HelpRequest.resident_id == resident.id)
    ):
        index_request(session, request)


def index_contact(session: Session, contact: Contact) -> None:
    if contact.deleted_at is not None:
        unindex(session, "contact", contact.id)
        return
    _index(
        session,
        "contact",
        contact.id,
        contact.summary,
        request_id=contact.request_id,
        professionals_only=contact.professionals_only,
    )


def index_follow_up(session: Session, follow_up: FollowUp) -> None:
    """A follow-up's words find its request, for whoever sees the request."""
    if follow_up.deleted_at is not None:
        unindex(session, "follow_up", follow_up.id)
        return
    _index(
        session,
        "follow_up",
        follow_up.id,
        follow_up.description,
        request_id=follow_up.request_id,
    )


def purge_deleted_words(session: Session) -> None:
    """Merge the FTS5 segments, so the words of deleted rows are really gone from the
    file (a delete only marks them until a merge), not just unsearchable (D9)."""
    session.execute(text("INSERT INTO search_fts (search_fts) VALUES ('optimize')"))


def rebuild_search_index(session: Session) -> None:
    """Index every record anew (after a bulk load such as the demo generator's)."""
    session.execute(text("DELETE FROM search_fts"))
    session.execute(delete(SearchRow))
    for statement in _REBUILD:
        session.execute(text(statement))


_REBUILD = (
    "INSERT INTO search_rows (source_kind, source_id, request_id, resident_id, "
    "professionals_only) SELECT 'resident', id, NULL, id, 0 FROM residents "
    "WHERE deleted_at IS NULL AND merged_into_id IS NULL",
    "INSERT INTO search_rows (source_kind, source_id, request_id, resident_id, "
    "professionals_only) SELECT 'request', id, id, resident_id, 0 FROM help_requests "
    "WHERE deleted_at IS NULL AND resident_id IS NOT NULL",
    "INSERT INTO search_rows (source_kind, source_id, request_id, resident_id, "
    "professionals_only) SELECT 'contact', id, request_id, NULL, professionals_only "
    "FROM contacts WHERE deleted_at IS NULL",
    "INSERT INTO search_rows (source_kind, source_id, request_id, resident_id, "
    "professionals_only) SELECT 'follow_up', id, request_id, NULL, 0 "
    "FROM follow_ups WHERE deleted_at IS NULL",
    "INSERT INTO search_fts (rowid, body) SELECT s.rowid, concat_ws(' ', "
    "nullif(r.first_name, ''), nullif(r.name_prefix, ''), nullif(r.last_name, ''), "
    "nullif(r.street, ''), nullif(r.house_number, ''), nullif(r.postcode, ''), "
    "nullif(r.place, '')) "
    "FROM search_rows s JOIN residents r ON r.id = s.source_id WHERE s.source_kind = 'resident'",
    "INSERT INTO search_fts (rowid, body) SELECT s.rowid, concat_ws(' ', q.reference, "
    "q.question, nullif(r.first_name, ''), nullif(r.name_prefix, ''), "
    "nullif(r.last_name, ''), nullif(r.street, ''), nullif(r.house_number, ''), "
    "nullif(r.postcode, ''), nullif(r.place, '')) "
    "FROM search_rows s JOIN help_requests q ON q.id = s.source_id "
    "JOIN residents r ON r.id = q.resident_id WHERE s.source_kind = 'request'",
    "INSERT INTO search_fts (rowid, body) SELECT s.rowid, c.summary "
    "FROM search_rows s JOIN contacts c ON c.id = s.source_id WHERE s.source_kind = 'contact'",
    "INSERT INTO search_fts (rowid, body) SELECT s.rowid, f.description "
    "FROM search_rows s JOIN follow_ups f ON f.id = s.source_id "
    "WHERE s.source_kind = 'follow_up'",
)


def words(query: str) -> list[str]:
    """The words of a typed query, lower-cased; FTS5 syntax characters are dropped."""
    return [word.lower() for word in _WORD.findall(query)]


def _match_expression(word: str) -> str:
    return f'"{word}"*'  # prefix match: "jans" finds "Jansen"


def matching_request_ids(principal: Principal, query: str) -> Select[uuid.UUID] | None:
    """A query for the ids of visible requests with a source record that holds every
    word of ``query`` (as a prefix): the request itself with its resident, a contact
    the principal may see, or a follow-up. None when the query has no words."""
    scope = request_scope(principal)
    terms = words(query)
    if scope is None or not terms:
        return None
    expression = " ".join(_match_expression(term) for term in terms)  # implicit AND
    hits = (
        select(literal_column("rowid"))
        .select_from(text("search_fts"))
        .where(text("search_fts MATCH :m").bindparams(m=expression))
        .order_by(text("rowid DESC"))
        .limit(MATCH_LIMIT)
        .subquery()
    )
    sources = (
        select(SearchRow.request_id)
        .join(hits, hits.c.rowid == SearchRow.rowid)
        .where(SearchRow.request_id.is_not(None))
    )
    if not scope.sees_professionals_only:
        sources = sources.where(SearchRow.professionals_only.is_(False))
    return select(HelpRequest.id).where(HelpRequest.id.in_(sources), visible_requests(principal))
