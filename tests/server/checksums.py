"""The laptop's kept checksum sums, checked against the same sums made from scratch."""

from __future__ import annotations

from dorpsondersteuner.register import Register
from dorpsondersteuner.sync.checksum import Sum, local_sums
from dorpsondersteuner.sync.engine import _principal, sync_state


def assert_kept_sums_hold(register: Register) -> dict[str, Sum]:
    """The sums the laptop keeps (moved by the records marked stale since the last
    comparison) equal those made anew from every field version it holds: the triggers
    marked every record whose part changed. The sums made anew are rolled back, so the
    kept ones go on from here. Returns the kept sums."""
    with register.transaction() as session:
        kept = local_sums(session, _principal(session, sync_state(session)))
    with register.sessions() as session:
        sync_state(session).checksum_sums_for = None
        session.flush()
        anew = local_sums(session, _principal(session, sync_state(session)))
        session.rollback()
    assert kept == anew, {
        name: (kept.get(name), anew.get(name))
        for name in set(kept) | set(anew)
        if kept.get(name) != anew.get(name)
    }
    return kept
