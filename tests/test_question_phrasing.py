"""Questions as citizens phrase them: an indirect or polite question, English contractions,
Danish typed without æ, ø and å, and American spelling get the analysis of the plain
direct question."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qa import analysis
from qa.phrasing import (
    dictionary_spelling,
    embedded_question,
    expand_contractions,
    only_courtesy,
    restore_danish_letters,
    unshouted,
    without_courtesy,
)
from qa.question import AnalysedQuestion, analyse


def _reading(question: AnalysedQuestion) -> tuple[str, str, bool, set[frozenset[str]]]:
    return question.language, question.answer_type, question.asks_price, set(question.groups)


def _groups(*stems: tuple[str, ...]) -> set[frozenset[str]]:
    return {frozenset(group) for group in stems}


@pytest.fixture()
def without_reverse_bridge(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Danish question's key terms without its words' English translations
    (`qa.analysis.LexicalOptions.reverse_bridge`, `tests/test_reverse_bridge.py`): the
    Danish tests here compare how a question is phrased or spelt, not its bridge."""
    monkeypatch.setattr(analysis, "LEXICAL_OPTIONS", replace(analysis.LEXICAL_OPTIONS, reverse_bridge=False))


@pytest.mark.parametrize(
    ("direct", "phrased", "kind", "price", "groups"),
    [
        (
            "Hvad koster et pas?",
            "Jeg vil gerne vide, hvad et pas koster",
            "how_much",
            True,
            _groups(("kost",), ("pas",)),
        ),
        (
            "Hvornår blev Digital Post obligatorisk?",
            "Kan du fortælle mig, hvornår Digital Post blev obligatorisk?",
            "when",
            False,
            _groups(("digital",), ("post",), ("obligatorisk",)),
        ),
        ("Hvordan søger jeg SU?", "Fortæl mig hvordan jeg søger SU", "how", False, _groups(("søg",), ("su",))),
        ("Hvordan søger jeg SU?", "Må jeg spørge om hvordan jeg søger SU?", "how", False, _groups(("søg",), ("su",))),
        (
            "Hvor kan jeg aflevere storskrald?",
            "Kan du sige, hvor jeg kan aflevere storskrald?",
            "where",
            False,
            _groups(("aflev",), ("storskrald",)),
        ),
        ("Kan jeg få SU?", "Jeg vil gerne vide, om jeg kan få SU", "yes_no", False, _groups(("få",), ("su",))),
        ("Hvem henter affaldet?", "Ved du hvem der henter affaldet?", "who", False, _groups(("hent",), ("affald",))),
    ],
)
@pytest.mark.usefixtures("without_reverse_bridge")
def test_a_danish_indirect_or_polite_question_reads_as_the_direct_one(
    direct: str, phrased: str, kind: str, price: bool, groups: set[frozenset[str]]
) -> None:
    assert _reading(analyse(direct)) == ("da", kind, price, groups)
    assert _reading(analyse(phrased)) == ("da", kind, price, groups)


_PASSPORT = _groups(("pas", "passport"), ("cost", "kost", "pris"))
_HOUSING_BENEFIT = _groups(
    ("boligsikring", "boligstøt", "boligyd", "housing"), ("benefit", "boligsikring", "boligstøt", "boligyd")
)


@pytest.mark.parametrize(
    ("direct", "phrased", "kind", "price", "groups", "bridged"),
    [
        (
            "How much does a passport cost?",
            "Could you tell me how much a passport costs?",
            "how_much",
            True,
            _PASSPORT,
            "how much a pas koste?",
        ),
        (
            "How much does a passport cost?",
            "I'd like to know what a passport costs",
            "how_much",
            True,
            _PASSPORT,
            "what a pas koste",
        ),
        (
            "When did Digital Post become mandatory?",
            "Do you know when Digital Post became mandatory?",
            "when",
            False,
            _groups(("digital",), ("embed", "post", "postvæs"), ("mandatory", "obligatorisk")),
            "when Digital Post became obligatorisk?",
        ),
        (
            "How do I apply for SU?",
            "Tell me how to apply for SU",
            "how",
            False,
            _groups(("ansøg", "apply", "søg"), ("su",)),
            "how to ansøge for SU",
        ),
        (
            "Who collects the waste?",
            "Can you tell me who collects the waste?",
            "who",
            False,
            _groups(("afhent", "collect", "hent", "saml"), ("affald", "wast")),
            "who hente the affald?",
        ),
        (
            "Can I get housing benefit?",
            "I’d like to know if I can get housing benefit",
            "yes_no",
            False,
            _HOUSING_BENEFIT,
            "if I can get boligstøtte",
        ),
        (
            "Can I get housing benefit?",
            "I wonder whether I can get housing benefit",
            "yes_no",
            False,
            _HOUSING_BENEFIT,
            "whether I can get boligstøtte",
        ),
    ],
)
def test_an_english_indirect_or_polite_question_reads_as_the_direct_one(
    direct: str, phrased: str, kind: str, price: bool, groups: set[frozenset[str]], bridged: str
) -> None:
    assert _reading(analyse(direct)) == ("en", kind, price, groups)
    question = analyse(phrased)
    assert (_reading(question), question.bridged) == (("en", kind, price, groups), bridged)


@pytest.mark.parametrize(
    ("written_out", "contracted"),
    [
        ("what is the price of a passport", "whats the price of a passport"),
        ("where is the citizen service centre", "wheres the citizen service centre"),
        ("I do not have MitID, what do I do?", "I don't have MitID, what do I do?"),
        ("I do not have MitID, what do I do?", "I dont have MitID, what do I do?"),
        ("I am moving, how do I register my new address?", "Im moving, how do I register my new address?"),
    ],
)
def test_an_english_contraction_reads_as_written_out(written_out: str, contracted: str) -> None:
    plain, short = analyse(written_out), analyse(contracted)
    assert (_reading(short), short.bridged) == (_reading(plain), plain.bridged)


@pytest.mark.parametrize("contracted", ["What's the price of a passport?", "What’s the price of a passport?"])
def test_a_clitic_is_reads_as_written_out_and_stays_as_typed(contracted: str) -> None:
    question = analyse(contracted)
    assert (_reading(question), question.asked) == (_reading(analyse("What is the price of a passport?")), contracted)


def test_a_contraction_gives_no_key_term_of_its_own() -> None:
    assert _reading(analyse("whats the price of a passport")) == (
        "en",
        "how_much",
        True,
        _groups(("pric", "pris"), ("pas", "passport")),
    )
    assert analyse("I don't have MitID, what do I do?").groups == (frozenset({"mitid"}),)


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("Why can’t I log in?", "Why can not I log in?"),
        ("Won't it expire?", "Will not it expire?"),
        ("I'd like to know", "I would like to know"),
        ("When's the deadline?", "When's the deadline?"),
        ("How do I renew my driver's licence?", "How do I renew my driver's licence?"),
        ("Is its fee due?", "Is its fee due?"),
    ],
)
def test_contractions_are_written_out_and_a_possessive_stays(text: str, expanded: str) -> None:
    assert expand_contractions(text) == expanded


@pytest.mark.parametrize(
    ("spelt", "typed", "kind", "price", "groups"),
    [
        (
            "Hvornår skal jeg melde flytning?",
            "hvornaar skal jeg melde flytning",
            "when",
            False,
            _groups(("meld",), ("flytning",)),
        ),
        (
            "Hvornår skal jeg melde flytning?",
            "HVORNAR SKAL JEG MELDE FLYTNING?",
            "when",
            False,
            _groups(("meld",), ("flytning",)),
        ),
        ("Hvad koster et kørekort?", "hvad koster et korekort", "how_much", True, _groups(("kost",), ("kørekort",))),
        (
            "Hvordan søger jeg boligstøtte?",
            "hvordan soeger jeg boligstotte",
            "how",
            False,
            _groups(("søg",), ("boligstøt",)),
        ),
        ("Hvor meget får man i SU?", "hvor meget faar man i su", "how_much", False, _groups(("får",), ("su",))),
        (
            "Hvornår åbner borgerservice i Aarhus?",
            "hvornar abner borgerservice i Aarhus",
            "when",
            False,
            _groups(("åbn",), ("borgerservic",), ("aarhus", "århus")),
        ),
    ],
)
@pytest.mark.usefixtures("without_reverse_bridge")
def test_danish_typed_without_ae_oe_aa_reads_as_spelt(
    spelt: str, typed: str, kind: str, price: bool, groups: set[frozenset[str]]
) -> None:
    assert _reading(analyse(spelt)) == ("da", kind, price, groups)
    assert _reading(analyse(typed)) == ("da", kind, price, groups)


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("hvornaar flytter jeg til Aarhus", "hvornår flytter jeg til Aarhus"),
        ("HVORNAAR ABNER BORGERSERVICE?", "HVORNÅR ÅBNER BORGERSERVICE?"),
        ("Hvornar far jeg min far", "Hvornår far jeg min far"),
        ("Kan jeg bruge MitID", "Kan jeg bruge MitID"),
    ],
)
def test_letters_come_back_only_to_a_word_that_is_none_without_them_and_no_name(typed: str, restored: str) -> None:
    assert restore_danish_letters(typed) == restored


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        # words in a dictionary as typed, in a question with no æ, ø or å at all: the
        # spelling with the letters is taken where it is far more common in Danish
        ("Hvornar kan born fa SU?", "Hvornår kan børn få SU?"),
        ("kan jeg ga pa borgerservice", "kan jeg gå på borgerservice"),
        ("hvad er aret for ar", "hvad er året for år"),
        ("Kan born under 18 fa pas?", "Kan børn under 18 få pas?"),
        # both spellings common: as typed
        ("Hvor bor min far", "Hvor bor min far"),
        ("Hvornar skal jeg lase brevet", "Hvornår skal jeg lase brevet"),
        # a Danish word of more than two letters, and a word of an address, stay
        ("Kan man bade ved Havnepladsen?", "Kan man bade ved Havnepladsen?"),
        ("kan jeg returnere en vare jeg har kobt", "kan jeg returnere en vare jeg har købt"),
        ("skal jeg bruge maske i bussen", "skal jeg bruge maske i bussen"),
        ("hvor dyb er soen", "hvor dyb er soen"),
        ("send en mail til pa@kommune.dk", "send en mail til pa@kommune.dk"),
        # a question with æ, ø or å typed keeps every word a dictionary knows as typed
        ("Må man bade her?", "Må man bade her?"),
        ("Hvornår kan born fa SU?", "Hvornår kan born fa SU?"),
    ],
)
def test_a_known_word_takes_its_letters_only_where_none_are_typed_and_much_more_common(
    typed: str, restored: str
) -> None:
    assert restore_danish_letters(typed) == restored


@pytest.mark.parametrize(
    ("shouted", "typed"),
    [
        ("HVORNÅR BLEV DIGITAL POST OBLIGATORISK?", "Hvornår blev digital post obligatorisk?"),
        ("WHEN CAN I GET SU IN NORDBY?", "When can I get SU in Nordby?"),
        ("HVAD KOSTER ET PAS I 2025? HVOR?", "Hvad koster et pas i 2025? Hvor?"),
        ('"HVAD" ER CPR?', '"Hvad" er CPR?'),
        ("DO I NEED MITID?", "Do I need Mitid?"),
        ("SEND TIL BORGERSERVICE@NORDBY.DK", "Send til borgerservice@nordby.dk"),
        # one word, or not all in capitals: as it is
        ("SU?", "SU?"),
        ("Hvad er SU?", "Hvad er SU?"),
    ],
)
def test_a_question_in_capitals_reads_in_the_case_it_would_be_typed_in(shouted: str, typed: str) -> None:
    language = "en" if shouted.startswith("WHEN") else "da"  # "DO I NEED": its "I" by its neighbour
    assert unshouted(shouted, language) == typed


@pytest.mark.parametrize(
    ("shouted", "typed"),
    [
        ("HVAD KOSTER ET NYT PAS?", "Hvad koster et nyt pas?"),
        ("HOW MUCH DOES A NEW PASSPORT COST IN NORDBY?", "How much does a new passport cost in Nordby?"),
        ("HVORNAAR KAN BORN FA SU?", "Hvornår kan børn få SU?"),
    ],
)
def test_a_question_in_capitals_is_analysed_as_typed(shouted: str, typed: str) -> None:
    loud, plain = analyse(shouted), analyse(typed)
    assert loud.text == typed and loud.received == shouted
    assert (_reading(loud), loud.bridged) == (_reading(plain), plain.bridged)


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("How much is the labour market contribution?", "How much is the labor market contribution?"),
        ("Where's the citizen service centre?", "Where's the citizen service center?"),
    ],
)
def test_american_spelling_gets_the_key_terms_of_the_british(british: str, american: str) -> None:
    plain, other = analyse(british), analyse(american)
    assert (_reading(other), other.bridged) == (_reading(plain), plain.bridged)


def test_a_word_the_dictionary_knows_keeps_its_spelling() -> None:
    assert dictionary_spelling("the colour of the organization's labor market contribution center") == (
        "the colour of the organization's labour market contribution centre"
    )


@pytest.mark.parametrize(
    ("question", "language", "asked"),
    [
        ("Skal jeg oplyse, hvor jeg bor?", "da", "Skal jeg oplyse, hvor jeg bor?"),
        ("Kan du oplyse, hvor jeg skal bo?", "da", "hvor jeg skal bo?"),
        ("Do I have to tell where I live?", "en", "Do I have to tell where I live?"),
        ("If I move, when do I tell the municipality?", "en", "If I move, when do I tell the municipality?"),
        ("Hvordan finder jeg ud af, hvornår jeg får SU?", "da", "Hvordan finder jeg ud af, hvornår jeg får SU?"),
        ("Please tell me how long it takes", "en", "how long it takes"),
        ("I don't know how to apply for SU", "en", "how to apply for SU"),
    ],
)
def test_only_a_clause_of_asking_before_the_interrogative_is_left_out(question: str, language: str, asked: str) -> None:
    assert embedded_question(expand_contractions(question) if language == "en" else question, language) == asked


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("Hej, hvornår blev Digital Post obligatorisk? Tak", "Hvornår blev Digital Post obligatorisk?"),
        ("Hej! Hvornår blev Digital Post obligatorisk?", "Hvornår blev Digital Post obligatorisk?"),
        ("Hejsa hvad koster et pas", "Hvad koster et pas"),
        ("Hej med dig. Hvad koster et pas? Mange tak for hjælpen!", "Hvad koster et pas?"),
        ("Hvornår åbner genbrugspladsen, tak?", "Hvornår åbner genbrugspladsen?"),
        ("Hvad koster et pas?\nMvh Peter Jensen", "Hvad koster et pas?"),
        ("Hvad koster et pas? Tak. Mvh Anne", "Hvad koster et pas?"),
        ("Hi, when did Digital Post become mandatory? Thanks", "When did Digital Post become mandatory?"),
        ("Hello there, what is the fee?", "What is the fee?"),
        ("Hi, when is it open, please?", "When is it open?"),
        ("What is the fee? Thank you in advance. Kind regards, Tom", "What is the fee?"),
        # a name after the greeting stays, as do words of thanks inside the question
        ("Hej Nordby Kommune, hvornår tømmes skraldet?", "Nordby Kommune, hvornår tømmes skraldet?"),
        ("Hvordan siger jeg tak?", "Hvordan siger jeg tak?"),
        ("Kan jeg hilse på borgmesteren?", "Kan jeg hilse på borgmesteren?"),
        ("Hvad er taksten for SFO?", "Hvad er taksten for SFO?"),
        # a sign-off word with a question after it is no sign-off; a greeting goes all the same
        ("Hi, cheers in advance. How do I get a CPR number?", "Cheers in advance. How do I get a CPR number?"),
        (
            "Hej, hilsen fra en ny borger. Hvordan melder jeg flytning?",
            "Hilsen fra en ny borger. Hvordan melder jeg flytning?",
        ),
        ("Hej! Vh Jens her, hvordan søger jeg om SU?", "Vh Jens her, hvordan søger jeg om SU?"),
        ("Hvad betyder forkortelserne vh, mvh og bh?", "Hvad betyder forkortelserne vh, mvh og bh?"),
        # after a comma only names may follow a sign-off; after the question's end anything
        ("Hvad betyder vh, mvh og bh", "Hvad betyder vh, mvh og bh"),
        ("Hvad koster et pas, mvh Anne og Peter", "Hvad koster et pas"),
        ("Hvad koster et pas? mvh anne", "Hvad koster et pas?"),
        # the dash before the thanks goes with it; a word with capitals of its own keeps them
        ("Hvordan får jeg mit sundhedskort – tak!", "Hvordan får jeg mit sundhedskort"),
        ("Hej, iPhone-appen virker ikke?", "iPhone-appen virker ikke?"),
        ("Hi, eBoks is not working?", "eBoks is not working?"),
        ("Hejren yngler i april?", "Hejren yngler i april?"),
        # a message of courtesy alone is left as it is
        ("Hej", "Hej"),
        ("Tak!", "Tak!"),
    ],
)
def test_the_greeting_before_a_question_and_the_thanks_after_it_are_left_out(message: str, question: str) -> None:
    assert without_courtesy(message) == question
    assert analyse(message).text == question and analyse(message).received == message


@pytest.mark.parametrize(
    "question",
    [
        "Hvordan fungerer move in ordningen?",
        "Hvad er en flat rate i kommunen?",
        "Skal jeg betale skat af min market value?",
        "Hvad er forskellen på NemID or MitID?",
    ],
)
def test_an_english_word_in_a_danish_question_keeps_its_letters(question: str) -> None:
    # "move" was read as "møve", "flat" as "flåt", "market" as "mærket", "or" as "ør".
    assert restore_danish_letters(question) == question
    assert analyse(question).asked == question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("I know what a passport costs, but how long does it take?", "how_long"),
        ("Jeg ved godt, hvad et pas koster, men hvor lang tid tager det?", "how_much"),  # as before the rewrite
    ],
)
def test_an_indirect_question_followed_by_but_is_context_and_the_question_stays_whole(question: str, kind: str) -> None:
    analysed = analyse(question)
    assert analysed.asked == question and not analysed.asks_price and analysed.answer_type == kind


@pytest.mark.parametrize(
    ("message", "courtesy"),
    [
        ("Hej", True),
        ("Tak for hjælpen!", True),
        ("Mange tak. Mvh Anne", True),
        ("Hej, tak!", True),
        ("Hej!  Tak på forhånd", True),
        ("Hi, thanks!", True),
        ("Thank you", True),
        ("Kind regards, Tom", True),
        ("Tak for hjælpen :)", True),
        ("Tak for din hjælp 🙂", True),
        ("Tusind tak for svaret", True),
        ("Thank you so much!", True),
        ("Thanks for your help", True),
        # a question among courtesies, or with words of thanks in it, asks something
        ("Hvordan siger jeg tak?", False),
        ("Tak for hvad?", False),
        ("Tak, men hvad med pas?", False),
        ("Hej! Vh Jens her, hvordan søger jeg om SU?", False),
        ("Hi, cheers in advance. How do I get a CPR number?", False),
        ("Hvad koster det?", False),
    ],
)
def test_a_message_of_greetings_thanks_and_sign_offs_alone_is_only_courtesy(message: str, courtesy: bool) -> None:
    assert only_courtesy(message) is courtesy


@pytest.mark.parametrize(
    ("question", "names_subject"),
    [
        ("Hvad koster det?", False),
        ("Hvor meget koster det?", False),
        ("Hvad er prisen?", False),
        ("Hvad skal jeg betale?", False),
        ("Skal jeg betale?", False),
        ("Koster det noget?", False),
        ("What does it cost?", False),
        ("What is the fee?", False),
        ("Hvad er det?", False),
        ("Hvornår?", False),
        ("Tak for hjælpen!", False),
        ("Tak for hjaelpen", False),
        ("Thanks!", False),
        ("Hvad koster det hos jer?", False),
        ("Hvad koster det i 2025?", False),
        ("Hvad koster det pr. måned?", False),
        ("Er det gratis?", False),
        ("Hvor dyrt er det?", False),
        ("Hvad er afgiften?", False),
        ("Kan du hjælpe mig?", False),
        ("Jeg har et spørgsmål", False),
        ("Can you help me?", False),
        # "charge" reaches Danish through "gebyr" all the same: in charge of what?
        ("Who is in charge?", False),
        ("Who is in charge of school meals?", True),
        ("Hvad koster SFO om måneden?", True),
        ("Hvad koster 10 klip?", True),
        ("Hvornår fylder jeg 18 år?", True),
        ("Where can I get help with MitID?", True),
        ("Er det gratis at aflevere affald?", True),
        ("Hvad koster storskrald?", True),
        ("Hvad er prisen for et pas?", True),
        ("What does a passport cost?", True),
        ("Hvornår åbner det?", True),
        ("Kan jeg betale med kort?", True),
    ],
)
def test_a_question_names_a_subject_beyond_its_words_for_a_price(question: str, names_subject: bool) -> None:
    assert analyse(question).names_subject is names_subject
