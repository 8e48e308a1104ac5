"""Decoding of uploaded CSV files: UTF-8, UTF-16 with a byte-order mark, or Windows-1252.

Norwegian Excel saves «CSV» as Windows-1252 and «Unicode text» as UTF-16, so the
employee import and the roster check accept the same encodings and reject the
same binary files.
"""

from __future__ import annotations

import codecs


class UndecodableText(ValueError):
    """Bytes that no accepted encoding decodes: the 1-based line and the bytes as hex."""

    def __init__(self, line: int, bad_bytes: str) -> None:
        self.line = line
        self.bad_bytes = bad_bytes
        super().__init__(f"line {line}: undecodable bytes {bad_bytes}")


def decode_text_file(content: bytes) -> str:
    """Return the text of `content`, or raise UndecodableText.

    UTF-16 is recognised by its byte-order mark. A NUL character never occurs in CSV
    text, so a file that decodes to one is binary, or UTF-16 without its mark, and
    is rejected with the line of the first NUL.
    """
    text = _decoded(content)
    if "\x00" in text:
        raise UndecodableText(text.count("\n", 0, text.index("\x00")) + 1, "00")
    return text


def _decoded(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError as error:
            failure = error
    line = content[: failure.start].count(b"\n") + 1
    raise UndecodableText(line, content[failure.start : failure.end].hex())
