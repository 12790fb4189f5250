"""The network between laptop and server: a push whose answer never arrives is sent
again, as the same batch, and each op is applied once; a page whose answer is lost is
asked for again from the same cursor; a "too many requests" is waited out for its
Retry-After when that is short, and reported when it is long."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from dorpsondersteuner import cli
from dorpsondersteuner.models import HistoryEvent
from dorpsondersteuner.models.local import OutboxOp
from dorpsondersteuner.server.models import PushedOp
from dorpsondersteuner.sync.client import RateLimitedError, SyncClient
from dorpsondersteuner.sync.engine import SyncProgress

from ..conftest import Server
from .conftest import DeskFactory
from .helpers import escalate, intake


class LosesAnswers(httpx.HTTPTransport):
    """The network between laptop and server: the server gets each request and answers
    it, but the first answer to each path in ``lose`` never reaches the laptop."""

    def __init__(self, *lose: str) -> None:
        super().__init__()
        self.lose = set(lose)
        self.sent: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.sent.append(request.url.path)
        if request.url.path in self.lose:
            self.lose.discard(request.url.path)
            response.read()
            response.close()
            raise httpx.ReadError("the connection dropped", request=request)
        return response


def test_a_lost_push_answer_sends_the_same_batch_again_and_each_op_is_applied_once(
    desks: DeskFactory, server: Server
):
    ingrid = desks("ingrid")
    request_id = intake(ingrid, name="Verloren")
    escalate(ingrid, request_id)
    op_ids = ingrid.read(lambda session: list(session.scalars(select(OutboxOp.op_id))))

    ingrid.transport = LosesAnswers("/sync/push", "/sync/pull")
    seen: list[SyncProgress] = []
    report = ingrid.sync(batch=2, progress=seen.append)
    pushed = [step for step in seen if step.phase == "push"]
    assert pushed[-1].sent == pushed[-1].to_send == len(op_ids)
    assert [step.sent for step in pushed] == sorted(step.sent for step in pushed)
    assert ingrid.transport.sent.count("/sync/push") == len(op_ids) // 2 + len(op_ids) % 2 + 1
    assert report.complete and report.sent == len(op_ids) and report.rejected == 0
    with server.transaction() as session:
        kept = session.scalar(
            select(func.count()).select_from(PushedOp).where(PushedOp.op_id.in_(op_ids))
        )
        on_server = session.scalars(
            select(HistoryEvent.kind).where(HistoryEvent.request_id == request_id)
        ).all()
    assert kept == len(op_ids)
    # No change was made twice: the server holds the history the laptop made, once.
    on_laptop = ingrid.read(
        lambda session: session.scalars(
            select(HistoryEvent.kind).where(HistoryEvent.request_id == request_id)
        ).all()
    )
    assert sorted(on_server) == sorted(on_laptop) and len(on_server) >= 2
    assert request_id in ingrid.requests()
    ingrid.ledger_holds(server)


class Busy(httpx.HTTPTransport):
    """A server (or a proxy in front of it) that answers the first request to ``path``
    with 429 and a Retry-After; the rest reach the server."""

    def __init__(self, path: str, seconds: int) -> None:
        super().__init__()
        self.path, self.seconds, self.refused = path, seconds, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == self.path and not self.refused:
            self.refused += 1
            return httpx.Response(
                429,
                headers={"Retry-After": str(self.seconds)},
                json={"error": "too_many_requests", "message": "too many requests"},
                request=request,
            )
        return super().handle_request(request)


def test_a_short_retry_after_is_waited_out_and_a_long_one_reported(desks: DeskFactory):
    ingrid = desks("ingrid")
    intake(ingrid, name="Druk")
    waits: list[float] = []
    ingrid.transport = Busy("/sync/push", 2)
    report = ingrid.sync_with(sleep=waits.append)
    assert report.complete and waits == [2.0]

    intake(ingrid, name="Heel druk")
    ingrid.transport = Busy("/sync/pull", 600)
    with pytest.raises(RateLimitedError) as refused:
        ingrid.sync_with(sleep=waits.append)
    assert refused.value.retry_after == 600 and waits == [2.0]
    status = ingrid.status()
    assert status["problem"] == "rate_limited" and status["unsent"] == 0  # the push went


def test_a_sync_with_nothing_to_do_makes_one_request(desks: DeskFactory):
    ingrid = desks("ingrid")
    ingrid.sync()
    ingrid.transport = LosesAnswers()  # loses nothing: counts what is sent
    report = ingrid.sync()
    assert ingrid.transport.sent == ["/sync/pull"]
    assert report.complete and report.checksum == "ok"  # as the last comparison found


def test_every_sync_that_changed_something_compares_checksums(desks: DeskFactory):
    """Rule 12 after every sync that sent or received something, with the laptop's sums
    kept as records change; a sync that changed nothing after one that agreed holds what
    it held then, and does not ask."""
    ingrid = desks("ingrid")
    assert ingrid.sync().checksum == "ok"
    ingrid.transport = LosesAnswers()  # loses nothing: counts what is sent
    for name in ("Kort", "Later"):
        intake(ingrid, name=name)
        report = ingrid.sync()
        assert report.sent and report.checksum == "ok"
    assert ingrid.transport.sent.count("/sync/checksum") == 2
    assert ingrid.sync().checksum == "ok"
    assert ingrid.transport.sent.count("/sync/checksum") == 2


class Timeouts(httpx.HTTPTransport):
    """Records how long the laptop waits for each answer."""

    def __init__(self) -> None:
        super().__init__()
        self.read_timeouts: dict[str, float] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.read_timeouts[request.url.path] = request.extensions["timeout"]["read"]
        return super().handle_request(request)


def test_the_first_sync_waits_minutes_for_a_large_snapshot_to_be_cut(
    desks: DeskFactory, server: Server
):
    """A big municipality's server cuts a supporter's snapshot in tens of seconds on a
    busy day: the laptop must not give up after the 30 s it waits for other answers."""
    ingrid = desks("ingrid", connect=False)
    with SyncClient(server.url) as client:
        cli.sign_in_and_make(client, server.url, "ingrid", ingrid.data, ingrid.password)
    ingrid.transport = waits = Timeouts()
    assert ingrid.sync().snapshot
    assert waits.read_timeouts["/sync/snapshot"] >= 10 * 60
    assert waits.read_timeouts["/sync/pull"] <= 60
