"""Question analysis: Danish terms for BM25, a question's key terms, its language and kind.

The language comes from `qa.language` (py3langid), the Danish and bilingual word
knowledge from `qa.lexicon` (simplemma, FreeDict, a glossary); both load on first use.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, replace
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_DANISH, STOPWORDS_EN

from qa.language import Language, LanguageGuess, guess_language
from qa.lexicon import (
    danish_for_english,
    danish_frequency,
    danish_lemma,
    english_for_danish,
    english_phrase_spans,
    is_danish_word,
    is_english_word,
    split_compound,
)

__all__ = [
    "Language",
    "LanguageGuess",
    "LexicalOptions",
    "guess_language",
    "key_terms",
    "query_terms",
    "terms",
    "vocabulary_share",
    "warm_up",
    "words",
]

STEMMER_LANGUAGE = "danish"
STOPWORDS_NAME = "bm25s STOPWORDS_DANISH"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class LexicalOptions:
    """Which kinds of Danish lexical matching `key_terms` adds (see qa.lexicon).

    compounds: a compound's halves and two adjacent words written together count as a match;
    lemmas: the stem of a word's Danish lemma counts as a match;
    bridge: an English word's Danish translations count as a match;
    phrases: with the bridge, an English multi-word term ("parental leave") is one key
    term whose Danish terms ("barsel") count as a match, instead of its words' own
    translations (`qa.lexicon.english_phrase_spans`);
    reverse_bridge: a Danish word's English translations (`qa.lexicon.english_for_danish`;
    for a compound the dictionary lacks, its halves') count as a match, so that a Danish
    question finds the English pages for international residents.
    """

    compounds: bool = False
    lemmas: bool = False
    bridge: bool = True
    phrases: bool = True
    reverse_bridge: bool = True


# What the service uses, chosen on the development set's `fit` split before the `check`
# split was read (`bench/lexical_ablation.py`, README "Question analysis"): the English
# bridge raised English passage recall@1 from 0.432 to 0.518; compounds lowered Danish
# recall@1 (0.644 -> 0.637) and lemmas moved one question of 135, so both are off. The
# reverse bridge was chosen on the fit splits of every labelled set at stop 57 (Danish
# answers right 1575 -> 1609 of 2253; README "Question analysis").
LEXICAL_OPTIONS = LexicalOptions()
ALL_LEXICAL = LexicalOptions(compounds=True, lemmas=True, bridge=True, phrases=True)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return _WORD.findall(text.lower())


def content_word_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) in characters of each word of `text` that carries content
    (`is_content_word`), in text order."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if is_content_word(m.group().lower())]


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMER_LANGUAGE)


_STOP_DA = frozenset(STOPWORDS_DANISH)
# English closed-class words bm25s's 33-word English list lacks: interrogatives, auxiliaries
# and modals, pronouns and determiners (the closed grammatical classes of English, so the
# list is complete by construction, not picked for any text).
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "what",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "why",
        "which",
        "how",
        "am",
        "are",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "having",
        "get",
        "gets",
        "got",
        "become",
        "becomes",
        "became",
        "can",
        "could",
        "shall",
        "should",
        "will",
        "would",
        "may",
        "might",
        "must",
        "need",
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "any",
        "some",
        "many",
        "much",
        "more",
        "most",
        "other",
        "another",
        "each",
        "every",
        "all",
        "from",
        "about",
        "than",
        "so",
        "whether",
    ]
)
_STOP_ANY = _STOP_DA | frozenset(STOPWORDS_EN) | _ENGLISH_FUNCTION_WORDS
_TOKEN = re.compile(r"\w+(?:-\w+)*", re.UNICODE)


def terms(text: str) -> list[str]:
    """BM25 terms: words without Danish stop words, Snowball-stemmed (Danish)."""
    kept = [w for w in words(text) if w not in _STOP_DA and (len(w) > 1 or w.isdigit())]
    return list(_stemmer().stemWords(kept))


def is_function_word(lowered: str) -> bool:
    """Whether a lower-case word is a Danish or English stop word (bm25s's lists and
    `_ENGLISH_FUNCTION_WORDS`): one that carries no content and leads on to the words
    after it ("og", "i", "dit", "at", "the", "of")."""
    return lowered in _STOP_ANY


def is_content_word(lowered: str) -> bool:
    """Whether a lower-case word carries content: not a Danish or English stop word
    (`is_function_word`), and longer than one letter (a single digit counts)."""
    return not is_function_word(lowered) and (len(lowered) > 1 or lowered.isdigit())


def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def aa_variant(lowered: str) -> str | None:
    """A lower-case word in the other Danish spelling of "å": "aa" before the spelling
    reform of 1948, which many place and family names keep ("århus" -> "aarhus",
    "aalborg" -> "ålborg", "aabenraa" -> "åbenrå"); None for a word with neither.
    `key_terms` adds it for a capitalised word only (a name, or a sentence's first word),
    each part of a hyphenated one on its own ("Aarhus-området" -> "århus"): common words
    are spelt with "å" today."""
    if "å" in lowered:
        return lowered.replace("å", "aa")
    if "aa" in lowered:
        return lowered.replace("aa", "å")
    return None


# The letters before a final "s" that the Danish Snowball stemmer keeps the "s" after (its
# s-ending list, snowballstem.org/algorithms/danish, lacks them) and that end Danish place
# names: "Hjortsøs", "Fanøs" stay whole, while "Lindås" -> "lindå" and "Køges" -> "køg".
# Not "i" or "u": "Paris", "Aarhus" and "Rasmus" are no genitives.
_KEPT_S_AFTER = "æø"
# The fewest letters of a name read as a genitive: "Fanøs", not "Øs".
_GENITIVE_MIN_CHARS = 5


def genitive_base(lowered: str) -> str | None:
    """A capitalised word's form without the genitive "s" that Danish adds to a name,
    when the stemmer keeps that "s" (`_KEPT_S_AFTER`): "hjortsøs" -> "hjortsø" (a stop 43
    tester's "Hvornår skal radonmålingen være færdig, hvis jeg er med i Hjortsøs
    ordning?" had the municipality counted as a name Hjortsø's page lacks); None for a
    word of fewer than `_GENITIVE_MIN_CHARS` letters or without such an ending. `key_terms`
    adds it for a capitalised word only, as Danish writes common nouns' genitive in the
    stem the stemmer reads."""
    if len(lowered) < _GENITIVE_MIN_CHARS or not lowered.endswith("s") or lowered[-2] not in _KEPT_S_AFTER:
        return None
    return lowered[:-1]


def _word_stems(lowered: str, english: bool, options: LexicalOptions, reverse: bool = False) -> set[str]:
    """The stems that count as a match for one lower-case word (no hyphen) of a question
    that is English with the bridge on (`english`) or Danish with the reverse bridge on
    (`reverse`)."""
    stems = set(terms(lowered))
    if options.lemmas and lowered.isalpha():
        stems.update(terms(danish_lemma(lowered)))
    if options.bridge and (english or not is_danish_word(lowered)):
        for danish in danish_for_english(lowered):
            stems.update(terms(danish))
    elif reverse and is_content_word(lowered):
        # Not a hyphenated word's function words ("børne-og-ungeydelse": "og" -> "and").
        found = english_for_danish(lowered)
        if not found:
            halves = split_compound(lowered)
            found = tuple(word for half in halves or () for word in english_for_danish(half.lower()))
        for other in found:
            stems.update(terms(other))
    return stems


def _compound_parts(token: str) -> list[str]:
    """A token's compound halves, lower-case: hyphen parts ("sundheds-kort"), an inner
    capital ("NemKonto"), or a dictionary split of a word that is not a lower-case English
    word; [] otherwise."""
    if "-" in token:
        return [part.lower() for part in token.split("-") if part]
    halves = split_compound(token)
    if halves is None or (token.islower() and is_english_word(token)):
        return []
    return list(halves)


def _one_word_terms(danish: tuple[str, ...]) -> list[str]:
    """The Danish terms of a multi-word English term that a text must hold to match it:
    those of one word (a term of several words only serves the bridged question)."""
    return [term for term in danish if " " not in term]


def _phrase_groups(text: str, phrase: tuple[int, int, tuple[str, ...]]) -> list[set[str]]:
    """The key terms of one English multi-word term (`english_phrase_spans`): one per
    content word, each its own stem and the stems of the term's one-word Danish terms
    (a Danish term of several words only serves the bridged question). A word's one-by-one
    translations are left out ("leave" is no "afgå" in "parental leave"), and a generic
    word of the term ("pension" in "disability pension") covers only its own share."""
    start, end, danish = phrase
    danish_stems = {stem for term in _one_word_terms(danish) for stem in terms(term)}
    own = [set(terms(word)) for word in words(text[start:end]) if is_content_word(word)]
    return [stems | danish_stems for stems in own if stems] or [danish_stems]


def key_terms(
    text: str,
    options: LexicalOptions | None = None,
    language: Language | None = None,
    phrases: list[tuple[int, int, tuple[str, ...]]] | None = None,
) -> list[frozenset[str]]:
    """A question's content words, each as the set of Danish BM25 stems that count as a match.

    A word's set holds its own stem, the stem of its Danish lemma, for an English
    word (the question is English, or the word is no Danish word) the stems of its Danish
    translations, and for a Danish word of a Danish question the stems of its English
    translations (`LexicalOptions.reverse_bridge`). A compound gives one set per half, each also holding the whole
    word's stems, so "Digitalpost" and "Digital Post" give the same sets; two adjacent
    content words likewise both accept the stem of the two written together.
    `options` defaults to `LEXICAL_OPTIONS`; pass the text's `language` when it is
    already guessed (`guess_language(text).language`), else it is guessed here, and its
    English multi-word terms when they are already found (`english_phrase_spans(text)`).
    """
    options = LEXICAL_OPTIONS if options is None else options
    bridged = options.bridge or options.reverse_bridge
    in_english = bridged and (guess_language(text).language if language is None else language) == "en"
    english = options.bridge and in_english
    reverse = options.reverse_bridge and not in_english
    tokens = list(_TOKEN.finditer(text))
    groups: list[set[str]] = []
    previous: tuple[int, str, list[int], str] | None = None  # end offset, lower-case word, its groups, token
    # A phrase whose Danish terms are all of several words leaves its words to the word
    # by word matching below ("permanent residence"); it only shapes the bridged question.
    if english and options.phrases:
        found = english_phrase_spans(text) if phrases is None else phrases
        phrases = [span for span in found if _one_word_terms(span[2])]
    else:
        phrases = []
    read_phrases: set[int] = set()
    for match in tokens:
        token = match.group()
        lowered = token.lower()
        inside = next((i for i, (start, end, _) in enumerate(phrases) if start <= match.start() < end), None)
        if inside is not None:
            if inside not in read_phrases:
                read_phrases.add(inside)
                groups.extend(_phrase_groups(text, phrases[inside]))
            previous = None
            continue
        if not is_content_word(lowered):
            previous = None
            continue
        parts = _compound_parts(token) if options.compounds else []
        whole: set[str] = set()
        if "-" in lowered and options.compounds:
            whole |= _word_stems(lowered.replace("-", ""), english, options, reverse)
        else:
            for piece in lowered.split("-"):
                whole |= _word_stems(piece, english, options, reverse)
        if token[:1].isupper():
            # A name in the other spelling of "å": "Århus" matches "Aarhus" (a sentence's
            # first word gets it too: "Får" -> "faar", which no text holds).
            for piece in lowered.split("-"):
                variant = aa_variant(piece)
                if variant is not None:
                    whole |= set(terms(variant))
            base = genitive_base(lowered)
            if base is not None:
                whole |= set(terms(base))
        mine: list[int] = []
        choices: list[str | None] = list(parts) if parts else [None]
        for part in choices:
            stems = set(whole)
            if part is not None:
                stems |= _word_stems(part, english, options, reverse)
            if stems:
                mine.append(len(groups))
                groups.append(stems)
        if options.compounds and previous is not None and match.start() - previous[0] <= 1:
            # A spaced name ("Nem Konto", "Digital Post") or a known word written apart.
            both_capital = previous[3][:1].isupper() and token[:1].isupper()
            if previous[1].isalpha() and lowered.isalpha() and (both_capital or is_danish_word(previous[1] + lowered)):
                joined = _stem(previous[1] + lowered)
                for index in previous[2] + mine:
                    groups[index].add(joined)
        previous = (match.end(), lowered, mine, token)
    unique: list[frozenset[str]] = []
    for group in groups:
        frozen = frozenset(group)
        if frozen not in unique:
            unique.append(frozen)
    return unique


def vocabulary_share(groups: list[frozenset[str]], vocabulary: Container[str]) -> float:
    """The share (0 to 1) of a question's `key_terms` groups with at least one stem in a
    vocabulary, e.g. the BM25 index's terms: how much of the question the Danish lexical
    side can match at all, whatever the question's language. 0 for no groups."""
    if not groups:
        return 0.0
    return sum(1 for group in groups if any(stem in vocabulary for stem in group)) / len(groups)


def warm_up() -> None:
    """Load the language identifier and the dictionaries now (about 5-10 s and 250 MB on
    two cores) rather than on the first question; call it where the model is loaded.
    Besides what `key_terms` reads, the Danish dictionary's word check and wordfreq's
    Danish list, which a question typed without æ, ø and å reads
    (`qa.phrasing.restore_danish_letters`): 1.0-1.4 s and 0.2 s on the first such
    question otherwise (measured on this machine, a 2-core VM); and the country and
    language names `qa.question.analyse` reads (`qa.origins.origin_classes`, pycountry:
    0.25 s, 29 MB at peak)."""
    from qa.origins import origin_classes  # qa.origins reads this module's `terms`

    guess_language("Hvad koster et pas?")
    key_terms("How much is the fee for a new passport? Hvad koster en byggeansøgning?")
    is_danish_word("hvornår")
    is_english_word("when")
    danish_frequency("hvornår")
    origin_classes()


def query_terms(text: str, groups: list[frozenset[str]] | None = None) -> list[str]:
    """BM25 terms of a question: its own terms, then every other stem of its `key_terms`
    (lemmas, compound halves and joins, Danish translations of English words), not the
    other spelling of "å" (`aa_variant`: a term the corpus may lack would lower the
    share of the question's terms it holds, and with it the lexical weight), nor a Danish
    word's English translations (`LexicalOptions.reverse_bridge`, which count in matching
    texts only). Pass the question's `key_terms` without those when they are at hand."""
    expanded = terms(text)
    if groups is None:
        groups = key_terms(text, replace(LEXICAL_OPTIONS, reverse_bridge=False))
    for group in groups:
        others = group.difference(expanded)
        expanded.extend(sorted(t for t in others if aa_variant(t) not in group))
    return expanded
