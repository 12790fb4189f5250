"""Full-text search (D13): one FTS5 row per source record, kept in step with the data.

Source records are a request (its reference and question, with the name and address
of its resident, so "jansen boodschappen" finds Mrs Jansen's shopping request), a
resident's name and address (for the lookup before an intake), a contact's
summary and a follow-up's description. A search matches all its words within one
source record. The words live in the contentless FTS5 table ``search_fts``;
``search_rows`` (same rowid) says which request or resident they belong to and
whether they come from a "professionals only" contact, so every search applies the
access policy and never finds a request through words its user may not see.

A record's row is made anew whenever it changes (``keep_in_step``): at once for a
change made here, and for a pulled page all together at the page's end, with the same
set-wise statements that rebuild the whole index.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Executable,
    Integer,
    Select,
    Text,
    column,
    delete,
    false,
    func,
    insert,
    literal,
    literal_column,
    null,
    select,
    table,
    text,
)
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
    for every change, whoever records it (D15): at once, or with the others when
    the session indexes them together (``kept_in_step_together``)."""
    table_name = getattr(record, "__tablename__", "")
    fields = _INDEXED_FIELDS.get(table_name)
    if fields is None or (field_name is not None and field_name not in fields):
        return
    stale: dict[str, set[uuid.UUID]] | None = session.info.get("search_stale")
    if stale is not None:  # indexed when the block of ``kept_in_step_together`` ends
        stale.setdefault(table_name, set()).add(record.id)  # type: ignore[attr-defined]
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
    for kind in _KINDS.values():
        for statement in _index_statements(kind, None):
            session.execute(statement)


# The kind of source row a table's records make, in the order a rebuild indexes them.
_KINDS = {
    "residents": "resident",
    "help_requests": "request",
    "contacts": "contact",
    "follow_ups": "follow_up",
}
_FTS = table("search_fts", column("rowid", Integer), column("body", Text))
_ROW_COLUMNS = ("source_kind", "source_id", "request_id", "resident_id", "professionals_only")
_CHUNK = 500  # ids per statement, well below SQLite's limit of bound values


def _resident_words() -> tuple[ColumnElement[str], ...]:
    return tuple(
        func.nullif(part, "")
        for part in (
            Resident.first_name,
            Resident.name_prefix,
            Resident.last_name,
            Resident.street,
            Resident.house_number,
            Resident.postcode,
            Resident.place,
        )
    )


def _index_statements(kind: str, ids: Sequence[uuid.UUID] | None) -> tuple[Executable, Executable]:
    """The source rows of one kind and their words, set-wise: of every record (``None``)
    or of the records ``ids``; the same rules as the record-at-a-time functions above."""
    model: type[Resident | HelpRequest | Contact | FollowUp]
    rows: Select[*tuple[Any, ...]]
    body: Select[*tuple[Any, ...]]
    source = SearchRow
    if kind == "resident":
        model = Resident
        rows = select(
            literal(kind), Resident.id, null(), Resident.id.label("resident_id"), false()
        ).where(
            Resident.deleted_at.is_(None),
            Resident.merged_into_id.is_(None),
            Resident.anonymised_at.is_(None),
        )
        body = select(source.rowid, func.concat_ws(" ", *_resident_words())).join(
            Resident, Resident.id == source.source_id
        )
    elif kind == "request":
        model = HelpRequest
        rows = select(
            literal(kind),
            HelpRequest.id,
            HelpRequest.id.label("request_id"),
            HelpRequest.resident_id,
            false(),
        ).where(
            HelpRequest.deleted_at.is_(None),
            HelpRequest.anonymised_at.is_(None),
            HelpRequest.resident_id.is_not(None),
        )
        body = (
            select(
                source.rowid,
                func.concat_ws(
                    " ", HelpRequest.reference, HelpRequest.question, *_resident_words()
                ),
            )
            .join(HelpRequest, HelpRequest.id == source.source_id)
            .join(Resident, Resident.id == HelpRequest.resident_id)
        )
    elif kind == "contact":
        model = Contact
        rows = select(
            literal(kind), Contact.id, Contact.request_id, null(), Contact.professionals_only
        ).where(Contact.deleted_at.is_(None))
        body = select(source.rowid, Contact.summary).join(Contact, Contact.id == source.source_id)
    else:
        model = FollowUp
        rows = select(literal(kind), FollowUp.id, FollowUp.request_id, null(), false()).where(
            FollowUp.deleted_at.is_(None)
        )
        body = select(source.rowid, FollowUp.description).join(
            FollowUp, FollowUp.id == source.source_id
        )
    body = body.where(source.source_kind == kind)
    if ids is not None:
        rows = rows.where(model.id.in_(ids))
        body = body.where(source.source_id.in_(ids))
    return (
        insert(SearchRow).from_select(_ROW_COLUMNS, rows),
        insert(_FTS).from_select(("rowid", "body"), body),
    )


def reindex(session: Session, stale: dict[str, set[uuid.UUID]]) -> None:
    """Index the records ``stale`` names (per table) anew, a few statements per kind
    instead of several per record; a resident's requests, which carry their name, too."""
    if not stale:
        return
    session.flush()  # the statements read the tables
    by_kind = {_KINDS[table_name]: sorted(ids) for table_name, ids in stale.items()}
    requests = set(by_kind.get("request", ()))
    for chunk in _chunks(by_kind.get("resident", [])):
        requests.update(
            session.scalars(select(HelpRequest.id).where(HelpRequest.resident_id.in_(chunk)))
        )
    by_kind["request"] = sorted(requests)
    for kind in _KINDS.values():
        for chunk in _chunks(by_kind.get(kind, [])):
            rowids = session.scalars(
                select(SearchRow.rowid).where(
                    SearchRow.source_kind == kind, SearchRow.source_id.in_(chunk)
                )
            ).all()
            if rowids:
                session.execute(
                    text("DELETE FROM search_fts WHERE rowid = :rowid"),
                    [{"rowid": rowid} for rowid in rowids],
                )
                session.execute(delete(SearchRow).where(SearchRow.rowid.in_(rowids)))
            for statement in _index_statements(kind, chunk):
                session.execute(statement)


def _chunks(ids: list[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


@contextmanager
def kept_in_step_together(session: Session) -> Iterator[None]:
    """Within the block, ``keep_in_step`` notes the records to index and they are
    indexed together when it ends, in the same transaction (a pulled page: a few
    statements for the page instead of several per change). On an error nothing is
    indexed: the transaction rolls back."""
    stale: dict[str, set[uuid.UUID]] = {}
    session.info["search_stale"] = stale
    try:
        yield
    finally:
        session.info.pop("search_stale", None)
    reindex(session, stale)


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
