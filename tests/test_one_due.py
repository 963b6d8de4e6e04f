"""One definition of "due" (SPEC §12): the SQL every screen's query uses (storage.contacts._due, which
App Home's windows share) and the digest's filter over rows it already holds (digest_view.due_of)
pick the same contacts, over every stage, "let go?" state and date."""

from __future__ import annotations

import datetime as dt
import itertools

from bot.domain.digest_view import due_of
from bot.domain.vocabulary import Stage
from storage.contacts import add_contact, count_due, due_contacts
from storage.digests import contact_rows_of
from storage.home import count_due_window

DAY = dt.date(2026, 12, 1)


def test_digest_prep_and_home_agree_on_who_is_due(db):
    combos = list(
        itertools.product(
            [s.value for s in Stage],
            [False, True],
            [None, DAY - dt.timedelta(days=30), DAY, DAY + dt.timedelta(days=1)],
        )
    )
    with db.transaction() as session:
        for n, (stage, asked, due) in enumerate(combos):
            add_contact(
                session,
                "T1",
                "U1",
                name=f"Person {n}",
                name_key=f"person {n}",
                stage=stage,
                let_go_asked=asked,
                next_due=due,
            )
    with db.reading() as session:
        by_sql = {c.id for c in due_contacts(session, "T1", "U1", DAY)}
        rows = contact_rows_of(session, [("T1", "U1")])[("T1", "U1")]
        by_digest = {c.id for c in due_of(rows, DAY)}
        counted = count_due(session, "T1", "U1", DAY)
        home_total = count_due_window(session, "T1", "U1", None, DAY)
    assert by_sql == by_digest
    assert counted == home_total == len(by_sql)
    # A dormant contact the digest already asked about is due nowhere; one not asked yet is due.
    names = {c for c in by_sql}
    assert len(names) == sum(
        1
        for stage, asked, due in combos
        if due is not None and due <= DAY and stage != "let_go" and not (stage == "dormant" and asked)
    )
