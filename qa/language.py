"""The language of a question or of a document that declares none, from py3langid
restricted to nearby languages; and the language a document's declared tag counts towards.

Chosen over lingua-language-detector after measuring both on short questions
(`bench/language_detectors.py`, figures in README): py3langid put every seed and dev `fit`
question on the right side of Danish/English (397/397, lingua 379/397, misled by Danish
place and product names in English questions), at 0.04 ms per question against 0.2 ms, with
a 4.6 MB model against 96 MB. The identifier is loaded once, on first use, never at import.

Mapping rule: the service answers in Danish or English only. Danish, Norwegian (Bokmål
and Nynorsk) and Swedish count towards "da" (they share most word stems with Danish, so
Danish BM25 terms still match); English and German count towards "en". The language is
the side with the larger summed probability (ties go to Danish). `confidence` is the
identifier's probability of the chosen language itself, so a Norwegian or Swedish
question mapped to "da" has a low confidence; `danish` is the summed probability of the
Danish side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

Language = Literal["da", "en"]

# py3langid's code -> the service language it counts towards (see the module docstring).
# py3langid calls Norwegian Bokmål "no".
NEAREST: dict[str, Language] = {"da": "da", "no": "da", "nn": "da", "sv": "da", "en": "en", "de": "en"}
# A document's declared language tag counts the same way; BCP 47 writes Bokmål "nb".
DECLARED: dict[str, Language] = {**NEAREST, "nb": "da"}
# ISO 639-2 codes that name no language (undetermined, no linguistic content, multiple,
# uncoded): a tag holding one of them declares nothing, and the text decides.
SPECIAL_CODES = frozenset({"und", "zxx", "mul", "mis"})


@dataclass(frozen=True)
class LanguageGuess:
    """The guessed language of a text.

    `language` is "da" or "en"; `confidence` (0 to 1) is the identifier's probability of
    that very language; `danish` (0 to 1) is the summed probability of Danish, Norwegian
    and Swedish, so 1 means Danish-like text and 0 English-like text; `detected` is the
    identifier's most probable code before mapping ("da", "no", "nn", "sv", "en", "de"),
    or "" when the text has no letters.
    """

    language: Language
    danish: float
    confidence: float = 1.0
    detected: str = ""


@lru_cache(maxsize=1)
def identifier() -> LanguageIdentifier:
    """py3langid's identifier with normalised probabilities over the languages in
    `NEAREST`, loaded once (about 80 MB, 1-5 s).

    Raises ImportError when py3langid is not installed: run `pip install -e .`.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    loaded = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    loaded.set_languages(list(NEAREST))
    return loaded


def declared_language(tag: str | None) -> Language | None:
    """The service language a document's declared tag counts towards ("da", " EN ",
    "en-GB", "nb_NO"; case, spaces and the region aside), by the identifier's own mapping
    (`DECLARED`): None for no tag or a special code ("und", "zxx", "mul", "mis"), so that
    the text decides. Raises ValueError naming the tag for any other language."""
    primary = re.split(r"[-_]", (tag or "").strip().lower(), maxsplit=1)[0]
    if not primary or primary in SPECIAL_CODES:
        return None
    if primary in DECLARED:
        return DECLARED[primary]
    raise ValueError(
        f"language {tag!r} is not one the service reads (da or en; nb, nn, no and sv count as da, "
        "de as en): declare da or en, or remove the declaration to let the text decide"
    )


def language_probabilities(text: str) -> dict[str, float]:
    """py3langid code ("da", "no", "nn", "sv", "en", "de") -> probability (sums to 1)."""
    return {code: float(p) for code, p in identifier().rank(text)}


def guess_language(text: str) -> LanguageGuess:
    """Danish or English, with confidence, by the rule in the module docstring.

    Text without any letter is guessed Danish with confidence 0 and `danish` 0.5.
    """
    if not any(ch.isalpha() for ch in text):
        return LanguageGuess("da", 0.5, 0.0)
    probabilities = language_probabilities(text)
    danish = sum(p for code, p in probabilities.items() if NEAREST[code] == "da")
    language: Language = "da" if danish >= 0.5 else "en"
    detected = max(probabilities, key=probabilities.__getitem__)
    return LanguageGuess(language, round(danish, 3), round(probabilities.get(language, 0.0), 3), detected)
