"""Map JSON paths back to lines and columns of the source text.

Python's ``json`` reports positions only for syntax errors. This scanner walks text that is
already known to be valid JSON and records where each value and each key starts, so that a
schema or rule problem found at ``volets.justice.engagements[0]`` can name its line. It also
finds duplicate keys, which ``json`` silently collapses. It is iterative: nesting depth is
not limited by Python's recursion limit.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

from csi_gen.errors import Path_

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null")


@dataclass(frozen=True)
class Duplicate:
    """A key written twice in the same JSON object."""

    path: Path_  # path of the repeated key
    offset: int  # where its second occurrence starts


@dataclass
class SourceMap:
    """Where each value and key of a JSON text starts: the lines and columns of errors."""

    text: str
    values: dict[Path_, int] = field(default_factory=dict)
    keys: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def offset_of(self, path: Path_, on_key: bool = False) -> int:
        """Offset of the value (or key) at ``path``, or of its nearest recorded ancestor."""
        if on_key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, 0)

    def locate(self, path: Path_, on_key: bool = False) -> tuple[int, int]:
        return self.position(self.offset_of(path, on_key))


def scan(text: str) -> SourceMap:
    """Record the position of every value and key of a valid JSON text."""
    source = SourceMap(text)
    # Each frame: [path of the container, is_object, next index or seen keys]
    stack: list[tuple[Path_, bool, list[int] | set[str]]] = []
    i = _skip(text, 0)
    path: Path_ = ()
    while True:
        source.values[path] = i
        char = text[i]
        if char == "{":
            i = _skip(text, i + 1)
            if text[i] != "}":
                seen: set[str] = set()
                stack.append((path, True, seen))
                path, i = _read_key(text, i, path, seen, source)
                continue
            i = _skip(text, i + 1)
        elif char == "[":
            i = _skip(text, i + 1)
            if text[i] != "]":
                stack.append((path, False, [0]))
                path = (*path, 0)
                continue
            i = _skip(text, i + 1)
        else:
            match = (_STRING if char == '"' else _SCALAR).match(text, i)
            if match is None:  # not valid JSON: nothing more to map
                return source
            i = _skip(text, match.end())
        # A value is complete: move to the next sibling, closing containers as needed.
        while stack:
            parent, is_object, state = stack[-1]
            if i < len(text) and text[i] == ",":
                i = _skip(text, i + 1)
                if is_object:
                    assert isinstance(state, set)
                    path, i = _read_key(text, i, parent, state, source)
                else:
                    assert isinstance(state, list)
                    state[0] += 1
                    path = (*parent, state[0])
                break
            stack.pop()
            i = _skip(text, i + 1)
        else:
            return source


def _skip(text: str, i: int) -> int:
    match = _WHITESPACE.match(text, i)
    return match.end() if match else i


def _read_key(
    text: str, i: int, parent: Path_, seen: set[str], source: SourceMap
) -> tuple[Path_, int]:
    match = _STRING.match(text, i)
    if match is None:
        raise ValueError(f"JSON key expected at offset {i}")
    key = json.loads(match.group())
    path = (*parent, key)
    if key in seen:
        source.duplicates.append(Duplicate(path, i))
    seen.add(key)
    source.keys[path] = i
    i = _skip(text, match.end())
    return path, _skip(text, i + 1)  # past the colon
