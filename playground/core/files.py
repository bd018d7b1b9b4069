"""Reading a user's file without hanging the app: one safe reader every loader uses.

A path a user picks may be a FIFO (an open blocks until a writer comes, a read until it stops), a
character device such as /dev/zero (endless), a socket, or a link to any of these; `st_size` of such
a file says nothing about how much it will give. `read_limited` opens without blocking, checks the
*opened* descriptor (so a file swapped after a check is still caught), refuses anything that is not a
regular file, and never reads more than `max_bytes` + 1 bytes whatever the file claims.

    from playground.core.files import FileProblem, read_limited
    raw = read_limited(path, 64 * 2**20, "a CSV file")   # bytes, or FileProblem with one sentence

Every failure, OS errors included, is one `FileProblem` (a ValueError) whose message names the file
and says what is wrong ("data.csv is a named pipe (FIFO), not a regular file, so it cannot be a CSV
file of points"); callers turn it into their own error type.
Qt-free and dependency-free: experiment files, CSVs, images and DICOM/NIfTI loaders all call it.
"""
from __future__ import annotations

import errno
import os
import stat

from playground.core.i18n import N_, tr

__all__ = ["FileProblem", "read_limited", "describe_size"]


class FileProblem(ValueError):
    """A file that cannot be read as asked; the message is one sentence naming it."""


_KINDS = ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
          (stat.S_ISCHR, N_("a character device")), (stat.S_ISBLK, N_("a block device")),
          (stat.S_ISSOCK, N_("a socket")))


def describe_size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.0f} MiB"
    if n >= 1024:
        return f"{n / 1024:.0f} KiB"
    return tr("{n} bytes", n=n)


def read_limited(path: str | os.PathLike, max_bytes: int, what: str = N_("a file")) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them.

    Raises FileProblem (message: "<name> ...") when the path does not exist, cannot be read, is not a
    regular file (folder, FIFO, device, socket, even through a symlink), or holds more than
    `max_bytes` bytes. `what` names the expected content in messages ("an experiment file").
    """
    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    what = tr(what)  # callers mark it N_("an experiment file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) \
        | getattr(os, "O_NOCTTY", 0)
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem(tr("{name} does not exist ({path})", name=name, path=os.fspath(path))) from None
    except PermissionError:
        raise FileProblem(tr("{name} cannot be read: permission denied", name=name)) from None
    except IsADirectoryError:
        raise FileProblem(tr("{name} is a folder, not {what}", name=name, what=what)) from None
    except OSError as err:
        if err.errno == errno.ENXIO:  # a socket, or a FIFO some systems refuse non-blocking
            raise FileProblem(tr("{name} is not a regular file, so it cannot be {what}", name=name, what=what)) from None
        raise FileProblem(tr("{name} cannot be read: {reason}", name=name, reason=err.strerror or err)) from None
    try:
        info = os.fstat(fd)
        for test, kind in _KINDS:
            if test(info.st_mode):
                raise FileProblem(tr("{name} is {kind}, not a regular file, so it cannot be {what}", name=name, kind=tr(kind), what=what))
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(tr("{name} is not a regular file, so it cannot be {what}", name=name, what=what))
        if info.st_size > max_bytes:
            raise FileProblem(tr("{name} is {size}, more than the {allowed} allowed for {what}", name=name, size=describe_size(info.st_size), allowed=describe_size(max_bytes), what=what))
        try:
            os.set_blocking(fd, True)  # a regular file never blocks; plain reads from here
        except OSError:
            pass
        chunks, total = [], 0
        # Read to the limit, not to st_size: a file that grows while read (or a special file that
        # lies about its size) still stops at max_bytes + 1.
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise FileProblem(tr("{name} is more than the {allowed} allowed for {what}", name=name, allowed=describe_size(max_bytes), what=what))
        return b"".join(chunks)
    except PermissionError:
        raise FileProblem(tr("{name} cannot be read: permission denied", name=name)) from None
    except OSError as err:
        raise FileProblem(tr("{name} cannot be read: {reason}", name=name, reason=err.strerror or err)) from None
    finally:
        os.close(fd)
