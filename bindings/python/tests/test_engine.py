"""xinfang.Engine: opening, intake, commands, queries, the directory -- and their bad paths."""

import datetime as dt
import os
import sqlite3

import xinfang

from support import MONDAY, EngineTestCase, letter


class Opening(EngineTestCase):
    def test_options_are_checked_before_anything_is_made(self):
        path = os.path.join(self.directory, "other.db")
        for options, error in (
            ({"durability": "sometimes"}, xinfang.InvalidArgument),
            ({"hash": "md5"}, xinfang.InvalidArgument),
            ({"seed": -1}, xinfang.InvalidArgument),
            ({"seed": 2**64}, xinfang.InvalidArgument),
            ({"busy_timeout_ms": -1}, xinfang.InvalidArgument),
            ({"clock": "now"}, TypeError),
            ({"calendar": "cn-national"}, TypeError),
            ({"policy": None}, xinfang.InvalidArgument),  # a new file needs a policy
            ({"policy": "no-such-preset"}, xinfang.NotFound),
            ({"policy": '{"name": "x",'}, xinfang.ParseError),
            ({"policy": {"name": "x"}}, xinfang.InvalidData),
            ({"policy": 42}, TypeError),
        ):
            with self.subTest(options=options):
                options.setdefault("policy", "cn-national-2022")
                with self.assertRaises(error):
                    xinfang.Engine(path, **options)
                self.assertFalse(os.path.exists(path))

    def test_a_file_that_must_exist(self):
        with self.assertRaises(xinfang.StorageError) as raised:
            xinfang.Engine(os.path.join(self.directory, "missing.db"), "cn-national-2022", create=False)
        self.assertIsInstance(raised.exception, OSError)
        # An existing file opens without a policy: the one in force.
        self.engine.close()
        with xinfang.Engine(self.database, create=False) as again:
            self.assertEqual(again.policy()["name"], "cn-national-2022")

    def test_not_a_database(self):
        path = os.path.join(self.directory, "notes.txt")
        with open(path, "w", encoding="utf-8") as out:
            out.write("not a database\n" * 100)
        with self.assertRaises(xinfang.StorageError):
            xinfang.Engine(path, "cn-national-2022")

    def test_a_path_like_database_and_the_sm3_chain(self):
        import pathlib

        path = pathlib.Path(self.directory) / "sm3.db"
        with xinfang.Engine(path, "cn-national-2022", hash="sm3", durability="full", seed=1) as engine:
            engine.put_staff("admin", id="r-li", name="李登记", organisation="city", unit="petition_office",
                             roles=["registrar"])
            engine.intake("r-li", letter())
            self.assertTrue(engine.verify().ok)
            self.assertEqual(engine.database, str(path))

    def test_close_and_with(self):
        engine = self.open()
        self.assertFalse(engine.closed)
        with engine:
            engine.count()
        self.assertTrue(engine.closed)
        engine.close()  # idempotent
        with self.assertRaises(xinfang.BadHandle):
            engine.count()
        self.assertIn("closed", repr(engine))

    def test_policy_calendar_and_time(self):
        policy = self.engine.policy()
        self.assertEqual((policy["name"], policy["version"]), ("cn-national-2022", "2022.1"))
        self.assertIn("clocks", policy["document"])
        with self.engine.calendar() as calendar:
            self.assertEqual(calendar.name, "cn-national")
        self.assertEqual(self.engine.now(), MONDAY)
        self.assertEqual(self.engine.now().tzinfo, dt.timezone.utc)

    def test_a_host_calendar(self):
        local = {"source": "district notice", "holidays": [{"name": "local", "from": "2025-03-04"}]}
        holiday = {"name": "district", "base": "cn-national", "years": {"2025": local}}
        self.engine.close()
        with xinfang.Calendar.from_json(holiday) as calendar:
            engine = self.open(calendar=calendar)
        with engine.calendar() as used:  # the engine keeps its own copy
            self.assertEqual(used.name, "district")
            self.assertEqual(used.day("2025-03-04").kind, "holiday")


class Intake(EngineTestCase):
    def test_intake_and_its_result(self):
        made = self.register()
        self.assertIsInstance(made, xinfang.CommandResult)
        self.assertRegex(made.number, r"^MZJ-2025-\d{6}.$")
        self.assertEqual((made.version, made.status, made.replayed), (1, "registered", False))
        self.assertEqual(len(made.query_code), 10)
        self.assertEqual(made.event_types, ["registered"])
        # received_at went in as an aware datetime in Beijing and is kept in UTC.
        self.assertEqual(made.events[0]["payload"]["received_at"], "2025-03-03T01:00:00Z")

    def test_keywords_add_to_the_petition(self):
        made = self.engine.intake("r-li", letter(), subject="养老金", category="pensions")
        case = self.engine.get(made.number)["case"]
        self.assertEqual((case["subject"], case["category"]), ("养老金", "pensions"))

    def test_a_retry_is_replayed_and_other_content_is_a_conflict(self):
        first = self.engine.intake("r-li", letter(), idempotency_key="portal-0001")
        again = self.engine.intake("r-li", letter(), idempotency_key="portal-0001")
        self.assertEqual((again.number, again.replayed, again.query_code), (first.number, True, first.query_code))
        with self.assertRaises(xinfang.Conflict):
            self.engine.intake("r-li", letter(subject="另一件事"), idempotency_key="portal-0001")
        self.assertEqual(self.engine.count(), 1)

    def test_naive_times_are_refused_before_anything_is_sent(self):
        with self.assertRaises(ValueError) as raised:
            self.engine.intake("r-li", letter(received_at=dt.datetime(2025, 3, 3, 9, 0)))
        self.assertIn("naive", str(raised.exception))
        self.assertIn("received_at", str(raised.exception))
        self.assertEqual(self.engine.count(), 0)

    def test_bad_petitions(self):
        with self.assertRaises(xinfang.InvalidData) as raised:
            self.engine.intake("r-li", letter(subject=""))
        self.assertIn("/args/subject", raised.exception.message)
        with self.assertRaises(xinfang.NotFound):
            self.engine.intake("r-li", letter(category="atlantis"))
        with self.assertRaises(xinfang.Forbidden):
            self.engine.intake("h-zhao", letter())
        with self.assertRaises(xinfang.Forbidden):
            self.engine.intake("nobody", letter())
        self.assertEqual(self.engine.count(), 0)

    def test_a_batch_registers_all_or_nothing(self):
        petitions = [letter(subject="第%d件" % index) for index in range(20)]
        petitions[3] = (petitions[3], "batch-key-3")
        results = self.engine.intake_batch("r-li", petitions)
        self.assertEqual(len(results), 20)
        self.assertEqual(len({result.number for result in results}), 20)
        self.assertTrue(all(result.events == [] and result.query_code for result in results))
        self.assertEqual(self.engine.intake("r-li", letter(subject="第3件"), idempotency_key="batch-key-3").number,
                         results[3].number)

        broken = [letter(subject="好的"), letter(subject="")]
        with self.assertRaises(xinfang.InvalidData) as raised:
            self.engine.intake_batch("r-li", broken)
        self.assertTrue(raised.exception.message.startswith("petition 1:"), raised.exception.message)
        self.assertEqual(self.engine.count(), 20)
        with self.assertRaises(TypeError):
            self.engine.intake_batch("r-li", ["not a petition"])


class Commands(EngineTestCase):
    def test_run_any_command_with_expected_version(self):
        made = self.register()
        self.clock.advance(days=1)
        accepted = self.engine.run(made.number, "d-wang", "accept", {"note": "属本机关职权范围"}, expected_version=1)
        self.assertEqual((accepted.version, accepted.status), (2, "accepted"))
        with self.assertRaises(xinfang.Conflict):
            self.engine.route(made.number, "d-wang", "social_assistance", "h-zhao", expected_version=1)
        routed = self.engine.route(made.number, "d-wang", expected_version=2)
        self.assertEqual(routed.events[0]["payload"]["unit"], "social_assistance")

    def test_a_clock_set_back_cannot_rewrite_the_log(self):
        number = self.in_handling()
        self.clock.set(MONDAY - dt.timedelta(days=1))
        with self.assertRaises(xinfang.InvalidArgument):
            self.engine.note(number, "h-zhao", "倒填时间")
        self.assertEqual(len(self.engine.get(number)["events"]), 3)

    def test_the_database_changes_only_through_commands(self):
        number = self.in_handling()
        with self.assertRaises(xinfang.Forbidden):
            self.engine.reply(number, "h-qian", "supported", "补发")  # another unit's handler
        record = self.engine.get(number)
        self.assertEqual(record["case"]["version"], 3)
        self.assertEqual([event["type"] for event in record["events"]], ["registered", "accepted", "routed"])


class Queries(EngineTestCase):
    def test_get_view_and_lookup(self):
        made = self.register(type="accusation", subject="举报某工作人员")
        record = self.engine.get(made.number)
        self.assertEqual(record["case"]["petitioners"][0]["name"], "张三")
        self.assertEqual(record["events"][0]["sequence"], 1)
        view = self.engine.view(made.number, "h-zhao")  # without the confidential reader role
        self.assertTrue(view["redacted"])
        self.assertNotIn("name", view["petitioners"][0])
        mine = self.engine.lookup(made.number, made.query_code)
        self.assertEqual(mine["status"], "registered")
        self.assertNotIn("query_code_hash", mine)
        with self.assertRaises(xinfang.NotFound):
            self.engine.lookup(made.number, "WRONGCODE0")
        with self.assertRaises(xinfang.Forbidden):
            self.engine.view(made.number, "nobody")

    def test_list_and_count_with_filters(self):
        numbers = [self.register(subject="第%d件" % index).number for index in range(3)]
        self.clock.advance(days=1)
        self.engine.accept(numbers[0], "d-wang")
        page = self.engine.list(limit=2)
        self.assertIsInstance(page, xinfang.CaseList)
        self.assertEqual((page.numbers, page.total), ([numbers[2], numbers[1]], 3))
        first = page.cases[0]
        self.assertEqual(first.received_at, dt.datetime(2025, 3, 3, 1, 0, tzinfo=dt.timezone.utc))
        self.assertEqual([case.number for case in self.engine.list(status="accepted")], [numbers[0]])
        self.assertEqual(self.engine.count(status=["accepted", "registered"]), 3)
        self.assertEqual(self.engine.count(open=True, text="第1件"), 1)
        after = dt.datetime(2025, 3, 3, 10, 0, tzinfo=xinfang.SHANGHAI)
        self.assertEqual(self.engine.count(received_from=after), 0)
        with self.assertRaises(ValueError):
            self.engine.list(received_from=dt.datetime(2025, 3, 3))
        with self.assertRaises(xinfang.InvalidData) as raised:
            self.engine.list(colour="red")
        self.assertIn("colour", raised.exception.message)
        with self.assertRaises(xinfang.InvalidData):
            self.engine.list(status="sleeping")

    def test_verify_finds_a_broken_chain(self):
        number = self.in_handling()
        report = self.engine.verify()
        self.assertEqual((report.ok, report.cases, report.events, report.problem), (True, 1, 3, None))
        self.assertGreaterEqual(report.directory_changes, len(self.engine.list_staff()))
        self.engine.close()
        # Someone edits the file on purpose: drops the append-only trigger and rewrites an event.
        with sqlite3.connect(self.database) as raw:
            raw.execute("DROP TRIGGER IF EXISTS events_are_append_only_update")
            raw.execute("UPDATE events SET payload = replace(payload, 'h-zhao', 'h-qian')")
        with xinfang.Engine(self.database) as engine:
            report = engine.verify()
        self.assertFalse(report.ok)
        self.assertFalse(report)
        self.assertEqual(report.problem["case"], number)


class Directory(EngineTestCase):
    def test_staff_records(self):
        member = self.engine.staff("h-zhao")
        self.assertEqual(member, xinfang.StaffMember("h-zhao", "赵承办", "city", ["handler"], "social_assistance", True))
        self.assertIsNone(self.engine.staff("nobody"))
        self.assertEqual([m.id for m in self.engine.list_staff("social_assistance")], ["h-zhao", "u-zhou"])
        portal = self.engine.staff("portal")
        self.assertEqual(portal.unit, "")
        self.engine.put_staff("admin", xinfang.StaffMember("h-xu", "许承办", "city", ["handler"], "pensions"))
        self.assertEqual(self.engine.staff("h-xu").unit, "pensions")

    def test_a_deactivated_person_cannot_act(self):
        number = self.register().number
        self.engine.deactivate_staff("admin", "d-wang")
        self.assertFalse(self.engine.staff("d-wang").active)
        with self.assertRaises(xinfang.Forbidden):
            self.engine.accept(number, "d-wang")
        with self.assertRaises(xinfang.NotFound):
            self.engine.deactivate_staff("admin", "nobody")

    def test_bad_staff_records(self):
        with self.assertRaises(xinfang.NotFound):
            self.engine.put_staff("admin", id="x", name="X", organisation="city", unit="atlantis", roles=["handler"])
        with self.assertRaises(xinfang.InvalidData):
            self.engine.put_staff("admin", id="x", name="X", organisation="city", roles=["handler"], rank=3)

    def test_the_duty_roster(self):
        self.engine.put_staff("admin", id="h-xu", name="许承办", organisation="city", unit="social_assistance",
                              roles=["handler"])
        self.engine.set_roster("admin", dt.date(2025, 3, 4), "social_assistance", ["h-xu"])
        self.assertEqual(self.engine.roster("2025-03-04", "social_assistance"), ["h-xu"])
        self.assertEqual(self.engine.roster("2025-03-05", "social_assistance"), [])
        with self.assertRaises(xinfang.InvalidData):
            self.engine.set_roster("admin", "2025-03-04", "social_assistance", ["h-qian"])  # another unit
        with self.assertRaises(xinfang.NotFound):
            self.engine.set_roster("admin", "2025-03-04", "atlantis", [])
        with self.assertRaises(TypeError):
            self.engine.set_roster("admin", "2025-03-04", "social_assistance", "h-xu")
        with self.assertRaises(ValueError):
            self.engine.roster("2025-02-30", "social_assistance")
