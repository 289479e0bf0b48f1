"""Every typed command of the lifecycle, through the Python methods (their argument names are
the library's: a wrong one would be refused as an unknown key)."""

import datetime as dt

import xinfang

from support import EngineTestCase


class Lifecycle(EngineTestCase):
    def status(self, number):
        return self.engine.get(number)["case"]["status"]

    def test_a_claim_through_review_and_rereview_to_archive(self):
        number = self.in_handling()
        engine, clock = self.engine, self.clock
        self.assertEqual(engine.contact(number, "h-zhao", "phone", "已电话联系").status, "in_handling")
        self.assertEqual(engine.suspend(number, "h-zhao", "等待街道核实").status, "suspended")
        clock.advance(days=3)
        self.assertEqual(engine.resume(number, "h-zhao", "核实完毕").status, "in_handling")
        engine.request_extension(number, "h-zhao", 10, "需要补充材料")
        approved = engine.approve_extension(number, "l-sun", "同意")
        self.assertEqual(approved.event_types, ["extension_approved"])
        self.assertEqual(approved.events[0]["payload"]["amount"], 10)
        clock.advance(days=5)
        self.assertEqual(engine.reply(number, "h-zhao", "partly_supported", "部分补发。").status, "replied")
        clock.advance(days=1)
        rated = engine.rate(number, "portal", "dissatisfied", resolved=False, comment="只补发了一个月")
        self.assertEqual(rated.event_types, ["rated", "follow_up_required"])
        followed = engine.follow_up(number, "r-li", "信访人仍不满意", resolved=False)
        self.assertEqual(followed.event_types, ["followed_up"])
        self.assertEqual(engine.request_review(number, "portal", "要求复查").status, "review_requested")
        clock.advance(days=10)
        self.assertEqual(engine.decide_review(number, "v-wu", "supported", "复查意见：维持。").status, "reviewed")
        self.assertEqual(engine.request_rereview(number, "portal", "要求复核").status, "rereview_requested")
        clock.advance(days=10)
        self.assertEqual(engine.decide_rereview(number, "v-wu", "supported", "复核意见：维持。").status, "concluded")
        self.assertEqual(engine.archive(number, "d-wang", "归档").status, "archived")
        self.assertTrue(engine.verify().ok)

    def test_not_accepted_forwarded_and_withdrawn(self):
        refused = self.register(subject="劳动争议").number
        result = self.engine.not_accept(refused, "d-wang", "arbitration", "应申请仲裁")
        self.assertEqual(result.events[0]["payload"]["reason"], "arbitration")
        self.assertEqual(result.status, "not_accepted")
        with self.assertRaises(xinfang.NotFound):
            self.engine.not_accept(self.register().number, "d-wang", "no_such_reason")
        forwarded = self.register(subject="区里的事").number
        self.assertEqual(self.engine.forward(forwarded, "d-wang", "district", "转区民政局").status, "forwarded")
        with self.assertRaises(xinfang.InvalidData):
            self.engine.forward(self.register().number, "d-wang", "city")  # its own organisation
        withdrawn = self.register(subject="撤回的事").number
        self.assertEqual(self.engine.withdraw(withdrawn, "portal", "已自行解决").status, "withdrawn")
        self.assertEqual(self.engine.archive(withdrawn, "r-li").status, "archived")

    def test_assigned_below_objected_and_transferred(self):
        self.engine.put_staff("admin", id="d-qu", name="区分办", organisation="district",
                              unit="district_social_assistance", roles=["handler"])
        number = self.register().number
        self.clock.advance(days=1)
        assigned = self.engine.assign(number, "d-wang", "district_social_assistance", "交区里办理",
                                      report_back={"limit": 30, "unit": "statutory_days"})
        self.assertEqual(assigned.status, "assigned")
        self.assertEqual(assigned.events[0]["payload"]["report_back"]["limit"], 30)
        self.assertEqual(self.engine.object(number, "d-qu", "不属于本单位职责").status, "accepted")

        self.engine.route(number, "d-wang", "social_assistance", "h-zhao")
        moved = self.engine.transfer(number, "d-wang", "pensions", "h-qian", "属优抚事项")
        self.assertEqual((moved.status, moved.events[0]["payload"]["unit"]), ("in_handling", "pensions"))
        with self.assertRaises(xinfang.InvalidData):
            self.engine.transfer(number, "d-wang", "pensions")  # the same unit

    def test_key_cases_owners_notes_and_merges(self):
        number = self.in_handling()
        self.assertEqual(self.engine.mark_key(number, "l-sun", "群众反映强烈").event_types, ["marked_key"])
        owned = self.engine.take_ownership(number, "l-sun", "l-sun", "局长包案")
        self.assertEqual(owned.events[0]["payload"]["leader"], "l-sun")
        self.assertEqual(self.engine.note(number, "h-zhao", "已走访").event_types, ["note_added"])
        case = self.engine.get(number)["case"]
        self.assertTrue(case["key_case"])
        self.assertEqual(case["owner_leader"], "l-sun")

        duplicate = self.register(subject="同一件事").number
        merged = self.engine.merge(duplicate, "d-wang", number, "重复件")
        self.assertEqual(merged.status, "merged")
        self.assertIn(duplicate, self.engine.get(number)["case"]["merged_from"])
        with self.assertRaises(xinfang.InvalidState):
            self.engine.note(duplicate, "d-wang", "已合并的件")

    def test_a_refused_extension_and_its_limits(self):
        number = self.in_handling()
        self.engine.request_extension(number, "h-zhao", 10, "需要补充材料")
        with self.assertRaises(xinfang.InvalidState):
            self.engine.request_extension(number, "h-zhao", 5, "再要一次")  # one pending already
        with self.assertRaises(xinfang.Forbidden):
            self.engine.refuse_extension(number, "h-zhao", "自己拒绝")
        refused = self.engine.refuse_extension(number, "l-sun", "理由不充分")
        self.assertEqual(refused.event_types, ["extension_refused"])
        with self.assertRaises(xinfang.InvalidData):
            self.engine.request_extension(number, "h-zhao", 31, "超过上限")  # max_total 30
        with self.assertRaises(xinfang.InvalidData):
            self.engine.reply(number, "h-zhao", "great", "补发")

    def test_windows_are_the_policy_s(self):
        number = self.in_handling()
        self.engine.reply(number, "h-zhao", "supported", "已补发。")
        with self.assertRaises(xinfang.OutOfWindow):
            self.engine.archive(number, "d-wang")  # review may still be requested
        self.clock.advance(dt.timedelta(days=31))
        with self.assertRaises(xinfang.OutOfWindow):
            self.engine.rate(number, "portal", "satisfied")  # the 30-day rating window is over
        self.assertEqual(self.engine.archive(number, "d-wang").status, "archived")
