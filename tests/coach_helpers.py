"""One contact's talking points for the coaching tests: the real playbook, a user called Sam."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, TalkingPoints, UserFacts, prepare
from bot.services.playbook_files import load_playbook


def coach(contact: ContactFacts, today: dt.date, offers=(), others=()) -> TalkingPoints:
    return prepare(
        contact,
        user=UserFacts("Sam"),
        offers=list(offers),
        others=list(others),
        today=today,
        playbook=load_playbook(),
    )
