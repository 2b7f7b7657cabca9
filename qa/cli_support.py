"""What the `qa` commands share: the one-line error, the check of a file they are told
to write, made before the work that fills it, and where a quote stands in its document."""

from __future__ import annotations

import os
import socket
import textwrap
from pathlib import Path
from typing import NoReturn

import typer

from qa.normalise import lone_surrogate


def fail(message: str) -> NoReturn:
    """End the command with `error: <message>` on standard error and exit code 1
    (raises typer.Exit)."""
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def quote_place(start: int, end: int, page: int | None, language: str) -> str:
    """Where a quote or passage stands in its document, in the answer's language ("da" or
    "en"): its PDF page when it has one, then its character offsets (end exclusive):
    "side 4, tegn 296-328", "page 4, characters 296-328", "tegn 891-1021"."""
    danish = language == "da"
    place = f"tegn {start}-{end}" if danish else f"characters {start}-{end}"
    if page is None:
        return place
    return f"side {page}, {place}" if danish else f"page {page}, {place}"


def wrapped_answer(answer: str, width: int) -> str:
    """An answer filled to `width` characters a line, its paragraphs and list items (parts
    separated by a blank line, as quotes of several blocks are) kept apart by one."""
    return "\n\n".join(textwrap.fill(part, width) for part in answer.split("\n\n"))


def refuse_invalid_argument(text: str, argument: str) -> None:
    """End the command with an `error:` line (`fail`) when the command-line argument
    `argument` ("QUESTION") is not UTF-8 text: Python reads each byte of it that is not
    UTF-8 (``0xff``) as a lone surrogate (``\\udcff``), which no model can read. Returns
    None when the text is valid."""
    surrogate = lone_surrogate(text)
    if surrogate is None:
        return
    code = ord(surrogate)
    what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"lone surrogate {ascii(surrogate)[1:-1]}"
    fail(f"the {argument} argument is not UTF-8 text ({what}): type it in a terminal that uses UTF-8 (LANG=C.UTF-8)")


def output_file_problem(path: Path, name: str, example: str, make_folders: bool = False) -> str | None:
    """Why `path` cannot be written as a file, as an error message that says what to give
    instead, or None when it can. `name` is where the path came from: an option
    ("--out", shown as "--out PATH") or a setting ("QA_ABSTENTION_MODEL", shown as
    "QA_ABSTENTION_MODEL=PATH"); `example` is the file name suggested when `path` is a
    folder ("abstention.json").

    The problems: `path` is a folder; its folder does not exist (with `make_folders`, for
    a writer that creates missing folders, the nearest folder that exists counts), or is
    a file; that folder, or an existing file at `path`, may not be written.
    """
    shown = _named(name, path)
    if path.is_dir():
        return f"{shown} is a folder: name a file in it, e.g. {_named(name, path / example)}"
    folders = [path.parent, *path.parent.parents] if make_folders else [path.parent]
    folder = next((f for f in folders if f.exists()), path.parent)
    if not folder.exists():
        return f"{shown}: the folder {folder} does not exist: create it, or name a file in a folder that exists"
    if not folder.is_dir():
        return f"{shown}: {folder} is a file, not a folder: name a file in a folder"
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"{shown} may not be written by this user: name a file in a folder you may write to"
    return None


def _named(name: str, path: Path) -> str:
    """A path with where it came from: "--out PATH" for an option, "QA_X=PATH" for a setting."""
    return f"{name} {path}" if name.startswith("-") else f"{name}={path}"


def port_problem(host: str, port: int) -> str | None:
    """Why `qa serve` cannot listen on ``host``:``port`` (an error message saying what to do),
    or None when a socket can be bound there now. Bound and closed at once, with
    SO_REUSEADDR as uvicorn binds, so a port in TIME_WAIT counts as free; checked before the
    model and index load, which take tens of seconds (uvicorn binds after them)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        return f"--host {host}: not an address this machine has ({exc.strerror}): give one, e.g. 127.0.0.1 (QA_HOST)"
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            return (
                f"cannot listen on {host}:{port} ({exc.strerror}): stop what listens there, "
                "or give another --port (QA_PORT)"
            )
    return None
