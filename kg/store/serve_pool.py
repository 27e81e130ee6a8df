"""Query workers for `kg serve`: every query is parsed and run in a process that may die.

Why processes: Oxigraph overflows its stack on some deep queries (a segfault ends the whole
process), and neither rdflib's parser nor Oxigraph's evaluation can be stopped from Python
(a timed-out query kept a core busy until it finished). So the server never parses or runs
a query itself. It hands the request to an idle worker process and waits with a deadline:
a worker that dies is replaced and its request answered with one line; a worker that
overruns the deadline is killed (SIGKILL frees its core at once) and replaced.

Workers are forked from a "zygote": one process forked when the pool starts, before the
server runs any thread, which loads the data itself (the server process never holds it).
It forks a new worker whenever the server asks and hands back the worker's end of a socket
pair (SCM_RIGHTS). Forking from the threaded server itself could copy a lock that another
thread holds at that instant; the zygote has a single thread. Workers share the store's
memory with the zygote, copy on write. But Oxigraph writes to its store's memory as it
reads it (a full scan of 1.4 M triples gave a worker a private copy of 389 MB), so a worker
that has copied more than `private_limit` bytes retires after its answer and a fresh fork
takes its place: a worker costs its own Python heap, not the data again, except while a
large scan runs.

If the server dies, the zygote reads end-of-file on its control socket, kills its workers
and exits; if the zygote is killed, its workers get SIGKILL from the kernel (Linux's
parent-death signal). Nothing outlives `kg serve`.
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import json
import os
import queue
import resource
import select
import signal
import socket
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from kg.errors import KgError

__all__ = [
    "Answer",
    "PoolBusy",
    "PoolError",
    "PoolGone",
    "WorkerCrashed",
    "WorkerPool",
    "WorkerTimedOut",
]

Answer = tuple[int, str, bytes]
"""A worker's reply: HTTP status, media type, body."""

Handler = Callable[[dict[str, Any]], Answer]
"""What a worker does with one request (a JSON object); runs in the worker process."""

_LENGTH = struct.Struct("!Q")
_REPLY_HEAD = struct.Struct("!HBH")  # status, retiring (0/1), length of the media type
_SPAWN, _PID = b"S", struct.Struct("!q")
_CONTROL_TIMEOUT = 30.0  # seconds the zygote may take to fork (it takes milliseconds)
_PR_SET_PDEATHSIG = 1
PRIVATE_LIMIT = 128 << 20
"""Bytes of memory a worker may have made its own (copied or allocated) before it retires."""
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class PoolError(Exception):
    """A request the pool could not get answered; the message is the client's one line."""


class WorkerTimedOut(PoolError):
    """The worker overran the deadline and was killed."""


class WorkerCrashed(PoolError):
    """The worker died while it held the request."""


class PoolBusy(PoolError):
    """No worker became free before the deadline."""


class PoolGone(PoolError):
    """No worker can be started any more (the zygote is gone)."""


@dataclass
class _Worker:
    pid: int
    channel: socket.socket
    pidfd: int | None  # a handle on this very process: a recycled pid cannot be signalled

    def is_dead(self) -> bool:
        """An idle worker never writes: a readable channel means end-of-file, so death."""
        readable, _, _ = select.select([self.channel], [], [], 0)
        return bool(readable)

    def kill(self) -> None:
        """SIGKILL, then wait (briefly) until the process is really gone."""
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
                select.select([self.pidfd], [], [], 2.0)  # readable once it has exited
            else:
                os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.close()

    def close(self) -> None:
        self.channel.close()
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None


class WorkerPool:
    """`size` worker processes running a handler; `run` gives one a request, with a deadline.

    `setup` runs once, in the zygote, and returns the handler: whatever it loads or warms up
    (the data, a first parse) every worker starts with. A KgError it raises is raised here
    with the same message.
    """

    def __init__(
        self,
        setup: Callable[[], Handler],
        size: int,
        *,
        log_error: Callable[[str], None] | None = None,
        private_limit: int = PRIVATE_LIMIT,
    ) -> None:
        if size < 1:
            raise ValueError(f"a pool needs at least one worker, not {size}")
        self.size = size
        self._log_error = log_error or (lambda line: sys.stderr.write(f"kg serve: {line}\n"))
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()  # the warmest worker first
        self._spawn_lock = threading.Lock()
        self._alive = 0
        self._closed = False
        control, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the zygote: never returns
            control.close()
            _zygote_main(zygote_end, setup, private_limit)
        zygote_end.close()
        self._control = control
        self._zygote_pid = pid
        try:
            self._wait_for_setup()
            control.settimeout(_CONTROL_TIMEOUT)
            for _ in range(size):
                self._idle.put(self._spawn())
                self._alive += 1
        except BaseException:  # Ctrl-C while the data loads included: nothing stays behind
            self.close()
            raise

    def _wait_for_setup(self) -> None:
        """Block until the zygote has loaded the data (no deadline: that may take minutes)."""
        try:
            message = _receive_frame(self._control).decode("utf-8")
        except (OSError, EOFError):
            raise PoolGone("the query engine failed to start (see above)") from None
        if message:
            raise KgError(message)

    @property
    def workers(self) -> list[int]:
        """The pids of the idle workers (for tests and logs)."""
        with self._idle.mutex:
            return [worker.pid for worker in self._idle.queue]

    @property
    def zygote_pid(self) -> int:
        return self._zygote_pid

    def run(self, request: dict[str, Any], timeout: float) -> Answer:
        """The answer of an idle worker to `request`, or a PoolError after `timeout` s.

        The deadline covers waiting for a free worker and the worker's whole job.
        """
        deadline = time.monotonic() + timeout
        worker = self._take(deadline, timeout)
        payload = json.dumps(request).encode("utf-8")
        try:
            _send_frame(worker.channel, payload, deadline)
            reply = _receive_frame(worker.channel, deadline)
        except TimeoutError:
            worker.kill()
            self._replace()
            raise WorkerTimedOut(
                f"the query ran over the time limit of {timeout:g} s and was stopped "
                "(kg serve --timeout sets the limit)"
            ) from None
        except (OSError, EOFError):
            worker.kill()  # it is dead already; this reaps the handle
            self._log_error(f"a query worker (pid {worker.pid}) died; started another")
            self._replace()
            raise WorkerCrashed(
                "the query crashed the query engine; the server restarted it"
            ) from None
        status, retiring, type_length = _REPLY_HEAD.unpack_from(reply)
        if retiring:  # it exits now: a fresh fork takes its place, off this request's path
            worker.close()
            threading.Thread(target=self._replace, name="kg-serve-respawn", daemon=True).start()
        else:
            self._idle.put(worker)
        start = _REPLY_HEAD.size
        media_type = reply[start : start + type_length].decode("ascii")
        return status, media_type, bytes(reply[start + type_length :])

    def _take(self, deadline: float, timeout: float) -> _Worker:
        """An idle, living worker; dead ones (killed from outside) are replaced on the way."""
        while True:
            if self._alive == 0:
                raise PoolGone("the query engine cannot be restarted; restart kg serve")
            try:
                worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise PoolBusy(
                    f"all {self.size} query workers stayed busy for {timeout:g} s; try again"
                ) from None
            if not worker.is_dead():
                return worker
            worker.kill()
            self._log_error(f"a query worker (pid {worker.pid}) had died; started another")
            self._replace()

    def _replace(self) -> None:
        """Fork a successor for a worker that is gone (a failure leaves the pool smaller)."""
        try:
            if self._closed:
                raise PoolGone("the pool is closed")
            self._idle.put(self._spawn())
        except PoolError as exc:
            with self._spawn_lock:
                self._alive -= 1
            if not self._closed:
                self._log_error(str(exc))

    def _spawn(self) -> _Worker:
        with self._spawn_lock:
            try:
                self._control.sendall(_SPAWN)
                data, fds, _, _ = socket.recv_fds(self._control, _PID.size, 1)
            except OSError as exc:
                raise PoolGone(f"cannot start a query worker: {exc}") from None
            if len(data) != _PID.size:
                raise PoolGone("cannot start a query worker: the zygote is gone")
            (pid,) = _PID.unpack(data)
            if pid < 0 or not fds:
                raise PoolError("cannot start a query worker: the system refused to fork")
            channel = socket.socket(fileno=fds[0])
            try:
                pidfd: int | None = os.pidfd_open(pid)
            except (AttributeError, OSError):  # not Linux, or already gone (seen later)
                pidfd = None
            return _Worker(pid, channel, pidfd)

    def close(self) -> None:
        """Stop every worker and the zygote."""
        if self._closed:
            return
        self._closed = True
        self._control.close()  # the zygote reads end-of-file, kills its workers and exits
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                done, _ = os.waitpid(self._zygote_pid, os.WNOHANG)
            except ChildProcessError:
                return
            if done:
                return
            time.sleep(0.01)
        os.kill(self._zygote_pid, signal.SIGKILL)
        os.waitpid(self._zygote_pid, 0)


# --- frames: an 8-byte length, then the bytes -------------------------------------------


def _send_frame(channel: socket.socket, payload: bytes, deadline: float | None = None) -> None:
    channel.settimeout(None if deadline is None else _remaining(deadline))
    channel.sendall(_LENGTH.pack(len(payload)) + payload)


def _receive_frame(channel: socket.socket, deadline: float | None = None) -> bytearray:
    (length,) = _LENGTH.unpack(_receive_exactly(channel, _LENGTH.size, deadline))
    return _receive_exactly(channel, length, deadline)


def _receive_exactly(channel: socket.socket, size: int, deadline: float | None) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    received = 0
    while received < size:
        channel.settimeout(None if deadline is None else _remaining(deadline))
        count = channel.recv_into(view[received:])
        if count == 0:
            raise EOFError("the other end closed the channel")
        received += count
    return buffer


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


# --- the zygote and its workers ----------------------------------------------------------


def _zygote_main(
    control: socket.socket, setup: Callable[[], Handler], private_limit: int
) -> NoReturn:
    """Set up, then fork a worker for each request on `control`; at end-of-file, kill them all."""
    status = 0
    children: set[int] = set()
    try:
        # Ctrl-C reaches the whole process group: the server decides, its helpers stay quiet
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            handler = setup()
        except KgError as exc:
            _send_frame(control, str(exc).encode("utf-8"))
            raise SystemExit(1) from None
        _send_frame(control, b"")
        while True:
            _reap(children)
            readable, _, _ = select.select([control], [], [], 1.0)
            if not readable:
                continue
            command = control.recv(1)
            if command != _SPAWN:
                break  # end-of-file: the server is gone or closed the pool
            sys.stderr.flush()
            _fork_worker(control, handler, private_limit, children)
    except SystemExit as exc:
        status = int(exc.code or 0)
    except BaseException:  # the zygote must never return into the server's code
        traceback.print_exc()
        status = 1
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        os._exit(status)


def _fork_worker(
    control: socket.socket, handler: Handler, private_limit: int, children: set[int]
) -> None:
    zygote_pid = os.getpid()
    server_end, worker_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        pid = os.fork()
    except OSError:
        server_end.close()
        worker_end.close()
        socket.send_fds(control, [_PID.pack(-1)], [])  # no pid: the server says so
        return
    if pid == 0:  # the worker: never returns
        control.close()
        server_end.close()
        _worker_main(worker_end, handler, zygote_pid, private_limit)
    worker_end.close()
    children.add(pid)
    socket.send_fds(control, [_PID.pack(pid)], [server_end.fileno()])
    server_end.close()


def _worker_main(
    channel: socket.socket, handler: Handler, zygote_pid: int, private_limit: int
) -> NoReturn:
    """Answer requests until the server closes the channel, or this worker grew too big."""
    status = 0
    memory = _PrivateMemory(private_limit)
    try:
        _die_with_parent(zygote_pid)
        faulthandler.disable()  # a crash is reported by the server in one line, not a dump
        while True:
            try:
                request = json.loads(_receive_frame(channel))
            except EOFError:
                break
            try:
                answer = handler(request)
            except Exception as exc:  # a bug: answer 500 rather than die
                sys.stderr.write(f"kg serve: internal error: {traceback.format_exc()}")
                answer = (500, "text/plain", f"internal error: {type(exc).__name__}\n".encode())
            code, media_type, body = answer
            kind = media_type.encode("ascii")
            retiring = memory.over_limit()
            _send_frame(channel, _REPLY_HEAD.pack(code, retiring, len(kind)) + kind + body)
            if retiring:
                break
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        os._exit(status)


class _PrivateMemory:
    """Whether this worker has made more than `limit` bytes of memory its own since fork.

    Every page it copies (or first touches) is a minor page fault, counted by getrusage in
    a microsecond: an upper bound, checked against /proc/self/smaps_rollup (which costs
    about 18 ms on an 800 MB store) only when the fault count passes the limit.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.baseline = self._faults()

    @staticmethod
    def _faults() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt

    def over_limit(self) -> bool:
        faults = self._faults()
        if (faults - self.baseline) * _PAGE <= self.limit:
            return False
        private = _private_bytes()
        if private is None or private > self.limit:
            return True
        self.baseline = faults - private // _PAGE  # most faults were on memory freed since
        return False


def _private_bytes() -> int | None:
    """Memory mapped by this process alone (Linux), None where that cannot be read."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
            lines = rollup.read().splitlines()
    except OSError:
        return None
    kilobytes = sum(
        int(line.split()[1])
        for line in lines
        if line.startswith(("Private_Clean:", "Private_Dirty:"))
    )
    return kilobytes * 1024


def _die_with_parent(zygote_pid: int) -> None:
    """Linux: SIGKILL this worker when the zygote dies, however it dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: end-of-file on the channel still stops it
        return
    if os.getppid() != zygote_pid:  # the zygote died before the signal was armed
        os._exit(0)


def _reap(children: set[int]) -> None:
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)
