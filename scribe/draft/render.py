"""Jinja2 templates (StrictUndefined): the prompts and the note templates.

Built-in templates live in ``scribe/draft/templates``; a user folder (``settings.templates_dir``)
is searched first, so a doctor can add ``note_<navn>.j2`` in their own style or override a
prompt. Note templates are addressed by ``<navn>`` ("allmennlege").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from scribe.domain import Draft, Statement
from scribe.errors import TemplateBroken, TemplateMissing

BUILTIN_DIR = Path(__file__).resolve().parent / "templates"
NOTE_PREFIX = "note_"
SECTION_ORDER = ("Anamnese", "Funn", "Vurdering", "Tiltak", "Resepter", "Sykmelding",
                 "Henvisning")
LINE_SECTIONS = ("Resepter", "Sykmelding", "Henvisning")


@dataclass(frozen=True)
class Templates:
    user_dir: Path | None = None

    def environment(self) -> jinja2.Environment:
        dirs = [str(d) for d in (self.user_dir, BUILTIN_DIR) if d is not None and d.is_dir()]
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(dirs), undefined=jinja2.StrictUndefined,
            autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )

    def note_names(self) -> list[str]:
        names = self.environment().list_templates(filter_func=_is_note)
        return sorted({n[len(NOTE_PREFIX):-3] for n in names})

    def render(self, name: str, **context: Any) -> str:
        env = self.environment()
        try:
            template = env.get_template(name)
            return template.render(**context)
        except jinja2.TemplateNotFound:
            raise TemplateMissing(f"Malen «{name}» finnes ikke.") from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateBroken(f"Malen «{name}» har en feil på linje {exc.lineno}.") from None
        except jinja2.UndefinedError as exc:
            raise TemplateBroken(f"Malen «{name}» bruker et ukjent felt ({exc.message}).") \
                from None

    def render_note(self, draft: Draft, *, template: str | None = None,
                    show_flags: bool = False) -> str:
        """The note as plain text in the Norwegian record format."""
        name = template or draft.template
        if name not in self.note_names():
            raise TemplateMissing(f"Notatmalen «{name}» finnes ikke.",
                                  f"Maler som finnes: {', '.join(self.note_names())}.")
        text = self.render(f"{NOTE_PREFIX}{name}.j2", sections=ordered_sections(draft),
                           line_sections=LINE_SECTIONS, draft=draft,
                           mark=_marker(show_flags))
        return text.strip() + "\n"


def _is_note(name: str) -> bool:
    return name.startswith(NOTE_PREFIX) and name.endswith(".j2")


def _marker(show_flags: bool) -> Any:
    def mark(statement: Statement) -> str:
        if not show_flags or not statement.flags:
            return ""
        return " [?" + ", ".join(sorted({f.kind for f in statement.flags})) + "]"
    return mark


def ordered_sections(draft: Draft) -> Sequence[Any]:
    known = [s for name in SECTION_ORDER if (s := draft.section(name)) is not None]
    extra = [s for s in draft.sections if s.name not in SECTION_ORDER]
    return [*known, *extra]
