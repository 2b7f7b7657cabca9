"""Hot reload: the live engine, swapped in one step when a new index version goes live.

:class:`EngineHolder` owns the model (loaded once per process) and the engine serving
now. :meth:`EngineHolder.reload` loads the version the live pointer names *beside* the
one serving, and only when it has loaded completely replaces the reference
(``self.engine = new``: one assignment, atomic under the GIL). A request takes the
reference once when it starts, so it finishes on the version it started with; the old
engine is freed when its last request ends. A version that fails to load
(:class:`qa.index.IndexLoadError`, e.g. a checksum that does not match) is not swapped
in: the old one keeps serving and :attr:`EngineHolder.reload_error` says why (``/readyz``
shows it). The pointer is polled every ``QA_RELOAD_POLL_SECONDS`` and read again on SIGHUP.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from datetime import datetime

from qa.embedder import Embedder
from qa.engine import QAEngine
from qa.index import IndexLoadError, live_version
from qa.linear import ModelFileError
from qa.model_store import ModelError
from qa.service import load_engine
from qa.settings import Settings

__all__ = ["EngineHolder"]

log = logging.getLogger(__name__)


class EngineHolder:
    """The engine serving now, the model it runs on, and why a load failed (if one did).

    ``engine`` is None until a version has loaded; ``load_error`` then says why (the model
    or the index), and ``reload_error`` says why a later version was not swapped in.
    ``embedder`` is reused by every reload; without one, :meth:`start` loads the model of
    ``settings`` (once).
    """

    def __init__(
        self,
        settings: Settings,
        engine: QAEngine | None = None,
        embedder: Embedder | None = None,
        on_swap: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.on_swap = on_swap  # called with the new version after each swap (metrics)
        self.engine: QAEngine | None = engine
        self.embedder: Embedder | None = embedder if embedder is not None else (engine.embedder if engine else None)
        self.load_error: str | None = None
        self.reload_error: str | None = None
        self._seen_pointer: str | None = self.read_pointer() if engine is not None else None
        self._lock = threading.Lock()

    def read_pointer(self) -> str | None:
        """The version the pointer names now, or None when there is none or it cannot be read."""
        try:
            return live_version(self.settings.index_dir)
        except IndexLoadError:  # unreadable or not a folder: the load says why
            return None

    @property
    def version(self) -> str | None:
        """The version serving now."""
        return self.engine.index_version if self.engine is not None else None

    def built_at(self) -> float | None:
        """When the serving version was built (Unix seconds), from its manifest."""
        if self.engine is None:
            return None
        stamp = self.engine.data.manifest.built_at
        try:
            return datetime.fromisoformat(stamp).timestamp()
        except ValueError:
            return None

    def start(self) -> None:
        """Load the model (unless given) and the live version; failures go to ``load_error``."""
        if self.embedder is None:
            from qa.service import load_embedder

            try:
                self.embedder = load_embedder(self.settings)
            except Exception as exc:  # a server without a model answers 503 with the reason
                if not isinstance(exc, ModelError | OSError):
                    log.exception("loading the model failed unexpectedly")
                self.load_error = str(exc)
                log.error("not ready: %s", exc)
                return
        if self.engine is None:
            self.reload(force=True)

    def reload(self, force: bool = False) -> bool:
        """Load the version the pointer names and swap it in; True when a new one went live.

        Without ``force``, a pointer that names what was already tried is left alone (a
        broken version is not reloaded every poll). Never raises for a damaged or missing
        index: the reason goes to ``load_error`` (nothing serving) or ``reload_error``.
        """
        with self._lock:
            pointer = self.read_pointer()
            if not force and pointer == self._seen_pointer:
                return False
            self._seen_pointer = pointer
            if self.embedder is None:
                return False
            if self.engine is not None and pointer == self.engine.index_version and not force:
                self.reload_error = None  # the pointer is back on the version serving
                return False
            try:
                new = load_engine(self.settings, self.embedder)
            except Exception as exc:  # any damage must leave the old version serving, never crash
                # A model file named by a setting is not the index's fault: its message says
                # which file and how to refit it or unset the setting.
                if not isinstance(exc, IndexLoadError | ModelFileError):
                    log.exception("loading index version %s failed unexpectedly", pointer)
                    exc = IndexLoadError(f"{type(exc).__name__}: {exc}: the index folder is damaged; run `qa build`")
                # No pointer (LIVE removed by hand) names no version: the message says so.
                reason = f"index version {pointer} was not loaded: {exc}" if pointer else f"no version is live: {exc}"
                if self.engine is None:
                    self.load_error = str(exc)
                    log.error("not ready: %s", exc)
                else:
                    self.reload_error = f"{reason}; still serving {self.engine.index_version}"
                    log.error("%s", self.reload_error)
                return False
            old = self.version
            self.engine = new  # the swap: one reference assignment
            self.load_error = None
            self.reload_error = None
            log.info("index %s is live (was %s)", new.index_version, old)
            if self.on_swap is not None:
                self.on_swap(new.index_version)
            return True

    async def watch(self, interval_s: float) -> None:
        """Poll the pointer every ``interval_s`` seconds; reload in a thread when it changes."""
        while True:
            await asyncio.sleep(interval_s)
            if self.read_pointer() != self._seen_pointer:
                await asyncio.to_thread(self.reload)

    async def reload_now(self) -> None:
        """Reload on request (SIGHUP): read the pointer again even if it did not change."""
        await asyncio.to_thread(self.reload, True)
