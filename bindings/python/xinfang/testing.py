"""Helpers for testing workflow policy: a fresh engine on a manual clock, cases driven by
commands, and assertions on their state and deadlines; and the scenario files of
docs/policy-testing.md, run as they are by ``xinfang policy test`` (:func:`run_scenarios`) or as
unittest cases (:func:`scenario_tests`).

A policy author writes::

    from xinfang.testing import PolicyTestCase, staff

    class DistrictPolicy(PolicyTestCase):
        policy = xinfang.Policy.from_file("dongqu.json")
        staff = [staff("r-li", "registrar", unit="petition_office"), ...]

        def test_claims_are_handled_in_30_days(self):
            case = self.intake("r-li")
            case.steps(("2025-03-04 10:00", "accept", "d-wang"))
            case.assert_last_day("handling", "2025-04-03")

Strings given as times here ("2025-03-04 10:00") are read in the sandbox's zone, Asia/Shanghai
unless told otherwise; a string with an offset, or an aware datetime, is taken as it is. A naive
datetime object is refused, as everywhere in xinfang.
"""

import ctypes
import datetime as _dt
import json
import os
import shutil
import tempfile
import unittest

from . import _native, _time
from .clock import ManualClock
from .engine import Engine
from .errors import Error
from .results import StaffMember

#: Monday 2025-03-03 09:00 in Beijing: a plain working week, far from any holiday.
DEFAULT_START = _dt.datetime(2025, 3, 3, 9, 0, tzinfo=_time.SHANGHAI)


def staff(id, roles, unit="", organisation="city", name=None, active=True):
    """A :class:`StaffMember` in one line: ``staff("d-wang", "dispatcher", unit="petition_office")``."""
    if isinstance(roles, str):
        roles = [roles]
    return StaffMember(id=id, name=name or id, organisation=organisation, roles=list(roles), unit=unit, active=active)


def petition(**fields):
    """Intake arguments valid under the national presets, with `fields` replacing the defaults: a
    social-assistance claim by letter from one petitioner. received_at is left to the engine (its
    clock's time) unless given."""
    document = {
        "channel": "letter",
        "type": "claim",
        "category": "social_assistance",
        "region": "central",
        "subject": "低保金未按时发放",
        "content": "自去年十二月起未收到最低生活保障金。",
        "petitioners": [{"name": "张三", "phone": "13800000000"}],
    }
    document.update(fields)
    return document


class Sandbox:
    """A fresh database in a temporary directory, opened under a policy with a manual clock and
    a seeded random stream, with the staff a test needs. Close it (or use ``with``) to remove it.

    Attributes: engine, clock (the :class:`ManualClock`), zone (for times given as strings).
    """

    def __init__(
        self, policy="cn-national-2022", start=DEFAULT_START, staff=(), *, seed=1, calendar=None, zone=_time.SHANGHAI
    ):
        self.zone = zone
        self.clock = ManualClock(self.time(start))
        self.directory = tempfile.mkdtemp(prefix="xinfang-test-")
        try:
            self.engine = Engine(
                os.path.join(self.directory, "cases.db"), policy, clock=self.clock, seed=seed, calendar=calendar
            )
            for member in staff:
                self.engine.put_staff("test-setup", member)
        except BaseException:
            shutil.rmtree(self.directory, ignore_errors=True)
            raise

    def close(self):
        self.engine.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- time ----

    def time(self, when):
        """An instant from an aware datetime, or a string ("2025-03-04 10:00", zone: self.zone)."""
        if isinstance(when, str):
            parsed = _dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=self.zone)
        return _time.require_aware(when, "when")

    @property
    def now(self):
        return self.clock.now()

    def at(self, when):
        """Sets the clock (see :meth:`time`)."""
        self.clock.set(self.time(when))

    def advance(self, delta=None, **units):
        """Moves the clock forward: ``advance(days=30)``."""
        self.clock.advance(delta, **units)

    # ---- cases ----

    def intake(self, actor, petition_fields=None, *, idempotency_key=None, **fields):
        """Registers a petition (:func:`petition` defaults, updated with the given fields) and
        returns its :class:`Case`."""
        document = petition(**dict(petition_fields or {}, **fields))
        result = self.engine.intake(actor, document, idempotency_key=idempotency_key)
        return Case(self, result.number, result.query_code, result)

    def case(self, number):
        """A :class:`Case` for a number registered earlier."""
        return Case(self, number)


class Case:
    """One case of a sandbox: run commands on it and assert on what it became."""

    def __init__(self, sandbox, number, query_code=None, last=None):
        self.sandbox = sandbox
        self.engine = sandbox.engine
        self.number = number
        self.query_code = query_code
        #: The CommandResult of the last command run through this object.
        self.last = last

    def __repr__(self):
        return "<Case %s>" % self.number

    # ---- driving ----

    def run(self, command, actor, args=None, *, expected_version=0, **fields):
        """Runs a command now: ``case.run("reply", "h-zhao", outcome="supported", text="...")``."""
        arguments = dict(args or {}, **fields)
        self.last = self.engine.run(self.number, actor, command, arguments, expected_version)
        return self.last

    def steps(self, *steps):
        """Runs commands in order, each a tuple (when, command, actor[, args]): `when` is None
        (the clock as it is), a timedelta (advance by it) or a time (set the clock to it).
        Returns the last result; a refused step raises, naming the step."""
        for index, step in enumerate(steps):
            if not 3 <= len(step) <= 4:
                raise TypeError("step %d must be (when, command, actor[, args]), not %r" % (index, step))
            when, command, actor = step[:3]
            if isinstance(when, _dt.timedelta):
                self.sandbox.advance(when)
            elif when is not None:
                self.sandbox.at(when)
            try:
                self.run(command, actor, step[3] if len(step) == 4 else None)
            except Error as error:
                raise type(error)(
                    "step %d (%s by %s at %s): %s"
                    % (index, command, actor, self.sandbox.now.isoformat(), error.message),
                    error.status,
                    error.status_name,
                ) from error
        return self.last

    def refuses(self, error_class, command, actor, args=None, **fields):
        """Asserts that the command is refused with `error_class` and changes nothing (the case's
        version and log stay as they were); returns the exception for further checks."""
        before = self.engine.get(self.number)
        try:
            self.run(command, actor, args, **fields)
        except error_class as error:
            after = self.engine.get(self.number)
            if after != before:
                raise AssertionError("%s: %s was refused but the case changed" % (self.number, command)) from None
            return error
        except Error as error:
            raise AssertionError(
                "%s: %s by %s raised %s (%s), not %s"
                % (self.number, command, actor, type(error).__name__, error.message, error_class.__name__)
            ) from error
        raise AssertionError("%s: %s by %s was not refused (status %s)" % (self.number, command, actor, self.status))

    # ---- reading ----

    @property
    def record(self):
        """{"case": {...}, "events": [...]}, unredacted."""
        return self.engine.get(self.number)

    @property
    def state(self):
        return self.record["case"]

    @property
    def status(self):
        return self.state["status"]

    @property
    def version(self):
        return self.state["version"]

    @property
    def event_types(self):
        """The types of every event of the log, oldest first."""
        return [event["type"] for event in self.record["events"]]

    def clocks(self):
        """The case's clocks at the engine's time, by clock id."""
        return {report.clock: report for report in self.engine.clocks(self.number)}

    def clock(self, name):
        reports = self.clocks()
        if name not in reports:
            raise AssertionError("%s has no clock %r; it has %s" % (self.number, name, sorted(reports) or "none"))
        return reports[name]

    def deadline(self, clock):
        """The clock's deadline, an aware datetime in UTC."""
        return self.clock(clock).deadline

    def last_day(self, clock):
        """The last day of the clock's period in the sandbox's zone (the deadline is 24:00 of it)."""
        return self.clock(clock).last_day(self.sandbox.zone)

    def explain(self):
        return self.engine.explain(self.number)

    # ---- assertions ----

    def assert_status(self, expected):
        status = self.status
        if status != expected:
            raise AssertionError("%s: status is %s, expected %s" % (self.number, status, expected))

    def assert_last_day(self, clock, expected):
        """Asserts the last day of a clock's period (a date or "YYYY-MM-DD"); the message carries the
        library's explanation of the count."""
        expected = _time.to_date(expected, "expected")
        report = self.clock(clock)
        actual = report.last_day(self.sandbox.zone)
        if actual != expected:
            raise AssertionError(
                "%s: clock %s ends on %s, expected %s; %s" % (self.number, clock, actual, expected, report.explanation)
            )

    def assert_clock_status(self, clock, expected):
        report = self.clock(clock)
        if report.status != expected:
            raise AssertionError(
                "%s: clock %s is %s, expected %s; %s"
                % (self.number, clock, report.status, expected, report.explanation)
            )

    def assert_events(self, *expected):
        """Asserts that the log ends with these event types, in order."""
        actual = self.event_types
        if actual[-len(expected) :] != list(expected):
            raise AssertionError("%s: the log ends %s, expected it to end %s" % (self.number, actual, list(expected)))


class PolicyTestCase(unittest.TestCase):
    """A unittest.TestCase with a fresh :class:`Sandbox` for every test.

    Class attributes: policy (a preset name, JSON, a dict or a :class:`xinfang.Policy`), start
    (an aware datetime), staff (a list of :class:`xinfang.StaffMember` or dicts), seed, calendar,
    zone. In each test: self.sandbox, self.engine, self.clock, self.intake(), self.at(),
    self.advance(), self.assertRefused().
    """

    policy = "cn-national-2022"
    start = DEFAULT_START
    staff = ()
    seed = 1
    calendar = None
    zone = _time.SHANGHAI

    def setUp(self):
        super().setUp()
        self.sandbox = Sandbox(
            self.policy, self.start, self.staff, seed=self.seed, calendar=self.calendar, zone=self.zone
        )
        self.addCleanup(self.sandbox.close)
        self.engine = self.sandbox.engine
        self.clock = self.sandbox.clock

    def intake(self, actor, petition_fields=None, **fields):
        return self.sandbox.intake(actor, petition_fields, **fields)

    def at(self, when):
        self.sandbox.at(when)

    def advance(self, delta=None, **units):
        self.sandbox.advance(delta, **units)

    def assertRefused(self, error_class, case, command, actor, args=None, **fields):
        """Asserts that `command` is refused on `case` with `error_class` and changes nothing."""
        return case.refuses(error_class, command, actor, args, **fields)


# ---- scenario files (docs/policy-testing.md) ----

REPORT_FORMATS = {"json": 0, "text": 1, "junit": 2}


def run_scenarios(source, *, name=None, base_directory=None, format="json"):
    """Runs the scenarios of a scenario file (a path) or document (str, bytes or dict), each on
    its own in-memory database with a manual clock, as ``xinfang policy test`` does.

    A path's {"file": NAME} references are read from its directory; a document's from
    `base_directory` (None refuses them). Returns the report: for ``format="json"`` a dict
    ``{"passed", "scenarios", "failed", "invalid", "files": [{"file", "passed", "scenarios":
    [{"name", "outcome", "mismatches": [...], ...}]}]}``; for "text" or "junit" the text. A failing
    or invalid scenario is in the report, not raised."""
    if format not in REPORT_FORMATS:
        raise ValueError("format must be one of %s, not %r" % (", ".join(REPORT_FORMATS), format))
    if isinstance(source, dict):
        text = json.dumps(source, ensure_ascii=False).encode("utf-8")
    elif isinstance(source, (str, bytes)) and _looks_like_document(source):
        text = source
    else:
        path = os.fspath(source)
        with open(path, "rb") as document:
            text = document.read()
        name = path if name is None else name
        if base_directory is None:
            base_directory = os.path.dirname(os.path.abspath(path))
    passed = ctypes.c_int(0)
    report = _native.call_string(
        _native.require("xf_policy_test"),
        _native.text(text, "scenarios"),
        _native.text(name, "name"),
        _native.text(None if base_directory is None else os.fspath(base_directory), "base_directory"),
        REPORT_FORMATS[format],
        ctypes.byref(passed),
    )
    return json.loads(report) if format == "json" else report


def _looks_like_document(source):
    stripped = source.lstrip()
    return stripped[:1] in ("{", b"{") or stripped[:2] in ("//", b"//", "/*", b"/*")


def mismatch_text(scenario):
    """A scenario's report (a dict of run_scenarios()) as the text report writes it under a FAIL:
    each mismatch as its step, path, "- expected" and "+ actual"; an invalid one's reason."""
    if scenario["outcome"] == "invalid":
        return "%s: %s" % (scenario.get("error_code", ""), scenario.get("error", ""))
    lines = []
    for mismatch in scenario["mismatches"]:
        lines.append("step %d (%s, %s) %s" % (mismatch["step"], mismatch["when"], mismatch["action"], mismatch["path"]))
        lines.extend("  - " + line for line in mismatch["expected"].splitlines())
        lines.extend("  + " + line for line in mismatch["actual"].splitlines())
    if not scenario["mismatches"] and scenario.get("error"):
        lines.append(scenario["error"])
    return "\n".join(lines)


class ScenarioTestCase(unittest.TestCase):
    """One scenario of a file, as a unittest case: it fails with the scenario's diff."""

    def __init__(self, file, scenario):
        super().__init__("run_scenario")
        self.file = file
        self.scenario = scenario

    def id(self):
        return "%s: %s" % (self.file, self.scenario["name"])

    def __str__(self):
        return self.id()

    def shortDescription(self):
        return None

    def run_scenario(self):
        if self.scenario["outcome"] != "passed":
            self.fail("%s scenario\n%s" % (self.scenario["outcome"], mismatch_text(self.scenario)))


def scenario_tests(*paths):
    """A unittest suite with one case per scenario of the files: put it in ``load_tests``::

        def load_tests(loader, tests, pattern):
            tests.addTests(xinfang.testing.scenario_tests("district.scenarios.json"))
            return tests

    The files run when the suite is built; a file that cannot be read at all is one failing case."""
    suite = unittest.TestSuite()
    for path in paths:
        report = run_scenarios(path)
        for file in report["files"]:
            if "error" in file and not file["scenarios"]:
                broken = {"name": "(file)", "outcome": "invalid", "mismatches": [],
                          "error_code": file["error_code"], "error": file["error"]}
                suite.addTest(ScenarioTestCase(file["file"], broken))
            for scenario in file["scenarios"]:
                suite.addTest(ScenarioTestCase(file["file"], scenario))
    return suite
