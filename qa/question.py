"""Question analysis, done once per question: normalised text, language with its
confidence, key terms, BM25 terms, answer type and the numbers and weekdays the question
names."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from qa import analysis
from qa.analysis import Language, guess_language, is_content_word, key_terms, query_terms, terms
from qa.answer_types import (
    PRICE_WORDS,
    AnswerType,
    AskedForm,
    answer_type,
    asked_form,
    asks_deadline,
    asks_earliest,
    asks_frequency,
    asks_price,
    asks_time_left,
    fits,
    gives_deadline,
    gives_frequency,
    holds_form,
    named_answer_type,
    only_earliest,
)
from qa.lexicon import danish_for_english, english_phrase_spans
from qa.named_values import (
    NUMBER,
    asked_periods,
    asked_seasons,
    bounds,
    bounds_missed,
    codes_missing,
    codes_named,
    holds_any_age,
    holidays_covered,
    holidays_named,
    missing_numbers,
    number_units,
    periods_named,
    seasons_covered,
    seasons_named,
    states_ages,
    weekdays_covered,
    weekdays_named,
    without_holiday_names,
    written_value,
)
from qa.normalise import normalise
from qa.origins import with_origin_classes
from qa.phrasing import asked_question, only_courtesy, restore_danish_letters, unshouted, without_courtesy
from qa.truecasing import CasingTable, truecased

# The answer types whose question is only answered by a text that fits it while any does.
STRICT_TYPES: tuple[AnswerType, ...] = ("when", "how_long", "how_many", "how_much")
# Words that ask for help or say that a question comes, without naming what about.
ASKING_WORDS: tuple[str, ...] = (
    "hjælp", "hjælpe", "hjælpen", "spørgsmål", "spørge", "help", "question", "questions",
)  # fmt: skip
# Words that say how an amount is measured or judged, or hedge it, and the pronoun and
# preposition of addressing the service ("hos jer"): none names a subject.
MEASURE_WORDS: tuple[str, ...] = (
    "dyr", "dyrt", "billig", "billigt", "gratis", "afgift", "afgiften", "afgifter", "beløb",
    "beløbet", "kroner", "kr", "penge", "prisliste", "måned", "måneden", "måneder", "uge",
    "ugen", "år", "året", "time", "timen", "dag", "dagen", "cirka", "ca", "egentlig", "hos",
    "jer", "pr", "per", "mange", "meget", "free", "list", "expensive", "cheap", "money",
    "month", "year", "week", "hour", "day", "approximately", "roughly",
)  # fmt: skip
# The stems of the words that name no subject: those asking about a price or a payment
# (`qa.answer_types.PRICE_WORDS`), for help, or measuring an amount (all general Danish
# and English vocabulary, not any corpus's).
_NOT_SUBJECT_STEMS = frozenset(terms(" ".join(PRICE_WORDS + ASKING_WORDS + MEASURE_WORDS)))


@dataclass(frozen=True)
class AnalysedQuestion:
    """Everything the retriever, reader and abstention policy need from a question.

    `language_confidence` is in [0, 1], the language identifier's probability of
    `language` (`qa.language.LanguageGuess.confidence`); `groups` are the question's key
    terms, each a set of stems that count as a match (a Danish question's also its words'
    English translations; a country's or a language's name also the words for its class,
    `qa.origins.with_origin_classes`); `lexical_terms` its BM25 terms (`qa.analysis.query_terms`,
    without those translations); `numbers` are the digits the
    question names ("2020", "3"); `weekdays` the days of the week it names (0 is Monday).
    """

    text: str
    language: Language
    language_confidence: float
    groups: tuple[frozenset[str], ...]
    lexical_terms: tuple[str, ...]
    answer_type: AnswerType
    numbers: frozenset[str]
    type_named: bool = False
    """Whether `answer_type` is only what a noun of the question names
    (`qa.answer_types.named_answer_type`: "lundsted waiting list fee" is `how_much`): a
    hint the reader's type features read, never a filter (`strict`)."""
    bridged: str | None = None
    """For an English question, the same text with each lower-case content word replaced
    by its first Danish word from the bilingual dictionary (`qa.lexicon`); None otherwise."""
    weekdays: frozenset[int] = frozenset()
    codes: frozenset[tuple[str, str]] = frozenset()
    """The letter codes the question names with their kind ("category C" -> ("category",
    "C"); `qa.named_values.codes_named`)."""
    holidays: frozenset[tuple[int, int]] = frozenset()
    """The holidays with a fixed date the question names, as (day, month)
    (`qa.named_values.holidays_named`)."""
    periods: frozenset[str] = frozenset()
    """The periods the question asks amounts or counts over, read from its asking sentence
    (`qa.named_values.asked_periods`)."""
    seasons: frozenset[str] = frozenset()
    """The seasons its asking sentence names ("spring", "summer", "autumn", "winter";
    `qa.named_values.asked_seasons`)."""
    units: tuple[tuple[str, str | None], ...] = ()
    """Each number the question writes with its unit ("min søn på 13" -> ("13", "age");
    `qa.named_values.number_units`; a number of the question's own range with the range's
    unit, `_with_bound_units`), read once here for every text it is held against."""
    bounds: tuple[tuple[float, float, str | None], ...] = ()
    """The bounds the question sets on quantities, as (lowest, highest, unit) ("someone
    under 18" -> (-inf, 18 - 1e-9, "age"); `qa.named_values.bounds`)."""
    asks_price: bool = False
    """Whether the question asks in so many words what something costs
    (`qa.answer_types.asks_price`; then `answer_type` is `how_much`)."""
    form: AskedForm | None = None
    """The form of value the question asks for in so many words: a phone number, an e-mail
    address, a percentage, a weight, an age, a postal address or the day of the week
    (`qa.answer_types.asked_form`); None when it asks for none."""
    deadline: bool = False
    """Whether the question asks about a deadline (`qa.answer_types.asks_deadline`)."""
    frequency: bool = False
    """Whether the question asks how often something happens
    (`qa.answer_types.asks_frequency`): then a frequency fits its `when` type."""
    earliest: bool = False
    """Whether the question asks how early something may be done ("Hvor tidligt kan jeg
    søge?", `qa.answer_types.asks_earliest`): then "tidligst" words its deadline."""
    time_left: bool = False
    """Whether the question asks how long one has to do something ("Hvor lang tid har jeg
    til at melde flytning?", `qa.answer_types.asks_time_left`)."""
    asked: str = ""
    """The question as it is asked, which everything above is read from
    (`qa.phrasing.asked_question`): "Kan du fortælle mig, hvornår Digital Post blev
    obligatorisk?" -> "hvornår Digital Post blev obligatorisk?", "whats the fee" -> "what
    is the fee", "hvornaar" -> "hvornår"; `text` itself is what the encoder reads: the
    question without the courtesies around it (`qa.phrasing.without_courtesy`), a Danish
    one with its æ, ø and å given back, one in capitals or without capitals for names
    in the case of the corpus's names (`analyse`)."""
    received: str = ""
    """The question as it came, normalised (`qa.normalise.normalise`), courtesies and all:
    what the answer echoes as its `question`."""
    courtesy_only: bool = False
    """Whether the message holds nothing but a greeting, thanks or a sign-off
    (`qa.phrasing.only_courtesy`: "Tak for hjælpen!")."""

    @property
    def names_subject(self) -> bool:
        """Whether the question names something to look up: it is not only courtesy and
        has a key term beyond numbers and the words that ask about a price or a payment,
        ask for help, or measure an amount (`_NOT_SUBJECT_STEMS`). "Hvad koster det?",
        "What is the price?", "Skal jeg betale?", "Hvad koster det om måneden?", "Er det
        gratis?", "Kan du hjælpe mig?", "Hvad er det?" and "Tak for hjælpen!" name
        nothing: any sentence with an amount would do for the first, and the reader
        picked one with evidence 0.97 from whichever page came first. "Hvad koster
        storskrald?" names "storskrald", "Kan jeg betale med kort?" names "kort"."""
        if self.courtesy_only:
            return False
        return any(not (group & _NOT_SUBJECT_STEMS or all(t.isdigit() for t in group)) for group in self.groups)

    @property
    def typed(self) -> bool:
        """Whether the question asks for a particular kind of answer: a type other than
        `other`, or a form of value."""
        return self.answer_type != "other" or self.form is not None

    @property
    def strict(self) -> bool:
        """Whether only answers that fit (`answer_fits`) may answer it while any does: a
        when / how long / how many / how much question (not when a noun named its type,
        `type_named`: "parkbetjent bøde egebjerg" is answered by "Kommunens parkbetjente
        kan ikke selv give bøder", which names no amount), or one asking for a form of
        value."""
        return (self.answer_type in STRICT_TYPES and not self.type_named) or self.form is not None

    def answer_fits(self, text: str, is_list_item: bool = False) -> bool:
        """Whether `text` holds what the question asks for: the form of value it asks for
        (`qa.answer_types.holds_form`), else its answer type (`qa.answer_types.fits`); a
        when / how long question about a deadline also wants the deadline worded
        (`qa.answer_types.gives_deadline`: "senest", "inden 4 uger", "no later than"; not
        only the earliest time, "tidligst 4 uger før", unless it asks how early), as a
        question of the time left to do something ("Hvor lang tid har jeg til at ...")
        wants any duration but the earliest time alone (`qa.answer_types.only_earliest`),
        while a how-much question about a deadline ("Hvad koster det, hvis jeg indberetter
        efter fristen?") wants only its amount. A question asking how often something happens
        (`frequency`) is also answered by a frequency (`qa.answer_types.gives_frequency`:
        "hver 14. dag", "once a month")."""
        fit = holds_form(text, self.form) if self.form else fits(text, self.answer_type, is_list_item)
        if self.frequency and self.answer_type == "when" and not self.form:
            fit = fit or gives_frequency(text)
        if self.deadline and self.answer_type in ("when", "how_long"):
            return fit and gives_deadline(text, self.earliest)
        if self.time_left and not self.earliest and only_earliest(text):
            return False
        return fit


def analyse(question: str, casing: CasingTable | None = None) -> AnalysedQuestion:
    """Analyse a question (already trimmed and non-empty); its `text` is the question
    without the courtesies around it (`qa.phrasing.without_courtesy`) and, when it is
    Danish, with the letters æ, ø and å typed as "ae", "o" and the like given back
    (`qa.phrasing.restore_danish_letters`), and, when it is written in capitals, in the
    case it would be typed in (`qa.phrasing.unshouted`); when its case says nothing
    (`qa.truecasing.caseless`), its words take the case `casing`, the corpus's casing
    table, gives them (`qa.truecasing.truecased`: "hvad koster et pas i nordby" -> "hvad
    koster et pas i Nordby"); `received` the question as it came."""
    received = normalise(question).strip()
    text = without_courtesy(received)
    guess = guess_language(text)
    # The encoder and the language identifier read Danish words as they are spelt:
    # "Hvornar blev Digital Post obligatorisk?" was withheld at evidence 0.679 (language
    # confidence 0.398) on the seed index, where the question spelt right is answered at
    # 0.732. A question in capitals is read, and encoded, as it would be typed
    # (`unshouted`). The language is guessed again, once, on the text as rewritten.
    spelt = restore_danish_letters(text) if guess.language == "da" else text
    recased = unshouted(spelt, guess.language)
    if casing is not None:
        recased = truecased(recased, casing, recased=recased != spelt)
    if recased != text:
        text, guess = recased, guess_language(recased)
    asked = asked_question(text, guess.language)
    # Found once for the key terms and the bridged question.
    phrases = english_phrase_spans(asked) if guess.language == "en" and analysis.LEXICAL_OPTIONS.phrases else []
    groups = key_terms(asked, language=guess.language, phrases=phrases)
    # A Danish question's English translations (`LexicalOptions.reverse_bridge`) count in
    # the matching of its words to texts (the reader's, reranker's and abstention's
    # coverage), not in BM25: on the fit splits, searching them too answered 5 fewer
    # Danish questions right and withheld 2 fewer near misses.
    own = groups
    if analysis.LEXICAL_OPTIONS.reverse_bridge and guess.language != "en":
        plain = replace(analysis.LEXICAL_OPTIONS, reverse_bridge=False)
        own = key_terms(asked, options=plain, language=guess.language, phrases=phrases)
    # A country's or a language's name is also matched by the words for its class
    # ("Polish" by "languages other than ...", "Germany" by "i udlandet"; `qa.origins`),
    # in matching texts only: BM25 searches the question's own words (`own`).
    groups = with_origin_classes(groups)
    price = asks_price(asked)
    kind = answer_type(asked, price)
    named = named_answer_type(asked) if kind == "other" else None
    question_bounds = tuple(bounds(text))
    return AnalysedQuestion(
        text=text,
        language=guess.language,
        language_confidence=guess.confidence,
        groups=tuple(groups),
        lexical_terms=tuple(query_terms(asked, own)),
        answer_type=named or kind,
        type_named=named is not None,
        numbers=frozenset(NUMBER.findall(without_holiday_names(asked))),
        weekdays=weekdays_named(asked),
        holidays=holidays_named(asked),
        codes=codes_named(asked),
        periods=asked_periods(asked),
        seasons=asked_seasons(asked),
        units=tuple(_with_bound_units(number_units(text), question_bounds).items()),
        bounds=question_bounds,
        bridged=bridge_to_danish(asked, phrases) if guess.language == "en" else None,
        asks_price=price,
        form=asked_form(asked),
        deadline=asks_deadline(asked),
        frequency=asks_frequency(asked),
        earliest=asks_earliest(asked),
        time_left=asks_time_left(asked),
        asked=asked,
        received=received,
        # As typed, and with its æ, ø and å given back ("Tak for hjaelpen").
        courtesy_only=only_courtesy(received) or only_courtesy(text),
    )


def missing_named(question: AnalysedQuestion, text: str, either_side: bool = True) -> int:
    """How many of the numbers, weekdays and fixed-date holidays a question names `text`
    does not hold (`missing_numbers`, `weekdays_covered`, `holidays_covered`): 1 for "Is
    it open on Fridays?" against "Open Monday to Thursday", 0 against "Open on weekdays";
    1 for "... on New Year's Eve?" against "Lukket på helligdage", 0 against "Den 31.
    december er der åbent". A person's age counts only against a text that gives ages
    (`qa.named_values.states_ages`) and not for every age (`holds_any_age`): "min datter
    på 7" is missing from "Børn fra 10 år til 17 år ...", not from "Du søger mindst 14
    dage før sæsonstart" nor "Du kan søge, uanset din alder". The period a question
    asks over counts as one more when the text gives periods and not it
    (`periods_named`): 1 for "Hvad er huslejen om ugen?" against "... 5.400 kr. om
    måneden", 0 against "Huslejen er 5.400 kr.". A bound the question sets that the text
    answers only for other values counts too (`bounds_missed`: "someone under 18" against
    "people aged 18 or over"), unless the question asks yes or no, which such a text
    answers. The season a question asks about counts as one more when the text names
    other seasons in words and neither names it nor spans it (`seasons_named`,
    `seasons_covered`): 1 for "Hvornår åbner tilmeldingen til forårets hold?" against
    "Tilmeldingen til efterårets hold åbner 18. august", 0 against "Sommer: 1. marts til 31.
    oktober", and 0 against a text naming no season in words ("Tilmelding sker fra 1. marts
    til 31. marts", which may well be when to sign up for the summer).

    A yes-or-no question's number is held by any bound of the text on its unit
    (`missing_numbers` with `either_side`; False holds it only by a bound that lets it
    in)."""
    units = dict(question.units)
    absent = missing_numbers(
        question.numbers, text, units, either_side=either_side and question.answer_type == "yes_no"
    )
    if absent and (not states_ages(text) or holds_any_age(text)):
        # A person's age the text says nothing about ("Min mor på 82 er godkendt til
        # plejebolig ...") is context, not a value the text leaves out; against a text
        # that gives ages ("Børn under 18 år ...") it still counts.
        absent = [number for number in absent if units.get(number) != "age"]
    missing = len(absent)
    if question.bounds and question.answer_type != "yes_no":
        # A yes-or-no question is answered by a bound on other values ("Kan unge under 18
        # få et kreditkort?" by "Du skal være mindst 18 år"): only another kind misses it.
        missing += bounds_missed(question.bounds, text, absent)
    if question.periods:
        given = periods_named(text)
        missing += 1 if given and not question.periods & given else 0
    return missing + missing_labels(question, text)


def _with_bound_units(
    units: dict[str, str | None], asked: tuple[tuple[float, float, str | None], ...]
) -> dict[str, str | None]:
    """A question's numbers with their units (`number_units`), a number without one given
    the unit of the question's own bound (`asked`, `bounds` of the question) that ends at
    it: "19" and "23" of "vi er alle mellem 19 og 23 år" are ages (its bound (19, 23,
    "age")), though `number_units` reads no unit after "19" (stop 58's reading of the
    blind set `t132`, whose "Får vi rabat?" missed both against "Bands, hvor alle
    medlemmer er under 25 år")."""
    given = dict(units)
    for number, unit in units.items():
        value = written_value(number)
        if unit is not None or value is None:
            continue
        for low, high, kind in asked:
            if kind is not None and any(abs(end - value) < 1e-6 for end in (low, high) if math.isfinite(end)):
                given[number] = kind
                break
    return given


def missing_labels(question: AnalysedQuestion, text: str) -> int:
    """How many of the labels a question names `text` misses, the part of `missing_named`
    that a text's own words settle (a count, 0 or more): the season when the text names
    other seasons and neither names it nor spans it (`seasons_named`, `seasons_covered`),
    each weekday it does not cover (`weekdays_covered`), each fixed-date holiday
    (`holidays_covered`) and each letter code of a kind it names others of
    (`codes_missing`): 1 for "hundeinternat silkemose åbningstider lørdag" against
    "Juleaftensdag og nytårsaftensdag har internatet åbent kl. 9.00–11.00.", 0 against "Dag:
    Lørdag; Åbent for afhentning: 10.00–12.00". Not the numbers, years, periods and bounds
    a question names, which a table's caption or a page's heading often gives for a row
    that does not repeat them ("Hvor meget får man i SU som udeboende i 2026?" against
    "Støtteform: Udeboende; SU pr. måned før skat: 7.218 kr.")."""
    missing = 0
    named_seasons = seasons_named(text) if question.seasons else frozenset()
    if named_seasons:
        missing += 0 if question.seasons & seasons_covered(text, named_seasons) else 1
    if question.weekdays:
        missing += len(question.weekdays - weekdays_covered(text))
    if question.holidays:
        missing += len(question.holidays - holidays_covered(text))
    if question.codes:
        missing += codes_missing(question.codes, text)
    return missing


def named_count(question: AnalysedQuestion, text: str | None = None) -> int:
    """How many numbers, weekdays and holidays a question names (what `missing_named`
    counts from), and its period when `text` gives periods (`periods_named`), as only
    then can the text miss it."""
    period = 1 if question.periods and text is not None and periods_named(text) else 0
    season = 1 if question.seasons and text is not None and seasons_named(text) else 0
    return (
        len(question.numbers) + len(question.weekdays) + len(question.holidays) + len(question.codes) + period + season
    )


_TOKEN = re.compile(r"\w+|\W+")


def bridge_to_danish(text: str, phrases: list[tuple[int, int, tuple[str, ...]]] | None = None) -> str:
    """A word-by-word Danish rendering of an English question for the encoder: a
    multi-word term becomes its first Danish term ("parental leave" -> "barsel"), other
    lower-case content words their first Danish dictionary word; names (capitalised
    words), stop words and unknown words stay ("How much is a new health card in
    Nordby?" -> "How much is a ny sundhedskort in Nordby?"; multi-word terms only when
    `qa.analysis.LEXICAL_OPTIONS.phrases`). Crude, but it moves the query vector towards
    the Danish passages (see `qa.engine.BRIDGE_WEIGHT`). `phrases` are the text's
    `english_phrase_spans` when already found."""
    if not analysis.LEXICAL_OPTIONS.phrases:
        phrases = []
    elif phrases is None:
        phrases = english_phrase_spans(text)
    out: list[str] = []
    position = 0
    for start, end, danish in phrases:
        out.append(_bridge_words(text[position:start]))
        out.append(danish[0])
        position = end
    out.append(_bridge_words(text[position:]))
    return "".join(out)


def _bridge_words(text: str) -> str:
    out: list[str] = []
    for token in _TOKEN.findall(text):
        lowered = token.lower()
        if token[0].isalnum() and not token[0].isupper() and is_content_word(lowered):
            danish = danish_for_english(lowered)
            out.append(danish[0] if danish else token)
        else:
            out.append(token)
    return "".join(out)
