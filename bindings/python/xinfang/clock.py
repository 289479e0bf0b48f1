"""The manual clock: time that moves only when a test or a simulation says so."""

import datetime as _dt
import threading
import weakref

from . import _time


class ManualClock:
    """A clock for tests, simulations and back-dated imports.

    Give it to :class:`xinfang.Engine` as ``clock=``; the engine then reads its time from this
    clock, which stands still until :meth:`set` or :meth:`advance` moves it. One clock may drive
    several engines (each is moved with it).

    >>> clock = ManualClock(datetime(2025, 3, 3, 9, 30, tzinfo=xinfang.SHANGHAI))
    >>> clock.advance(days=1, hours=1)
    """

    def __init__(self, start):
        self._seconds = _time.to_seconds(start, "ManualClock start")
        self._engines = weakref.WeakSet()
        self._lock = threading.Lock()

    def now(self):
        """The clock's time, an aware datetime in UTC (whole seconds, as the engine keeps it)."""
        return _time.from_seconds(self._seconds)

    __call__ = now

    def set(self, when):
        """Moves the clock to `when` (an aware datetime). It may go backwards, but an engine refuses a
        command older than a case's last event (InvalidArgument)."""
        self._move_to(_time.to_seconds(when, "when"))

    def advance(self, delta=None, **units):
        """Moves the clock forward by a timedelta, or by keyword units: ``advance(days=30, hours=2)``."""
        if delta is None:
            delta = _dt.timedelta(**units)
        elif units:
            raise TypeError("give either a timedelta or keyword units, not both")
        if not isinstance(delta, _dt.timedelta):
            raise TypeError("delta must be a datetime.timedelta, not %s" % type(delta).__name__)
        self._move_to(self._seconds + delta // _dt.timedelta(seconds=1))

    def _move_to(self, seconds):
        with self._lock:
            for engine in list(self._engines):
                engine._set_time(seconds)
            self._seconds = seconds

    def _attach(self, engine):
        with self._lock:
            self._engines.add(engine)
        return self._seconds

    def __repr__(self):
        return "ManualClock(%s)" % self.now().isoformat()
