"""The training worker process: a Runner behind a channel that cannot deadlock.

Started once with the `spawn` method and kept warm, it imports torch itself (so the window never waits
for torch), reports the devices torch sees, then loops: wait for a command only as long as the runner
allows, handle every waiting command, tick. It exits when told to quit or when the window's end of the
link closes, so a crashed or killed window never leaves it behind.

The link is two one-way pipes, each wrapped on both ends by a `Channel`. A pipe holds only a few
hundred kilobytes, so two plain blocking writes of large messages (a deep network's weights going to
the worker while the worker sends a frame back) wait for each other forever. A Channel makes that
impossible by construction, not by timing: on each side a reader thread does nothing but move whole
messages from its pipe into memory, so every write the other side starts can finish, and a writer
thread does the writing, so the thread that owns a channel (the window's GUI thread, the worker's
loop) never waits on a pipe. Both queues are bounded (memory stays bounded); when the window's outbox
is full the worker has stopped reading, which the window treats as a hung worker.
"""
from __future__ import annotations

import os
import pickle
import queue
import sys
import threading
import time

from playground.core.i18n import tr

__all__ = ["Channel", "ChannelClosed", "probe_devices", "worker_main"]


class ChannelClosed(EOFError):
    """The other end went away (its process exited or closed the link)."""


_STOP = object()  # tells the writer thread to finish
_EOF = object()   # what the reader thread queues when the pipe ends


class Channel:
    """One end of a two-pipe link: `send` queues a message, `recv` takes the next one that arrived.

    `reader` and `writer` are one-way multiprocessing Connections. Messages are pickled by `send` in
    the caller's thread (so later changes to the object cannot leak into what is sent) and written by
    a daemon thread; a daemon thread reads and unpickles incoming ones. `send(..., block=False)` raises
    queue.Full instead of waiting when `max_out` messages are still unwritten.
    """

    def __init__(self, reader, writer, max_in: int = 64, max_out: int = 64, name: str = "channel"):
        self._reader, self._writer = reader, writer
        self._in: queue.Queue = queue.Queue(max_in)
        self._out: queue.Queue = queue.Queue(max_out)
        self._closing = threading.Event()
        self.broken: str | None = None  # why the link failed, once it has
        self._read_thread = threading.Thread(target=self._read_loop, name=f"{name}-reader", daemon=True)
        self._write_thread = threading.Thread(target=self._write_loop, name=f"{name}-writer", daemon=True)
        self._read_thread.start()
        self._write_thread.start()

    # --- the owner's side ---------------------------------------------------------------------------
    def send(self, msg, block: bool = True, timeout: float | None = None) -> None:
        if self.broken is not None or self._closing.is_set():
            raise ChannelClosed(self.broken or "the channel is closed")
        data = pickle.dumps(msg, protocol=pickle.HIGHEST_PROTOCOL)
        if not block:
            self._out.put_nowait(data)
            return
        # Waiting here is back-pressure (the worker's frames when the window is busy); it ends when the
        # other side reads or goes away, never in a cycle, since the other side's reader never waits
        # on its own writer.
        while True:
            try:
                self._out.put(data, timeout=0.2 if timeout is None else timeout)
                return
            except queue.Full:
                if self.broken is not None or self._closing.is_set():
                    raise ChannelClosed(self.broken or "the channel is closed") from None
                if timeout is not None:
                    raise

    def recv(self, timeout: float | None = 0.0):
        """The next message; queue.Empty if none came within `timeout` (0: do not wait, None: wait)."""
        if timeout is not None and timeout <= 0:
            msg = self._in.get_nowait()
        else:
            msg = self._in.get(timeout=timeout)
        if msg is _EOF:
            self._in.put(_EOF)  # keep saying so to later calls
            raise ChannelClosed(self.broken or "the other end closed the link")
        return msg

    def pending_out(self) -> int:
        return self._out.qsize()

    def close(self, join_timeout: float = 0.5, reader_timeout: float | None = None) -> None:
        """Stop both threads and close the pipes. Call once the other end is gone or told to quit;
        messages still waiting to be written are written first if the pipe takes them in time.

        A pipe is closed only once its thread has finished: closing a descriptor under a thread that
        is about to read it again could hand that thread a new pipe reusing the number. A thread still
        blocked (the other process alive and silent) keeps its pipe until this process exits."""
        self._closing.set()
        try:
            self._out.put_nowait(_STOP)
        except queue.Full:
            pass
        self._write_thread.join(join_timeout)
        self._drain_in()
        self._read_thread.join(join_timeout if reader_timeout is None else reader_timeout)
        for thread, conn in ((self._write_thread, self._writer), (self._read_thread, self._reader)):
            if not thread.is_alive():
                try:
                    conn.close()
                except OSError:
                    pass

    # --- the threads --------------------------------------------------------------------------------
    def _read_loop(self) -> None:
        try:
            while True:
                data = self._reader.recv_bytes()
                msg = pickle.loads(data)
                while True:  # bounded inbox; once closing, incoming messages are dropped
                    if self._closing.is_set():
                        break
                    try:
                        self._in.put(msg, timeout=0.2)
                        break
                    except queue.Full:
                        continue
        except (EOFError, OSError, ValueError, TypeError, pickle.UnpicklingError) as exc:
            if self.broken is None:
                self.broken = "the other end closed the link" if isinstance(exc, EOFError) else \
                    f"the link failed ({type(exc).__name__}: {exc})"
        self._drain_in()
        while not self._closing.is_set():
            try:
                self._in.put(_EOF, timeout=0.2)
                break
            except queue.Full:
                continue

    def _drain_in(self) -> None:
        if not self._closing.is_set():
            return
        try:
            while True:
                self._in.get_nowait()
        except queue.Empty:
            pass

    def _write_loop(self) -> None:
        try:
            while True:
                data = self._out.get()
                if data is _STOP:
                    return
                self._writer.send_bytes(data)
        except (OSError, ValueError) as exc:
            if self.broken is None:
                self.broken = f"the link failed ({type(exc).__name__}: {exc})"


def channel_pair(ctx, name: str = "window"):
    """The pipes of one link: (this side's reader, writer), (the child's reader, writer)."""
    down_r, down_w = ctx.Pipe(duplex=False)  # window -> worker
    up_r, up_w = ctx.Pipe(duplex=False)      # worker -> window
    return (up_r, down_w), (down_r, up_w)


def probe_devices() -> dict:
    """What torch sees: the devices a user may pick, and why the others are off."""
    info = {"torch": None, "devices": ["cpu"], "unavailable": {}}
    try:
        import torch
    except Exception as exc:  # noqa: BLE001 - the numpy labs still work without torch
        info["unavailable"]["cuda"] = tr("torch could not be imported: {error}", error=exc)
        return info
    info["torch"] = torch.__version__
    # Two cores: one thread for tiny networks beats fighting the window for the CPU.
    torch.set_num_threads(int(os.environ.get("PLAYGROUND_TORCH_THREADS", "1")))
    if torch.cuda.is_available():
        info["devices"].append("cuda")
        info["cuda_name"] = torch.cuda.get_device_name(0)
    elif torch.version.cuda is None:
        info["unavailable"]["cuda"] = tr("this torch build has no CUDA support (a CPU build)")
    else:
        info["unavailable"]["cuda"] = tr("torch sees no CUDA GPU on this machine")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        info["devices"].append("mps")
    else:
        info["unavailable"]["mps"] = tr("Apple MPS is only available on Apple silicon Macs")
    return info


YIELD_EVERY_S = 0.0005  # how often a busy training loop hands the GIL to the channel's threads


def worker_main(reader, writer) -> None:
    from playground.core.train.runner import Runner

    channel = Channel(reader, writer, max_in=256, max_out=16, name="worker")
    import numpy as np

    # A diverging run overflows in numpy (norms, means of huge weights): each lab checks for
    # non-finite values and reports the divergence in the window, so the terminal the app was started
    # from is not filled with numpy's "overflow encountered" lines (dozens per diverged run).
    np.seterr(all="ignore")

    def send(events):
        for ev in events:
            channel.send(ev)  # may wait for the window to read: back-pressure, never a cycle

    try:
        send([{"ev": "ready", "run": 0, "info": {**probe_devices(), "pid": os.getpid(),
                                                  "python": sys.version.split()[0]}}])
        from playground.core.nets.mlp import start_warm_up

        # The compiled CPU kernels load (or, the first time on a machine, compile) in the background;
        # meanwhile networks train on torch's CPU path, so the first frame never waits for numba.
        start_warm_up(fallback=True)
        runner = Runner()
        yielded = 0.0
        while not runner.quit:
            try:
                cmd = channel.recv(runner.wait_time())
            except queue.Empty:
                cmd = None
            while cmd is not None:
                send(runner.handle(cmd))
                if runner.quit:
                    break
                try:
                    cmd = channel.recv(0)
                except queue.Empty:
                    cmd = None
            if runner.quit:
                break
            send(runner.tick())
            now = time.perf_counter()
            if runner.awaiting_ack and now - yielded > YIELD_EVERY_S:
                # A frame is on its way: let the channel's threads have the GIL. A training loop that
                # never waits starved them (each pipe chunk waited its turn), so a 190 KB frame of the
                # 6x8 spiral took 60 to 900 ms to cross and the window drew 5 frames/s, not 30.
                time.sleep(0)
                yielded = now
    except (EOFError, BrokenPipeError, ConnectionResetError, KeyboardInterrupt):
        pass  # the window went away: nothing left to train for
    finally:
        # Write what is left (the window may wait for an answer), then exit; the reader stays
        # blocked until the process ends, which closes everything.
        channel.close(join_timeout=0.5, reader_timeout=0.0)
