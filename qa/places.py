"""Municipalities a corpus names, and answers read from another municipality's pages.

Operators index the pages of several municipalities on one service ("Nordby Kommune" and
"Sydby Kommune" on waste collection, fees or opening hours), and a citizen asks about one
of them: "Hvad koster en plads i dagpleje i Nordby Kommune?". A sentence of Sydby's page
states Sydby's fee in the same words, and the encoder and BM25 rank it as high as
Nordby's own; when Nordby's page gives no fee, it is the near miss that testers write on
purpose ("another municipality's rule") and the reader quoted Sydby's fee. The reader's
`name_missing` feature counts the question's names that the answer's document lacks, but
as one weight among many: over every page set's fit and check splits (`qa eval` outcomes of
ab74c37) six such near misses were answered from the other municipality's page, and two of
the blind sets' questions ("Hvor mange støtter skal et borgerforslag have i Fjordby
Kommune?", answered from Lindholt's page).

A municipality's name is known from how Danish public-sector texts write it: a word with a
capital right before "Kommune" ("Nordby Kommune", the genitive "Københavns Kommune") or
"Municipality" ("Fjordby Municipality"), or after "Municipality of"; the word must be one the
corpus writes with a capital inside sentences (`qa.truecasing.CasingTable`), so that a
sentence's first word ("Din kommune ...") is no name. A question names a municipality when
one of its words, or of its Danish rendering ("Copenhagen" -> "København",
`AnalysedQuestion.bridged`), is the name or its genitive, or when it writes a capitalised
word before "Kommune" or "Municipality" itself, known to the corpus or not ("... i Aarhus
Kommune?" over a corpus of Nordby and Sydby).

A document is from elsewhere for a question when it names some municipality and none the
question names: national pages, which name none, are never from elsewhere, and a page that
names the asked municipality beside others is not either. `elsewhere` gives, for the
reader's candidates, which are, and `QAEngine.trace` withholds the answer when the
reranked best candidate is (probability 0, outside the abstention model). Measured as the README's stop 38
paragraph says (each question asked as `qa eval` asks it): over every set's fit split,
unanswerable questions withheld went from 117 to 120 of 180 in Danish and from 116 to 117
of 174 in English, over the check splits from 77 to 79 of 117 in Danish, and no answerable
question's outcome changed. Keeping only the candidates from the asked municipality's pages
instead (and withholding when none is left) answered as many right but withheld fewer near
misses (English fit 116 -> 113): with the other pages' candidates gone, the reader's margin
over the next candidate grew and near misses about the asked municipality looked sure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from qa.documents import Document
from qa.lexicon import is_danish_word, is_english_word

# Words, and hyphenated names whole ("Ringkøbing-Skjern").
_WORD = re.compile(r"\w+(?:-\w+)*")
# A capitalised word before "Kommune" / "kommune" / "Municipality" / "municipality", or
# after "Municipality of": how Danish and English public-sector texts name a municipality.
_BEFORE_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][\w-]*) (?:[Kk]ommune|[Mm]unicipality)\b")
_AFTER_MUNICIPALITY = re.compile(r"\b[Mm]unicipality of ([A-ZÆØÅ][\w-]*)")
# What ends right before a sentence's first word: the text's start, a line break, or a
# sentence's end with the quotes, brackets and spaces after it.
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?:]['\"’”)\]]*)\s*$")


def name_forms(name: str) -> frozenset[str]:
    """The forms a municipality's name (lower case) may take as a word: as written and, for
    a name ending in "s", without it ("københavns" -> "københavns", "københavn"; "aarhus"
    also gives "aarhu", which no text writes)."""
    return frozenset({name, name[:-1]}) if name.endswith("s") and len(name) > 2 else frozenset({name})


def municipalities_written(text: str) -> list[str]:
    """The words `text` writes as a municipality's name inside a sentence, in order ("Bor
    du i Nordby Kommune", "in Fjordby Municipality", "the Municipality of Egdal" ->
    "Nordby", "Fjordby", "Egdal"), repeats kept. Not a sentence's or a line's first word,
    whose capital says nothing ("Din kommune ...", "Your municipality ..."), nor a word
    only English knows, such as a nationality ("every Danish municipality")."""
    found = [(m.start(1), m.group(1)) for m in _BEFORE_MUNICIPALITY.finditer(text)]
    found += [(m.start(1), m.group(1)) for m in _AFTER_MUNICIPALITY.finditer(text)]
    return [
        name
        for start, name in sorted(found)
        if not _SENTENCE_START.search(text[:start])
        and not (is_english_word(name.lower()) and not is_danish_word(name.lower()))
    ]


def _written_in_lower_case(words: set[str], texts: list[str]) -> set[str]:
    """The words of `words` (lower case) that `texts` write in lower case as words of their
    own, not as part of a web or e-mail address ("solbjerg.dk", "www.solbjerg.dk/affald",
    "post@solbjerg.dk" do not count): a common word ("Din kommune" read inside a sentence
    when a page's markup runs a link's text on from the text before it), not a name."""
    if not words:
        return set()
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.@/-])({alternatives})(?![\w@/-]|\.\w)")
    return {m.group(1) for text in texts for m in pattern.finditer(text)}


def _words(text: str) -> set[str]:
    """The lower-case words of `text`, hyphenated ones both whole and in parts
    ("Nordby-borgere" -> "nordby-borgere", "nordby", "borgere")."""
    words = set()
    for word in _WORD.findall(text.lower()):
        words.add(word)
        words.update(word.split("-"))
    return words


def _names_in(words: set[str], names: Iterable[str]) -> frozenset[str]:
    """The names of `names` (lower case) one of whose forms (`name_forms`) or genitive is
    a word of `words` (lower case)."""
    return frozenset(name for name in names if any(f in words or f + "s" in words for f in name_forms(name)))


@dataclass(frozen=True)
class CorpusMunicipalities:
    """The municipalities a corpus names (`names`, in lower case as written, a genitive "s"
    kept) and, per document id, the ones its title and text name (`named_by`)."""

    names: frozenset[str]
    named_by: dict[str, frozenset[str]]

    @classmethod
    def of(cls, documents: Iterable[Document]) -> CorpusMunicipalities:
        """Read every document's title and text twice (linear in the corpus's characters:
        1.6 s for 4,400 documents of 10 million characters, the development corpus 100
        times over, when the engine loads)."""
        documents = list(documents)
        texts = [document.title + "\n" + document.text for document in documents]
        written = {name.lower() for text in texts for name in municipalities_written(text)}
        names = frozenset(written - _written_in_lower_case(written, texts))
        named_by = {
            document.doc_id: _names_in(_words(document.title + "\n" + document.text), names) for document in documents
        }
        return cls(names, named_by)

    def asked(self, question_texts: Iterable[str]) -> frozenset[str]:
        """The municipalities a question names, over its texts (the question as analysed
        and its Danish rendering): corpus names among its words, and any capitalised word
        it writes before "Kommune" or "Municipality" (`municipalities_written`) that the
        corpus does not know; all in lower case."""
        asked: set[str] = set()
        for text in question_texts:
            asked |= _names_in(_words(text), self.names)
            for written in municipalities_written(text):
                if not _names_in({written.lower()}, self.names):
                    asked.add(written.lower())
        return frozenset(asked)

    def elsewhere(self, asked: frozenset[str], doc_id: str) -> bool:
        """Whether a document is from another municipality than the asked ones: it names
        some municipality and none of `asked` (an unknown document names none)."""
        named = self.named_by.get(doc_id, frozenset())
        if not asked or not named:
            return False
        return not named & asked
