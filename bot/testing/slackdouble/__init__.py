"""A local Slack Web API double: a real HTTP server that answers like Slack and checks Block Kit.

Used by the test suite and by `warmcall console`. Point a `WebClient(base_url=double.url)` at it.
`blockkit` holds the payload checks, `methods` the Web API methods, `server` the HTTP side,
`workspace` the stored state and `faults` the injected failures.
"""

from bot.testing.slackdouble.blockkit import validate_blocks, validate_view
from bot.testing.slackdouble.double import SlackDouble
from bot.testing.slackdouble.records import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID, Call

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "TEAM_ID",
    "Call",
    "SlackDouble",
    "validate_blocks",
    "validate_view",
]
