"""Warmcall: a Slack bot that turns people you met into follow-up calls that happen."""

__version__ = "0.1.0"
