"""Mermaid ``journey`` text, read exactly as Mermaid 11 reads it.

This module reproduces what ``mermaid.parse`` does to a user-journey diagram, step by step,
so that a text means the same here as in Mermaid (quirks included):

1. preprocessing (``preprocessDiagram``): CR/LF to LF, YAML front matter (its ``title``),
   ``%%{...}%%`` directives removed, whole-line ``%%`` comments removed, leading
   whitespace removed; the detector then wants the text to start with ``journey``;
2. ``encodeEntities``: ``#name;`` and ``#123;`` entity codes hidden from the lexer;
3. the Jison lexer of ``journey.jison``: rules tried in order (first match wins, not the
   longest), case-insensitive, ``journey`` needing a word boundary, ``#`` and ``%%``
   comments, ``;`` an invalid character;
4. its grammar, and the diagram DB: titles and sections keep their spaces, task names
   keep trailing spaces, scores are JavaScript ``Number(...)`` (``0x10`` is 16, an empty
   score is 0, ``abc`` is NaN), actors are split on ``,`` from the second ``:`` piece only
   and trimmed, the actor list is sorted by UTF-16 code units.

The result, :class:`MermaidDiagram`, is what Mermaid's DB holds (entities still encoded).
Tests compare it with the real Mermaid package, run under node, on generated texts.
Where we differ: Mermaid runs titles through DOMPurify; we keep HTML-like text as text.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import yaml

from ..model import FileFormatError

# JavaScript's \s and its "line terminators" differ from Python's.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_SPACE_CHARS = (
    "".join(chr(c) for c in range(0x3001) if re.fullmatch(f"[{JS_SPACE}]", chr(c))) + "\ufeff"
)
_S = f"[{JS_SPACE}]"
_NOT_S = f"[^{JS_SPACE}]"
_DOT = "[^\n\r\u2028\u2029]"  # JavaScript's "."


@dataclass(frozen=True)
class MermaidTask:
    section: str
    task: str
    score: float  # a JavaScript number: may be NaN or infinite
    people: tuple[str, ...]
    line: int  # where the task is, in the text given (from 1)
    section_number: int  # index into MermaidDiagram.sections; -1 before any section


@dataclass
class MermaidDiagram:
    title: str | None = None  # from a ``title`` line; None when there is none
    front_matter_title: str | None = None  # shown when there is no title line
    acc_title: str = ""
    acc_descr: str = ""
    sections: list[str] = field(default_factory=list)
    tasks: list[MermaidTask] = field(default_factory=list)

    @property
    def actors(self) -> list[str]:
        """Every person named in a task, once, in JavaScript's default sort order."""
        unique = {person for task in self.tasks for person in task.people}
        # (a lone surrogate, which the journey then refuses, sorts as JavaScript sorts it too)
        return sorted(unique, key=lambda name: name.encode("utf-16-be", "surrogatepass"))


# -- 1. preprocessing ------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"^-{3}" + _S + r"*[\n\r](.*?[\n\r])-{3}" + _S + r"*[\n\r]+", re.S)
_DIRECTIVE = re.compile(
    r"%{2}{" + _S + r"*(?:(\w+)" + _S + r"*:|(\w+))" + _S + r"*(?:(\w+)|((?:(?!}%{2})"
    + _DOT + r"|\r?\n)*))?" + _S + r"*(?:}%{2})?",
    re.I,
)  # fmt: skip
# Mermaid removes whole-line comments with /^\s*%%(?!{)[^\n]+\n?/gm and rewrites tags
# with /<([A-Za-z0-9_]+)([^>]*)>/g. Run as regular expressions, both take time growing with
# the square of the text (blank lines before nothing, "<a" with no ">"), in Mermaid too;
# _comment_lines and _tags find the same matches in one pass.
_COMMENT_BODY = re.compile(r"%%(?!{)[^\n]+\n?")
_TAG_START = re.compile(r"<([A-Za-z0-9_]+)")


class _CoreSchemaLoader(yaml.SafeLoader):
    """YAML 1.2's core schema, as js-yaml reads Mermaid's front matter (PyYAML's safe
    loader is YAML 1.1: "yes" would be true there, a string here)."""


_CoreSchemaLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
        r"|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
):
    _CoreSchemaLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first
    )


# PyYAML scans flow collections ("[", "{") in time growing with the square of their depth
# before it recurses too deep: 10 KB of "[" took 2 s. Front matter needs no deep nesting, so
# nesting beyond this is refused before YAML reads it (quoted text is skipped).
MAX_FRONT_MATTER_NESTING = 64
_YAML_NESTING = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[\[\]{}]""")


def _too_deep(yaml_text: str) -> int | None:
    """The offset where flow nesting first goes deeper than allowed, or None."""
    depth = 0
    for token in _YAML_NESTING.finditer(yaml_text):
        mark = token[0]
        if mark in "[{":
            depth += 1
            if depth > MAX_FRONT_MATTER_NESTING:
                return token.start()
        elif mark in "]}":
            depth = max(depth - 1, 0)
    return None


def _front_matter_title(value: object) -> str | None:
    """``metadata.title = parsed.title.toString()`` when ``parsed.title`` is truthy."""
    if value is None or value is False or value == "" or value == 0:
        return None
    if value is True:
        return "true"
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (str, int)):
        return str(value)
    return None


def _js_trim_start(text: str) -> str:
    return text.lstrip(_JS_SPACE_CHARS)


def _js_trim(text: str) -> str:
    return text.strip(_JS_SPACE_CHARS)


def _comment_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans /^\\s*%%(?!{)[^\n]+\n?/gm matches, as (start, end, "")."""
    end = 0  # where the previous match ended: the next one starts at or after it
    for body in _COMMENT_BODY.finditer(text):
        if body.start() < end:
            continue
        start = body.start()  # walk back over the whitespace before the %%
        while start > end and text[start - 1] in _JS_SPACE_CHARS:
            start -= 1
        # The match begins at the first line start in that whitespace, if there is one.
        if not (start == 0 or text[start - 1] == "\n"):
            newline = text.find("\n", start, body.start())
            if newline < 0:
                continue
            start = newline + 1
        yield start, body.end(), ""
        end = body.end()


def _tags(text: str) -> Iterator[tuple[int, int, str]]:
    r"""The spans /<([A-Za-z0-9_]+)([^>]*)>/g matches, each with its double-quoted
    attribute values single-quoted, as Mermaid rewrites them."""
    position = 0
    while (found := _TAG_START.search(text, position)) is not None:
        close = text.find(">", found.end())
        if close < 0:
            return  # no ">" after this tag: none after any later one either
        attributes = re.sub(r'="([^"]*)"', r"='\1'", text[found.end() : close])
        yield found.start(), close + 1, f"<{found[1]}{attributes}>"
        position = close + 1


@dataclass
class _Traced:
    """Text being rewritten, remembering where each character came from in the user's
    text, so that errors point at the line and column the user wrote."""

    text: str
    origin: list[int]

    @classmethod
    def of(cls, text: str) -> _Traced:
        return cls(text, list(range(len(text) + 1)))

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> _Traced:
        return self.replace(
            (match.start(), match.end(), replace(match)) for match in pattern.finditer(self.text)
        )

    def replace(self, spans: Iterable[tuple[int, int, str]]) -> _Traced:
        """The text with each (start, end, new) span, in order and apart, replaced."""
        parts: list[str] = []
        origin: list[int] = []
        last = 0
        for start, end, new in spans:
            parts.append(self.text[last:start])
            origin += self.origin[last:start]
            parts.append(new)
            origin += [self.origin[start]] * len(new)
            last = end
        parts.append(self.text[last:])
        origin += self.origin[last:]
        return _Traced("".join(parts), origin)

    def drop_before(self, index: int) -> _Traced:
        return _Traced(self.text[index:], self.origin[index:])


def _preprocess(text: str, source: str | None) -> tuple[_Traced, str | None]:
    """Mermaid's ``preprocessDiagram``: the text the lexer sees, and the front matter's
    title. (CR/LF become LF first: the user's editor counts lines the same way.)"""
    traced = _Traced.of(text.replace("\r\n", "\n").replace("\r", "\n"))
    traced = traced.replace(_tags(traced.text))
    title: str | None = None
    match = _FRONT_MATTER.match(traced.text)
    if match:
        deep = _too_deep(match[1])
        if deep is not None:
            line = match[1].count("\n", 0, deep)
            raise FileFormatError(
                f"the front matter nests more than {MAX_FRONT_MATTER_NESTING} deep",
                path=source,
                line=line + 2,
                column=deep - match[1].rfind("\n", 0, deep),
            )
        try:
            meta = yaml.load(match[1], Loader=_CoreSchemaLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise FileFormatError(
                f"the front matter is not valid YAML: {getattr(error, 'problem', error)}",
                path=source,
                line=None if mark is None else mark.line + 2,
                column=None if mark is None else mark.column + 1,
            ) from None
        except RecursionError:
            raise FileFormatError(
                "the front matter nests too deeply to read", path=source, line=2, column=1
            ) from None
        if isinstance(meta, dict):
            title = _front_matter_title(meta.get("title"))
        traced = traced.drop_before(match.end())
    traced = traced.sub(_DIRECTIVE, lambda m: "")
    traced = traced.replace(_comment_lines(traced.text))
    trimmed = _js_trim_start(traced.text)
    return traced.drop_before(len(traced.text) - len(trimmed)), title


# -- 2. entities ---------------------------------------------------------------------

_STYLE = re.compile("style" + _DOT + "*:" + _NOT_S + "*#" + _DOT + "*;")
_CLASS_DEF = re.compile("classDef" + _DOT + "*:" + _NOT_S + "*#" + _DOT + "*;")
_ENTITY = re.compile(r"#[A-Za-z0-9_]+;")
NUMERIC_OPEN, NAMED_OPEN, CLOSE = "ﬂ°°", "ﬂ°", "¶ß"


def _hide_entity(match: re.Match[str]) -> str:
    inner = match[0][1:-1]
    opener = NUMERIC_OPEN if re.fullmatch(r"\+?[0-9]+", inner) else NAMED_OPEN
    return opener + inner + CLOSE


def _encode_entities(traced: _Traced) -> _Traced:
    """Mermaid's ``encodeEntities``, which runs on the whole text before its parser."""
    traced = traced.sub(_STYLE, lambda m: m[0][:-1])
    traced = traced.sub(_CLASS_DEF, lambda m: m[0][:-1])
    return traced.sub(_ENTITY, _hide_entity)


# -- 3. the lexer ----------------------------------------------------------------------

_I = re.I | re.A  # JavaScript's /i folds ASCII letters only ("ſection" is no keyword)
_INITIAL: list[tuple[re.Pattern[str], str | None, str | None]] = [
    # (pattern, token or None to skip, state to enter / "pop")
    # As compiled into Mermaid's lexer: one "%" starts a comment (the source's "\%%").
    (re.compile(r"%(?!\{)[^\n]*", _I), None, None),
    (re.compile(r"[^\}]%%[^\n]*", _I), None, None),
    (re.compile(r"[\n]+", _I), "NEWLINE", None),
    (re.compile(_S + "+", _I), None, None),
    (re.compile(r"#[^\n]*", _I), None, None),
    (re.compile(r"journey(?![A-Za-z0-9_])", _I), "journey", None),  # Jison adds \b
    (re.compile(r"title" + _S + r"[^#\n;]+", _I), "title", None),
    (re.compile(r"accTitle" + _S + r"*:" + _S + "*", _I), "acc_title", "acc_title"),
    (re.compile(r"accDescr" + _S + r"*:" + _S + "*", _I), "acc_descr", "acc_descr"),
    (re.compile(r"accDescr" + _S + r"*\{" + _S + "*", _I), None, "acc_descr_multiline"),
    (re.compile(r"section" + _S + r"[^#:\n;]+", _I), "section", None),
    (re.compile(r"[^#:\n;]+", _I), "taskName", None),
    (re.compile(r":[^#\n;]+", _I), "taskData", None),
    (re.compile(r":", _I), ":", None),
    (re.compile(r".", _I | re.S), "INVALID", None),
]
_STATES: dict[str, list[tuple[re.Pattern[str], str | None, str | None]]] = {
    "INITIAL": _INITIAL,
    "acc_title": [(re.compile(r"[^\n]*"), "acc_title_value", "pop")],
    "acc_descr": [(re.compile(r"[^\n]*"), "acc_descr_value", "pop")],
    "acc_descr_multiline": [
        (re.compile(r"[\}]"), None, "pop"),
        (re.compile(r"[^\}]*"), "acc_descr_multiline_value", None),
    ],
}


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    offset: int


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    states = ["INITIAL"]
    position = 0
    while position < len(text):
        for pattern, kind, action in _STATES[states[-1]]:
            match = pattern.match(text, position)
            if match is None:
                continue
            if kind is not None:
                out.append(_Token(kind, match[0], position))
            if action == "pop":
                states.pop()
            elif action is not None:
                states.append(action)
            if match.end() == position and action is None and kind is None:
                continue  # an empty skip would loop forever; Jison moves on too
            position = match.end()
            break
        else:  # no rule matched (only possible inside a state that cannot advance)
            out.append(_Token("INVALID", text[position], position))
            position += 1
    # Mermaid's lexer knows the end of the text only outside its states: an accDescr {
    # block still open at the end is an error there.
    out.append(_Token("EOF" if states[-1] == "INITIAL" else "UNCLOSED", "", len(text)))
    return out


# -- 4. grammar and DB -----------------------------------------------------------------


def js_number(text: str) -> float:
    """JavaScript's ``Number(text)`` for a string."""
    body = _js_trim(text)
    if body == "":
        return 0.0
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", body):
        return float(int(body[2:], 16))
    if re.fullmatch(r"0[oO][0-7]+", body):
        return float(int(body[2:], 8))
    if re.fullmatch(r"0[bB][01]+", body):
        return float(int(body[2:], 2))
    if re.fullmatch(r"[+-]?Infinity", body):
        return -math.inf if body.startswith("-") else math.inf
    if re.fullmatch(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", body):
        return float(body)
    return math.nan


def _set_acc_description(text: str) -> str:
    return re.sub(r"\n" + _S + "+", "\n", _js_trim(text))


_DESCRIBE = {
    "NEWLINE": "a line break",
    "EOF": "the end of the text",
    "UNCLOSED": "the end of the text",
    "INVALID": "a character Mermaid does not allow here",
    "taskData": "':' and a score",
    "taskName": "a task name",
    ":": "':'",
}


def parse_diagram(text: str, *, source: str | None = None) -> MermaidDiagram:
    """Read Mermaid journey text into what Mermaid's DB holds; errors name line and column."""
    original = text.replace("\r\n", "\n").replace("\r", "\n")
    prepared, front_title = _preprocess(text, source)

    line_starts = [0, *(m.end() for m in re.finditer("\n", original))]

    def place(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    if not re.match(_S + "*journey", prepared.text):
        first = prepared.text.split("\n", 1)[0][:40]
        line, column = place(prepared.origin[0])
        raise FileFormatError(
            f"not a Mermaid journey diagram: it must start with 'journey' (found {first!r})",
            path=source,
            line=line,
            column=column,
        )
    encoded = _encode_entities(prepared)
    lexed = _Traced(encoded.text + "\n", [*encoded.origin[:-1], len(original), len(original)])
    tokens = _tokens(lexed.text)

    def where(token: _Token) -> tuple[int, int]:
        return place(lexed.origin[token.offset])

    def fail(token: _Token, expected: str) -> FileFormatError:
        line, column = where(token)
        found = _DESCRIBE.get(token.kind, repr(token.text.strip()[:30]) or token.kind)
        if token.kind == "INVALID":
            found = f"{token.text!r}, {_DESCRIBE['INVALID']}"
        return FileFormatError(
            f"expected {expected}, found {found}", path=source, line=line, column=column
        )

    diagram = MermaidDiagram(front_matter_title=front_title)
    section, section_number = "", -1
    if tokens[0].kind != "journey":
        raise fail(tokens[0], "'journey'")
    index = 1
    statement = "a title, section, task, accTitle or accDescr"
    while True:
        token = tokens[index]
        kind = token.kind
        if kind == "EOF":
            return diagram
        if kind == "UNCLOSED":
            raise fail(token, "'}' to close the accessible description")
        index += 1
        if kind == "NEWLINE":
            continue
        if kind == "title":
            diagram.title = token.text[6:]
        elif kind == "acc_title":
            value = tokens[index]
            if value.kind != "acc_title_value":
                raise fail(value, "the accessible title")
            index += 1
            diagram.acc_title = _js_trim_start(_js_trim(value.text))
        elif kind == "acc_descr":
            value = tokens[index]
            if value.kind != "acc_descr_value":
                raise fail(value, "the accessible description")
            index += 1
            diagram.acc_descr = _set_acc_description(value.text)
        elif kind == "acc_descr_multiline_value":
            diagram.acc_descr = _set_acc_description(token.text)
        elif kind == "section":
            section = token.text[8:]
            diagram.sections.append(section)
            section_number = len(diagram.sections) - 1
        elif kind == "taskName":
            data = tokens[index]
            if data.kind != "taskData":
                raise fail(data, f"':' and a score after the task {token.text.strip()[:30]!r}")
            index += 1
            pieces = data.text[1:].split(":")
            people = () if len(pieces) == 1 else tuple(_js_trim(p) for p in pieces[1].split(","))
            diagram.tasks.append(
                MermaidTask(
                    section,
                    token.text,
                    js_number(pieces[0]),
                    people,
                    where(token)[0],
                    section_number,
                )
            )
        else:
            raise fail(token, statement)
