"""Reading a document file as text: .docx with python-docx, .pdf with pypdf, or .txt.

Text files may hold text already extracted from a .docx or .pdf (as the real documents in
`tests/fixtures/real/` are); name them after the original, e.g. `antwoord.pdf.txt`,
so the parser knows PDF line-end damage may be present.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FORMATS = (".docx", ".pdf", ".txt")


class ReadError(Exception):
    """A file that cannot be read as a document; the message is Dutch and names the file."""


@dataclass(frozen=True)
class Source:
    """A document's text with its name and the format the text was extracted from."""

    name: str
    text: str
    fmt: str  # "docx", "pdf" or "txt"

    @property
    def from_pdf(self) -> bool:
        return self.fmt == "pdf"


def original_format(name: str) -> str:
    """'a.pdf' and 'a.pdf.txt' -> 'pdf'; 'a.docx' -> 'docx'; 'a.txt' -> 'txt'."""
    lower = name.lower().removesuffix(".txt")
    for fmt in ("docx", "pdf"):
        if lower.endswith("." + fmt):
            return fmt
    return "txt"


def _docx_text(path: Path) -> str:
    """Paragraph texts; Word's own list numbering (not in the text) is written out as '1. '."""
    import docx  # python-docx: imported here so `kamervragen check` does not pay for it

    document = docx.Document(str(path))
    numbering = document.part.numbering_part.element if _has_numbering(document) else None
    counters: dict[tuple[str, str], int] = {}
    lines = []
    for paragraph in document.paragraphs:
        prefix = ""
        num = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if num is not None and num.numId is not None and numbering is not None:
            num_id, level = str(num.numId.val), str(num.ilvl.val if num.ilvl is not None else 0)
            if _decimal(numbering, num_id, level):
                counters[num_id, level] = counters.get((num_id, level), 0) + 1
                prefix = f"{counters[num_id, level]}. "
        lines.append(prefix + paragraph.text)
    return "\n".join(lines)


def _has_numbering(document) -> bool:
    try:
        document.part.numbering_part
    except NotImplementedError:
        return False
    return True


def _decimal(numbering, num_id: str, level: str) -> bool:
    """Whether list `num_id` counts 1, 2, 3 at `level` (bullets and letters are left alone)."""
    abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
    if not abstract:
        return False
    fmt = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val')
    return fmt == ["decimal"]


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # imported here, as python-docx above

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def read_source(path: Path) -> Source:
    """The text of a .docx, .pdf or .txt file; ReadError (Dutch, with the file) otherwise."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReadError(f"{path}: onbekend soort bestand; lees .docx, .pdf of .txt")
    try:
        if suffix == ".docx":
            text = _docx_text(path)
        elif suffix == ".pdf":
            text = _pdf_text(path)
        else:
            text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ReadError(f"{path} bestaat niet") from None
    except UnicodeDecodeError as err:
        raise ReadError(f"{path}: geen geldige UTF-8-tekst (byte {err.start})") from None
    except Exception as err:  # a damaged .docx or .pdf: the libraries raise many kinds
        raise ReadError(f"{path} kan niet worden gelezen: {err}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return Source(path.name, text, original_format(path.name) if suffix == ".txt" else suffix[1:])
