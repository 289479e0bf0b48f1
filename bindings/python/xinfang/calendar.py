"""Working-day calendars (docs/calendar.md): statutory holidays, make-up working days, periods."""

import ctypes
import json
import os
from dataclasses import dataclass
import datetime as _dt

from . import _native, _time
from .errors import BadHandle

_DAY_KINDS = ("workday", "weekend", "holiday", "makeup_workday")
_YEAR_STATUSES = ("unknown", "published", "estimated")


@dataclass(frozen=True)
class Day:
    """What kind of day a date is, and why."""

    date: _dt.date
    #: True for a working day (an ordinary one or a make-up working day).
    working: bool
    #: "workday", "weekend", "holiday" or "makeup_workday" (调休上班).
    kind: str
    #: The holiday's name (for a make-up day, the holiday it makes up for); "" for an ordinary day.
    name: str


class Calendar:
    """A working-day calendar: China's national one (2008-2026 compiled in), or a host's own.

    Immutable; any number of threads may query one at once. Dates are ``datetime.date`` (or
    ``"YYYY-MM-DD"``). A question about a year without a holiday table raises
    :class:`xinfang.CalendarRange` -- never a guess -- unless the year was allowed as a
    weekend-only estimate with :meth:`with_estimated_years`.
    """

    def __init__(self, _handle):
        if not isinstance(_handle, int) or not _handle:
            raise TypeError("use Calendar.national(), Calendar.from_json() or Calendar.from_file()")
        self._handle = _handle

    @classmethod
    def _take(cls, out):
        return cls(out.value)

    @classmethod
    def national(cls):
        """The compiled-in national calendar of China ("cn-national")."""
        out = ctypes.c_void_p()
        _native.check(_native.lib.xf_calendar_national(ctypes.byref(out)))
        return cls._take(out)

    @classmethod
    def from_json(cls, document, base=None):
        """A calendar from JSON text or a dict (docs/calendar.md), layered over `base` or the
        built-in calendar the document's "base" names."""
        if isinstance(document, dict):
            document = json.dumps(document, ensure_ascii=False)
        out = ctypes.c_void_p()
        base_handle = base._live() if base is not None else None
        _native.check(
            _native.lib.xf_calendar_load_json(_native.text(document, "calendar JSON"), base_handle, ctypes.byref(out))
        )
        return cls._take(out)

    @classmethod
    def from_file(cls, path, base=None):
        """A calendar from a JSON file."""
        with open(os.fspath(path), "rb") as source:
            return cls.from_json(source.read(), base)

    def with_estimated_years(self, first_year, last_year):
        """A copy in which the years first_year..last_year that have no table are estimated from
        the weekend alone (labelled "estimated", never taken for published data)."""
        out = ctypes.c_void_p()
        _native.check(
            _native.lib.xf_calendar_with_estimated_years(self._live(), first_year, last_year, ctypes.byref(out))
        )
        return Calendar._take(out)

    # ---- queries ----

    @property
    def name(self):
        out = ctypes.c_char_p()
        _native.check(_native.lib.xf_calendar_name(self._live(), ctypes.byref(out)))
        return out.value.decode("utf-8")

    def year_status(self, year):
        """ "published", "estimated" or "unknown" (no table: questions about it raise CalendarRange)."""
        out = ctypes.c_int()
        _native.check(_native.lib.xf_calendar_year_status(self._live(), year, ctypes.byref(out)))
        return _YEAR_STATUSES[out.value]

    def day(self, day):
        """What kind of day `day` is: a :class:`Day`."""
        working, kind, name = ctypes.c_int(), ctypes.c_int(), ctypes.c_char_p()
        when = _time.to_xf_date(day)
        outputs = (ctypes.byref(working), ctypes.byref(kind), ctypes.byref(name))
        _native.check(_native.lib.xf_calendar_day(self._live(), when, *outputs))
        return Day(_time.from_xf_date(when), bool(working.value), _DAY_KINDS[kind.value], name.value.decode("utf-8"))

    def is_workday(self, day):
        return self.day(day).working

    def next_workday(self, day):
        """The first working day after `day`."""
        return self._date_call("xf_calendar_next_workday", day)

    def previous_workday(self, day):
        """The last working day before `day`."""
        return self._date_call("xf_calendar_previous_workday", day)

    def add_days(self, day, days):
        """`day` plus `days` calendar days (needs no holiday table)."""
        return self._date_call("xf_calendar_add_days", day, days)

    def add_workdays(self, day, days):
        """The `days`-th working day after `day` (before it if negative); `day` is not counted."""
        return self._date_call("xf_calendar_add_workdays", day, days)

    def statutory_end(self, start, days):
        """The last day of a statutory period of `days` days from `start` (not counted), rolled
        forward to the next working day if it is not one."""
        return self._date_call("xf_calendar_statutory_end", start, days)

    def workdays_between(self, start, end):
        """Working days after `start` up to and including `end` (negative if end is before start)."""
        out = ctypes.c_int()
        _native.check(
            _native.lib.xf_calendar_workdays_between(
                self._live(), _time.to_xf_date(start, "start"), _time.to_xf_date(end, "end"), ctypes.byref(out)
            )
        )
        return out.value

    def end_of_day(self, day):
        """The end of local day `day` (24:00 in the calendar's time zone), an aware datetime in UTC."""
        out = ctypes.c_int64()
        _native.check(_native.lib.xf_calendar_end_of_day(self._live(), _time.to_xf_date(day), ctypes.byref(out)))
        return _time.from_seconds(out.value)

    def add_business_time(self, start, duration):
        """The instant at which `duration` (a timedelta, or seconds) of business time has passed
        after `start`. Needs a calendar with business hours (else InvalidArgument)."""
        if isinstance(duration, _dt.timedelta):
            duration = duration // _dt.timedelta(seconds=1)
        out = ctypes.c_int64()
        _native.check(
            _native.lib.xf_calendar_add_business_seconds(
                self._live(), _time.to_seconds(start, "start"), int(duration), ctypes.byref(out)
            )
        )
        return _time.from_seconds(out.value)

    def year(self, year):
        """The holidays and make-up working days of `year` as a dict: {"calendar", "year",
        "status", "source", "days": [{"date", "kind", "name", "source"}...]}."""
        return json.loads(_native.call_string(_native.lib.xf_calendar_year_json, self._live(), year))

    # ---- life ----

    def close(self):
        """Releases the handle now (also done when the object is collected). Idempotent."""
        handle, self._handle = self._handle, None
        if handle:
            _native.lib.xf_calendar_free(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None) and _native is not None and _native.lib is not None:
            self.close()

    def __repr__(self):
        return "<xinfang.Calendar %s>" % (repr(self.name) if self._handle else "closed")

    def _live(self):
        if not self._handle:
            raise BadHandle("the calendar is closed", -15, "bad_handle")
        return self._handle

    def _date_call(self, function, day, *numbers):
        out = _native.XfDate()
        _native.check(getattr(_native.lib, function)(self._live(), _time.to_xf_date(day), *numbers, ctypes.byref(out)))
        return _time.from_xf_date(out)
