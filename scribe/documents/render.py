"""Jinja2 templates for the documents, loaded as the note's are: the practice's template
folder (``settings.templates_dir``) first, so ``dokument_henvisning.j2`` there overrides the
built-in one in ``scribe/documents/templates``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from scribe.documents.model import Document, Field
from scribe.draft.render import Templates, _marker

BUILTIN_DIR = Path(__file__).resolve().parent / "templates"
PREFIX = "dokument_"


class DocumentTemplates(Templates):
    """The note's template loader over the documents' folder (same errors, same settings)."""

    def environment(self) -> jinja2.Environment:
        dirs = [str(d) for d in (self.user_dir, BUILTIN_DIR) if d is not None and d.is_dir()]
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(dirs), undefined=jinja2.StrictUndefined,
            autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)

    def render_document(self, document: Document, *, show_flags: bool = False) -> str:
        """The document as plain text; with ``show_flags`` each flagged statement is marked."""
        text = self.render(f"{PREFIX}{document.template}.j2", document=document,
                           fields={f.key: f for f in document.fields},
                           body=_body, mark=_marker(show_flags))
        return text.strip() + "\n"


def _body(field: Field, mark: Any) -> str:
    return " ".join(st.text.strip() + mark(st) for st in field.statements if st.text.strip())
