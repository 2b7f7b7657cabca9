"""Countries, nationalities and languages a question names, matched by a text that speaks
of them as a class.

People tell the service where they come from or which language they speak: "My daughter's
hospital records are in Polish. Who pays to have them translated?", "I worked in Germany
until I moved here two months ago. Does that work count ...?", "Jeg er flyttet hertil fra
Tyskland ...". The pages answer for the class: "Medical documents in languages other than
Danish, English, Swedish or Norwegian must be translated", "Periods of work in another
EU/EEA country ... can count", "Mister du passet i udlandet, ...". A capitalised word of a
question is a name (`qa.reader.focus_groups`), and the reader's and the abstention's
`name_missing` counts a name the answer's page lacks: over every labelled set's fit and
check splits, stop 58's code withheld 95 of the 143 English answerable questions naming
a country or a language (as below), against 887 of all 3254 English ones.

So the key term of a country's or a language's name (`with_origin_classes`) also accepts
the words that speak of such origins as a class, as far as the country belongs to it:
any country the words for abroad (`ABROAD_WORDS`), a member of the EU or the EEA also
"EU/EØS" (`EU_WORDS`), a Nordic country also "nordisk" (`NORDIC_WORDS`); a language's
name (also its people's: "Polish", "tysk") the words for languages, interpreters and
translation (`LANGUAGE_WORDS`) besides, and "EU" or "nordisk" for an official language
of the EU or a Nordic language. A fresh reviewer's questions at stop 59 showed why the
membership matters: with every country taking "EU/EØS", "Kan jeg få tidlig pension, hvis
jeg bor i Marokko?" was answered "Ja, tidlig pension kan udbetales, hvis du bor i et
andet EU/EØS-land". The coverage features count a sentence, chunk or page that speaks of
the class as naming it, and `name_missing` a chunk that does (`names_held`: the page's
other sections do not); BM25's query keeps the question's own words
(`qa.question.analyse` expands the groups after `lexical_terms` is read).
The names come from pycountry: the ISO 3166-1 countries' names and common names of one
word, and the names of the ISO 639 languages with a two-letter code, in English and,
from the iso-codes translations pycountry ships, in Danish. The service's home country
and its two languages (`HOME_WORDS`) are left as they are: a page that serves Denmark
names it, and whether a page or a service is in Danish or English is asked by name
(and "Island", Iceland's Danish name, is an English word).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import lru_cache

import pycountry

from qa.analysis import terms

# Words that speak of other countries as a class, Danish and English, and the countries
# each covers: any country "i udlandet", "udenlandske", "abroad", "foreign"; the members of
# the EU and the EEA "EU/EØS-lande", "EEA"; the Nordic countries "de nordiske lande",
# "Nordic".
ABROAD_WORDS = ("udlandet", "udenlandsk", "udenlandske", "abroad", "foreign")
EU_WORDS = ("EU", "EØS", "EEA")
NORDIC_WORDS = ("nordisk", "nordiske", "Nordic")
# The EU's 27 member states and the EEA's three others (Iceland, Liechtenstein, Norway),
# ISO 3166-1 alpha-2 (the EU's own list, european-union.europa.eu, 2026; Denmark is home).
_EU_EEA = "AT BE BG HR CY CZ EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO"
EU_EEA_COUNTRIES = frozenset(_EU_EEA.split())
# The Nordic countries and the self-governing areas of the Nordic Council (norden.org):
# Norway, Sweden, Finland, Iceland, the Faroe Islands, Greenland and Åland.
_NORDIC = "NO SE FI IS FO GL AX"
NORDIC_COUNTRIES = frozenset(_NORDIC.split())
# The EU's official languages (Regulation No 1 of 1958 as amended) but Danish and English,
# and the Nordic languages, ISO 639-1; a language's name is also its people's ("Polish",
# "svensk").
_EU_OFFICIAL = "bg hr cs nl et fi fr de el hu ga it lv lt mt pl pt ro sk sl es sv"
EU_LANGUAGES = frozenset(_EU_OFFICIAL.split())
_NORDIC_SPOKEN = "no nb nn sv fi is fo kl"
NORDIC_LANGUAGES = frozenset(_NORDIC_SPOKEN.split())
# Words that speak of other languages as a class: "andre sprog", "languages", "tolk",
# "interpreter", "oversættelse", "translation", "translated".
LANGUAGE_WORDS = ("sprog", "language", "languages", "tolk", "interpreter", "oversættelse", "translation", "translated")
# The service's home country and its two languages, in both, and "Island", Iceland's
# Danish name and an English word ("the island ferry").
HOME_WORDS = ("Denmark", "Danmark", "Danish", "dansk", "English", "engelsk", "Island")


def _stems(names: Iterable[str]) -> frozenset[str]:
    """The BM25 stems (`qa.analysis.terms`) of one-word names: not "Saudi Arabia", nor
    "Timor-Leste", whose parts ("leste") are no names on their own."""
    return frozenset(stem for name in names if not any(c in name for c in " ,-") for stem in terms(name))


@lru_cache(maxsize=1)
def origin_classes() -> dict[str, frozenset[str]]:
    """Each stem of a country's or a language's name -> the stems of the words for the
    classes it belongs to: every country and language `ABROAD_WORDS`; a member of the EU
    or the EEA, or an official language of the EU, also `EU_WORDS`; a Nordic country or
    language also `NORDIC_WORDS`; a language also `LANGUAGE_WORDS`. The names are the
    one-word English and Danish names of the ISO 3166-1 countries and of the ISO 639
    languages with a two-letter code (pycountry), without `HOME_WORDS`' stems; a stem two
    names share takes both's classes. Read once (0.25 s and 29 MB at peak on this machine)."""
    abroad, eu, nordic, speech = (_stems(words) for words in (ABROAD_WORDS, EU_WORDS, NORDIC_WORDS, LANGUAGE_WORDS))
    danish_countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["da"], fallback=True)
    danish_languages = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["da"], fallback=True)
    classes: dict[str, set[str]] = {}

    def add(names: Iterable[str], words: frozenset[str]) -> None:
        for stem in _stems(names):
            classes.setdefault(stem, set()).update(words)

    for country in pycountry.countries:
        code = country.alpha_2
        words = (
            abroad
            | (eu if code in EU_EEA_COUNTRIES else frozenset())
            | (nordic if code in NORDIC_COUNTRIES else frozenset())
        )
        add(
            (country.name, getattr(country, "common_name", country.name), danish_countries.gettext(country.name)), words
        )
    for language in pycountry.languages:
        if not hasattr(language, "alpha_2"):
            continue
        code = language.alpha_2
        words = (
            abroad
            | speech
            | (eu if code in EU_LANGUAGES else frozenset())
            | (nordic if code in NORDIC_LANGUAGES else frozenset())
        )
        add((language.name, danish_languages.gettext(language.name)), words)
    home = _stems(HOME_WORDS)
    return {stem: frozenset(words) for stem, words in classes.items() if stem not in home}


@lru_cache(maxsize=1)
def class_stems() -> frozenset[str]:
    """The stems of every class word (`ABROAD_WORDS`, `EU_WORDS`, `NORDIC_WORDS`,
    `LANGUAGE_WORDS`)."""
    return _stems((*ABROAD_WORDS, *EU_WORDS, *NORDIC_WORDS, *LANGUAGE_WORDS))


def classes_of(group: frozenset[str]) -> frozenset[str]:
    """The class words' stems a key term takes for the country and language names among
    its stems (`origin_classes`); empty for a term that names none."""
    table = origin_classes()
    return frozenset(word for stem in group if stem in table for word in table[stem])


def name_parts(group: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A name of the question (a key term as `with_origin_classes` gives it) as (the stems
    its document must write, the class words' stems its chunk may write instead): for a
    country's or a language's name its own stems and its classes (`classes_of`), for any
    other name the whole term and nothing. Read once per question, held against every
    candidate (`names_held`)."""
    classes = classes_of(group)
    return (group - class_stems(), classes) if classes else (group, frozenset())


def names_held(
    parts: tuple[frozenset[str], frozenset[str]], document_terms: AbstractSet[str], chunk_terms: AbstractSet[str]
) -> bool:
    """Whether a page holds a name of the question, given as `name_parts`: its document
    writes one of the name's own stems or, for a country's or a language's name, the
    chunk at hand writes a word for one of its classes. The class must stand in the
    chunk, not anywhere on the page: a page on early pension that says "EU" in one
    section does not answer "Can I get my early pension paid in Thailand?" from another
    (a stop 59 check: with the whole page counting, that question was answered with a
    sentence on efterløn contributions)."""
    own, classes = parts
    return bool(own & document_terms or classes & chunk_terms)


def with_origin_classes(groups: Iterable[frozenset[str]]) -> list[frozenset[str]]:
    """The key terms (`qa.analysis.key_terms`: each a set of stems that count as a match)
    with a country's or a language's name also matched by the words for its classes
    (`classes_of`: "Poland" by "udlandet" and "EU/EØS", "Thailand" by "udlandet" only,
    "Polish" by those of Poland and "sprog", "tolk"), in order. A group is a name's when
    one of its stems is (a Danish translation an English word's group holds counts:
    "Polish" holds "polsk"). Other groups are returned as they are."""
    return [group | classes_of(group) for group in groups]
