"""HTTP workers: several `warmcall serve --http` processes on one listening socket (WEB_CONCURRENCY).

One Python process runs Python on one core at a time. With `--workers N` the parent binds the port,
starts N worker processes that inherit the listening socket (whichever is free accepts the next
connection: a busy worker polls less often, so the others take more), and supervises them:

- a worker that dies is started again (its acked work is committed or in the durable queue, SPEC §13);
- SIGTERM or SIGINT is passed on to every worker, each drains as a single process does, and the
  parent exits once they are gone (killing any left at EXIT_SECONDS);
- a worker whose parent is gone (killed with SIGKILL) gets SIGTERM from the kernel and drains too;
- worker 0 runs the scheduler (digests, the durable queue, maintenance); the others only serve.

Replicas of the whole bot on several machines work as before: this is the same on one machine.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence

log = logging.getLogger("warmcall")

LISTEN_FD_ENV = "WARMCALL_LISTEN_FD"
WORKER_INDEX_ENV = "WARMCALL_WORKER_INDEX"
EARLY_EXIT_SECONDS = 10.0  # an error exit this soon after the start: the worker could not start
RESTART_PAUSE_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


def worker_index() -> int | None:
    """This process's worker number when it was started by the supervisor, else None."""
    raw = os.environ.get(WORKER_INDEX_ENV, "").strip()
    return int(raw) if raw.isdigit() else None


SUPERVISOR_PID_ENV = "WARMCALL_SUPERVISOR_PID"


def inherited_socket() -> socket.socket | None:
    """The listening socket handed down by the supervisor, if any."""
    raw = os.environ.get(LISTEN_FD_ENV, "").strip()
    if not raw.isdigit():
        return None
    return socket.socket(fileno=int(raw))


def die_with_parent() -> None:
    """Ask the kernel for SIGTERM when the supervisor dies (Linux), so no orphan keeps serving."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: parent_gone() below still notices
        pass


def supervisor_pid() -> int:
    """The supervisor's pid as it told the worker (not os.getppid(): a worker that starts as its
    supervisor dies would read 1 there and never notice it is an orphan)."""
    raw = os.environ.get(SUPERVISOR_PID_ENV, "").strip()
    return int(raw) if raw.isdigit() else os.getppid()


def parent_gone(original_parent: int) -> bool:
    return os.getppid() != original_parent


def listen(host: str, port: int, backlog: int = 1024) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.setblocking(False)
    return sock


class Supervisor:
    """Starts `count` workers running `command` on one listening socket and keeps them running."""

    def __init__(
        self, command: Sequence[str], count: int, sock: socket.socket, *, exit_seconds: float
    ) -> None:
        self.command = list(command)
        self.count = count
        self.sock = sock
        self.exit_seconds = exit_seconds
        self.stopping = threading.Event()
        self.workers: dict[int, tuple[subprocess.Popen, float]] = {}
        self.on_exit: Callable[[int], object] = lambda pid: None  # a worker's pid once it has exited

    def _start(self, index: int) -> None:
        env = dict(os.environ)
        env[LISTEN_FD_ENV] = str(self.sock.fileno())
        env[WORKER_INDEX_ENV] = str(index)
        env[SUPERVISOR_PID_ENV] = str(os.getpid())
        process = subprocess.Popen(self.command, env=env, pass_fds=(self.sock.fileno(),))
        self.workers[index] = (process, time.monotonic())

    def run(self) -> int:
        """Until SIGTERM/SIGINT (or a worker fails at start): 0 after a clean stop, else that exit code."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: self.stopping.set())
        for index in range(self.count):
            self._start(index)
        log.info("started %s HTTP workers on port %s", self.count, self.sock.getsockname()[1])
        failed = 0
        while not self.stopping.wait(0.2):
            for index, (process, started) in list(self.workers.items()):
                code = process.poll()
                if code is None:
                    continue
                self.on_exit(process.pid)
                # An error exit soon after the start is a worker that could not start (a bad token,
                # the database unreachable): starting it again would only fail again. A kill (a
                # negative code) or a later exit is a crash: start a new one.
                if code > 0 and time.monotonic() - started < EARLY_EXIT_SECONDS:
                    log.error("HTTP worker %s exited at start (code %s); stopping", index, code)
                    failed = code
                    self.stopping.set()
                    break
                log.warning("HTTP worker %s exited (code %s); starting it again", index, code)
                time.sleep(RESTART_PAUSE_SECONDS)
                self._start(index)
        self.stop()
        return failed

    def stop(self) -> None:
        """Pass SIGTERM on, wait for every worker (each drains its requests), kill what is left."""
        self.sock.close()  # the workers hold their own copies until they stop accepting
        for process, _ in self.workers.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.exit_seconds
        for process, _ in self.workers.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                log.warning("HTTP worker %s did not stop in time; killing it", process.pid)
                process.kill()
                process.wait()


def worker_command(port_args: Sequence[str]) -> list[str]:
    """How a worker is started: this interpreter, the bot's entry point, HTTP mode."""
    return [sys.executable, "-m", "bot", "serve", "--http", *port_args]
