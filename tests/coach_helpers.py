"""One contact's talking points for the coaching tests: the real playbook, a user called Sam."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, TalkingPoints, UserFacts, prepare
from bot.domain.vocabulary import Stage
from bot.services.playbook_files import load_playbook


def coach(contact: ContactFacts, today: dt.date, offers=(), others=(), day_first=None) -> TalkingPoints:
    return prepare(
        contact,
        user=UserFacts("Sam", day_first=day_first),
        offers=list(offers),
        others=list(others),
        today=today,
        playbook=load_playbook(),
    )


def met_contact(
    n, name, company, notes, *, met: dt.date, today: dt.date, call=None, outcome="reached", days=4
) -> ContactFacts:
    """A contact met on `met` from its notes; with `call`, its newest call `days` before `today`."""
    return ContactFacts(
        n,
        name,
        company,
        met_on=met,
        notes=notes,
        stage=Stage.ACTIVE if call else Stage.NEW,
        ever_reached=bool(call) and outcome == "reached",
        last_outcome=outcome if call else None,
        last_call_on=today - dt.timedelta(days=days) if call else None,
        last_contact_on=today - dt.timedelta(days=days) if call else None,
        last_call_notes=call,
    )
