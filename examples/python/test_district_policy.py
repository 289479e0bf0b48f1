"""Unit tests of a district's workflow policy (district-policy.json), written the way a policy
author would: a fresh database per test on a manual clock, cases driven through commands, and
assertions on their state and deadlines. Copy this file next to your own policy and change the
expectations.

    cd examples/python && PYTHONPATH=../../build/python python3 -m unittest -v test_district_policy
"""

import datetime as dt
import os
import unittest

import xinfang
from xinfang.testing import PolicyTestCase, staff

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = xinfang.Policy.from_file(os.path.join(HERE, "district-policy.json"))


class DistrictPolicyTest(PolicyTestCase):
    policy = POLICY
    # Monday 2025-03-03 09:00 in Beijing; times given as strings below are Beijing time too.
    start = dt.datetime(2025, 3, 3, 9, 0, tzinfo=xinfang.SHANGHAI)
    staff = [
        staff("r-li", "registrar", unit="petition_office"),
        staff("d-wang", "dispatcher", unit="petition_office"),
        staff("h-zhao", "handler", unit="social_assistance"),
        staff("l-sun", "org_leader", unit="general"),
        staff("l-qian", "deputy_director", unit="general"),
        staff("portal", "petitioner"),
    ]

    def accepted_claim(self, accepted_at="2025-03-04 10:00"):
        """A social-assistance claim registered now, accepted and routed at `accepted_at`."""
        case = self.intake("r-li", category="social_assistance")
        case.steps((accepted_at, "accept", "d-wang"), (None, "route", "d-wang"))
        case.assert_status("in_handling")
        return case

    def test_the_policy_file_is_valid(self):
        report = POLICY.check()
        self.assertTrue(report.ok, report.errors)
        self.assertEqual(report.name, "dongqu-minzheng")
        self.assertIn("deputy_director", report.roles)

    def test_claims_are_handled_within_30_days_of_acceptance(self):
        case = self.accepted_claim("2025-03-04 10:00")
        # 30 statutory days from Tuesday 03-04 (not counted) reach Thursday 04-03, a working day.
        case.assert_last_day("handling", "2025-04-03")
        case.assert_clock_status("handling", "running")

    def test_a_period_ending_on_qingming_rolls_to_the_next_working_day(self):
        case = self.accepted_claim("2025-03-05 10:00")
        # 30 days reach Friday 04-04, 清明节 (04-04..04-06): the period ends Monday 04-07.
        case.assert_last_day("handling", "2025-04-07")
        self.assertIn("清明节", case.clock("handling").explanation)

    def test_only_the_deputy_director_approves_an_extension(self):
        case = self.accepted_claim()
        self.advance(days=10)
        case.run("request_extension", "h-zhao", amount=15, reason="需要会同街道核实家庭收入")
        # The national preset lets the organisation's leader approve; this district does not.
        self.assertRefused(xinfang.Forbidden, case, "approve_extension", "l-sun")
        case.run("approve_extension", "l-qian", note="同意延期十五日")
        # 30 + 15 days from 03-04: Friday 04-18.
        case.assert_last_day("handling", "2025-04-18")
        case.assert_events("extension_requested", "extension_approved")

    def test_an_extension_over_15_days_is_refused(self):
        case = self.accepted_claim()
        error = self.assertRefused(
            xinfang.InvalidData, case, "request_extension", "h-zhao", amount=16, reason="情况复杂"
        )
        self.assertIn("15", error.message)

    def test_no_extension_once_the_deadline_has_passed(self):
        case = self.accepted_claim()
        self.at("2025-04-04 09:00")
        self.assertRefused(xinfang.OutOfWindow, case, "request_extension", "h-zhao", amount=5, reason="来不及")

    def test_the_handler_is_reminded_five_working_days_before_the_deadline(self):
        case = self.accepted_claim()
        reminder_due = case.clock("handling").next_due
        self.clock.set(reminder_due - dt.timedelta(minutes=1))
        self.assertEqual(self.engine.sweep().fired, [])
        self.clock.set(reminder_due)
        fired = self.engine.sweep().fired
        self.assertEqual([(step["clock"], step["action"]) for step in fired], [("handling", "remind")])
        case.assert_events("reminded")
        [notice] = self.engine.notifications(case.number)
        self.assertEqual(notice.recipient, "h-zhao")

    def test_a_replied_case_is_archived_only_after_the_review_window(self):
        case = self.accepted_claim()
        case.steps(
            (dt.timedelta(days=7), "reply", "h-zhao", {"outcome": "supported", "text": "已补发。"}),
            (dt.timedelta(days=1), "rate", "portal", {"level": "satisfied"}),
        )
        # Review may be requested for 30 statutory days after the reply (Art. 35).
        self.assertRefused(xinfang.OutOfWindow, case, "archive", "d-wang")
        self.advance(days=31)
        case.run("archive", "d-wang")
        case.assert_status("archived")


if __name__ == "__main__":
    unittest.main()
