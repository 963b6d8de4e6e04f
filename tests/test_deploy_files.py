"""The deploy files (issue 27): the Dockerfile and compose.yaml are parsed and every command they run
is checked against the CLI (bot/runtime/cli.py), the image's user is not root, and what the image
copies exists and is not ignored. Building needs a container runtime: that part runs only when
WARMCALL_TEST_DOCKER=1 and a Docker daemon answers (it takes minutes, so CI skips it)."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from bot.runtime.cli import _parser

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_SOURCES = (ROOT / "bot" / "runtime" / "config.py", ROOT / ".env.example")


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    lines, current = [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        current += line[:-1] + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            lines.append(current)
            current = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def final_stage(steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    last_from = max(i for i, (op, _) in enumerate(steps) if op == "FROM")
    return steps[last_from:]


def cli_accepts(argv: list[str]) -> str:
    """The subcommand `warmcall argv` runs; fails the test if the CLI would refuse it."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse's refusal
        raise AssertionError(f"`warmcall {' '.join(argv)}` is not a command of bot/runtime/cli.py") from exc
    return args.command or "run"


def known_setting(name: str) -> bool:
    return any(name in source.read_text() for source in SETTINGS_SOURCES)


def ignored(path: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, p) or path.split("/")[0] == p for p in patterns)


def test_the_image_runs_warmcall_as_a_user_that_is_not_root():
    steps = final_stage(instructions(ROOT / "Dockerfile"))
    users = [i for i, (op, _) in enumerate(steps) if op == "USER"]
    assert users, "the final stage sets no USER: it would run as root"
    user = steps[users[-1]][1].split(":")[0]
    assert user not in ("root", "0")
    assert all(op != "RUN" for op, _ in steps[users[-1] :]), "nothing runs as root after USER"
    entrypoint = json.loads(dict(steps)["ENTRYPOINT"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entrypoint == ["warmcall"] and "warmcall" in scripts
    assert cli_accepts(json.loads(dict(steps)["CMD"])) == "serve"


def test_the_image_copies_the_package_and_nothing_it_needs_is_ignored():
    steps = instructions(ROOT / "Dockerfile")
    patterns = [
        p.strip().rstrip("/")
        for p in (ROOT / ".dockerignore").read_text().splitlines()
        if p.strip() and not p.startswith("#")
    ]
    copied = set()
    for op, args in steps:
        if op == "COPY" and not args.startswith("--from"):
            *sources, _ = args.split()
            for source in sources:
                assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"
                assert not ignored(source, patterns), f"COPY {source} is excluded by .dockerignore"
                copied.add(source.rstrip("/"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = {p.rstrip("*") for p in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert packages | {"pyproject.toml", project["project"]["readme"]} <= copied
    for secret_or_bulk in (".env", ".git", ".venv", "data"):
        assert ignored(secret_or_bulk, patterns)


def test_compose_runs_postgres_migrations_once_then_the_server_with_commands_the_cli_has():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:")
    ours = {name: s for name, s in services.items() if s.get("image", "").startswith("warmcall")}
    assert set(ours) >= {"migrate", "web"}
    commands = {name: cli_accepts(s["command"]) for name, s in ours.items()}
    assert commands["migrate"] == "migrate" and services["migrate"]["restart"] == "no"
    assert commands["web"] == "serve" and "--http" in services["web"]["command"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name, service in ours.items():
        url = service["environment"]["DATABASE_URL"]
        assert re.match(r"postgresql\+psycopg://warmcall:[^@]+@db:5432/warmcall$", url), name
        for setting in service["environment"]:
            assert known_setting(setting), f"{name}: {setting} is not a setting Warmcall reads"
    probe = " ".join(services["web"]["healthcheck"]["test"])
    assert "/readyz" in probe
    assert int(services["web"]["stop_grace_period"].rstrip("s")) >= 30  # the drain takes up to 29 s


def _docker_daemon() -> bool:
    if os.environ.get("WARMCALL_TEST_DOCKER") != "1" or shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0


@pytest.mark.skipif(not _docker_daemon(), reason="set WARMCALL_TEST_DOCKER=1 with a Docker daemon running")
def test_the_image_builds_and_its_cli_answers():  # pragma: no cover - needs a container runtime
    subprocess.run(["docker", "build", "-t", "warmcall:test", str(ROOT)], check=True, timeout=1200)
    user = subprocess.run(
        ["docker", "run", "--rm", "--entrypoint", "id", "warmcall:test", "-u"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert user.stdout.strip() != "0"
    migrated = subprocess.run(
        ["docker", "run", "--rm", "-e", "DATABASE_URL=sqlite:////tmp/w.db", "warmcall:test", "migrate"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrated.returncode == 0 and "revision" in migrated.stdout, migrated.stderr
