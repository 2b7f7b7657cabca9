"""The reader component: candidate answers from the top passages, scored by a learned ranker.

Candidates are answer units: one sentence; a sentence that refers back ("Derfor ...",
"Du skal så ...", "It ...") together with the sentence before it (it is never offered
alone when that sentence exists), or, right after a list, with all of that list when it
is short and alone after a long list or a table (`Reader.referred_list`); a bare "Ja." /
"Jo." / "Nej." / "Yes." together with the sentence after it; for a when / how long / how
many / how much question only units holding a date, a duration, a number or an amount,
when any does, and for a question asking for a phone number, an e-mail address, a
percentage, a weight or an age only units holding one, when
any does; a sentence that is itself a question is never offered (on an FAQ page the
answer is the text under the question, which is), nor a table's header row (its labels
stand in every row under it, with the values). Headings are not sentences, so never
answers. Every unit is described by features that mean the same on any corpus
(`FEATURES`) and scored by a pairwise ranker fitted on the development data's fit split
(`qa/data/reader.json`; `qa.fitting.fit_pairwise_ranker`).
Two of the features, `same_language` and `cos_language_margin`, let the ranker undo the
model's preference for text in the question's language: in 5-fold cross-validation
over the fit splits, grouped by document, they raised the right first candidates of
English questions from 88 to 99 of 159 (Danish 101 to 102 of 155; `language_margins`).
After the best unit is chosen, a how-question's answer or a unit that opens a list (ends
with ":") is extended by the items of that list or by up to three consecutive sentences
of the same paragraph.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qa.analysis import terms
from qa.answer import group_weights, term_weights, weighted_coverage
from qa.answer_types import has_number
from qa.chunking import Sentence, is_table_caption
from qa.index import IndexData
from qa.linear import LinearModel
from qa.origins import name_parts, names_held
from qa.question import AnalysedQuestion, missing_named, named_count
from qa.readers.common import YEAR, is_page_stamp, reads_as_label
from qa.retrieval import RankedChunk

UnitKind = Literal["single", "pair"]

# Words that make a sentence lean on the one before: Danish and English demonstrative and
# personal pronouns and connective adverbs (any grammar of either language lists them).
REFERRING_WORDS = frozenset(
    [
        "derfor",
        "det",
        "de",
        "disse",
        "dette",
        "denne",
        "den",
        "her",
        "så",
        "dermed",
        "herefter",
        "derefter",
        "hertil",
        "heraf",
        "desuden",
        "endvidere",
        "også",
        "this",
        "it",
        "they",
        "these",
        "that",
        "those",
        "therefore",
        "thus",
        "then",
        "its",
        "their",
        "such",
    ]
)
_WORDS = re.compile(r"\w+")
# Openings that point back as a phrase, to a time, a case or a condition the sentence before
# set (Danish and English adverbials of reference): "Fra da af bliver der trukket skat ...",
# "I så fald skal du ...", "Otherwise, ...". Not "Efter det første år", where "det" is the
# article, nor "Fra den dag (,) barnet fylder 18, ...", which opens the clause after it;
# the English ones before a comma or a subject ("In that case you must ...", not "In this
# case study", "If not already registered, ...").
_POINTING_OPENINGS = re.compile(
    r"(fra da af|indtil da|i så fald|i modsat fald|ellers)\b|"
    r"(from then on|until then|after that|before that|in that case|in this case|if so|if not|otherwise)"
    r"(,|\s+(you|we|they|it|he|she|the|your|this|there|i)\b)"
)
# The number a numbered list item starts with ("3. Vælg ...", "2) Log ind").
_ITEM_NUMBER = re.compile(r"\s*(\d+)[.)]\s")
# Danish connective adverbs that stand after the finite verb and point back (Danish
# grammars' "konjunktionale adverbier": "så" as "then", "derfor", "dermed", "derefter").
CONNECTIVE_ADVERBS = frozenset(["så", "derfor", "dermed", "derefter", "herefter"])
# Words after which "så" means "so" ("så længe", "så snart", "så meget"), not "then".
_SO_DEGREE = frozenset(["længe", "snart", "vidt", "meget", "mange", "lidt", "få", "godt", "tit", "ofte", "hurtigt"])
LIST_KINDS = ("list_item", "table_row", "table_header")
TABLE_KINDS = ("table_row", "table_header")
# Danish "det", "den" and "de" are also the definite article before an adjective ("det
# første besøg", "den nye regel", "de fleste").
_ARTICLES = frozenset(["det", "den", "de"])
# Words in -e after "det", "den", "de" that leave them pronouns or make a phrase that
# points back: modals in the past ("Det kunne ..."), "samme", "hele", "ene", "anden",
# "andre", "øvrige", "begge", "sidste" ("Det sidste gælder dog ikke ..."), and numbers
# ("De tre ydelser ...").
_NOT_ATTRIBUTIVE = frozenset(
    [
        "kunne", "skulle", "ville", "måtte", "burde", "turde", "samme", "hele", "ene", "andre", "øvrige",
        "begge", "sidste", "tre", "fire", "otte",
    ]
)  # fmt: skip
# Ordinals and superlatives in -ste that are not in -este ("første", "næste", "største").
_ORDINALS = frozenset(["første", "næste", "største", "mindste", "bedste", "ældste", "yngste", "fleste", "meste"])


def _attributive(word: str) -> bool:
    """Whether a lower-case Danish word after "det", "den" or "de" reads as an adjective
    in its definite form: an ordinal or a superlative ("første", "fleste", "højeste",
    "nyeste"), or a word ending in -e that is not a past tense in -de or -te ("skete",
    "viste", "havde": "Det skete i 2014") nor a modal, a number or a word that points
    back (`_NOT_ATTRIBUTIVE`): "nye", "gamle", "årlige". The -e of the definite adjective
    is Danish grammar (Allan, Holmes and Lundskær-Nielsen, Danish: A Comprehensive
    Grammar, on the definite declension)."""
    if word in _NOT_ATTRIBUTIVE or not word.endswith("e"):
        return False
    return word in _ORDINALS or word.endswith("este") or not word.endswith(("de", "te"))


# How many of the best cosines of one language among a question's candidates make the
# reference its candidates are centred on (`language_margins`); 3 is the retriever's idea
# (`centring_top`) at the scale of the 20-60 candidates of one question.
LANGUAGE_TOP = 3

FEATURES: tuple[str, ...] = (
    "cos",
    "cos_margin",
    "cos_rank_inv",
    "cos_chunk_margin",
    "chunk_cos",
    "chunk_cos_margin",
    "chunk_rank_inv",
    "lexical_rank_inv",
    "coverage",
    "coverage_margin",
    "local_coverage",
    "focus_coverage",
    "context_coverage",
    "heading_coverage",
    "title_coverage",
    "faq_heading",
    "first_in_section",
    "type_fit",
    "type_miss",
    "has_number",
    "numbers_missing",
    "list_item",
    "ends_colon",
    "pair",
    "log_length",
    "name_missing",
    "doc_coverage",
    "focus_margin",
    "same_language",
    "cos_language_margin",
)


@dataclass(frozen=True)
class ReaderConfig:
    """How many fused chunks are read, and how far an answer may be extended
    (issue 7: up to three consecutive sentences or the items of one list)."""

    chunks: int = 6
    max_sentences: int = 3
    max_list_items: int = 8

    def __post_init__(self) -> None:
        if self.chunks < 1 or self.max_sentences < 1 or self.max_list_items < 1:
            raise ValueError("chunks, max_sentences and max_list_items must be at least 1")


@dataclass(frozen=True)
class AnswerCandidate:
    """One answer unit: its sentences (text order), the rank of the chunk it was read
    from, its features, and the ranker's score (a decision value comparable between the
    candidates of one question; higher is better)."""

    sentence_ids: tuple[int, ...]
    chunk_rank: int
    kind: UnitKind
    features: dict[str, float]
    score: float = 0.0


# A sentence that says what the page holds rather than what is so: "Her kan du læse,
# hvordan du fornyer dit kørekort, ...", "På denne side har vi samlet svar på ...", "Læs
# mere om ...", "This page explains ...", "Here you can read ...": the openings of page
# templates on Danish citizen-service sites and English guides, about any subject. Not
# "Her kan du se ..." nor "Her kan du få ...", which describe a service as often as a page,
# nor "På denne side skal du udfylde ...", an instruction.
_OVERVIEW = re.compile(
    r"^\W*(her kan du læse|her kan du finde information|"
    r"på denne side (kan du (læse|finde|få|se|blive)|finder du|får du|har vi|beskriver|forklarer|fortæller)|"
    r"i denne (artikel|vejledning)|læs (mere|om)\b|this page (explains|describes|tells|covers|is about|gives)|"
    r"on this page,? (you can (read|find|see)|you('ll| will) find|we (explain|describe))|"
    r"here you can (read|find out)|in this (article|guide)|read more\b)",
    re.IGNORECASE,
)


def is_overview(text: str) -> bool:
    """Whether a sentence says what its page holds (`_OVERVIEW`): "Her kan du læse, hvordan
    du fornyer dit kørekort, hvad du gør, hvis du har mistet det, og hvad det koster." was
    quoted for "jeg har mistet mit kørekort hvad gør jeg". It shares the words of many
    questions and answers none: no answer unit."""
    return _OVERVIEW.match(text) is not None


def is_question(text: str) -> bool:
    """A sentence that asks rather than answers."""
    return text.rstrip().rstrip("*_\"'”»)").endswith("?")


# A reply that says only yes or no ("Ja.", "Jo.", "Nej!", "Yes.") opens an FAQ answer; what it
# says yes or no to is in the sentence after it.
_BARE_REPLY = re.compile(r"^\W*(ja|jo|nej|yes|no)\W*$", re.IGNORECASE)


def is_bare_reply(text: str) -> bool:
    """A sentence that is only "yes" or "no" in Danish or English ("Ja.", "Nej.", "Yes.")."""
    return _BARE_REPLY.match(text) is not None


# A sentence that opens with yes or no and a comma, a stop or a dash ("Ja, hvis du giver en
# skriftlig fuldmagt.", "No, you must apply first.", "Ja – hvis ..."); not "No one ...",
# "Nej tak" or the abbreviation "No. 1".
_REPLY_OPENER = re.compile(r"^\W*(ja|jo|nej|yes|no)(\s*[,!;]|\.(?!\s*\d)|\s+[–—-]\s)", re.IGNORECASE)


def opens_with_reply(text: str) -> bool:
    """Whether a sentence opens by saying yes or no in Danish or English, followed by a
    comma or a stop: "Ja, hvis administratoren har tilladt det.", "Nej." (`_REPLY_OPENER`)."""
    return _REPLY_OPENER.match(text) is not None


# Sentences where "det" / "it" points forward, to what the same sentence goes on to say:
# - an extraposed subject after one adjective ("Det er gratis at anmelde flytning", "Det er
#   vigtigt, at du søger", "Det er ikke muligt at klage"; English only after an adjective
#   of `_EXTRAPOSING`: "It is free to register", not "It is paid to your NemKonto");
# - a cleft on a definite phrase, a name or a time ("Det er kommunen, der betaler", "Det er
#   Udbetaling Danmark, der ...", "It is the municipality that decides", "Det var i 2014,
#   at ..."), not on an indefinite one, which is a relative clause about what came before
#   ("Det er en ydelse, der udbetales hver måned", "It is a benefit that is paid monthly").
# A connective adverb between ("Det er dermed ikke muligt at ...", "Det er også kommunen,
# der ...") keeps it pointing back, as do "derfor", "her" and "så".
_HEDGES = r"(?:(?:ikke|dog|not)\s+)*"
# Words after "Det er" that keep it pointing back: the connective adverbs and words that
# say the sentence adds to or explains the one before ("nemlig", "altså", "også"), "her",
# "der".
_POINTING_BACK = CONNECTIVE_ADVERBS | {"nemlig", "altså", "også", "her", "der"}
_EXTRAPOSING = (
    "free|possible|impossible|important|necessary|unnecessary|easy|difficult|hard|mandatory|optional|"
    "compulsory|required|advisable|illegal|legal|allowed|permitted|too late|a good idea"
)
_CLEFT = re.compile(
    rf"\W*det\s+(?:er|var|bliver)\s+{_HEDGES}[^\W\d_]+,?\s+at\b|"
    rf"\W*it\s+(?:is|was)\s+{_HEDGES}(?:{_EXTRAPOSING})\s+to\s+\w|"
    rf"\W*det\s+(?:er|var)\s+(?!(?:en|et|ikke|{'|'.join(sorted(_POINTING_BACK))})\b)"
    r"[^.;:!?,]{1,60},\s*(?:der|som|at)\b|"
    r"\W*it\s+(?:is|was)\s+(?:the|your|his|her|their|our|my|this|that)\s+[^.;:!?,]{1,60}?\s(?:who|that)\s",
    re.IGNORECASE,
)


def _points_forward(text: str) -> bool:
    """Whether a sentence opening with "det" / "it" is an extraposed subject or a cleft
    (`_CLEFT`) and so does not point back: not when its third word points back
    (`_POINTING_BACK`: "Det er dermed ...") or is "med" ("Det er med til at sikre, ...")."""
    m = _CLEFT.match(text)
    if m is None:
        return False
    words = re.findall(r"\w+", m.group().lower())
    return len(words) < 3 or words[2] not in _POINTING_BACK | {"med"}


def refers_back(text: str) -> bool:
    """Whether a sentence starts with a word that leans on the sentence before it, or,
    Danish putting a clause adverb after the subject and the verb ("Du skal så bestille
    en ny afhentning", "Du skal derfor søge i god tid"), has a connective adverb
    (`CONNECTIVE_ADVERBS`) as its third word, with no comma before it ("Kontakt os, så
    hjælper vi dig" joins two clauses); "så" not where it means "so" ("så længe"). A
    numbered list item is read after its number ("2. Du skal derfor ..."). An opening
    phrase that points back (`_POINTING_OPENINGS`: "Fra da af ...", "I så fald ...", "In
    that case ...") makes it lean on the sentence before too.
    "Det", "Den" and "De" before an adjective are articles, not pronouns ("Det første
    besøg sker ...", "De nye satser gælder ...": `_attributive`)."""
    number = _ITEM_NUMBER.match(text)
    body = text[number.end() if number else 0 :]
    head = body[:80].lower()
    found = list(_WORDS.finditer(head))[:4]
    words = [m.group() for m in found]
    if _POINTING_OPENINGS.match(head):
        return True
    if words and words[0] in REFERRING_WORDS:
        if _points_forward(body):
            return False
        return not (len(words) > 1 and words[0] in _ARTICLES and _attributive(words[1]))
    if len(words) < 3 or words[2] not in CONNECTIVE_ADVERBS:
        return False
    if any(mark in head[: found[2].start()] for mark in ",;:"):
        return False  # "Kontakt os, så hjælper vi dig": a conjunction opening a clause
    return not (words[2] == "så" and len(words) > 3 and words[3] in _SO_DEGREE)


# The shortest part `_names_group` looks for at either end of a longer word: "kort" of
# "erstatningskort", not "dag" of "fredag".
_PART_MIN_CHARS = 4


def _compound_of(word: str, part: str) -> bool:
    """Whether `word` begins or ends with `part`, a part of at least `_PART_MIN_CHARS`
    characters ("enkeltdag" with "enkelt", "erstatningskort" with "kort", "åskol" with
    "skol"); not one inside it ("frokostordning" holds "kost" of "koster")."""
    return len(part) >= _PART_MIN_CHARS and len(word) > len(part) and (word.startswith(part) or word.endswith(part))


def _names_group(group: frozenset[str], named: set[str], compounds: bool) -> bool:
    """Whether a text's terms (`named`) name one of a question's key terms (`group`, its
    stems): a term is one of the stems or, with `compounds` (a Danish text), a compound
    that begins or ends with one, or a part a stem begins or ends with (`_compound_of`:
    "enkeltdag" names "enkelt", "vuggestu" names "vuggestueplad"): Danish writes as one
    word what a question may ask in two. English does not ("part" of "Part-time" is no
    part of "partifælle", one Danish rendering of "member": page set `zy`)."""
    if group & named:
        return True
    return compounds and any(_compound_of(term, stem) or _compound_of(stem, term) for stem in group for term in named)


class Reader:
    """Builds, describes and scores answer candidates over one loaded index."""

    def __init__(self, data: IndexData, model: LinearModel, config: ReaderConfig | None = None) -> None:
        """Index constants computed once: IDF of every sentence term, block starts per document.
        Raises ModelFileError (from `LinearModel.vector`) later if the model lacks a feature."""
        self.data = data
        self.model = model
        self.config = config or ReaderConfig()
        self.idf = term_weights([set(t) for t in data.sentence_terms])
        self.rarest = max(self.idf.values(), default=1.0)
        self._block_starts = {doc_id: [b.start for b in doc.blocks] for doc_id, doc in data.documents.items()}
        # Per chunk, once: its terms (title, heading and text), its heading's and its
        # title's (public: the reranker reads them too).
        self.chunk_terms = [set(t) for t in data.chunk_terms]
        self.heading_terms = [set(terms(c.heading)) if c.heading else set() for c in data.chunks]
        self.title_terms = {doc_id: set(terms(doc.title)) for doc_id, doc in data.documents.items()}
        # Every term of each document (its title and all its chunks): a name the question
        # gives ("Nordby", "SU") that the candidate's document never uses points to
        # another document, however alike the sentences read.
        self.document_terms: dict[str, set[str]] = {doc_id: set(t) for doc_id, t in self.title_terms.items()}
        for chunk, chunk_terms in zip(data.chunks, data.chunk_terms, strict=True):
            self.document_terms[chunk.doc_id].update(chunk_terms)

    # --- structure -------------------------------------------------------------------
    def block_kind(self, sentence: Sentence) -> str:
        """The kind of the document block a sentence stands in ("paragraph" when unknown)."""
        block = self._block(sentence)
        return block[0] if block else "paragraph"

    def _block(self, sentence: Sentence) -> tuple[str, int, int] | None:
        i = self._block_index(sentence)
        if i is None:
            return None
        block = self.data.documents[sentence.doc_id].blocks[i]
        return (str(block.kind), block.start, block.end)

    def _block_index(self, sentence: Sentence) -> int | None:
        """The index, in its document's blocks, of the block a sentence stands in; None
        when the document has no blocks recorded."""
        starts = self._block_starts.get(sentence.doc_id)
        if not starts:
            return None
        i = bisect.bisect_right(starts, sentence.start) - 1
        return i if i >= 0 else None

    def _same_section(self, a: Sentence, b: Sentence) -> bool:
        if a.doc_id != b.doc_id:
            return False
        ca, cb = self.data.chunks[a.chunk_index], self.data.chunks[b.chunk_index]
        return ca.heading == cb.heading and abs(a.chunk_index - b.chunk_index) <= 1

    def previous(self, sentence_id: int) -> int | None:
        """The sentence before, when it stands in the same section of the same document."""
        if sentence_id == 0:
            return None
        before = self.data.sentences[sentence_id - 1]
        return sentence_id - 1 if self._same_section(before, self.data.sentences[sentence_id]) else None

    def following(self, sentence_id: int) -> int | None:
        """The sentence after, when it stands in the same section of the same document."""
        if sentence_id + 1 >= len(self.data.sentences):
            return None
        after = self.data.sentences[sentence_id + 1]
        return sentence_id + 1 if self._same_section(after, self.data.sentences[sentence_id]) else None

    def first_item(self, sentence_id: int) -> int:
        """The first sentence of the list whose item holds `sentence_id`, walking back over
        the items of that one list (`_same_list`); itself when the sentence before is no
        item of it. Linear in the list's length."""
        first = sentence_id
        while (before := self.previous(first)) is not None and self._same_list(before, first):
            first = before
        return first

    def _continues(self, last: int, nxt: int, kinds: tuple[str, ...]) -> bool:
        """Whether the sentence `nxt` after `last` goes on with what `last`'s answer quotes:
        a block of one of `kinds`, and, from a list item to a list item, an item of the same
        list (`_same_list`: a numbered list right after a bullet list is another list)."""
        sentences = self.data.sentences
        kind = self.block_kind(sentences[nxt])
        if kind not in kinds:
            return False
        return kind != "list_item" or self.block_kind(sentences[last]) != "list_item" or self._same_list(last, nxt)

    def _same_list(self, before: int, after: int) -> bool:
        """Whether two consecutive sentences stand in items of one list: both in list items
        with no heading between their blocks (a second "Sådan gør du" list under the next
        heading is another list), and the later item neither the first of a numbered list
        ("1.") nor numbered where the earlier is not, or the reverse (a bullet list right
        before a numbered one)."""
        sentences, documents = self.data.sentences, self.data.documents
        i, j = self._block_index(sentences[before]), self._block_index(sentences[after])
        if i is None or j is None:
            return False
        blocks = documents[sentences[after].doc_id].blocks
        if any(blocks[k].kind != "list_item" for k in range(i, j + 1)):
            return False
        if i == j:
            return True
        text = documents[sentences[after].doc_id].text
        earlier = _ITEM_NUMBER.match(text, blocks[i].start)
        later = _ITEM_NUMBER.match(text, blocks[j].start)
        if later is not None and int(later.group(1)) <= 1:
            return False
        return (earlier is None) == (later is None)

    def after_list(self, sentence_id: int) -> bool:
        """Whether a sentence outside any list or table comes right after a list item or
        table row of its section: a sentence there that refers back ("Det er den samme
        postkasse, uanset hvor du læser den.") refers to the list as a whole, not to its
        last item, so it is never paired with that item alone (`referred_list`)."""
        before = self.previous(sentence_id)
        sentences = self.data.sentences
        return (
            before is not None
            and self.block_kind(sentences[sentence_id]) not in LIST_KINDS
            and self.block_kind(sentences[before]) in LIST_KINDS
        )

    def referred_list(self, last_item: int) -> tuple[int, ...]:
        """What a sentence right after a list refers to, given the list's last item: all
        of a bulleted or numbered list of at most `max_list_items` items, after the
        sentence that opens it when one does (`lead_in`: "Du kan bestille et nyt kort,
        hvis:", "du har mistet dit kort", ... before "Det koster 205 kr., hvis du har
        mistet det gamle."); () after a longer list or a table, whose rows would make a
        long quote of what may be only a formal subject ("Det er gratis for private at
        aflevere affald" after a table of opening hours), so the sentence stands alone.
        Items are counted as blocks: an item of two sentences is one item."""
        sentences = self.data.sentences
        if self.block_kind(sentences[last_item]) != "list_item":
            return ()
        first = self.first_item(last_item)
        items = {self._block_index(sentences[sid]) for sid in range(first, last_item + 1)}
        if len(items) > self.config.max_list_items:
            return ()
        opening = self.lead_in(first)
        return tuple(range(first if opening is None else opening, last_item + 1))

    def lead_in(self, sentence_id: int) -> int | None:
        """The sentence that opens the list or table a list item or table row stands in
        (the last sentence before its first item, in the same section, ending with ":":
        "Du skal medbringe følgende:"), or None for a sentence of another kind or a list
        without one. Walks back over the items: linear in the list's length."""
        sentences = self.data.sentences
        if self.block_kind(sentences[sentence_id]) not in LIST_KINDS:
            return None
        before = self.previous(sentence_id)
        while before is not None and self.block_kind(sentences[before]) in LIST_KINDS:
            before = self.previous(before)
        if before is not None and sentences[before].text.rstrip().endswith(":"):
            return before
        return None

    def table_header(self, sentence_id: int) -> int | None:
        """The header row (its column labels, "Lader; Pris pr. kWh") of the table a table
        row stands in (`_table_top`), or None for a sentence of another kind, a table
        without one, or a header row itself. Linear in the table's length."""
        if self.block_kind(self.data.sentences[sentence_id]) != "table_row":
            return None
        top = self._table_top(sentence_id)
        return top if self.block_kind(self.data.sentences[top]) == "table_header" else None

    def _table_top(self, sentence_id: int) -> int:
        """The first sentence of the table a table row or header row stands in: walking
        back over its rows in the same section to its header row, which opens the table
        (the rows above a header are another table's), or to the first row of a table
        without one. Linear in the table's length."""
        sentences = self.data.sentences
        top, kind = sentence_id, self.block_kind(sentences[sentence_id])
        while kind != "table_header":
            above = self.previous(top)
            above_kind = None if above is None else self.block_kind(sentences[above])
            if above is None or above_kind not in TABLE_KINDS:
                break
            top, kind = above, above_kind
        return top

    def row_key(self, sentence_id: int) -> str | None:
        """The text of a table row's first cell, the value that says which row it is
        ("Normallader (AC, op til 11 kW)" of "Lader: Normallader (AC, op til 11 kW); Pris
        pr. kWh: 2,95 kr."): the row's text up to its first "; " (cells are joined so,
        `qa.readers.common.table_row_text`), without its column's label when the table's
        header row gives that label, or, in a table without a header row, the text before
        the first ": " (a row header: "Pris: 205 kr."). None for a sentence that is not a
        whole table row (a row holding several sentences is read as text)."""
        sentence = self.data.sentences[sentence_id]
        block = self._block(sentence)
        if block is None or block[0] != "table_row" or (block[1], block[2]) != (sentence.start, sentence.end):
            return None
        first = sentence.text.split("; ", 1)[0]
        header = self.table_header(sentence_id)
        if header is not None:
            label = self.data.sentences[header].text.split("; ", 1)[0].strip()
            return first[len(label) + 2 :] if label and first.startswith(label + ": ") else first
        return first.split(": ", 1)[0]

    def _same_table(self, a: int, b: int) -> bool:
        """Whether two sentences are rows of one table: in one document and one section,
        with only table rows between their blocks, no header row (under a header row
        begins the next table: a stop 47 review's passport table right over a driving
        licence table)."""
        sentences = self.data.sentences
        if not self._same_section(sentences[a], sentences[b]):
            return False
        first, second = self._block_index(sentences[a]), self._block_index(sentences[b])
        if first is None or second is None:
            return False
        i, j = min(first, second), max(first, second)
        blocks = self.data.documents[sentences[a].doc_id].blocks
        return all(blocks[k].kind == "table_row" for k in range(i, j + 1))

    def key_groups(
        self,
        question: AnalysedQuestion,
        sentence_id: int,
        shared: frozenset[str] = frozenset(),
        compounds: bool = True,
    ) -> frozenset[int] | None:
        """Which of the question's key terms (indexes into `question.groups`) a table row's
        key (`row_key`) names and the row's context does not (`_row_context`,
        `_groups_named`). None for a sentence that is not a whole table row."""
        key = self.row_key(sentence_id)
        if key is None:
            return None
        return self._groups_named(question, key, self._row_context(sentence_id, shared), compounds, sentence_id)

    def _row_context(self, sentence_id: int, shared: frozenset[str]) -> set[str]:
        """The terms that name a term of a question for every row of a table alike: its
        document's title, its chunk's heading, its table's caption and `shared` (the
        caller's: the name of the municipality the page is about, "i Ravnsholt" for the row
        "P-pladsen ved Ravnsholt Hallen" of a Ravnsholt page)."""
        sentence = self.data.sentences[sentence_id]
        context = self.title_terms[sentence.doc_id] | self.heading_terms[sentence.chunk_index] | shared
        caption = self.table_caption(sentence_id)
        return context | set(terms(self.data.sentences[caption].text)) if caption is not None else context

    def _groups_named(
        self, question: AnalysedQuestion, text: str, context: set[str], compounds: bool, sentence_id: int
    ) -> frozenset[int]:
        """Which of the question's key terms (indexes into `question.groups`) `text` (a
        table row, or its key, of the sentence `sentence_id`) names and its `context`
        (`_row_context`) does not. With `compounds`, on a Danish page, a compound names a
        term it holds (`_names_group`): "Enkeltdag" names "enkelt" of "Hvad koster det at
        stå med en bod en enkelt dag?", "Åskolen" "skole"."""
        named = set(terms(text))
        parts = compounds and self.data.documents[self.data.sentences[sentence_id].doc_id].language == "da"
        return frozenset(
            i for i, group in enumerate(question.groups) if _names_group(group, named, parts) and not group & context
        )

    def named_row(
        self, question: AnalysedQuestion, candidates: list[AnswerCandidate], shared: frozenset[str] = frozenset()
    ) -> int | None:
        """The position of a candidate to quote before the first one: a row of the same
        table as the first candidate whose key (`row_key`) names every key term of the
        question that the first one's key names and more (`key_groups`), and whose whole
        text names every key term the first row's names, the one whose key names most
        (the earliest of a tie); None when there is none or the first candidate is no
        single table row. "pris normallader havnstrup kWh" had "Lader: Hurtiglader (DC,
        75 kW) ...; Pris pr. kWh: 3,79 kr." first and "Lader: Normallader (AC, op til 11
        kW); Pris pr. kWh: 2,95 kr." second, and "Hvor meget er ordinært børnetilskud pr.
        kvartal?" the extra allowance's row, whose second cell says who gets it ("Enlige
        forsørgere, som får ordinært børnetilskud"): the row a question names by its first
        cell is the row asked about (held-out sets t87 and t88 of stop 46). A first row
        whose other cells name what the question asks ("Hvilket plejehjem har en
        demensafdeling?" over "Lindehjemmet; Særlige afdelinger: Demensafdeling" and
        "Plejehjemmet Egebo; Særlige afdelinger: Ingen": a stop 47 review's page) stays
        first. Only for a question in its page's language: an English question's words
        rendered in Danish miss what its rows name ("kayak" is no "kajak", while "course"
        is "kursus" of "Dykkerkursus"; page set `za`). The first row names a term also by
        a compound holding it, the second only by the term itself (a second review: "Hvad
        koster børnehave?" had "Frokost i børnehave" name "kost" of "koster", "Hvad er
        prisen ...?" "Morgenpris" name "pris"). `shared`: terms named for every row alike
        (`_row_context`)."""
        if not candidates or len(candidates[0].sentence_ids) != 1:
            return None
        first_id = candidates[0].sentence_ids[0]
        if self.data.documents[self.data.sentences[first_id].doc_id].language != question.language:
            return None
        first_key = self.row_key(first_id)
        if first_key is None:
            return None
        # Rows of one table share their context (title, heading, caption).
        context = self._row_context(first_id, shared)
        first = self._groups_named(question, first_key, context, True, first_id)
        first_row = self._groups_named(question, self.data.sentences[first_id].text, context, True, first_id)
        best: tuple[int, int] | None = None
        for position, candidate in enumerate(candidates[1:], 1):
            other_id = candidate.sentence_ids[0]
            other_key = self.row_key(other_id)
            if len(candidate.sentence_ids) != 1 or other_key is None or not self._same_table(first_id, other_id):
                continue
            named = self._groups_named(question, other_key, context, False, other_id)
            if not first < named or (best is not None and len(named) <= best[1]):
                continue
            if first_row <= self._groups_named(question, self.data.sentences[other_id].text, context, False, other_id):
                best = (position, len(named))
        return best[0] if best else None

    def table_caption(self, sentence_id: int) -> int | None:
        """The caption of the table a table row or header stands in: the paragraph of one
        sentence right above the table, in the same section, that reads as a caption
        (`qa.chunking.is_table_caption`: "Child support per child per month, 2026"), or
        is all of a block its page marks as the table's caption (`table_caption`: "Satser
        for sygedagpenge fra 1. januar 2026"), and names what every row gives, for the
        token support's context (`qa.engine.QAEngine.match_tokens`); None for a sentence
        of another kind or a table without one. Walks back over the rows: linear in the
        table's length."""
        sentences = self.data.sentences
        if self.block_kind(sentences[sentence_id]) not in TABLE_KINDS:
            return None
        caption_id = self.previous(self._table_top(sentence_id))
        if caption_id is None:
            return None
        caption = sentences[caption_id]
        if self._whole_block(caption, "table_caption"):  # the whole caption is one sentence
            return caption_id
        return caption_id if self._whole_block(caption, "paragraph") and is_table_caption(caption.text) else None

    def _whole_block(self, sentence: Sentence, kind: str) -> bool:
        """Whether a sentence is all of a block of `kind`."""
        block = self._block(sentence)
        return block is not None and block[0] == kind and (block[1], block[2]) == (sentence.start, sentence.end)

    def is_caption(self, sentence_id: int) -> bool:
        """Whether a sentence is a caption: any sentence of a block its page marks as a
        table's title (`table_caption`, an HTML `<caption>` that titles its table; measured at
        stop 52 over every set's fit and check splits, such captions quotable by the text
        rule below made four answers worse, three of them a caption quoted, and one better;
        no gold of the test pages is a caption); else all of a paragraph, ending without a
        punctuation mark, with a list item or a table row of its section right after it
        ("Dødsfald i 2025" above "- Afdøde under 18 år: 12.960 kr.", a table's
        `<caption>` "Højeste sats for sygedagpenge 2026"): it names the year its rows hold
        for and no other figure (`reads_as_label`: "Fra udlandet +45 33 98 00 10" above a
        list is a value under its label), and has no comma and no common finite verb
        (`reads_as_label`: "Genbrugspladsen er lukket på helligdage" is a sentence; a line
        without a year, "Pensionen udbetales den sidste hverdag i måneden", may be one too,
        which no word list tells, so it stays a unit). It names what follows, as a heading
        does, and answers nothing alone: no answer unit (`units`)."""
        sentence = self.data.sentences[sentence_id]
        if self.block_kind(sentence) == "table_caption":
            return True  # a title its page gives its table, whatever its figures
        if not self._whole_block(sentence, "paragraph"):
            return False
        if sentence.text.rstrip().endswith((".", "!", "?", ":", ";")):
            return False
        if "," in sentence.text or not reads_as_label(sentence.text) or not YEAR.search(sentence.text):
            return False  # a sentence ("Genbrugspladsen er lukket på helligdage") or a value
        after = self.following(sentence_id)
        return after is not None and self.block_kind(self.data.sentences[after]) in LIST_KINDS

    def question_weights(self, groups: list[frozenset[str]]) -> dict[frozenset[str], float]:
        """Each key-term group's weight by how rare it is among the index's sentences
        (`qa.answer.group_weights`)."""
        return dict(zip(groups, group_weights(groups, self.idf, self.rarest), strict=True))

    # --- candidates ------------------------------------------------------------------
    def units(self, ranked: list[RankedChunk]) -> list[tuple[tuple[int, ...], int, UnitKind]]:
        """The answer units of the first `config.chunks` chunks: (sentence ids, chunk rank, kind)."""
        sentences = self.data.sentences
        seen: set[tuple[int, ...]] = set()
        out: list[tuple[tuple[int, ...], int, UnitKind]] = []
        for rank, hit in enumerate(ranked[: self.config.chunks]):
            for sid in self.data.chunks[hit.index].sentence_ids:
                text = sentences[sid].text
                if (
                    is_question(text)
                    or is_overview(text)
                    or is_page_stamp(text)
                    or self.block_kind(sentences[sid]) == "table_header"
                    or self.is_caption(sid)
                ):
                    continue
                unit: tuple[int, ...] = (sid,)
                kind: UnitKind = "single"
                if refers_back(text):
                    prev = self.previous(sid)
                    if prev is not None and self.after_list(sid):
                        referent = self.referred_list(prev)
                        if referent:
                            unit, kind = (*referent, sid), "pair"
                    elif prev is not None and not is_question(sentences[prev].text):
                        unit, kind = (prev, sid), "pair"
                elif is_bare_reply(text):
                    after = self.following(sid)
                    if after is not None and not is_question(sentences[after].text):
                        unit, kind = (sid, after), "pair"
                if unit not in seen:
                    seen.add(unit)
                    out.append((unit, rank, kind))
        return out

    def candidates(
        self, question: AnalysedQuestion, query: np.ndarray, ranked: list[RankedChunk]
    ) -> list[AnswerCandidate]:
        """Every answer unit of the top chunks with its features (unscored, in reading order)."""
        units = self.units(ranked)
        if not units:
            return []
        ids = sorted({sid for unit, _, _ in units for sid in unit})
        sims = dict(zip(ids, (float(s) for s in self.data.sentence_vectors[ids] @ query), strict=True))
        groups = list(question.groups)
        focus = focus_groups(question.text, groups)
        names = [g for g in groups if g not in focus]
        # What a page must write to hold each name, once per question (`qa.origins`).
        name_tests = [name_parts(g) for g in names]
        # The question's term weights, once per question (focus groups are a subset).
        weights = self.question_weights(groups)

        def coverage_of(gs: list[frozenset[str]], text_terms: set[str]) -> float:
            return weighted_coverage(gs, weights, text_terms)

        top = ranked[: self.config.chunks]
        best_chunk = max(h.dense for h in top)
        typed = question.typed
        rows = []
        for unit, rank, kind in units:
            hit = top[rank]
            chunk = self.data.chunks[hit.index]
            head = self.data.sentences[unit[-1]]
            text = " ".join(self.data.sentences[s].text for s in unit)
            unit_terms: set[str] = set()
            for s in unit:
                unit_terms.update(self.data.sentence_terms[s])
            heading_cov = coverage_of(groups, self.heading_terms[hit.index])
            list_item = self.block_kind(head) in LIST_KINDS
            fit = question.answer_fits(text, list_item)
            rows.append(
                (
                    unit,
                    rank,
                    kind,
                    {
                        "cos": max(sims[s] for s in unit),
                        "chunk_cos": hit.dense,
                        "chunk_cos_margin": hit.dense - best_chunk,
                        "chunk_rank_inv": 1.0 / (rank + 1),
                        "lexical_rank_inv": 1.0 / hit.lexical_rank if hit.lexical_rank else 0.0,
                        "coverage": coverage_of(groups, unit_terms),
                        "focus_coverage": coverage_of(focus, unit_terms),
                        "context_coverage": coverage_of(groups, self.chunk_terms[hit.index]),
                        "heading_coverage": heading_cov,
                        "title_coverage": coverage_of(groups, self.title_terms[chunk.doc_id]),
                        "faq_heading": heading_cov if is_question(chunk.heading) else 0.0,
                        "first_in_section": 1.0 if self.previous(unit[0]) is None else 0.0,
                        "type_fit": 1.0 if typed and fit else 0.0,
                        "type_miss": 1.0 if typed and not fit else 0.0,
                        "has_number": 1.0 if has_number(text) else 0.0,
                        # The share of the numbers and weekdays the question names that the unit lacks.
                        "numbers_missing": _share_missing(question, text),
                        "list_item": 1.0 if list_item else 0.0,
                        "ends_colon": 1.0 if text.rstrip().endswith(":") else 0.0,
                        "pair": 1.0 if kind == "pair" else 0.0,
                        "log_length": math.log(1 + len(text)),
                        "name_missing": (
                            sum(
                                1
                                for parts in name_tests
                                if not names_held(parts, self.document_terms[chunk.doc_id], self.chunk_terms[hit.index])
                            )
                            / len(name_tests)
                            if name_tests
                            else 0.0
                        ),
                        "doc_coverage": coverage_of(groups, self.document_terms[chunk.doc_id]),
                        "same_language": float(self.data.documents[chunk.doc_id].language == question.language),
                    },
                    unit_terms,
                )
            )
        if question.strict and any(r[3]["type_fit"] for r in rows):
            # A when / how long / how many / how much question is never answered by a text
            # without a date, a duration, a number or an amount while some candidate holds
            # one, nor a question asking for a phone number, e-mail address, percentage, weight
            # or age by a text without one.
            rows = [r for r in rows if r[3]["type_fit"]]
        best_cos = max(r[3]["cos"] for r in rows)
        local = local_coverages(groups, [r[4] for r in rows])
        chunk_best: dict[int, float] = {}
        for r in rows:
            chunk_best[r[1]] = max(chunk_best.get(r[1], -1.0), r[3]["cos"])
        best_cov = max(r[3]["coverage"] for r in rows)
        best_focus = max(r[3]["focus_coverage"] for r in rows)
        order = sorted(range(len(rows)), key=lambda i: -rows[i][3]["cos"])
        cos_rank = {i: r for r, i in enumerate(order, start=1)}
        language_of = [self.data.documents[self.data.chunks[top[r[1]].index].doc_id].language for r in rows]
        margins = language_margins([r[3]["cos"] for r in rows], language_of, LANGUAGE_TOP)
        out = []
        for i, (unit, rank, kind, feats, _) in enumerate(rows):
            feats["cos_language_margin"] = margins[i]
            feats["local_coverage"] = local[i]
            feats["cos_margin"] = feats["cos"] - best_cos
            feats["cos_chunk_margin"] = feats["cos"] - chunk_best[rank]
            feats["coverage_margin"] = feats["coverage"] - best_cov
            feats["focus_margin"] = feats["focus_coverage"] - best_focus
            feats["cos_rank_inv"] = 1.0 / cos_rank[i]
            out.append(AnswerCandidate(unit, rank, kind, feats))
        return out

    def read(self, question: AnalysedQuestion, query: np.ndarray, ranked: list[RankedChunk]) -> list[AnswerCandidate]:
        """The scored candidates, best first (ties: the earlier sentence)."""
        scored = [
            AnswerCandidate(c.sentence_ids, c.chunk_rank, c.kind, c.features, self.model.score(c.features))
            for c in self.candidates(question, query, ranked)
        ]
        scored.sort(key=lambda c: (-c.score, c.sentence_ids))
        return scored

    # --- the answer ------------------------------------------------------------------
    def extend(self, question: AnalysedQuestion, best: AnswerCandidate) -> tuple[int, ...]:
        """The sentences quoted for the best unit: a unit ending with ":" goes on with the
        list items or table rows that follow it; a how-question answered by a list item
        goes on with the following items of that list and starts at its first item (the
        steps, all of them when the list up to the chosen item holds at most
        `max_list_items`, and then at most that many); a how-question's
        sentence with the following sentences of its paragraph, up to `max_sentences`, and
        when these end on a lead-in ("Sådan gør du:"), the items of the one list it opens
        right below it, up to `max_list_items` more (`_opened_list`).
        A list item or table row that answers any other question is quoted alone. A
        yes-or-no question's unit is quoted with the sentence before it in the same block
        when that one opens with the reply (`opens_with_reply`: "Ja, hvis administratoren
        har tilladt det. Medarbejderens private MitID bliver så tilknyttet ...")."""
        sentences = self.data.sentences
        ids = list(best.sentence_ids)
        if question.answer_type == "yes_no":
            before = self.previous(ids[0])
            if (
                before is not None
                and opens_with_reply(sentences[before].text)
                and self._block(sentences[before]) == self._block(sentences[ids[0]])
            ):
                ids.insert(0, before)
        last = sentences[ids[-1]]
        opens_list = last.text.rstrip().endswith(":")
        steps = question.answer_type == "how" and self.block_kind(last) == "list_item"
        if opens_list or steps:
            kinds = LIST_KINDS if opens_list else ("list_item",)
            limit = len(ids) + self.config.max_list_items
            if steps and not opens_list:
                first = self.first_item(ids[0])
                if ids[-1] - first < self.config.max_list_items:
                    # The steps from the first: "3. Vælg Skift NemKonto" alone skips steps 1-2.
                    ids = list(range(first, ids[-1] + 1))
                    limit = self.config.max_list_items
            self._go_on(ids, limit, kinds)
            if len(ids) > len(best.sentence_ids) or steps:
                return tuple(ids)
        if self.block_kind(last) in LIST_KINDS:
            return tuple(ids)
        if question.answer_type == "how" or opens_list:
            block = self._block(last)
            nxt = self.following(ids[-1])
            while (
                nxt is not None
                and len(ids) < self.config.max_sentences
                and block is not None
                and sentences[nxt].end <= block[2]
                and not is_question(sentences[nxt].text)
            ):
                ids.append(nxt)
                nxt = self.following(nxt)
            if len(ids) > 1 and sentences[ids[-1]].text.rstrip().endswith(":"):
                ids.extend(self._opened_list(ids[-1], self.config.max_list_items))
        return tuple(ids)

    def _opened_list(self, lead_in: int, limit: int) -> list[int]:
        """The first sentences, at most `limit`, of the one list a paragraph's lead-in opens
        ("Sådan gør du:" over "1. Log på ...", "2. Udfyld ..."): the list must begin in the
        block right after the lead-in's (no heading, other paragraph or table between), and
        its items are followed while they stay items of that list (`_same_list`). Empty for
        a lead-in over a table or a heading: a table's header row and the rows of the next
        section's table are no steps."""
        sentences = self.data.sentences
        first = self.following(lead_in)
        if first is None or self.block_kind(sentences[first]) != "list_item":
            return []
        i, j = self._block_index(sentences[lead_in]), self._block_index(sentences[first])
        if i is None or j is None or j != i + 1:
            return []
        items = [first]
        self._go_on(items, limit, ("list_item",))
        return items

    def _go_on(self, ids: list[int], limit: int, kinds: tuple[str, ...]) -> None:
        """Append to `ids`, while it holds fewer than `limit`, each following sentence of the
        section that goes on with what it quotes (`_continues`: a block of one of `kinds`,
        an item of the same list)."""
        nxt = self.following(ids[-1])
        while nxt is not None and len(ids) < limit and self._continues(ids[-1], nxt, kinds):
            ids.append(nxt)
            nxt = self.following(nxt)


_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÆØÅ][\w-]*")


def _share_missing(question: AnalysedQuestion, text: str) -> float:
    """The share of the values the question names (`named_count`, its period counted
    only when the text gives periods) that the unit's text lacks (`missing_named`; a
    yes-or-no question's number is held by a bound on either side of it). Counting a
    number that only the other side's bound holds as half missing, so that a bound letting
    it in came first, was measured at stop 58 and not kept: 2 fewer Danish right answers
    on the fit splits, 3 fewer Danish and 2 fewer English on the check splits."""
    named = named_count(question, text)
    return missing_named(question, text) / named if named else 0.0


def focus_groups(text: str, groups: list[frozenset[str]]) -> list[frozenset[str]]:
    """The key terms of a question that are not names: a word capitalised inside the
    question ("Digital Post", "Nordby") names the topic that many passages share; the
    words in lower case say what is asked about it ("obligatorisk", "cost")."""
    from qa.analysis import terms

    names: set[str] = set()
    for word in _CAPITALISED.findall(text.strip()):
        names.update(terms(word))
    return [g for g in groups if not g & names]


def language_margins(cosines: list[float], languages: list[str], top: int) -> list[float]:
    """Each cosine minus the mean of the `top` best cosines of candidates in the same
    document language (one value per candidate, same order). The multilingual model
    scores text in the question's language higher whatever it says; measured against its
    own language's best, a Danish sentence can outscore an English one for an English
    question. Raises ValueError when the lists differ in length or `top` is below 1."""
    if len(cosines) != len(languages) or top < 1:
        raise ValueError("language_margins needs one language per cosine and top of at least 1")
    reference: dict[str, float] = {}
    for language in set(languages):
        best = sorted((c for c, lang in zip(cosines, languages, strict=True) if lang == language), reverse=True)[:top]
        reference[language] = sum(best) / len(best)
    return [c - reference[lang] for c, lang in zip(cosines, languages, strict=True)]


def local_coverages(groups: list[frozenset[str]], unit_terms: list[set[str]]) -> list[float]:
    """Coverage of the question's key terms in each unit, each term weighted by how rare
    it is among these units (log(1 + n / units holding it)): a term every candidate
    shares does not tell them apart. 0 for all when no unit holds any term."""
    n = len(unit_terms)
    weights = []
    for group in groups:
        df = sum(1 for held in unit_terms if group & held)
        weights.append(math.log(1 + n / df) if df else 0.0)
    total = sum(weights)
    if total == 0:
        return [0.0] * n
    return [sum(w for g, w in zip(groups, weights, strict=True) if g & held) / total for held in unit_terms]
