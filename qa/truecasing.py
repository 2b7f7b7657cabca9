"""Truecasing: a question typed without capitals, cased as the corpus writes its words.

Citizens type "hvad koster et pas i nordby" and "hvornår blev digital post
obligatorisk". The encoder reads "digital post" and "Digital Post" as different words,
and question analysis takes capitalised words for names (`qa.reader.focus_groups`), which
the reader and the abstention policy weigh apart from what is asked: a near miss about
another municipality is withheld because its name is missing from the passage's document.
Typed in lower case, the names are lost. On the development set's fit split with every
question lower-cased (`qa eval`, indexes built at 8fdea84), Danish unanswerable questions
withheld fell from 0.80 to 0.46 and recall@1 from 0.84 to 0.80; on the seed, "hvornår
blev digital post obligatorisk" was answered with the 2016 sentence, not 2007 and 2011.

A question is cased only when its case says nothing (`caseless`: no capital but at the
start of a sentence), or when a program made it (a question in capitals read in lower
case, `qa.phrasing.unshouted`). Then each pair of lower-case words the corpus's Danish
documents write as a name of two words ("digital post" -> "Digital Post"), and each
lower-case word that neither dictionary knows ("nordby", "mitid" -> "Nordby", "MitID"),
takes the corpus's form, when the corpus writes it with a capital in at least
`MIN_SHARE` of at least `MIN_COUNT` occurrences inside sentences (`CasingTable`). This
is the most-frequent-form truecaser of Lita, Ittycheriah, Roukos and Kambhatla
("tRuEcasIng", ACL 2003), with sentence-initial words left out of the counts (their
capital says nothing about the word), narrowed after review: a word a dictionary knows
("agency", "udbetaling", "monday") stays as typed however the corpus writes it, since a
corpus may write it only inside names, and a question asking about it as a term
("Which agency pays out the state pension?") was withheld when it was read as a name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from qa.chunking import Sentence
from qa.documents import Document
from qa.lexicon import is_danish_word, is_english_word
from qa.phrasing import ADDRESS, SENTENCE_START, in_address

_WORD = re.compile(r"\w+")
# What may stand between two words of one sentence for the second to count as inside it:
# spaces, commas, hyphens, quotes and brackets; not a sentence's or a clause's end
# (".", "!", "?", ":", ";"), a line break or a list bullet, after which a capital says
# nothing about the word.
_INSIDE = re.compile(r"[ \t,\-–'\"’”“()/]*")
# A form takes over when the corpus writes it in at least this share of a word's
# occurrences inside sentences, of at least this many: the majority of
# Lita et al. (2003), raised to two thirds so that a word the corpus writes both ways
# ("Borgerservice" as a name, "borgerservice" as a service) stays as typed, and one
# occurrence is no evidence.
MIN_SHARE = 2 / 3
MIN_COUNT = 2


@dataclass(frozen=True)
class CasingTable:
    """How a corpus writes its words inside sentences: `words` maps a lower-case word to
    its capitalised form ("nordby" -> "Nordby", "mitid" -> "MitID"); `pairs` maps two
    lower-case words that follow each other to their forms (("digital", "post") ->
    ("Digital", "Post")). Only forms with a capital are kept."""

    words: dict[str, str] = field(default_factory=dict)
    pairs: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    @cached_property
    def _by_fold(self) -> dict[str, str | None]:
        """Each folded spelling (`folded`) of the words of `words` holding æ, ø or å -> its
        form, or None where two words fold alike. Computed once, after the table is filled."""
        found: dict[str, str | None] = {}
        for lowered, form in self.words.items():
            if _DANISH_LETTER.search(lowered):
                key = folded(lowered)
                found[key] = form if key not in found else None
        return found

    def spelt_name(self, typed: str) -> str | None:
        """The corpus's form of a name typed without its æ, ø or å ("skovhoj", "Skovhoej",
        "kaerby" -> "Skovhøj", "Kærby"; not "karby"): the one word of `words` holding æ, ø or å whose
        folded spelling (`folded`) is the typed word's; None when none is, or several are."""
        return self._by_fold.get(folded(typed))


# What follows a word of a site's name or path on any top-level domain ("skovhoj.info/affald",
# "kaerby.nu"), which `qa.phrasing.ADDRESS` does not list.
_IN_NAME_OF_SITE = re.compile(r"\.[a-zA-Z]|/")
# The letters a Danish keyboard has and another lacks.
_DANISH_LETTER = re.compile(r"[æøå]")


def folded(word: str) -> str:
    """A word as typed on a keyboard without æ, ø and å, one form for the ways of typing
    them that name no other word: lower case, "æ" as "ae", "å" as "aa", "ø" and "oe" as
    "o" ("Skovhøj", "skovhoej" and "skovhoj" -> "skovhoj"; "Kærby", "kaerby" -> "kaerby";
    "Århus", "Aarhus" -> "aarhus"). A bare "a" stays: "Karby" is another town than
    "Kærby", and "Lynga" than "Lyngå"."""
    lowered = word.lower().replace("oe", "o")
    return lowered.replace("æ", "ae").replace("ø", "o").replace("å", "aa")


def _inside_words(text: str) -> list[tuple[str, bool]]:
    """The words of `text` outside web and e-mail addresses (`qa.phrasing.ADDRESS`,
    written in lower case whatever they name: "nordby.dk/parkering"), each with whether
    it stands inside its sentence: after a word with letters (not a number: "2024 Sats:
    4,5 %" is a table row's label) with only `_INSIDE` characters between them."""
    text = ADDRESS.sub(".", text)
    words: list[tuple[str, bool]] = []
    previous: re.Match[str] | None = None
    for match in _WORD.finditer(text):
        inside = (
            previous is not None
            and not previous.group().isdigit()
            and _INSIDE.fullmatch(text[previous.end() : match.start()]) is not None
        )
        words.append((match.group(), inside))
        previous = match
    return words


def _has_capital(word: str) -> bool:
    return word != word.lower()


def _capitalised_majority(forms: Counter[str]) -> str | None:
    """The most common form when it has a capital and holds `MIN_SHARE` of at least
    `MIN_COUNT` occurrences; else None."""
    total = sum(forms.values())
    form, count = forms.most_common(1)[0]
    if total < MIN_COUNT or count < MIN_SHARE * total or not _has_capital(form):
        return None
    return form


def casing_table(texts: Iterable[str], name_pairs: Iterable[bool] | None = None) -> CasingTable:
    """The casing table of a corpus's sentences (`texts`, each one sentence or line of
    text): the forms of its words and word pairs inside sentences (`_inside_words`),
    kept where a form with a capital is the majority (`_capitalised_majority`).
    `name_pairs`, one flag per text, says whether its word pairs count (all do when it
    is None): the engine counts those of Danish documents only, since Danish writes
    common nouns in lower case, so two capitalised words are a name ("Digital Post",
    "Udbetaling Danmark"), where English pages write terms in capitals too ("State
    Pension", "Tax Agency") that an English question asks about as terms.

    A capitalised word next to another capitalised word inside a sentence is part of a
    name of several words ("Nordby Kommune", "Digital Post", "Udbetaling Danmark"): it
    counts for the pair, not for the word alone, so that "kommune" and "post" typed
    alone stay common words; its lower-case occurrences count against
    it either way. The first word of such a name counts for the word too when the corpus
    never writes the word in lower case ("Nordby" of "Nordby Kommune", not "Digital" of
    "Digital Post", which it also writes in "digital fuldmagt"). Words of one letter are
    never cased ("a", "i"). Linear in the corpus's words, and its memory in its vocabulary
    and names: 0.05 s for the development corpus's 1,400 lines; for 140,000 lines, 5 s
    when they are the development corpus's lines 100 times over and 9 s (73 MB at most)
    when they are random Danish words, 5 % of them capitalised; paid once when an index is
    built (`corpus_casing`)."""
    lines = list(texts)
    counts_pairs = list(name_pairs) if name_pairs is not None else [True] * len(lines)
    if len(counts_pairs) != len(lines):
        raise ValueError("casing_table needs one name_pairs flag per text")
    # Occurrences inside sentences: in lower case (one count a word), and the capitalised
    # forms of the words written so at least once; memory grows with the vocabulary.
    lower_counts: Counter[str] = Counter()
    capital_forms: dict[str, Counter[str]] = defaultdict(Counter)
    name_heads: Counter[str] = Counter()
    named_pairs: set[tuple[str, str]] = set()
    for text, pairs_count in zip(lines, counts_pairs, strict=True):
        words = _inside_words(text)
        for position, (word, inside) in enumerate(words):
            if not inside or len(word) < 2:
                continue
            if not _has_capital(word):
                lower_counts[word] += 1
                continue
            before = words[position - 1][0]
            after, after_inside = words[position + 1] if position + 1 < len(words) else ("", False)
            after_inside = after_inside and len(after) > 1
            if not (_has_capital(before) or (after_inside and _has_capital(after))):
                capital_forms[word.lower()][word] += 1
            elif not _has_capital(before):
                name_heads[word] += 1
            if pairs_count and after_inside and _has_capital(after):
                named_pairs.add((word.lower(), after.lower()))
    for head, count in name_heads.items():
        if head.lower() not in lower_counts:
            capital_forms[head.lower()][head] += count
    table = CasingTable()
    for lowered, forms in capital_forms.items():
        form = _capitalised_majority(forms + Counter({lowered: lower_counts[lowered]}))
        if form is not None:
            table.words[lowered] = form
    # Pairs in a second pass, over the lines that hold the first word of a pair written
    # capitalised at least once, so that memory grows with the corpus's names.
    if named_pairs:
        firsts = re.compile(r"\b(?:" + "|".join(sorted({re.escape(a) for a, _ in named_pairs})) + r")\b", re.I)
        pair_forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for text, pairs_count in zip(lines, counts_pairs, strict=True):
            if not pairs_count or not firsts.search(text):
                continue
            words = _inside_words(text)
            for position in range(len(words) - 1):
                (word, inside), (after, after_inside) = words[position], words[position + 1]
                pair = (word.lower(), after.lower())
                if inside and after_inside and pair in named_pairs:
                    # Counted as a name only with both words capitalised ("Digital Post").
                    both = _has_capital(word) and _has_capital(after)
                    pair_forms[pair][f"{word} {after}" if both else "-"] += 1
        for pair, pair_counts in pair_forms.items():
            form = _capitalised_majority(pair_counts)
            if form is not None:
                first, second = form.split(" ")
                table.pairs[pair] = (first, second)
    return table


# The version of the rules `casing_table` follows; a table stored with an index under
# another version is rebuilt when the index loads (`table_from_json`).
CASING_VERSION = 1
CASING_NAME = "casing.json"


def corpus_casing(sentences: Sequence[Sentence], documents: Mapping[str, Document]) -> CasingTable:
    """The casing table of an index's sentences, with names of two words counted from
    the sentences of Danish documents only (`casing_table`). Built with the index
    (`qa.index.prepare_index`, stored as `CASING_NAME`) so that loading one does not
    pay for it: it took 25 s of the 30 s an engine took to load over 318,279 synthetic
    sentences (100,000 chunks) when it was built at every load. Raises KeyError for a
    sentence whose document is not in `documents`."""
    return casing_table(
        (sentence.text for sentence in sentences),
        (documents[sentence.doc_id].language == "da" for sentence in sentences),
    )


def table_to_json(table: CasingTable) -> dict[str, Any]:
    """A casing table as JSON data: {"version": CASING_VERSION, "words": {lower: form},
    "pairs": [[lower, lower, form, form], ...]}, sorted, so equal tables give equal files."""
    return {
        "version": CASING_VERSION,
        "words": dict(sorted(table.words.items())),
        "pairs": sorted([*pair, *forms] for pair, forms in table.pairs.items()),
    }


def table_from_json(data: Any) -> CasingTable | None:
    """The casing table `table_to_json` wrote, or None when it was written under another
    `CASING_VERSION` (the caller rebuilds it). Raises ValueError for data of the right
    version that is not such a table."""
    version = data.get("version") if isinstance(data, dict) else None
    if type(version) is not int or version != CASING_VERSION:  # not True, which equals 1
        return None
    words, pairs = data.get("words"), data.get("pairs")
    if not isinstance(words, dict) or not isinstance(pairs, list):
        raise ValueError("a casing table needs a 'words' object and a 'pairs' list")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in words.items()):
        raise ValueError("a casing table's words map words to words")
    if not all(isinstance(p, list) and len(p) == 4 and all(isinstance(w, str) for w in p) for p in pairs):
        raise ValueError("a casing table's pairs are lists of four words")
    return CasingTable(dict(words), {(a, b): (c, d) for a, b, c, d in pairs})


def caseless(text: str) -> bool:
    """Whether `text` has no capital but at the start of a sentence: its case says
    nothing about its words ("hvad koster et pas i nordby", "Hvad koster et pas i
    nordby?"), as against "Hvad er MitID?"."""
    starts = {match.start(3) for match in SENTENCE_START.finditer(text)}
    return not any(char.isupper() and i not in starts for i, char in enumerate(text))


def respelt_names(text: str, table: CasingTable) -> str:
    """`text` with each name of the corpus typed without its æ, ø or å in the corpus's form
    (`CasingTable.spelt_name`: "venteliste i skovhoj" -> "venteliste i Skovhøj",
    "Kaerby" -> "Kærby"), whatever the text's case: a word of letters only, with no æ, ø
    or å, that neither dictionary knows (`qa.lexicon`) and the table lacks as typed. The
    dictionary's words are given back their letters before this
    (`qa.phrasing.restore_danish_letters`), but a town's name is in no dictionary, and the
    reader and the abstention policy ask whether a passage's document holds the names a
    question gives. Words of web and e-mail addresses stay, also on a domain `ADDRESS`
    does not list ("skovhoj.info/affald"). A town whose name differs from a corpus name
    only by an "ø" typed as "o" ("Osted", "Østed") is read as the corpus's: typed
    without the letter, the two cannot be told apart."""
    addressed = in_address(text)

    def respelt(match: re.Match[str]) -> str:
        word = match.group()
        lowered = word.lower()
        if (
            addressed(match.start())
            or _IN_NAME_OF_SITE.match(text, match.end())
            or text[match.start() - 1 : match.start()] in ("/", ".", "@")
        ):
            return word
        if not lowered.isalpha() or _DANISH_LETTER.search(lowered):
            return word
        if lowered in table.words or is_danish_word(lowered) or is_english_word(lowered):
            return word
        return table.spelt_name(lowered) or word

    return _WORD.sub(respelt, text)


def truecased(text: str, table: CasingTable, recased: bool = False) -> str:
    """`text` with each lower-case word, or a sentence's first word with only its first
    capital, in the form `table` gives: a pair of words first ("digital post" ->
    "Digital Post"), else a word neither the Danish nor the English dictionary
    knows (`qa.lexicon`: "nordby" -> "Nordby", "mitid" -> "MitID"; not "agency",
    "udbetaling" or "monday", which a corpus may write only inside names, nor "de",
    which formal Danish writes "De"). A word the table lacks stays as typed, and so do
    the words of web and e-mail addresses (`qa.phrasing.ADDRESS`) and every word of a
    text that is not `caseless` (its capitals already say which words are names), unless
    its case was made by a program (`recased`: a question in capitals read in lower case
    by `qa.phrasing.unshouted`, "Do I need Mitid?" -> "Do I need MitID?")."""
    # Whether the case says anything is read from the text as typed: a name respelt with
    # its capital ("Skovhøj") leaves the other words open to casing.
    open_text = recased or caseless(text)
    text = respelt_names(text, table)
    if not open_text:
        return text
    addressed = in_address(text)
    matches = [m for m in _WORD.finditer(text) if not addressed(m.start())]
    forms = [m.group() for m in matches]
    lowered = [form.lower() for form in forms]
    # Only words typed in lower case, or with just the capital a sentence starts with.
    open_to_case = [form == low or form == low[:1].upper() + low[1:] for form, low in zip(forms, lowered, strict=True)]
    cased = list(forms)
    decided = [False] * len(forms)
    for i in range(len(forms) - 1):
        pair = table.pairs.get((lowered[i], lowered[i + 1]))
        if pair and open_to_case[i] and open_to_case[i + 1] and not decided[i]:
            gap = text[matches[i].end() : matches[i + 1].start()]
            if _INSIDE.fullmatch(gap):
                cased[i], cased[i + 1] = pair
                decided[i] = decided[i + 1] = True
    for i, low in enumerate(lowered):
        if decided[i] or not open_to_case[i] or low not in table.words:
            continue
        if not (is_danish_word(low) or is_english_word(low)):
            cased[i] = table.words[low]
    out: list[str] = []
    position = 0
    for match, form in zip(matches, cased, strict=True):
        out.append(text[position : match.start()])
        out.append(form)
        position = match.end()
    out.append(text[position:])
    return "".join(out)
