"""Mail templates (Jinja2 files under notifications/templates/): one per category and language, plain text and HTML.

Each `<category>/<language>.txt` sets `subject` and `summary` (one line, what a digest lists) and renders the text
body; `<category>/<language>.html` renders the HTML body (autoescaped). `digest/<language>.*` lists a recipient's
pending facts by their summaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

ROOT = Path(__file__).resolve().parents[1] / "templates"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    summary: str


class Templates:
    def __init__(self, root: Path = ROOT) -> None:
        self.env = Environment(
            loader=FileSystemLoader(root),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )

    def render(self, category: str, language: str, context: dict) -> Rendered:
        text = self.env.get_template(f"{category}/{language}.txt").make_module(context)
        html = self.env.get_template(f"{category}/{language}.html").render(context)
        return Rendered(
            subject=str(text.subject).strip(),
            text=str(text),
            html=html,
            summary=str(getattr(text, "summary", "")).strip(),
        )
