"""Blank what is not prose, keeping every character's position.

``blank_markup(text, fmt)`` returns a string of the same length in which
Markdown syntax, code, URLs, e-mail addresses, link targets and HTML comments
are replaced by spaces (line ends are kept).  Checks read this text, so they
never flag a URL or a code span, and every offset they report still points into
the original file.
"""

from __future__ import annotations

import re

_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"'）】」』]+|www\.[A-Za-z0-9-]+\.[^\s<>\"'）】」』]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\](\([^)\n]*\)|\[[^\]\n]*\])")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>")
_HEADING = re.compile(r"^( {0,3}#{1,6})(?=[ \t]|$)|[ \t]+#+[ \t]*$", re.M)
_LIST = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)", re.M)
_QUOTE = re.compile(r"^([ \t]{0,3}>[ \t]?)+", re.M)
_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$", re.M)
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.M)
_EMPH = re.compile(r"(\*\*|__|\*|~~)(?=\S)|(?<=\S)(\*\*|__|\*|~~)")
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.S)
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|(?<=\n \n)|\A)((?:(?: {4}|\t)[^\n]*(?:\n|\Z))+)")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        c = chars[i]
        if c != "\n" and c != "\r":
            chars[i] = " "


def _fences(text: str):
    """Yield (start, end) of fenced code blocks (an unclosed fence runs to the end)."""
    pos = 0
    while True:
        m = _FENCE_OPEN.search(text, pos)
        if not m:
            return
        fence = m.group(1)
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.M)
        line_end = text.find("\n", m.end())
        if line_end < 0:
            yield m.start(), len(text)
            return
        c = close.search(text, line_end + 1)
        end = c.end() if c else len(text)
        yield m.start(), end
        pos = end


def _lf(s: str) -> str:
    """Same-length copy of ``s`` with LF line ends only (CRLF -> " \n", CR -> "\n").

    The patterns below are written for ``\n``; they are matched on this copy and
    applied to the original characters, so CRLF and CR files blank exactly like LF
    files and every offset stays that of the file.
    """
    if "\r" not in s:
        return s
    return s.replace("\r\n", " \n").replace("\r", "\n")


def blank_markup(text: str, fmt: str = "txt") -> str:
    """Return ``text`` with non-prose parts replaced by spaces (same length)."""
    chars = list(text)
    if fmt == "md":
        lf = _lf(text)
        m = _FRONT_MATTER.match(lf)
        if m:
            _blank(chars, m.start(), m.end())
        for start, end in _fences(lf):
            _blank(chars, start, end)
        for rx in (_HTML_COMMENT, _INDENTED_CODE, _INLINE_CODE, _IMAGE, _AUTOLINK, _LINK_DEF):
            current = _lf("".join(chars))
            for m in rx.finditer(current):
                if m.start() == m.end():
                    continue
                _blank(chars, m.start(), m.end())
        current = _lf("".join(chars))
        for m in _LINK.finditer(current):
            # keep the link text, blank the brackets and the target
            _blank(chars, m.start(), m.start() + 1)
            _blank(chars, m.start(1) + len(m.group(1)), m.end())
        current = _lf("".join(chars))
        for rx in (_HTML_TAG, _RULE, _SETEXT, _TABLE_SEP):
            for m in rx.finditer(current):
                _blank(chars, m.start(), m.end())
        current = _lf("".join(chars))
        for rx in (_HEADING, _LIST, _QUOTE):
            for m in rx.finditer(current):
                _blank(chars, m.start(), m.end())
        current = _lf("".join(chars))
        for m in _EMPH.finditer(current):
            _blank(chars, m.start(), m.end())
        current = _lf("".join(chars))
        for m in re.finditer(r"(?<!\\)\|", current):
            _blank(chars, m.start(), m.end())
    current = _lf("".join(chars))
    for rx in (_URL, _EMAIL, _CONTROL):
        for m in rx.finditer(current):
            _blank(chars, m.start(), m.end())
    out = "".join(chars)
    assert len(out) == len(text)
    return out
