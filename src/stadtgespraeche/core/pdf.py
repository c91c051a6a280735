"""HTML to an accessible, tagged PDF (WeasyPrint, PDF/UA-1) in a Unicode font.

WeasyPrint lays out a print template with CSS and writes a tagged PDF: a structure tree
following the HTML (headings, paragraphs, lists, tables with header cells), the document
language from `<html lang>`, the title from `<title>` shown as the window title, and the
reading order of the source. The text is set in DejaVu Sans (Debian's `fonts-dejavu-core`),
which covers every Latin script of names in Germany (Ł, ş, ğ, ć, ñ …); the fonts are
embedded as subsets with their Unicode mapping, so the text can be searched and copied.

Templates are rendered from the database, so a PDF must never reach the network or the
file system on behalf of the text in it: the fetcher only hands out the font files.
"""

from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FAMILY = "DejaVu Sans"
_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)


class FontOnlyFetcher(URLFetcher):
    """Fetches the DejaVu font files and nothing else (no network, no other files)."""

    def fetch(self, url: str, headers: object = None) -> object:
        allowed = {(FONT_DIR / name).as_uri() for name, _weight, _style in _FACES}
        if url not in allowed:
            raise ValueError(f"Resource not allowed in PDFs: {url[:80]}")
        return super().fetch(url, headers)


def font_css() -> str:
    """`@font-face` rules for the embedded Unicode font; system DejaVu as the fallback."""
    rules = []
    for name, weight, style in _FACES:
        path = FONT_DIR / name
        source = f'url("{path.as_uri()}")' if path.exists() else f'local("{FONT_FAMILY}")'
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: {source}; '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def render_pdf(html: str, *, css: str = "", compress: bool = True) -> bytes:
    """A tagged PDF/UA-1 of `html` (which must set `lang` and `<title>`) styled with `css`.

    `compress=False` keeps the streams readable (tests, debugging).
    """
    fetcher = FontOnlyFetcher(allowed_protocols={"file"})
    font_config = FontConfiguration()
    stylesheet = CSS(string=font_css() + "\n" + css, font_config=font_config, url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher, base_url=FONT_DIR.as_uri())
    pdf = document.write_pdf(
        stylesheets=[stylesheet],
        font_config=font_config,
        pdf_variant="pdf/ua-1",
        uncompressed_pdf=not compress,
        # The same content gives the same bytes (no random identifier).
        pdf_identifier=b"stadtgespraeche",
    )
    if pdf is None:  # write_pdf() without a target always returns the bytes
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf
