"""The row of buttons every contact gets wherever it is shown (digest, /prep, App Home).

Action ids are shared by every surface; the value is only the contact id. Listeners never trust it
alone: they load the contact with the requesting user's team and user id (storage.get_contact).
"""

from __future__ import annotations

from handlers.blocks.kit import actions, button, confirm_dialog

PREP = "contact_prep"
LOG_CALL = "contact_log"
SNOOZE = "contact_snooze"  # value "ID" (7 days) or "ID:N"
LET_GO = "contact_let_go"
REVIVE = "contact_revive"
VIEW = "contact_view"
PLAN = "contact_plan"  # opens the Plan it form (handlers.blocks.plan)


def contact_buttons(
    contact_id: int,
    *,
    prep: bool = True,
    log: bool = True,
    plan: bool = False,
    snooze: bool = True,
    let_go: bool = True,
    view: bool = False,
    revive: bool = False,
    block_id: str | None = None,
    extra: list[dict] | None = None,
) -> dict:
    """`extra`: buttons shown first, in the same row (a row is swapped in place as one block)."""
    cid = str(contact_id)
    elements = list(extra or [])
    if prep:
        elements.append(button("Prep", PREP, cid))
    if log:
        elements.append(button("Log call", LOG_CALL, cid, style="primary"))
    if plan:
        elements.append(button("Plan it", PLAN, cid))
    if snooze:
        elements.append(button("Snooze 1w", SNOOZE, f"{cid}:7"))
    if let_go:
        elements.append(
            button(
                "Let go",
                LET_GO,
                cid,
                confirm=confirm_dialog(
                    "Let go?", "No more nudges for this contact. You can revive them later.", "Let go"
                ),
            )
        )
    if revive:
        elements.append(button("Revive", REVIVE, cid))
    if view:
        elements.append(button("View", VIEW, cid))
    return actions(elements, block_id=block_id or f"contact:{cid}")


def parse_snooze_value(value: str | None) -> tuple[str, int]:
    """'12:7' → ('12', 7); '12' → ('12', 7). Junk days fall back to 7, bounded to 1..365."""
    raw_id, _, raw_days = (value or "").partition(":")
    try:
        days = int(raw_days) if raw_days else 7
    except ValueError:
        days = 7
    return raw_id, max(1, min(days, 365))
