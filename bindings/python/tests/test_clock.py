"""Time: the manual clock, a Python callable as the clock, the system clock, naive datetimes."""

import datetime as dt
import os
import time

import xinfang

from support import MONDAY, STAFF, EngineTestCase, letter

UTC = dt.timezone.utc


class ManualClockTest(EngineTestCase):
    def test_set_and_advance_move_the_engine(self):
        self.assertEqual(self.engine.now(), MONDAY)
        self.clock.advance(days=1, hours=2)
        self.assertEqual(self.engine.now(), MONDAY + dt.timedelta(days=1, hours=2))
        self.clock.advance(dt.timedelta(minutes=30))
        self.assertEqual(self.clock.now(), MONDAY + dt.timedelta(days=1, hours=2, minutes=30))
        later = dt.datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
        self.clock.set(later)
        self.assertEqual(self.engine.now(), later)
        made = self.register()
        self.assertEqual(made.events[0]["at"], "2025-06-01T08:00:00Z")

    def test_whole_seconds_as_the_engine_keeps_them(self):
        self.clock.set(dt.datetime(2025, 3, 3, 1, 30, 5, 999999, tzinfo=UTC))
        self.assertEqual(self.engine.now(), dt.datetime(2025, 3, 3, 1, 30, 5, tzinfo=UTC))
        self.assertEqual(self.clock.now(), self.engine.now())

    def test_naive_times_are_refused(self):
        with self.assertRaises(ValueError) as raised:
            xinfang.ManualClock(dt.datetime(2025, 3, 3, 9, 30))
        self.assertIn("naive", str(raised.exception))
        with self.assertRaises(ValueError):
            self.clock.set(dt.datetime(2025, 3, 4))
        with self.assertRaises(TypeError):
            self.clock.set("2025-03-04T09:00:00+08:00")
        with self.assertRaises(TypeError):
            self.clock.advance(3600)
        with self.assertRaises(TypeError):
            self.clock.advance(dt.timedelta(days=1), hours=1)
        self.assertEqual(self.engine.now(), MONDAY)

    def test_one_clock_drives_several_engines(self):
        other = self.open()
        self.clock.advance(days=2)
        self.assertEqual(other.now(), self.engine.now())
        other.close()
        self.clock.advance(days=1)  # a closed engine is left alone
        self.assertEqual(self.engine.now(), MONDAY + dt.timedelta(days=3))

    def test_a_time_out_of_range_is_refused_by_the_library(self):
        with self.assertRaises(xinfang.InvalidArgument):
            self.clock.set(dt.datetime(9999, 1, 2, tzinfo=UTC))
        self.assertEqual(self.engine.now(), MONDAY)
        self.assertEqual(self.clock.now(), MONDAY)


class CallableClock(EngineTestCase):
    def open_with(self, clock, name):
        engine = xinfang.Engine(os.path.join(self.directory, name), "cn-national-2022", clock=clock, seed=1)
        self.addCleanup(engine.close)
        for member in STAFF:
            engine.put_staff("admin", member)
        return engine

    def test_the_engine_asks_the_callable(self):
        times = [dt.datetime(2025, 3, 3, 9, 30, tzinfo=xinfang.SHANGHAI)]
        engine = self.open_with(lambda: times[-1], "callable.db")
        self.assertEqual(engine.now(), times[-1])
        made = engine.intake("r-li", letter())
        self.assertEqual(made.events[0]["at"], "2025-03-03T01:30:00Z")
        times.append(dt.datetime(2025, 3, 4, 10, 0, tzinfo=xinfang.SHANGHAI))
        self.assertEqual(engine.accept(made.number, "d-wang").events[0]["at"], "2025-03-04T02:00:00Z")
        # A batch may ask from a thread of the library's own: the callable still answers.
        results = engine.intake_batch("r-li", [letter(subject="第%d件" % i) for i in range(40)])
        self.assertEqual(len(results), 40)

    def test_a_failing_clock_fails_the_call_and_changes_nothing(self):
        state = {"fail": False}

        def clock():
            if state["fail"]:
                raise RuntimeError("the time server is down")
            return MONDAY

        engine = self.open_with(clock, "failing.db")
        number = engine.intake("r-li", letter()).number
        state["fail"] = True
        with self.assertRaises(xinfang.CallbackError) as raised:
            engine.accept(number, "d-wang")
        self.assertEqual(raised.exception.status, -18)
        self.assertIsInstance(raised.exception.__cause__, RuntimeError)
        self.assertIn("the time server is down", str(raised.exception.__cause__))
        state["fail"] = False
        self.assertEqual(engine.get(number)["case"]["status"], "registered")
        self.assertEqual(engine.accept(number, "d-wang").status, "accepted")

    def test_a_clock_returning_a_naive_time_is_a_callback_error(self):
        engine = self.open_with(lambda: MONDAY, "naive.db")
        engine.close()
        engine = xinfang.Engine(engine.database, clock=lambda: dt.datetime(2025, 3, 3, 9, 30))
        self.addCleanup(engine.close)
        with self.assertRaises(xinfang.CallbackError) as raised:
            engine.now()
        self.assertIsInstance(raised.exception.__cause__, ValueError)


class SystemClock(EngineTestCase):
    def test_the_system_clock_by_default(self):
        engine = xinfang.Engine(os.path.join(self.directory, "system.db"), "cn-national-2022")
        self.addCleanup(engine.close)
        now = engine.now()
        self.assertEqual(now.tzinfo, UTC)
        self.assertLess(abs(now.timestamp() - time.time()), 5)
