"""Shared values of the documents tests: a synthetic visit (written for these tests) and the
store's secrets."""

from __future__ import annotations

from scribe.documents.drafting import Visit
from scribe.domain import Segment, Speaker, Transcript
from scribe.draft.pipeline import Drafter

PASSPHRASE = "dokumenter og lange fraser"
PASSWORD = "fjord-hest-42"
KDF_ITER = 1000

L, P = Speaker.LEGE, Speaker.PASIENT
# A synthetic visit written for these tests: back pain after lifting at work, a drug the
# patient asks for and is refused, a prescription, sick leave and a referral.
VISIT = (
    (P, "Jeg fikk vondt i ryggen på mandag da jeg løftet en tung kasse på lageret."),
    (L, "Har du prøvd noe mot smertene?"),
    (P, "Jeg har tatt paracetamol, men det hjalp ikke så mye."),
    (L, "Har du noen allergier?"),
    (P, "Nei."),
    (P, "Kan jeg få tramadol? Naboen min bruker det."),
    (L, "Tramadol vil jeg ikke gi deg, det gir mye bivirkninger."),
    (L, "Jeg kjenner på ryggen nå. Musklene er stramme og ømme ved siden av ryggsøylen."),
    (L, "Vurderingen min er akutte korsryggsmerter uten tegn til påvirkning av nerver."),
    (L, "Jeg skriver ut ibuprofen 400 milligram tre ganger daglig sammen med mat i inntil "
        "en uke."),
    (P, "Jobben min er tung, jeg løfter hele dagen."),
    (L, "Da sykmelder jeg deg hundre prosent i fem dager, fra i dag. Snakk med lederen din "
        "om lettere oppgaver når du begynner igjen."),
    (L, "Jeg henviser deg til fysioterapeut for opptrening av ryggen. Er det greit at jeg "
        "sender henvisningen?"),
    (P, "Ja, det er greit."),
    (L, "Hvis du får nummenhet i skrittet eller problemer med å tisse, skal du ringe "
        "legevakta med en gang."),
    (L, "Vi ses om to uker hvis det ikke er bedre."),
)


def transcript(lines: tuple[tuple[Speaker, str], ...] = VISIT) -> Transcript:
    return Transcript(tuple(Segment(f"s{i + 1:04d}", i * 5.0, i * 5.0 + 4.0, text, who)
                            for i, (who, text) in enumerate(lines)), duration_s=len(lines) * 5.0)


def visit_of(drafter: Drafter, lines: tuple[tuple[Speaker, str], ...] = VISIT) -> Visit:
    t = transcript(lines)
    result = drafter.draft(t)
    return Visit(t, result.extraction, result.draft)
