"""Drafts of open forms survive in the register until saved or discarded."""

from __future__ import annotations

from dorpsondersteuner.services import drafts

from .conftest import user_id


def test_a_draft_is_kept_replaced_and_discarded_per_user(town):
    ingrid, jos = user_id("ingrid"), user_id("jos")
    with town.transaction() as session:
        drafts.save_draft(session, ingrid, "intake", "", {"question": "Hulp bij"})
        drafts.save_draft(session, ingrid, "intake", "", {"question": "Hulp bij de tuin"})
        drafts.save_draft(session, jos, "intake", "", {"question": "Iets anders"})
    town.close()  # as after a crash: only what was committed is there
    from dorpsondersteuner.register import open_register

    from .conftest import TOWN_KEY

    reopened = open_register(town.path, TOWN_KEY)
    with reopened.sessions() as session:
        content, _saved_at = drafts.load_draft(session, ingrid, "intake", "")
        assert content == {"question": "Hulp bij de tuin"}
        assert [form for form, _key, _at in drafts.list_drafts(session, ingrid)] == ["intake"]
    with reopened.transaction() as session:
        drafts.discard_draft(session, ingrid, "intake", "")
    with reopened.sessions() as session:
        assert drafts.load_draft(session, ingrid, "intake", "") is None
        kept = drafts.load_draft(session, jos, "intake", "")
        assert kept is not None and kept[0] == {"question": "Iets anders"}
    reopened.close()
