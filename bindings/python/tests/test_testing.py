"""xinfang.testing: the sandbox, cases driven by steps, and assertions that fail when they should."""

import datetime as dt
import os
import tempfile
import unittest

import xinfang
from xinfang.testing import DEFAULT_START, PolicyTestCase, Sandbox, petition, staff

STAFF = [
    staff("r-li", "registrar", unit="petition_office"),
    staff("d-wang", "dispatcher", unit="petition_office"),
    staff("h-zhao", "handler", unit="social_assistance"),
]


class SandboxTest(unittest.TestCase):
    def test_a_sandbox_is_a_fresh_file_removed_on_close(self):
        with Sandbox(staff=STAFF) as sandbox:
            directory = sandbox.directory
            self.assertTrue(os.path.isdir(directory))
            self.assertEqual(sandbox.engine.now(), DEFAULT_START)
            self.assertEqual([member.id for member in sandbox.engine.list_staff()], ["d-wang", "h-zhao", "r-li"])
        self.assertFalse(os.path.exists(directory))
        self.assertTrue(sandbox.engine.closed)

    def test_a_sandbox_that_fails_to_open_leaves_nothing(self):
        with tempfile.TemporaryDirectory() as private:
            saved, tempfile.tempdir = tempfile.tempdir, private  # where Sandbox makes its directory
            try:
                with self.assertRaises(xinfang.NotFound):
                    Sandbox(policy="no-such-preset")
                with self.assertRaises(xinfang.NotFound):
                    Sandbox(staff=[staff("x", "handler", unit="atlantis")])
                self.assertEqual(os.listdir(private), [])
            finally:
                tempfile.tempdir = saved

    def test_times_as_strings_are_in_the_sandbox_zone(self):
        with Sandbox() as sandbox:
            sandbox.at("2025-03-04 10:00")
            self.assertEqual(sandbox.now, dt.datetime(2025, 3, 4, 2, 0, tzinfo=dt.timezone.utc))
            sandbox.at("2025-03-04T10:00:00Z")
            self.assertEqual(sandbox.now, dt.datetime(2025, 3, 4, 10, 0, tzinfo=dt.timezone.utc))
            sandbox.advance(hours=1)
            self.assertEqual(sandbox.engine.now(), dt.datetime(2025, 3, 4, 11, 0, tzinfo=dt.timezone.utc))
            with self.assertRaises(ValueError):
                sandbox.at(dt.datetime(2025, 3, 5, 9, 0))  # a naive datetime object is refused
        with Sandbox(zone=dt.timezone.utc) as sandbox:
            sandbox.at("2025-03-04 10:00")
            self.assertEqual(sandbox.now, dt.datetime(2025, 3, 4, 10, 0, tzinfo=dt.timezone.utc))

    def test_petition_defaults(self):
        document = petition(subject="x")
        self.assertEqual((document["subject"], document["channel"]), ("x", "letter"))
        self.assertNotIn("received_at", document)
        self.assertEqual(staff("p", ["petitioner", "registrar"]).roles, ["petitioner", "registrar"])
        self.assertEqual(staff("p", "petitioner").name, "p")


class CaseTest(unittest.TestCase):
    def setUp(self):
        self.sandbox = Sandbox(staff=STAFF)
        self.addCleanup(self.sandbox.close)
        self.case = self.sandbox.intake("r-li", category="social_assistance")

    def test_steps_set_or_advance_the_clock(self):
        result = self.case.steps(
            ("2025-03-04 10:00", "accept", "d-wang"),
            (None, "route", "d-wang", {"unit": "social_assistance", "handler": "h-zhao"}),
            (dt.timedelta(days=2), "note", "h-zhao", {"text": "已走访"}),
        )
        self.assertEqual(result.status, "in_handling")
        self.assertEqual(self.case.last, result)
        events = self.case.record["events"]
        self.assertEqual([event["at"] for event in events[1:]],
                         ["2025-03-04T02:00:00Z", "2025-03-04T02:00:00Z", "2025-03-06T02:00:00Z"])
        self.case.assert_events("accepted", "routed", "note_added")
        self.assertEqual(self.case.version, 4)
        self.assertEqual(self.case.status, "in_handling")

    def test_a_refused_step_names_the_step(self):
        with self.assertRaises(xinfang.Forbidden) as raised:
            self.case.steps(("2025-03-04 10:00", "accept", "d-wang"), (None, "route", "r-li"))
        self.assertTrue(raised.exception.message.startswith("step 1 (route by r-li"), raised.exception.message)
        self.assertIsInstance(raised.exception.__cause__, xinfang.Forbidden)
        with self.assertRaises(TypeError):
            self.case.steps(("accept", "d-wang"))

    def test_refuses_checks_the_class_and_that_nothing_changed(self):
        error = self.case.refuses(xinfang.Forbidden, "accept", "r-li")
        self.assertIn("dispatcher", error.message)
        with self.assertRaises(AssertionError) as raised:
            self.case.refuses(xinfang.Forbidden, "note", "r-li", text="登记员可以写备注")
        self.assertIn("was not refused", str(raised.exception))
        with self.assertRaises(AssertionError) as raised:
            self.case.refuses(xinfang.Forbidden, "reply", "h-zhao", outcome="supported", text="x")
        self.assertIn("InvalidState", str(raised.exception))

    def test_assertions_fail_with_the_explanation(self):
        self.case.steps(("2025-03-04 10:00", "accept", "d-wang"), (None, "route", "d-wang"))
        self.case.assert_last_day("handling", dt.date(2025, 5, 6))
        self.assertEqual(self.case.last_day("handling"), dt.date(2025, 5, 6))
        self.assertEqual(self.case.deadline("handling"), dt.datetime(2025, 5, 6, 16, 0, tzinfo=dt.timezone.utc))
        with self.assertRaises(AssertionError) as raised:
            self.case.assert_last_day("handling", "2025-05-02")
        self.assertIn("ends on 2025-05-06, expected 2025-05-02", str(raised.exception))
        self.assertIn("劳动节", str(raised.exception))
        self.case.assert_clock_status("handling", "running")
        with self.assertRaises(AssertionError):
            self.case.assert_clock_status("handling", "met")
        with self.assertRaises(AssertionError) as raised:
            self.case.clock("nap_time")
        self.assertIn("handling", str(raised.exception))
        with self.assertRaises(AssertionError):
            self.case.assert_status("replied")
        with self.assertRaises(AssertionError):
            self.case.assert_events("routed", "accepted")
        self.assertIn("(handling)", self.case.explain())
        self.assertEqual(self.sandbox.case(self.case.number).status, "in_handling")


class ExamplePolicyTest(PolicyTestCase):
    staff = STAFF

    def test_a_fresh_sandbox_per_test(self):
        self.assertEqual(self.engine.count(), 0)
        case = self.intake("r-li")
        self.at("2025-03-04 10:00")
        self.assertRefused(xinfang.Forbidden, case, "accept", "r-li")
        case.run("accept", "d-wang")
        self.advance(days=1)
        self.assertEqual(self.engine.now(), dt.datetime(2025, 3, 5, 2, 0, tzinfo=dt.timezone.utc))


class PolicyTestCaseReports(unittest.TestCase):
    def test_a_wrong_expectation_is_a_failure_not_an_error(self):
        class Wrong(PolicyTestCase):
            staff = STAFF

            def runTest(self):
                case = self.intake("r-li")
                case.steps(("2025-03-04 10:00", "accept", "d-wang"))
                case.assert_status("in_handling")

        result = unittest.TestResult()
        Wrong().run(result)
        self.assertEqual((len(result.failures), len(result.errors)), (1, 0))
        self.assertIn("status is accepted, expected in_handling", result.failures[0][1])


if __name__ == "__main__":
    unittest.main()
