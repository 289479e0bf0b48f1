"""The engine: cases on a database file, every command one transaction (docs/engine.md)."""

import ctypes
import json
import os
import threading

from . import _native, _time
from ._commands import Commands
from .calendar import Calendar
from .clock import ManualClock
from .errors import (
    BadHandle,
    CallbackError,
    InvalidArgument,
    InvalidData,
    InvalidUtf8,
    NotFound,
    ParseError,
    UnsupportedVersion,
)
from .policy import as_policy
from .results import (
    CaseList,
    CaseSummary,
    ClockReport,
    CommandResult,
    Notification,
    StaffMember,
    SweepResult,
    VerifyReport,
)

_DURABILITY = {"normal": 0, "full": 1}
_HASH = {"sha256": 0, "sm3": 1}
_BULLETIN_FORMATS = ("json", "markdown", "html", "csv")
_DOSSIER_FORMATS = ("xml", "text", "binary")
_IMPORT_MODES = ("take_over", "archive")


class Engine(Commands):
    """A database of cases opened under a policy.

    >>> with xinfang.Engine("cases.db", policy="cn-national-2022") as engine:
    ...     made = engine.intake("r-li", petition)

    Arguments (keyword-only after `policy`) mirror ``xf_engine_options``:

    - database: the file (created with the policy unless ``create=False``).
    - policy: a preset name, policy JSON text, a dict, or :class:`xinfang.Policy`; None for the
      policy in force. A different policy for an existing file is installed as the one in force.
    - installer: who installs a new policy (recorded; default "system").
    - durability: "normal" (a commit survives a crash of the process) or "full" (a power cut too).
    - hash: "sha256" or "sm3", the audit chain's hash for a new file.
    - create: False if the file must exist.
    - busy_timeout_ms: how long to wait for another process's write lock.
    - clock: None for the system clock; a :class:`xinfang.ManualClock`; or a callable returning
      an aware datetime, asked whenever the engine needs the time.
    - seed: None for cryptographic query codes; an int for a reproducible stream (tests only:
      codes become guessable).
    - calendar: a :class:`xinfang.Calendar` to count deadlines on (default: the national one).
    - parallel_batches: False to keep :meth:`intake_batch` on the calling thread.

    One Engine may be used from several threads: its calls run one after another. For parallel
    work open one per thread; any number of engines, in any number of processes, may open one
    file. Close it (or use ``with``) to release the file.
    """

    def __init__(
        self,
        database,
        policy=None,
        *,
        installer=None,
        durability="normal",
        hash="sha256",
        create=True,
        busy_timeout_ms=30000,
        clock=None,
        seed=None,
        calendar=None,
        parallel_batches=True,
    ):
        self._handle = None
        self._lock = threading.Lock()
        self._callback = None
        self._callback_failures = []  # the clock callback's exception, for the error it causes
        self._manual_clock = None
        self.database = os.fspath(database)
        policy = as_policy(policy)

        options, library_size = _native.new_options()
        options.database = _native.text(self.database, "database")
        options.policy = policy._text() if policy is not None else None
        options.installer = _native.text(installer, "installer")
        options.durability = _choice(durability, _DURABILITY, "durability")
        options.hash = _choice(hash, _HASH, "hash")
        options.create = 1 if create else 0
        options.busy_timeout_ms = busy_timeout_ms
        options.parallel_batches = 1 if parallel_batches else 0
        if seed is not None:
            if not isinstance(seed, int) or not 0 <= seed < 2**64:
                raise InvalidArgument("seed must be an int in 0..2**64-1, not %r" % (seed,))
            options.seeded_random, options.random_seed = 1, seed
        if calendar is not None:
            if not isinstance(calendar, Calendar):
                raise TypeError("calendar must be a xinfang.Calendar, not %s" % type(calendar).__name__)
            _require_field(library_size, "calendar")
            options.calendar = calendar._live()
        if isinstance(clock, ManualClock):
            options.manual_clock, options.manual_time = 1, clock._attach(self)
            self._manual_clock = clock
        elif callable(clock):
            _require_field(library_size, "clock_callback")
            self._callback = _native.ClockCallback(_clock_callback(clock, self._callback_failures))
            options.clock_callback = self._callback
        elif clock is not None:
            raise TypeError("clock must be None, a xinfang.ManualClock or a callable, not %s" % type(clock).__name__)

        out = ctypes.c_void_p()
        status = _native.lib.xf_engine_open(ctypes.byref(options), ctypes.byref(out))
        if status != 0:
            try:
                self._raise(status)
            except (InvalidUtf8, ParseError, InvalidData, NotFound) as error:
                # Most likely the policy's fault: name the file it came from.
                raise (policy._reraise(error) if policy is not None else error) from None
        self._handle = out.value

    # ---- life ----

    def close(self):
        """Closes the database (idempotent). Calls on a closed engine raise BadHandle."""
        with self._lock:
            handle, self._handle = self._handle, None
        if handle:
            _native.check(_native.lib.xf_engine_close(handle))

    @property
    def closed(self):
        return not self._handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None) and _native is not None and _native.lib is not None:
            _native.lib.xf_engine_close(self._handle)
            self._handle = None

    def __repr__(self):
        return "<xinfang.Engine %r%s>" % (self.database, " closed" if self.closed else "")

    # ---- time, policy, calendar ----

    def now(self):
        """The engine's time (its clock read now), an aware datetime in UTC."""
        out = ctypes.c_int64()
        self._call("xf_engine_now", ctypes.byref(out))
        return _time.from_seconds(out.value)

    def _set_time(self, seconds):
        with self._lock:
            if self._handle:
                status = _native.lib.xf_engine_set_time(self._handle, seconds)
                if status != 0:
                    _native.raise_last(status)

    def policy(self):
        """The policy in force: {"name", "version", "title", "calendar", "document": {...}}."""
        return self._json("xf_engine_policy")

    def calendar(self):
        """The calendar the engine counts on (a new :class:`xinfang.Calendar`)."""
        out = ctypes.c_void_p()
        self._call("xf_engine_calendar", ctypes.byref(out))
        return Calendar(out.value)

    # ---- intake and commands ----

    def intake(self, actor, petition=None, *, idempotency_key=None, **fields):
        """Registers a petition. `petition` is the intake arguments as a dict (docs/lifecycle.md:
        channel, type, category, subject, content, petitioners, received_at, ...); keyword
        arguments add to or replace its keys. An aware datetime for received_at is fine.

        A retry with the same idempotency key and content returns the first case with
        ``replayed`` True; the same key with other content raises Conflict.
        """
        document = dict(petition or {})
        document.update(fields)
        result = self._json(
            "xf_engine_intake",
            _native.text(actor, "actor"),
            _dumps(document, "petition"),
            _native.text(idempotency_key, "idempotency_key"),
        )
        return CommandResult.from_json(result)

    def intake_batch(self, actor, petitions):
        """Registers many petitions in one transaction: all or none. Each item is a petition dict,
        or a pair (petition, idempotency_key). An error's message starts with "petition N:"
        (0-based). The results carry no events."""
        items = []
        for index, item in enumerate(petitions):
            if isinstance(item, tuple):
                petition, key = item
                entry = {"petition": petition}
                if key:
                    entry["idempotency_key"] = key
            elif isinstance(item, dict):
                entry = {"petition": item}
            else:
                raise TypeError("petitions[%d] must be a dict or a (petition, key) pair" % index)
            items.append(entry)
        results = self._json("xf_engine_intake_batch", _native.text(actor, "actor"), _dumps(items, "petitions"))
        return [CommandResult.from_json(result) for result in results]

    def run(self, number, actor, command, args=None, expected_version=0):
        """Runs any command but intake on a case (docs/lifecycle.md has each one's arguments).
        `expected_version` is the version the caller last saw (0: no check); another version now
        raises Conflict."""
        result = self._json(
            "xf_engine_run",
            _native.text(number, "number"),
            _native.text(actor, "actor"),
            _native.text(command, "command"),
            None if args is None else _dumps(args, "args"),
            expected_version,
        )
        return CommandResult.from_json(result)

    # ---- queries ----

    def get(self, number):
        """The whole record, unredacted, for the host's own use: {"case": {...}, "events": [...]}."""
        return self._json("xf_engine_get", _native.text(number, "number"), None)

    def view(self, number, reader):
        """The case as staff member `reader` may see it (a confidential petitioner's identity is
        removed for a reader without the role)."""
        return self._json("xf_engine_get", _native.text(number, "number"), _native.text(reader, "reader"))

    def lookup(self, number, query_code):
        """The petitioner's own view (查询); a wrong code raises NotFound, like a wrong number."""
        return self._json("xf_engine_lookup", _native.text(number, "number"), _native.text(query_code, "query_code"))

    def list(self, **filter):
        """Cases newest first, as a :class:`CaseList`. Filter keywords: status (a name or a list),
        organisation, unit, handler, type, category, region, channel, received_from, received_to,
        deadline_from, deadline_to (aware datetimes), key_case, repeat, open (booleans), text,
        limit (default 100), offset. An unknown keyword raises InvalidData."""
        data = self._json("xf_engine_list", _filter(filter))
        return CaseList([CaseSummary.from_json(case) for case in data["cases"]], data["total"])

    def count(self, **filter):
        """How many cases match (the keywords of :meth:`list`; limit and offset are ignored)."""
        out = ctypes.c_int64()
        self._call("xf_engine_count", _filter(filter), ctypes.byref(out))
        return out.value

    def verify(self):
        """Walks every hash chain: a :class:`VerifyReport` (a broken chain is ``ok`` False)."""
        return VerifyReport.from_json(self._json("xf_engine_verify"))

    # ---- clocks, sweep, outbox ----

    def clocks(self, number):
        """Every clock of the case at the engine's time, as :class:`ClockReport` objects."""
        data = self._json("xf_engine_clocks", _native.text(number, "number"))
        return [ClockReport.from_json(clock) for clock in data["clocks"]]

    def explain(self, number):
        """Why each clock stands where it does, as text (a paragraph per clock)."""
        return self._string("xf_engine_explain", _native.text(number, "number"))

    def sweep(self, cases_per_transaction=200, max_cases=0):
        """Fires every escalation step due at the engine's time, each once (run it from a timer)."""
        return SweepResult.from_json(self._json("xf_engine_sweep", cases_per_transaction, max_cases))

    def poll_outbox(self, limit=100, lease_seconds=300):
        """Hands out notifications not yet acknowledged whose lease has run out, and leases them."""
        data = self._json("xf_engine_outbox_poll", limit, lease_seconds)
        return [Notification.from_json(item) for item in data["notifications"]]

    def acknowledge(self, notification_id):
        """Marks a notification delivered (again: no change). NotFound for an unknown id."""
        if isinstance(notification_id, Notification):
            notification_id = notification_id.id
        self._call("xf_engine_outbox_ack", notification_id)

    def notifications(self, number):
        """Every notification of a case, acknowledged or not, oldest first."""
        data = self._json("xf_engine_notifications", _native.text(number, "number"))
        return [Notification.from_json(item) for item in data["notifications"]]

    # ---- indicators and reports ----

    def indicators(self, period):
        """The indicators of a period ("2025-W10", "2025-03", "2025-Q1", "2025", a "first..last"
        string or a (first, last) pair of dates), as a dict."""
        return self._json("xf_engine_indicators", _period(period))

    def case_score(self, number):
        """What one case counts for, with its own ratios, as a dict."""
        return self._json("xf_engine_case_score", _native.text(number, "number"))

    def bulletin(self, period, format="json", *, overdue_limit=None, flagged_limit=None):
        """The bulletin (通报) of a period: a dict for "json", text for "markdown" and "html",
        {file name: CSV text} for "csv"."""
        if format not in _BULLETIN_FORMATS:
            raise InvalidArgument("format must be one of %s, not %r" % (", ".join(_BULLETIN_FORMATS), format))
        options = {}
        if overdue_limit is not None:
            options["overdue_limit"] = overdue_limit
        if flagged_limit is not None:
            options["flagged_limit"] = flagged_limit
        text = self._string(
            "xf_engine_bulletin", _period(period), format.encode(), _dumps(options, "options") if options else None
        )
        return json.loads(text) if format in ("json", "csv") else text

    def simulate(self, policy, format="json", *, until=None, start=None, list_limit=None):
        """What-if: what another policy (a :class:`Policy`, a preset name, JSON text or a dict)
        would have done to every case of the file, which is only read: new and avoided breaches,
        moved deadlines, escalation steps added and removed, and the indicators, in total and by
        unit (docs/policy-testing.md). `until` (default: the engine's time) ends the replay;
        `start` begins the indicators' period (default: the first case). A dict for "json", text
        for "markdown"."""
        if format not in ("json", "markdown"):
            raise InvalidArgument("format must be json or markdown, not %r" % (format,))
        options = {}
        if until is not None:
            options["until"] = _time.to_iso(until, "until")
        if start is not None:
            options["from"] = _time.to_iso(start, "start")
        if list_limit is not None:
            options["list_limit"] = list_limit
        other = as_policy(policy)
        text = self._string(
            "xf_engine_simulate", other._text(), format.encode(), _dumps(options, "options") if options else None
        )
        return json.loads(text) if format == "json" else text

    # ---- dossiers ----

    def export_case(self, number, actor, format="xml"):
        """Exports one case as a dossier (案卷, docs/dossiers.md): the archive's bytes, for
        another organisation's :meth:`import_dossier` or for the record.

        `format` is "xml" (portable, readable), "text" (portable) or "binary" (compact, for
        machines of the same byte order; it holds NUL bytes). The export is an event of the
        case: ``exported`` is appended to it, and the dossier ends with it. For a 检举控告 case
        and an actor without the policy's confidential-reader role the dossier is redacted: the
        petitioner's identity is absent, and such a dossier can be checked
        (:func:`xinfang.check_dossier`) but not imported. Raises NotFound for an unknown case,
        Forbidden for an actor not in the directory.
        """
        return self._bytes(
            "xf_engine_export_case",
            _native.text(actor, "actor"),
            _native.text(number, "number"),
            _dossier_format(format),
        )

    def export_concluded(self, period, actor, format="xml"):
        """Exports every case concluded in a period (closed by an event on the period's local
        days: archived, not accepted, forwarded, withdrawn, merged, concluded after re-review)
        to one dossier for long-term storage, each with its ``exported`` event. The period is
        written as for :meth:`indicators`; a period without such a case gives a dossier with no
        case. Returns the archive's bytes; `format` as for :meth:`export_case`.
        """
        return self._bytes(
            "xf_engine_export_concluded", _native.text(actor, "actor"), _period(period), _dossier_format(format)
        )

    def import_dossier(self, data, actor, mode="take_over"):
        """Imports a dossier (bytes, of any form): every case's chain is checked before anything
        is written, then each case is written with its history as it came, a local number and a
        ``dossier_received`` event linking it to its origin, all in one transaction.

        `mode` "take_over" (the default) registers an open or forwarded case at `actor`'s
        organisation as a petition received now; "archive" keeps a closed case as it was, for
        the record. Returns ``{"cases": [{"origin_number", "number", "events", "created"}, ...]}``;
        the same dossier imported again writes nothing and gives ``created`` False.

        Raises ParseError (not a dossier, damaged, truncated), UnsupportedVersion (written by a
        newer xinfang), IntegrityError (a chain that does not hold: an event changed, removed or
        added), InvalidData (a redacted dossier), InvalidState (an open case to archive, a closed
        one to take over), AlreadyExists (the case is here already at another point of its
        history, or is this file's own), Forbidden; on any of them nothing is written.
        """
        data = _native.archive(data)
        if mode not in _IMPORT_MODES:
            raise InvalidArgument("mode must be one of %s, not %r" % (", ".join(_IMPORT_MODES), mode))
        return self._json(
            "xf_engine_import_dossier",
            _native.text(actor, "actor"),
            data,
            len(data),
            _dumps({"mode": mode}, "options"),
        )

    # ---- staff and roster ----

    def put_staff(self, actor, member=None, **fields):
        """Adds a person to the directory or replaces their record: a :class:`StaffMember`, a dict,
        or keywords id, name, organisation, unit, roles, active."""
        if isinstance(member, StaffMember):
            member = member.to_json()
        document = dict(member or {})
        document.update(fields)
        self._call("xf_engine_put_staff", _native.text(actor, "actor"), _dumps(document, "staff"))

    def deactivate_staff(self, actor, staff_id):
        """Marks a person inactive: they keep their history and can no longer act."""
        self._call("xf_engine_deactivate_staff", _native.text(actor, "actor"), _native.text(staff_id, "staff_id"))

    def staff(self, staff_id):
        """A person of the directory, or None."""
        try:
            return StaffMember.from_json(self._json("xf_engine_staff", _native.text(staff_id, "staff_id")))
        except NotFound:
            return None

    def list_staff(self, unit=None):
        """The people of a unit (or everyone), by id."""
        data = self._json("xf_engine_list_staff", _native.text(unit, "unit"))
        return [StaffMember.from_json(member) for member in data["staff"]]

    def set_roster(self, actor, day, unit, staff_ids):
        """Sets who is on duty (值班) in a unit on a day; route uses it to choose a handler."""
        if isinstance(staff_ids, str):
            raise TypeError("staff_ids must be a list of staff ids, not a str")
        self._call(
            "xf_engine_set_roster",
            _native.text(actor, "actor"),
            _time.to_xf_date(day),
            _native.text(unit, "unit"),
            _dumps(list(staff_ids), "staff_ids"),
        )

    def roster(self, day, unit):
        """Who is on duty in a unit on a day: a list of staff ids."""
        return self._json("xf_engine_roster", _time.to_xf_date(day), _native.text(unit, "unit"))["staff"]

    # ---- calling the library ----

    def _live(self):
        if not self._handle:
            raise BadHandle("the engine is closed", -15, "bad_handle")
        return self._handle

    def _call(self, name, *arguments):
        function = _native.require(name)
        with self._lock:
            status = function(self._live(), *arguments)
            if status != 0:
                self._raise(status)

    def _string(self, name, *arguments):
        function = _native.require(name)
        out = ctypes.c_void_p()
        with self._lock:
            status = function(self._live(), *arguments, ctypes.byref(out))
            if status != 0:
                _native.take_string(out)
                self._raise(status)
        return _native.take_string(out)

    def _bytes(self, name, *arguments):
        function = _native.require(name)
        out = ctypes.c_void_p()
        size = ctypes.c_size_t()
        with self._lock:
            status = function(self._live(), *arguments, ctypes.byref(out), ctypes.byref(size))
            if status != 0:
                _native.take_bytes(out, size.value)
                self._raise(status)
        return _native.take_bytes(out, size.value)

    def _json(self, name, *arguments):
        return json.loads(self._string(name, *arguments))

    def _raise(self, status):
        cause = self._callback_failures.pop() if self._callback_failures else None
        self._callback_failures.clear()
        if status == CallbackError.status and cause is not None:
            try:
                _native.raise_last(status)
            except CallbackError as error:
                raise error from cause
        _native.raise_last(status)


def _clock_callback(clock, failures):
    """The C callback over a Python clock. It holds no reference to the engine (no cycle), and
    keeps what the clock raised so that the CallbackError it causes can name it as its cause."""

    def read_clock(_payload, out):
        try:
            out[0] = _time.to_seconds(clock(), "the clock's time")
            return 0
        except BaseException as error:  # nothing may unwind into C
            failures.append(error)
            return 1

    return read_clock


def _choice(value, choices, name):
    if value not in choices:
        raise InvalidArgument("%s must be one of %s, not %r" % (name, ", ".join(choices), value))
    return choices[value]


def _require_field(library_size, field):
    if not _native.field_known(library_size, field):
        raise UnsupportedVersion(
            "libxinfang.so %s at %s does not take the option %s: install a newer library"
            % (_native.lib.xf_version().decode(), _native.library_path, field),
            -14,
            "unsupported_version",
        )


def _dumps(value, name):
    return _native.text(json.dumps(_time.jsonable(value, name), ensure_ascii=False), name)


def _filter(filter):
    return _dumps(filter, "filter") if filter else None


def _dossier_format(format):
    if format not in _DOSSIER_FORMATS:
        raise InvalidArgument("format must be one of %s, not %r" % (", ".join(_DOSSIER_FORMATS), format))
    return format.encode()


def _period(period):
    if isinstance(period, tuple) and len(period) == 2:
        first, last = (_time.to_date(day, "period") for day in period)
        period = "%s..%s" % (first.isoformat(), last.isoformat())
    return _native.text(period, "period")
