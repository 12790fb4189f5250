"""What a user may do, as the desktop app shows it: per request and per view.

The UI renders these answers and decides no rule itself (ARCHITECTURE: one access
policy, never a second copy of a rule in the UI). Each answer is read from where its
rule lives: the access policy (``services/access.py``), the workflow's refusals
(``services/workflow.py``) and the Wmo track (``services/wmo.py``). Whether an action
is *offered* is a question of its own: a step refused for a reason the user can act
on (no consent yet, not picked up yet) stays offered and says why; a step that is not
for this user or this request now at all is not offered.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..enums import Level, Refusal, Step
from .access import (
    Principal,
    administers,
    handles_wmo,
    may_mark_professionals_only,
    may_register_requests,
    records_consent_to_share,
    request_scope,
    works_with_helpers,
)
from .records import changeable_contacts
from .wmo import may_record_wmo
from .workflow import edit_refusal_of, refusal, visible_request

# Refusals that mean "this step is not for this request now at all": not offered.
# Others (no consent yet, not picked up yet, anonymised) keep it offered, saying why.
NOT_OFFERED = frozenset(
    {
        Refusal.NOT_YOURS,
        Refusal.TOP_LEVEL,
        Refusal.BOTTOM_LEVEL,
        Refusal.ALREADY_OWNED,
        Refusal.NOT_CLOSED,
        Refusal.CLOSED,
        Refusal.NOT_OPEN,
        Refusal.NOT_WAITING,
    }
)
# While a request waits for pick-up at the user's level, picking it up is the one step
# of these offered; the others say why when asked for (Ctrl+E).
_AFTER_PICK_UP = frozenset({Step.ESCALATE, Step.ESCALATE_ACUTE, Step.HAND_BACK, Step.CLOSE})
# Refusals of a normal escalation that recording the consent to share lifts.
_CONSENT_MISSING = frozenset({Refusal.NO_CONSENT, Refusal.CONSENT_WITHDRAWN})


@dataclass(frozen=True)
class Escalation:
    """The escalation's choices: one level up (``target``), or acute safety straight to
    the municipality, which is open from the village and from the district team with
    a written justification, with or without consent (D8)."""

    target: Level | None  # one level up; None at the municipality
    refusal: Refusal | None  # why the normal escalation is not possible now
    acute_refusal: Refusal | None  # why the acute one is not

    @property
    def needs_consent(self) -> bool:
        """Possible once the resident's consent to share with ``target`` is recorded:
        the escalate dialog asks for it."""
        return self.refusal in _CONSENT_MISSING

    @property
    def normal(self) -> bool:
        """The normal escalation is offered (possible now, or with the consent)."""
        return self.refusal is None or self.needs_consent

    @property
    def acute(self) -> bool:
        return self.acute_refusal is None

    @property
    def possible(self) -> bool:
        """Some escalation is offered; else ``refusal`` says why not."""
        return self.normal or self.acute


@dataclass(frozen=True)
class RequestCapabilities:
    """What the user may do with one request now."""

    steps: Mapping[Step, Refusal | None]  # every step, with why not (None: possible)
    offered: frozenset[Step]  # the steps shown to this user on this request
    edit_refusal: Refusal | None  # why the request and its records cannot change now
    records: bool  # add contacts, change follow-ups and own-circle help
    contacts: frozenset[uuid.UUID]  # the contacts the user may change and delete now
    professionals_only: bool  # may mark a contact "professionals only"
    resident: bool  # correct the resident's details, merge a duplicate record
    wmo: bool  # register the Wmo track's dates (melding, plan, aanvraag, decision)
    escalation: Escalation

    @property
    def editable(self) -> bool:
        return self.edit_refusal is None

    def refusal(self, step: Step) -> Refusal | None:
        return self.steps.get(step, Refusal.NOT_YOURS)


def request_capabilities(
    session: Session, principal: Principal, request_id: uuid.UUID
) -> RequestCapabilities:
    """Every answer the detail of one request needs; ``NotFoundError`` for a request
    the principal may not see."""
    request = visible_request(session, principal, request_id)
    steps = {step: refusal(principal, request, step) for step in Step}
    offered = {step for step, reason in steps.items() if reason not in NOT_OFFERED}
    if steps[Step.PICK_UP] is None:
        offered -= _AFTER_PICK_UP
    if not records_consent_to_share(principal):
        offered.discard(Step.GIVE_CONSENT)
    edit = edit_refusal_of(principal, request)
    return RequestCapabilities(
        steps=steps,
        offered=frozenset(offered),
        edit_refusal=edit,
        records=edit is None,
        contacts=changeable_contacts(session, principal, request) if edit is None else frozenset(),
        professionals_only=may_mark_professionals_only(principal),
        resident=edit is None,  # the resident service checks the rest (residents.py)
        wmo=may_record_wmo(principal, request),
        escalation=Escalation(
            target=request.level.above(),
            refusal=steps[Step.ESCALATE],
            acute_refusal=steps[Step.ESCALATE_ACUTE],
        ),
    )


@dataclass(frozen=True)
class ViewCapabilities:
    """Which lists and pages the user has."""

    requests: bool  # "my" and "all" help requests, their detail, follow-ups due
    review_queue: bool  # help requests waiting for pick-up at the user's level
    helpers: bool  # the neighbourhood helpers of their areas
    wmo_deadlines: bool  # the statutory Wmo deadlines
    admin_page: bool  # references and owners, never content (D5)
    intake: bool  # registers new help requests


def view_capabilities(principal: Principal) -> ViewCapabilities:
    sees_content = request_scope(principal) is not None
    return ViewCapabilities(
        requests=sees_content,
        review_queue=sees_content and principal.level is not None,
        helpers=works_with_helpers(principal),
        wmo_deadlines=handles_wmo(principal),
        admin_page=administers(principal),
        intake=may_register_requests(principal),
    )
