"""Block Kit, view and message-metadata checks with Slack's limits and Slack-style error messages.

Limits from https://api.slack.com/reference/block-kit (see SLACK.md). Beside these checks, every
block and view also goes through slack_sdk's own models (`slack_sdk.models.blocks`,
`slack_sdk.models.views`), written independently from Slack's documentation: a payload either set of
checks refuses is an error.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

Surface = Literal["message", "modal", "home"]

_EVENT_TYPE = re.compile(r"^[a-z0-9_]+$")

_MAX_BLOCKS: dict[str, int] = {"message": 50, "modal": 100, "home": 100}
_BLOCK_TYPES = {
    "section",
    "header",
    "context",
    "actions",
    "divider",
    "input",
    "image",
    "rich_text",
    "markdown",
    "file",
    "video",
    "context_actions",
}
_SELECTS_WITH_OPTIONS = {"static_select", "multi_static_select"}
_TEXT_INPUTS = {"plain_text_input", "email_text_input", "url_text_input", "number_input"}
# Elements Slack takes only inside a context_actions block (its reference pages for both elements).
_CONTEXT_ACTIONS_ONLY = {"feedback_buttons", "icon_button"}


class _Checker:
    """Collects Slack-style error messages: `<problem> [json-pointer:/blocks/0/text]`."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, path: str, problem: str) -> None:
        self.errors.append(f"{problem} [json-pointer:{path}]")

    def length(self, value: Any, limit: int, path: str) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.error(path, f"must be at most {limit} characters (got {len(value)})")

    def text(self, obj: Any, path: str, *, limit: int, plain_only: bool = False) -> None:
        if not isinstance(obj, dict):
            self.error(path, "must be a text object")
            return
        kind = obj.get("type")
        allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
        if kind not in allowed:
            self.error(f"{path}/type", f"must be one of {', '.join(allowed)} (got {kind!r})")
        value = obj.get("text")
        if not isinstance(value, str) or not value:
            self.error(f"{path}/text", "must be a non-empty string")
            return
        self.length(value, limit, f"{path}/text")

    def option(self, opt: Any, path: str, *, plain_only: bool = True) -> None:
        if not isinstance(opt, dict):
            self.error(path, "must be an option object")
            return
        self.text(opt.get("text"), f"{path}/text", limit=75, plain_only=plain_only)
        if not isinstance(opt.get("value"), str) or not opt.get("value"):
            self.error(f"{path}/value", "must be a non-empty string")
        self.length(opt.get("value"), 150, f"{path}/value")

    def element(self, el: Any, path: str) -> str | None:
        """Check one interactive element; return its action_id (if any)."""
        if not isinstance(el, dict) or not isinstance(el.get("type"), str):
            self.error(path, "must be an element object with a type")
            return None
        kind = el["type"]
        action_id = el.get("action_id")
        self.length(action_id, 255, f"{path}/action_id")
        if "placeholder" in el:
            self.text(el["placeholder"], f"{path}/placeholder", limit=150, plain_only=True)
        if kind == "button":
            self.text(el.get("text"), f"{path}/text", limit=75, plain_only=True)
            self.length(el.get("value"), 2000, f"{path}/value")
            self.length(el.get("url"), 3000, f"{path}/url")
            if el.get("style") not in (None, "primary", "danger"):
                self.error(f"{path}/style", "must be primary or danger")
        elif kind in _SELECTS_WITH_OPTIONS:
            options = el.get("options")
            groups = el.get("option_groups")
            if options is None and groups is None:
                self.error(path, "must provide options or option_groups")
            if isinstance(options, list):
                if len(options) > 100:
                    self.error(f"{path}/options", f"must have at most 100 items (got {len(options)})")
                for i, opt in enumerate(options):
                    self.option(opt, f"{path}/options/{i}")
            if isinstance(groups, list) and len(groups) > 100:
                self.error(f"{path}/option_groups", f"must have at most 100 items (got {len(groups)})")
        elif kind in ("checkboxes", "radio_buttons"):
            options = el.get("options")
            if not isinstance(options, list) or not options or len(options) > 10:
                self.error(f"{path}/options", "must have 1 to 10 items")
            else:
                for i, opt in enumerate(options):
                    self.option(opt, f"{path}/options/{i}", plain_only=False)
        elif kind == "overflow":
            options = el.get("options")
            if not isinstance(options, list) or not 1 <= len(options) <= 5:
                self.error(f"{path}/options", "must have 1 to 5 items")
        elif kind in _TEXT_INPUTS:
            for key in ("max_length", "min_length"):
                value = el.get(key)
                if value is not None and (not isinstance(value, int) or not 0 <= value <= 3000):
                    self.error(f"{path}/{key}", "must be an integer from 0 to 3000")
            self.length(el.get("initial_value"), 3000, f"{path}/initial_value")
        elif kind == "image":
            if not el.get("image_url") and not el.get("slack_file"):
                self.error(f"{path}/image_url", "is required")
            if not el.get("alt_text"):
                self.error(f"{path}/alt_text", "is required")
        elif kind in _CONTEXT_ACTIONS_ONLY:
            self.error(f"{path}/type", f"{kind} can only be used in a context_actions block")
        return action_id if isinstance(action_id, str) else None

    def context_action(self, el: Any, path: str) -> str | None:
        """One element of a context_actions block (feedback_buttons or icon_button); its action_id."""
        if not isinstance(el, dict) or el.get("type") not in _CONTEXT_ACTIONS_ONLY:
            kind = el.get("type") if isinstance(el, dict) else None
            self.error(f"{path}/type", f"must be feedback_buttons or icon_button (got {kind!r})")
            return None
        action_id = el.get("action_id")
        self.length(action_id, 255, f"{path}/action_id")
        if el["type"] == "feedback_buttons":
            for side in ("positive_button", "negative_button"):
                btn = el.get(side)
                if not isinstance(btn, dict):
                    self.error(f"{path}/{side}", "is required")
                    continue
                self.text(btn.get("text"), f"{path}/{side}/text", limit=75, plain_only=True)
                if not isinstance(btn.get("value"), str) or not btn["value"]:
                    self.error(f"{path}/{side}/value", "must be a non-empty string")
                self.length(btn.get("value"), 2000, f"{path}/{side}/value")
                self.length(btn.get("accessibility_label"), 75, f"{path}/{side}/accessibility_label")
        else:
            if not isinstance(el.get("icon"), str) or not el["icon"]:
                self.error(f"{path}/icon", "is required")
            self.text(el.get("text"), f"{path}/text", limit=75, plain_only=True)
            self.length(el.get("value"), 2000, f"{path}/value")
            self.length(el.get("accessibility_label"), 75, f"{path}/accessibility_label")
        return action_id if isinstance(action_id, str) else None

    def block(self, block: Any, path: str) -> None:
        if not isinstance(block, dict):
            self.error(path, "must be a block object")
            return
        kind = block.get("type")
        if kind not in _BLOCK_TYPES:
            self.error(f"{path}/type", f"unknown block type {kind!r}")
            return
        if kind == "header":
            self.text(block.get("text"), f"{path}/text", limit=150, plain_only=True)
        elif kind == "section":
            text, fields = block.get("text"), block.get("fields")
            if text is None and not fields:
                self.error(path, "must have text or fields")
            if text is not None:
                self.text(text, f"{path}/text", limit=3000)
            if fields is not None:
                if not isinstance(fields, list) or len(fields) > 10:
                    self.error(f"{path}/fields", "must be a list of at most 10 text objects")
                else:
                    for i, item in enumerate(fields):
                        self.text(item, f"{path}/fields/{i}", limit=2000)
            if "accessory" in block:
                self.element(block["accessory"], f"{path}/accessory")
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
                self.error(f"{path}/elements", "must have 1 to 10 items")
            else:
                for i, el in enumerate(elements):
                    if isinstance(el, dict) and el.get("type") == "image":
                        self.element(el, f"{path}/elements/{i}")
                    else:
                        self.text(el, f"{path}/elements/{i}", limit=3000)
        elif kind == "actions":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
                self.error(f"{path}/elements", "must have 1 to 25 items")
                return
            seen: set[str] = set()
            for i, el in enumerate(elements):
                action_id = self.element(el, f"{path}/elements/{i}")
                if action_id is not None:
                    if action_id in seen:
                        self.error(f"{path}/elements/{i}/action_id", f"duplicate action_id {action_id!r}")
                    seen.add(action_id)
        elif kind == "context_actions":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 5:
                self.error(f"{path}/elements", "must have 1 to 5 items")
                return
            seen_ids: set[str] = set()
            for i, el in enumerate(elements):
                action_id = self.context_action(el, f"{path}/elements/{i}")
                if action_id is not None:
                    if action_id in seen_ids:
                        self.error(f"{path}/elements/{i}/action_id", f"duplicate action_id {action_id!r}")
                    seen_ids.add(action_id)
        elif kind == "input":
            self.text(block.get("label"), f"{path}/label", limit=2000, plain_only=True)
            if "hint" in block:
                self.text(block["hint"], f"{path}/hint", limit=2000, plain_only=True)
            if "element" not in block:
                self.error(f"{path}/element", "is required")
            else:
                self.element(block["element"], f"{path}/element")
        elif kind == "image":
            if not block.get("image_url") and not block.get("slack_file"):
                self.error(f"{path}/image_url", "is required")
            if not block.get("alt_text"):
                self.error(f"{path}/alt_text", "is required")


def sdk_block_errors(blocks: list[Any]) -> list[str]:
    """What slack_sdk's block models refuse: `Block.parse` then each block's `validate_json()`."""
    errors = []
    for i, raw in enumerate(blocks):
        if not isinstance(raw, dict):
            continue  # our own checks report it
        try:
            block = Block.parse(raw)
            if block is None:
                errors.append(f"slack_sdk: unknown block type {raw.get('type')!r} [json-pointer:/blocks/{i}]")
            else:
                block.to_dict()  # validates the block and every element and text object inside it
        except Exception as exc:  # SlackObjectFormationError, or a shape the models cannot even read
            errors.append(f"slack_sdk: {exc} [json-pointer:/blocks/{i}]")
    return errors


def sdk_view_errors(view: dict) -> list[str]:
    """What slack_sdk's view model refuses: title, submit, close, metadata, ids and the number of
    blocks (`validate_json` does not look inside blocks; sdk_block_errors does)."""
    try:
        View(**view).validate_json()
    except Exception as exc:
        return [f"slack_sdk: {exc} [json-pointer:/view]"]
    return []


def validate_blocks(blocks: Any, surface: Surface) -> list[str]:
    """Return Slack-style error messages for `blocks` on a message, modal or Home tab ([] when valid)."""
    check = _Checker()
    if not isinstance(blocks, list):
        check.error("/blocks", "must be a list of blocks")
        return check.errors
    limit = _MAX_BLOCKS[surface]
    if len(blocks) > limit:
        check.error("/blocks", f"must have at most {limit} items for a {surface} (got {len(blocks)})")
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        path = f"/blocks/{i}"
        check.block(block, path)
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if block_id is not None:
            check.length(block_id, 255, f"{path}/block_id")
            if block_id in seen:
                check.error(f"{path}/block_id", f"duplicate block_id {block_id!r}")
            seen.add(block_id)
    return check.errors + sdk_block_errors(blocks)


def validate_view(view: Any) -> list[str]:
    """Return error messages for a modal or Home tab view object ([] when valid)."""
    check = _Checker()
    if not isinstance(view, dict):
        return ["must be a view object [json-pointer:/view]"]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return [f"type must be modal or home (got {kind!r}) [json-pointer:/view/type]"]
    if kind == "modal":
        check.text(view.get("title"), "/view/title", limit=24, plain_only=True)
        for key in ("submit", "close"):
            if key in view:
                check.text(view[key], f"/view/{key}", limit=24, plain_only=True)
        blocks = view.get("blocks") or []
        has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
        if has_input and "submit" not in view:
            check.error("/view/submit", "is required when the view has input blocks")
    check.length(view.get("private_metadata"), 3000, "/view/private_metadata")
    check.length(view.get("callback_id"), 255, "/view/callback_id")
    check.length(view.get("external_id"), 255, "/view/external_id")
    errors = [
        e.replace("[json-pointer:/blocks", "[json-pointer:/view/blocks")
        for e in validate_blocks(view.get("blocks", []), kind)
    ]
    return check.errors + sdk_view_errors(view) + errors


def metadata_errors(metadata: Any) -> list[str]:
    """Return error messages for a message's `metadata` ([] when absent or valid)."""
    if metadata is None:
        return []
    if not isinstance(metadata, dict):
        return ["metadata must be an object [json-pointer:/metadata]"]
    errors = []
    if not isinstance(metadata.get("event_type"), str) or not _EVENT_TYPE.match(metadata["event_type"]):
        errors.append(
            "event_type must be lower-case letters, digits and _ [json-pointer:/metadata/event_type]"
        )
    if not isinstance(metadata.get("event_payload"), dict):
        errors.append("event_payload must be an object [json-pointer:/metadata/event_payload]")
    return errors
