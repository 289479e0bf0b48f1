"""Clocks, the sweep and the outbox, indicators and bulletins."""

import datetime as dt

import xinfang

from support import EngineTestCase

UTC = dt.timezone.utc


class ClocksAndSweep(EngineTestCase):
    def test_the_handling_clock_of_a_claim(self):
        number = self.in_handling()  # accepted Tuesday 2025-03-04
        clocks = {report.clock: report for report in self.engine.clocks(number)}
        handling = clocks["handling"]
        self.assertIsInstance(handling, xinfang.ClockReport)
        self.assertEqual((handling.status, handling.unit, handling.limit, handling.run),
                         ("running", "statutory_days", 60, 1))
        # 60 days from 03-04 reach 05-03, inside the Labour Day holiday: the period ends 05-06 24:00.
        self.assertEqual(handling.deadline, dt.datetime(2025, 5, 6, 16, 0, tzinfo=UTC))
        self.assertEqual(handling.last_day(), dt.date(2025, 5, 6))
        self.assertEqual(handling.started_at, dt.datetime(2025, 3, 4, 1, 30, tzinfo=UTC))
        self.assertIsNone(handling.stopped_at)
        self.assertIn("劳动节", handling.explanation)
        self.assertTrue(handling.data["rolled_forward"])
        self.assertEqual(clocks["routing"].status, "met")
        self.assertIsNone(clocks["review_decision"].deadline)
        self.assertIsNone(clocks["review_decision"].last_day())
        text = self.engine.explain(number)
        self.assertIn("(handling)", text)
        self.assertIn(handling.explanation, text)
        with self.assertRaises(xinfang.NotFound):
            self.engine.clocks("MZJ-2025-9999999")

    def test_the_sweep_fires_each_step_once_and_the_outbox_delivers_it(self):
        number = self.in_handling()
        reminder_due = {r.clock: r for r in self.engine.clocks(number)}["handling"].next_due
        self.clock.set(reminder_due - dt.timedelta(seconds=1))
        self.assertEqual(self.engine.sweep().fired, [])
        self.clock.set(reminder_due)
        swept = self.engine.sweep()
        self.assertIsInstance(swept, xinfang.SweepResult)
        self.assertEqual([(step["number"], step["clock"], step["action"]) for step in swept.fired],
                         [(number, "handling", "remind")])
        self.assertFalse(swept.more_due)
        self.assertEqual(self.engine.sweep().fired, [])  # once

        [notice] = self.engine.poll_outbox(limit=10, lease_seconds=60)
        self.assertIsInstance(notice, xinfang.Notification)
        self.assertEqual((notice.number, notice.recipient, notice.attempts), (number, "h-zhao", 1))
        self.assertEqual(notice.due_at, reminder_due)
        self.assertEqual(notice.leased_until, reminder_due + dt.timedelta(seconds=60))
        self.assertEqual(self.engine.poll_outbox(), [])  # leased
        self.clock.advance(minutes=2)
        [again] = self.engine.poll_outbox()  # not acknowledged in time: handed out again
        self.assertEqual((again.id, again.attempts), (notice.id, 2))
        self.engine.acknowledge(again)
        self.engine.acknowledge(again.id)  # again: no change
        self.clock.advance(minutes=10)
        self.assertEqual(self.engine.poll_outbox(), [])
        [delivered] = self.engine.notifications(number)
        self.assertIsNotNone(delivered.acknowledged_at)
        with self.assertRaises(xinfang.NotFound):
            self.engine.acknowledge(notice.id + 1000)
        with self.assertRaises(xinfang.InvalidArgument):
            self.engine.poll_outbox(limit=0)
        with self.assertRaises(xinfang.InvalidArgument):
            self.engine.sweep(cases_per_transaction=0)

    def test_overdue_cases_by_deadline(self):
        number = self.in_handling()
        self.clock.set(dt.datetime(2025, 5, 8, 9, 0, tzinfo=xinfang.SHANGHAI))
        overdue = self.engine.list(deadline_to=self.engine.now())
        self.assertEqual(overdue.numbers, [number])
        self.assertEqual(self.engine.count(deadline_to=dt.datetime(2025, 5, 1, tzinfo=UTC)), 0)


class IndicatorsAndBulletins(EngineTestCase):
    def setUp(self):
        super().setUp()
        self.number = self.in_handling()
        self.clock.advance(days=6)
        self.engine.reply(self.number, "h-zhao", "supported", "已补发。")
        self.clock.advance(days=1)
        self.engine.rate(self.number, "portal", "satisfied", resolved=True)

    def test_indicators_of_a_period(self):
        report = self.engine.indicators("2025-03")
        self.assertEqual(report["period"]["first_day"], "2025-03-01")
        indicators = report["total"]["indicators"]
        # Replied in 6 days of 60; routed and notified the day after registration.
        self.assertEqual((indicators["on_time_completion"]["denominator"], indicators["on_time_completion"]["value"]),
                         (1, 1.0))
        self.assertEqual(indicators["timely_acceptance"]["denominator"], 2)
        same = self.engine.indicators((dt.date(2025, 3, 1), "2025-03-31"))
        self.assertEqual(same["total"], report["total"])
        february = self.engine.indicators("2025-02")["total"]["indicators"]
        self.assertEqual(february["timely_acceptance"]["denominator"], 0)
        with self.assertRaises(xinfang.InvalidArgument):
            self.engine.indicators("March")
        with self.assertRaises(xinfang.InvalidArgument):
            self.engine.indicators(("2025-03-31", "2025-03-01"))

    def test_a_case_score(self):
        score = self.engine.case_score(self.number)
        self.assertEqual(score["indicators"]["satisfaction"]["value"], 1.0)
        self.assertEqual([answer["level"] for answer in score["answers"]], ["satisfied"])
        with self.assertRaises(xinfang.NotFound):
            self.engine.case_score("MZJ-2025-9999999")

    def test_bulletins_in_every_format(self):
        as_json = self.engine.bulletin("2025-W10")
        self.assertIsInstance(as_json, dict)
        markdown = self.engine.bulletin("2025-W10", "markdown")
        self.assertIsInstance(markdown, str)
        self.assertTrue(markdown.lstrip().startswith("#"))
        html = self.engine.bulletin("2025-W10", "html", overdue_limit=5, flagged_limit=5)
        self.assertIn("<svg", html)
        csv = self.engine.bulletin("2025-W10", "csv")
        self.assertTrue(csv and all(name.endswith(".csv") and isinstance(text, str) for name, text in csv.items()))
        with self.assertRaises(xinfang.InvalidArgument):
            self.engine.bulletin("2025-W10", "pdf")
        with self.assertRaises(xinfang.InvalidData):
            self.engine.bulletin("2025-W10", overdue_limit=-1)
