"""One way to start a child process, wait until it says it is ready, and stop it:
for the embedded store, for a local API a test or a benchmark starts, and for
the servers it compares against.

A child that serves chooses its own port (it binds port 0) and says where it
listens on a line of its output; the parent waits for that line. Nothing picks
a free port first and hopes it stays free.
"""

import contextlib
import os
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path


class ChildError(Exception):
    """The child exited, or did not say it was ready in time; the message ends with its output."""


class Child:
    """A child process whose output goes to files.

    `own_session` puts it in a session (and process group) of its own: a signal
    sent to the parent's group, as a terminal's Ctrl-C is, does not reach it.
    `watch_parent` keeps a pipe open on its standard input, so that it can see
    (as end of file) that its parent is gone, however the parent ended.
    """

    def __init__(
        self,
        argv: list[str],
        *,
        env: dict | None = None,
        cwd: Path | str | None = None,
        own_session: bool = False,
        watch_parent: bool = False,
    ):
        self.argv = argv
        self.env = env
        self.cwd = cwd
        self.own_session = own_session
        self.watch_parent = watch_parent
        self.process: subprocess.Popen | None = None
        self._out = tempfile.NamedTemporaryFile("w+", prefix="child-", suffix=".out")  # noqa: SIM115
        self._err = tempfile.NamedTemporaryFile("w+", prefix="child-", suffix=".err")  # noqa: SIM115

    def start(self) -> "Child":
        self.process = subprocess.Popen(  # noqa: S603 (argv is the caller's own command)
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.PIPE if self.watch_parent else subprocess.DEVNULL,
            stdout=self._out,
            stderr=self._err,
            start_new_session=self.own_session,
        )
        return self

    def wait_for(self, pattern: re.Pattern | str, timeout: float = 60) -> re.Match:
        """The first match of `pattern` in the child's standard output, once it is there."""
        pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        while True:
            found = pattern.search(self.stdout)
            if found:
                return found
            if self.process.poll() is not None:
                raise ChildError(f"{self.name} exited with status {self.process.returncode}:\n{self.output_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise ChildError(f"{self.name} was not ready within {timeout:.0f} s:\n{self.output_tail()}")
            time.sleep(0.02)

    def send(self, signum: int) -> None:
        if self.running:
            self.process.send_signal(signum)

    def send_to_group(self, signum: int) -> None:
        """The signal to the child's whole process group, as a terminal sends Ctrl-C (own_session only)."""
        if self.running:
            os.killpg(os.getpgid(self.process.pid), signum)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 15) -> int | None:
        """Signal the child, wait for it to exit (killing it after `timeout`); its exit status."""
        if self.process is None:
            return None
        self.send(signum)
        try:
            return self.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise

    def wait(self, timeout: float | None = None) -> int:
        status = self.process.wait(timeout=timeout)
        if self.process.stdin:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        return status

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def name(self) -> str:
        return " ".join(self.argv[:3])

    @property
    def stdout(self) -> str:
        return Path(self._out.name).read_text(errors="replace")

    @property
    def stderr(self) -> str:
        return Path(self._err.name).read_text(errors="replace")

    def output_tail(self, characters: int = 3000) -> str:
        return (self.stdout + self.stderr)[-characters:]

    def __enter__(self) -> "Child":
        return self.start()

    def __exit__(self, *_exc) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.stop()
