"""The training worker process: a Runner behind a pipe.

Started once with the `spawn` method and kept warm, it imports torch itself (so the window never waits
for torch), reports the devices torch sees, then loops: block on the pipe only as long as the runner
allows, handle every waiting command, tick. It exits when told to quit or when the window's end of the
pipe closes, so a crashed or killed window never leaves it behind.
"""
from __future__ import annotations

import os
import sys


def probe_devices() -> dict:
    """What torch sees: the devices a user may pick, and why the others are off."""
    info = {"torch": None, "devices": ["cpu"], "unavailable": {}}
    try:
        import torch
    except Exception as exc:  # noqa: BLE001 - the numpy labs still work without torch
        info["unavailable"]["cuda"] = f"torch could not be imported: {exc}"
        return info
    info["torch"] = torch.__version__
    # Two cores: one thread for tiny networks beats fighting the window for the CPU.
    torch.set_num_threads(int(os.environ.get("PLAYGROUND_TORCH_THREADS", "1")))
    if torch.cuda.is_available():
        info["devices"].append("cuda")
        info["cuda_name"] = torch.cuda.get_device_name(0)
    elif torch.version.cuda is None:
        info["unavailable"]["cuda"] = "this torch build has no CUDA support (a CPU build)"
    else:
        info["unavailable"]["cuda"] = "torch sees no CUDA GPU on this machine"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        info["devices"].append("mps")
    else:
        info["unavailable"]["mps"] = "Apple MPS is only available on Apple silicon Macs"
    return info


def worker_main(conn) -> None:
    from playground.core.train.runner import Runner

    def send(events):
        for ev in events:
            conn.send(ev)

    try:
        send([{"ev": "ready", "run": 0, "info": {**probe_devices(), "pid": os.getpid(),
                                                  "python": sys.version.split()[0]}}])
        runner = Runner()
        while not runner.quit:
            if conn.poll(runner.wait_time()):
                while True:
                    send(runner.handle(conn.recv()))
                    if runner.quit or not conn.poll(0):
                        break
            if runner.quit:
                break
            send(runner.tick())
    except (EOFError, BrokenPipeError, ConnectionResetError, KeyboardInterrupt):
        pass  # the window went away: nothing left to train for
    finally:
        try:
            conn.close()
        except OSError:
            pass
