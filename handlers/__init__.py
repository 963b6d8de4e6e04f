"""Slack listeners: parse a request, call one use case in bot/services, render Block Kit. Kept thin.

Every listener is a named module-level function; the packages' `register` functions only wire ids to
them. A listener that needs the use cases declares a `services` parameter, and Bolt passes it from
the request context (slack_bolt.kwargs_injection passes any context key a listener names).
"""

from collections.abc import Callable

from slack_bolt import App, BoltContext

from bot.services.context import Services
from handlers import actions, commands, events, functions, shortcuts, views


def register(app: App, services: Services) -> None:
    """Hand `services` to every listener, then wire every entry point.

    Global middleware runs after the built-in middleware App() installs when it is created (SSL
    check, signature verification, authorization), so an unsigned request never gets this far.
    Lazy listeners (none here) get a deep copy of the context; `Services` copies as itself.
    """

    def provide_services(context: BoltContext, next_: Callable[[], None]) -> None:
        context["services"] = services
        next_()

    app.middleware(provide_services)
    commands.register(app)
    actions.register(app)
    views.register(app)
    events.register(app)
    shortcuts.register(app)
    functions.register(app)
