"""What /prep says about how you know someone (SPEC §12): a referral not yet spoken to was referred,
not met; a held meeting is the last contact."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from handlers.blocks.prep import who_text

TODAY = dt.date(2026, 11, 26)


def test_a_referral_not_spoken_to_is_not_said_to_be_met():
    marco = ContactFacts(1, "Marco Bellini", met_on=dt.date(2026, 11, 16), referred_by="Aylin Demir")
    said = who_text(marco, TODAY)
    assert "You met" not in said
    assert "Referred by Aylin Demir on 16 November; you haven't spoken yet." in said
    talked = ContactFacts(
        1, "Marco Bellini", met_on=dt.date(2026, 11, 16), referred_by="Aylin Demir", ever_reached=True
    )
    assert "You met on 16 November. Referred by Aylin Demir." in who_text(talked, TODAY)


def test_a_member_referrer_stays_a_mention_and_a_typed_one_is_escaped():
    lee = ContactFacts(2, "Lee Chen", referred_by="<@U0042>")
    assert "Referred by <@U0042>" in who_text(lee, TODAY)
    odd = ContactFacts(3, "Ann Lee", referred_by="<!channel>")
    assert "&lt;!channel&gt;" in who_text(odd, TODAY)
