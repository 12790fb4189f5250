"""Answers lost on the way: a push whose answer never arrives is sent again, as the same
batch, and each op is applied once; a page whose answer is lost is asked for again
from the same cursor."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from dorpsondersteuner.models import HistoryEvent
from dorpsondersteuner.models.local import OutboxOp
from dorpsondersteuner.server.models import PushedOp

from ..server.conftest import Server
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
    report = ingrid.sync(batch=2)
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
    ingrid.ledger_holds()
