"""Prescriptions carry the strength, amount, how often and for how long as the doctor said
them, also when said in the next sentences or the doctor's next turn (scribe.draft.drugs)."""

from __future__ import annotations

from scribe.domain import Fact
from scribe.draft.compose import prescription_lines
from scribe.draft.drugs import extract_drugs, prescriptions
from scribe.draft.lexicon import DrugLexicon
from scribe.text.sentences import split_segments
from tests.draft.conftest import make_transcript

DRUGS_CSV = """name,kind,substance,atc,forms_strengths,prescription
Prednisolon,substance,Prednisolon,H02AB06,tab 5 mg,yes (C)
Escitalopram,substance,Escitalopram,N06AB10,tab 10 mg,yes (C)
Metformin,substance,Metformin,A10BA02,tab 500 mg,yes (C)
Esomeprazol,substance,Esomeprazol,A02BC05,tab 20 mg,yes (C)
Fenoksymetylpenicillin,substance,Fenoksymetylpenicillin,J01CE02,tab 1 g,yes (C)
Paracetamol,substance,Paracetamol,N02BE01,tab 500 mg,partly (C,CF)
Amlodipin,substance,Amlodipin,C08CA01,tab 5 mg,yes (C)
Atorvastatin,substance,Atorvastatin,C10AA05,tab 10 mg,yes (C)
Sertralin,substance,Sertralin,N06AB06,tab 50 mg,yes (C)
Movicol,brand,Makrogol,A06AD65,dosepose,partly (C)
Hydroklortiazid,substance,Hydroklortiazid,C03AA03,tab 25 mg,yes (C)
Seretide,brand,Salmeterol og flutikason,R03AK06,inhal 50/250 mikrogram,yes (C)
"""



def _prescribed(drugs: DrugLexicon, *turns: tuple[str, str]) -> dict[str, Fact]:
    facts = extract_drugs(split_segments(make_transcript(*turns).segments), drugs)
    return {f.name.lower(): f for f in prescriptions(facts)}


def test_strength_amount_and_length_said_in_the_next_sentences_belong_to_the_drug(
        drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Du skal få prednisolon, kortisontabletter, i fem dager. "
                                     "Du tar førti milligram om morgenen. Det er åtte "
                                     "tabletter à fem milligram. Ta dem med mat."))
    f = rx["prednisolon"]
    assert f.attr("strength") == "40 mg, 8 tabletter à 5 mg"
    assert f.attr("dosing") == "om morgenen, i 5 dager"


def test_dose_said_in_the_doctors_next_turn_belongs_to_the_drug(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Jeg skriver ut esomeprazol til deg."),
                     ("pasient", "Ok."),
                     ("lege", "Tjue milligram, én tablett hver morgen i fire uker."))
    assert rx["esomeprazol"].attr("strength") == "20 mg, 1 tablett"
    assert rx["esomeprazol"].attr("dosing") == "hver morgen, i 4 uker"


def test_another_drug_named_in_between_keeps_its_dose_to_itself(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Jeg skriver ut esomeprazol til deg. Paracetamol kan du "
                                     "ta ved behov, fem hundre milligram."))
    assert rx["esomeprazol"].attr("strength") == ""
    assert rx["esomeprazol"].attr("dosing") == ""


def test_a_later_sentence_on_sick_leave_or_follow_up_adds_no_length(
        drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Du får amlodipin, fem milligram. Jeg sykmelder deg i to "
                                     "uker. Kontroll om fire uker."))
    assert rx["amlodipin"].attr("strength") == "5 mg"
    assert "uker" not in rx["amlodipin"].attr("dosing")


def test_the_scan_stops_at_the_first_sentence_without_dosing(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Du får amlodipin, fem milligram. Det er viktig at du går "
                                     "tur. Du tar én tablett i uka med vitamin D."))
    assert rx["amlodipin"].attr("strength") == "5 mg"
    assert rx["amlodipin"].attr("dosing") == ""


def test_a_maximum_is_not_the_strength(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Du skal få paracetamol. Ikke mer enn fire gram i "
                                     "døgnet. Én tablett inntil fire ganger daglig."))
    assert "4 g" not in rx["paracetamol"].attr("strength")


def test_a_named_dose_increase_keeps_the_old_dose(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Du bruker escitalopram ti milligram nå."),
                     ("pasient", "Ja, hver morgen."),
                     ("lege", "Vi øker escitalopram til tjue milligram, én tablett om "
                              "morgenen."))
    assert rx["escitalopram"].attr("strength") == "20 mg (økt fra 10 mg), 1 tablett"
    assert rx["escitalopram"].attr("dosing") == "om morgenen"


def test_an_increase_without_the_name_prescribes_the_drug_named_last(
        drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Du bruker escitalopram ti milligram. Merker du bivirkninger?"),
                     ("pasient", "Nei, ikke noe særlig."),
                     ("lege", "Da vil jeg øke til tjue milligram, én tablett om morgenen."))
    assert rx["escitalopram"].attr("strength") == "20 mg (økt fra 10 mg), 1 tablett"


def test_going_down_is_a_prescription_of_the_lower_dose(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Du bruker metformin 1000 milligram."),
                     ("lege", "Nå går du ned til metformin fem hundre milligram morgen og "
                              "kveld."))
    assert rx["metformin"].attr("strength") == "500 mg (redusert fra 1000 mg)"
    assert rx["metformin"].attr("dosing") == "morgen og kveld"


def test_doubling_without_a_said_number_invents_none(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Du bruker escitalopram ti milligram."),
                     ("lege", "Da dobler vi dosen fra i dag."))
    assert rx["escitalopram"].attr("strength") == "dosen dobles (økt fra 10 mg)"
    assert "20" not in rx["escitalopram"].attr("strength")


def test_a_change_only_considered_is_no_prescription(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Du bruker escitalopram ti milligram."),
                     ("lege", "Vi kunne økt til tjue milligram, men det venter vi med."))
    assert rx == {}


def test_a_change_long_after_the_drug_was_named_is_not_linked_to_it(
        drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Du bruker escitalopram ti milligram."),
                     ("lege", "Blodtrykket er fint."),
                     ("lege", "Vi øker til tjue milligram."))
    assert rx == {}


def test_a_ventresept_keeps_its_condition(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Du får en ventresept på fenoksymetylpenicillin, ett "
                                     "gram fire ganger om dagen i sju dager. Den henter du "
                                     "bare ut hvis du ikke er bedre om tre dager, eller "
                                     "hvis du får feber."))
    f = rx["fenoksymetylpenicillin"]
    assert f.attr("strength") == "1 g"
    assert f.attr("dosing") == ("4 ganger om dagen, i 7 dager, ventresept, hentes hvis du "
                                "ikke er bedre om 3 dager")


def test_spoken_amounts_become_digits(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Da skriver jeg ut Movicol, én dosepose to ganger daglig "
                                     "til han har fått avføring."))
    assert rx["makrogol"].attr("strength") == "1 dosepose"
    assert rx["makrogol"].attr("dosing") == "2 ganger daglig"


def test_a_combined_strength_is_kept_whole(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Jeg fornyer Seretide, femti over to hundre og femti "
                                     "mikrogram, én inhalasjon morgen og kveld."))
    f = rx["salmeterol og flutikason"]
    assert f.attr("strength") == "50/250 mikrogram, 1 inhalasjon"


def test_another_persons_medicine_is_not_prescribed(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("pasient", "Mamma bruker sertralin, femti milligram, hun er fornøyd."),
                     ("lege", "Så fint. Én tablett daglig hjelper mange."))
    assert rx == {}


def test_the_patients_unchanged_medicine_is_not_prescribed(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Atorvastatin fortsetter du med som før, ti milligram "
                                     "om kvelden."))
    assert rx == {}


def test_a_drug_only_discussed_is_not_prescribed(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Vi kan vurdere sertralin senere, femti milligram. Én "
                                     "tablett daglig."))
    assert rx == {}


def test_a_drug_as_subject_of_a_change_verb_is_not_prescribed(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "Den vanndrivende delen, hydroklortiazid, øker også "
                                     "urinsyren."))
    assert rx == {}


def test_a_later_start_sentence_makes_a_proposed_drug_a_prescription(
        drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs, ("lege", "I tillegg foreslår jeg en medisin, sertralin. Du starter "
                                     "med tjuefem milligram om morgenen i én uke."))
    assert rx["sertralin"].attr("strength") == "25 mg"
    assert rx["sertralin"].attr("dosing") == "om morgenen, i 1 uke"


def test_the_dose_of_an_earlier_prescribing_sentence_fills_a_bare_e_resept_line(
        drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Du skal ha prednisolon i tre dager, tretti milligram om "
                              "morgenen."),
                     ("pasient", "Greit."),
                     ("lege", "Jeg sender e-resept på prednisolon nå."))
    assert rx["prednisolon"].attr("strength") == "30 mg"
    assert rx["prednisolon"].attr("dosing") == "om morgenen, i 3 dager"


def test_the_note_resepter_line_shows_the_dose_as_said(drugs: DrugLexicon) -> None:
    turns = make_transcript(("lege", "Du skal få prednisolon i fem dager. Du tar førti "
                                     "milligram om morgenen."))
    facts = extract_drugs(split_segments(turns.segments), drugs)
    assert [st.text for st in prescription_lines(facts)] == [
        "Prednisolon 40 mg, om morgenen, i 5 dager"]


def test_a_raised_dose_cites_where_the_old_dose_was_said(drugs: DrugLexicon) -> None:
    rx = _prescribed(drugs,
                     ("lege", "Du bruker amlodipin, fem milligram, én gang daglig."),
                     ("pasient", "Ja, hver morgen."),
                     ("lege", "Da øker vi amlodipin til ti milligram én gang daglig."))
    f = rx["amlodipin"]
    assert f.attr("strength").startswith("10 mg")
    line = prescription_lines([f])[0]
    assert "økt fra 5 mg" in line.text
    assert set(line.evidence) == {"s0001", "s0003"}  # 5 is said in the first, 10 in the last
