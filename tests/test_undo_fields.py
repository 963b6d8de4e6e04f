"""Every column an undo record keeps is stored in a form JSON can hold: a date column is listed as one
(round 41: a new date column broke every /called after it, before its ack)."""

from __future__ import annotations

from sqlalchemy import Date

from bot.services.call_changes import _DATE_FIELDS, SCHEDULE_FIELDS
from storage.models import Contact


def test_every_date_column_in_the_undo_record_is_written_as_a_date():
    dates = {name for name in SCHEDULE_FIELDS if isinstance(Contact.__table__.c[name].type, Date)}
    assert dates == set(_DATE_FIELDS) & set(SCHEDULE_FIELDS)
    assert dates <= set(_DATE_FIELDS)
