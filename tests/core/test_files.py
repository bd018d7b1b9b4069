"""The shared safe reader: files with no fixed size (FIFOs, devices, sockets, links to them) are
refused at once with a sentence naming the file, and no file is read past its limit whatever its
size claims."""
import os
import socket
import threading

import pytest

from playground.core.files import FileProblem, read_limited


def refused(path, *words, limit=1000):
    with pytest.raises(FileProblem) as info:
        read_limited(path, limit, "an experiment file")
    message = str(info.value)
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    return message


def test_regular_file_within_the_limit(tmp_path):
    p = tmp_path / "a.json"
    p.write_bytes(b"x" * 1000)
    assert read_limited(p, 1000) == b"x" * 1000


def test_a_file_over_the_limit_is_refused_by_size(tmp_path):
    p = tmp_path / "big.json"
    p.write_bytes(b"x" * 1001)
    refused(p, "big.json", "more than")


def test_a_fifo_is_refused_at_once_instead_of_hanging(tmp_path):
    p = tmp_path / "pipe.json"
    os.mkfifo(p)
    done = threading.Event()
    result = {}

    def attempt():
        try:
            read_limited(p, 1000)
        except FileProblem as exc:
            result["message"] = str(exc)
        done.set()

    threading.Thread(target=attempt, daemon=True).start()
    if not done.wait(10):
        with open(p, "wb"):  # let the stuck thread go before failing
            pass
        pytest.fail("reading a FIFO hung")
    assert "pipe.json" in result["message"] and "FIFO" in result["message"]


def test_a_link_to_dev_zero_is_refused_not_read_forever(tmp_path):
    p = tmp_path / "zero.json"
    os.symlink("/dev/zero", p)
    refused(p, "zero.json", "character device")


def test_a_folder_a_socket_and_a_missing_file_are_refused_with_their_name(tmp_path):
    refused(tmp_path, "folder")
    sock_path = tmp_path / "s.sock"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(sock_path))
        refused(sock_path, "s.sock", "not a regular file")
    finally:
        s.close()
    refused(tmp_path / "nope.json", "nope.json", "does not exist")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_file_says_permission_denied(tmp_path):
    p = tmp_path / "secret.json"
    p.write_text("{}")
    p.chmod(0)
    refused(p, "secret.json", "permission denied")
