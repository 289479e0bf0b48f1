"""What the engine returns, as dataclasses.

The library answers in JSON; these classes give the fields a script reads most a name and a
Python type (times as aware datetimes in UTC, days as datetime.date) and keep the whole
document in ``data`` for the rest. Nested documents (events, a case's state) stay dicts with
the library's ISO 8601 strings.
"""

import datetime as _dt
from dataclasses import dataclass, field, fields, replace
from typing import Any, Dict, List, Optional

from . import _time


def _build(cls, data, times=(), days=()):
    values = {}
    for item in fields(cls):
        if item.name == "data":
            values["data"] = data
        elif item.name in data:
            value = data[item.name]
            if item.name in times:
                value = _time.parse_iso(value)
            elif item.name in days:
                value = _time.parse_day(value)
            values[item.name] = value
    return cls(**values)


@dataclass(frozen=True)
class CommandResult:
    """What a command did: the case's number, version and status after it, and its events."""

    number: str
    version: int
    status: str
    #: The events appended, as the library gives them ({"type", "at", "actor", "payload"}); a
    #: replayed intake and the results of a batch have none.
    events: List[dict] = field(default_factory=list)
    #: Intake only: the query code (查询码) to give the petitioner; only its hash is kept.
    query_code: Optional[str] = None
    #: Intake only: True when the idempotency key had been seen and the first case is returned.
    replayed: bool = False

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)

    @property
    def event_types(self):
        """The types of the events appended, e.g. ["accepted"]."""
        return [event.get("type") for event in self.events]


@dataclass(frozen=True)
class CaseSummary:
    """One line of a list."""

    number: str
    status: str
    version: int
    organisation: str = ""
    unit: str = ""
    handler: str = ""
    type: str = ""
    category: str = ""
    region: str = ""
    channel: str = ""
    subject: str = ""
    received_at: Optional[_dt.datetime] = None
    registered_at: Optional[_dt.datetime] = None
    key_case: bool = False
    repeat: bool = False
    confidential: bool = False

    @classmethod
    def from_json(cls, data):
        return _build(cls, data, times=("received_at", "registered_at"))


@dataclass(frozen=True)
class CaseList:
    """A page of a list: ``cases`` (newest first) and ``total``, every case the filter matches
    whatever the limit and offset. Iterating goes over ``cases``."""

    cases: List[CaseSummary]
    total: int

    def __iter__(self):
        return iter(self.cases)

    @property
    def numbers(self):
        return [case.number for case in self.cases]


@dataclass(frozen=True)
class ClockReport:
    """One clock of a case, evaluated at the engine's time (docs/deadlines.md)."""

    #: The clock's id in the policy, e.g. "handling".
    clock: str
    name: str = ""
    article: str = ""
    #: "not_started", "running", "paused", "met", "breached", ... (docs/deadlines.md).
    status: str = ""
    #: The period unit: "statutory_days", "working_days", "hours", ...
    unit: str = ""
    limit: Optional[int] = None
    #: Which run of the clock this is (0: not started).
    run: int = 0
    started_at: Optional[_dt.datetime] = None
    stopped_at: Optional[_dt.datetime] = None
    #: 24:00 local of the last day, as an instant in UTC (None before the clock starts).
    deadline: Optional[_dt.datetime] = None
    #: When the next escalation step falls due, if one is pending.
    next_due: Optional[_dt.datetime] = None
    late_by_seconds: int = 0
    #: The count as a sentence (in Chinese, as an office writes it).
    explanation: str = ""
    #: The whole report as the library gives it (extensions, pauses, ladder, ...).
    data: Dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data):
        report = _build(cls, data, times=("deadline", "next_due"))
        started = (data.get("start") or {}).get("at")
        stopped = (data.get("stopped") or {}).get("at")
        return replace(report, started_at=_time.parse_iso(started), stopped_at=_time.parse_iso(stopped))

    def last_day(self, zone=_time.SHANGHAI):
        """The last day of the period, in `zone` (the policy's time zone; Asia/Shanghai by default):
        the deadline is 24:00 of it, so it is the day before the deadline's local date."""
        if self.deadline is None:
            return None
        return (self.deadline.astimezone(zone) - _dt.timedelta(microseconds=1)).date()


@dataclass(frozen=True)
class VerifyReport:
    """What verify() found. A damaged database is a finding (``ok`` False), not an exception."""

    ok: bool
    cases: int = 0
    events: int = 0
    directory_changes: int = 0
    #: The first problem found: {"case", "sequence", "message"}; None when ok.
    problem: Optional[dict] = None

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)

    def __bool__(self):
        return self.ok


@dataclass(frozen=True)
class SweepResult:
    """What a sweep fired: each step once, with its notifications."""

    #: [{"number", "clock", "step", "action", "event", "run", "due_at", "swept_at", "version",
    #: "notifications"}...] as the library gives them.
    fired: List[dict]
    cases: int = 0
    transactions: int = 0
    #: True when max_cases stopped the sweep before every due case was done.
    more_due: bool = False

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)


@dataclass(frozen=True)
class Notification:
    """A notification of the outbox (a reminder, a supervision notice, an escalation)."""

    id: int
    number: str
    event_sequence: int = 0
    kind: str = ""
    recipient_kind: str = ""
    recipient: str = ""
    parameters: Dict[str, Any] = field(default_factory=dict)
    due_at: Optional[_dt.datetime] = None
    created_at: Optional[_dt.datetime] = None
    leased_until: Optional[_dt.datetime] = None
    attempts: int = 0
    acknowledged_at: Optional[_dt.datetime] = None

    @classmethod
    def from_json(cls, data):
        return _build(cls, data, times=("due_at", "created_at", "leased_until", "acknowledged_at"))


@dataclass(frozen=True)
class StaffMember:
    """A person of the staff directory. ``unit`` is "" for an account outside the units (a portal)."""

    id: str
    name: str
    organisation: str
    roles: List[str]
    unit: str = ""
    active: bool = True

    @classmethod
    def from_json(cls, data):
        return _build(cls, data)

    def to_json(self):
        document = {"id": self.id, "name": self.name, "organisation": self.organisation, "roles": list(self.roles)}
        if self.unit:
            document["unit"] = self.unit
        document["active"] = self.active
        return document
