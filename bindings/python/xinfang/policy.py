"""Policies (docs/policy.md): presets, policy files, and checking them."""

import json
import os
from dataclasses import dataclass, field
from typing import List, Optional

from . import _native
from .errors import Error


@dataclass(frozen=True)
class PolicyCheck:
    """What :meth:`Policy.check` found. ``ok`` False lists every error, not only the first."""

    ok: bool
    name: Optional[str] = None
    version: Optional[str] = None
    title: Optional[str] = None
    calendar: Optional[str] = None
    clocks: List[str] = field(default_factory=list)
    roles: List[str] = field(default_factory=list)
    units: List[str] = field(default_factory=list)
    #: [{"code": "invalid_data", "path": "/clocks/handling/unit", "message": ...}, ...]
    errors: List[dict] = field(default_factory=list)

    def __bool__(self):
        return self.ok


class Policy:
    """A policy to open an engine with: a preset name, policy JSON text (comments allowed), or a
    dict. It is only text until an engine loads it; :meth:`check` validates it without one.

    >>> Policy.from_file("policies/dongqu.json").check().ok
    True
    """

    def __init__(self, source, origin=None, path=None):
        if isinstance(source, dict):
            source = json.dumps(source, ensure_ascii=False)
        if not isinstance(source, (str, bytes)):
            raise TypeError("a policy is a preset name, JSON text or a dict, not %s" % type(source).__name__)
        self.source = source
        #: Where it came from, for repr(): a file path, "preset NAME", "policy JSON".
        self.origin = origin if origin is not None else path
        #: The file it was read from, named in the messages of errors it causes; None if not a file.
        self.path = path

    @classmethod
    def preset(cls, name):
        """A compiled-in preset by name (:meth:`presets` lists them)."""
        return cls(name, "preset %s" % name)

    @classmethod
    def from_json(cls, text):
        """Policy JSON text (comments allowed) or a dict."""
        return cls(text, "policy JSON")

    @classmethod
    def from_file(cls, path):
        """A policy file. The bytes go to the library as they are: it reports invalid UTF-8 with the
        byte offset and syntax errors with line and column."""
        path = os.fspath(path)
        with open(path, "rb") as source:
            return cls(source.read(), path=path)

    def check(self):
        """Validates the policy: a :class:`PolicyCheck` listing every error with its JSON path. Text
        that is not UTF-8 cannot be read at all and raises InvalidUtf8."""
        try:
            report = json.loads(_native.call_string(_native.require("xf_policy_check"), self._text()))
        except Error as error:
            raise self._reraise(error) from None
        known = {name: report[name] for name in PolicyCheck.__dataclass_fields__ if name in report}
        return PolicyCheck(**known)

    @staticmethod
    def presets():
        """The names of the compiled-in presets, e.g. ["cn-national-2022", ...]."""
        return json.loads(_native.call_string(_native.require("xf_policy_presets")))

    @staticmethod
    def preset_source(name):
        """A preset's JSON source as compiled in (with its comments): the start of a local policy."""
        return _native.call_string(_native.require("xf_policy_preset_source"), _native.text(name, "name"))

    def _text(self):
        return _blank_leading_comments(_native.text(self.source, "policy"))

    def _reraise(self, error):
        """The library's error, its message prefixed with the file it came from."""
        if self.path is None:
            return error
        return type(error)("%s: %s" % (self.path, error.message), error.status, error.status_name)

    def __repr__(self):
        if self.origin:
            return "Policy(%r)" % self.origin
        return "Policy(%r)" % (self.source[:40] + "..." if len(self.source) > 40 else self.source)


def _blank_leading_comments(text):
    """The library takes a policy for JSON when its first character after white space is "{", and
    for a preset name otherwise; a file that opens with a comment, as the presets do, would be
    taken for a name. The leading comments are overwritten with spaces, byte for byte and with
    their line breaks kept, so that the line and column of any error stay those of the file."""
    blanked = bytearray(text)
    position = 0
    while True:
        while position < len(blanked) and blanked[position] in b" \t\r\n":
            position += 1
        if blanked.startswith(b"//", position):
            end = blanked.find(b"\n", position)
            end = len(blanked) if end < 0 else end
        elif blanked.startswith(b"/*", position):
            end = blanked.find(b"*/", position + 2)
            if end < 0:
                return text  # an unclosed comment: the library's parser reports it
            end += 2
        else:
            return bytes(blanked) if position < len(blanked) and blanked[position : position + 1] == b"{" else text
        for index in range(position, end):
            if blanked[index] not in b"\r\n":
                blanked[index] = 0x20
        position = end


def as_policy(value):
    """What Engine(policy=...) accepts, as a Policy (None stays None)."""
    if value is None or isinstance(value, Policy):
        return value
    if isinstance(value, dict):
        return Policy(value, "policy dict")
    if isinstance(value, (str, bytes)):
        return Policy(value)
    if isinstance(value, os.PathLike):
        return Policy.from_file(value)
    raise TypeError("policy must be a preset name, JSON text, a dict or a Policy, not %s" % type(value).__name__)

