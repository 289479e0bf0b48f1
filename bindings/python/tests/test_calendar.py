"""xinfang.Calendar: the statutory calendar's queries, host calendars, and the bad paths."""

import datetime as dt
import json
import os
import tempfile
import unittest

import xinfang

UTC = dt.timezone.utc
LOCAL_HOLIDAY = {
    "name": "district",
    "base": "cn-national",
    "business_hours": [["08:30", "12:00"], ["13:30", "17:30"]],
    "years": {
        "2025": {"source": "district notice 2025-3", "holidays": [{"name": "local festival", "from": "2025-03-03"}]}
    },
}


class NationalCalendar(unittest.TestCase):
    def setUp(self):
        self.calendar = xinfang.Calendar.national()
        self.addCleanup(self.calendar.close)

    def test_name_and_year_status(self):
        self.assertEqual(self.calendar.name, "cn-national")
        self.assertEqual(self.calendar.year_status(2025), "published")
        self.assertEqual(self.calendar.year_status(2040), "unknown")

    def test_day_kinds_with_their_holidays(self):
        national_day = self.calendar.day(dt.date(2025, 10, 1))
        self.assertEqual(national_day.kind, "holiday")
        self.assertFalse(national_day.working)
        self.assertTrue(national_day.name)  # the holiday's name from the State Council notice
        makeup = self.calendar.day("2025-09-28")  # a Sunday made a working day
        self.assertEqual((makeup.kind, makeup.working), ("makeup_workday", True))
        self.assertEqual(makeup.date, dt.date(2025, 9, 28))
        self.assertEqual(self.calendar.day("2025-10-18").kind, "weekend")
        ordinary = self.calendar.day("2025-10-15")
        self.assertEqual((ordinary.kind, ordinary.name), ("workday", ""))
        self.assertTrue(self.calendar.is_workday("2025-10-11"))

    def test_statutory_periods_roll_off_holidays(self):
        # docs/calendar.md: 15 days from 2025-09-28 end on Monday 10-13; from 09-20 they reach
        # 10-05, inside the National Day break, and roll to Thursday 10-09.
        self.assertEqual(self.calendar.statutory_end(dt.date(2025, 9, 28), 15), dt.date(2025, 10, 13))
        self.assertEqual(self.calendar.statutory_end("2025-09-20", 15), dt.date(2025, 10, 9))

    def test_working_day_arithmetic(self):
        self.assertEqual(self.calendar.next_workday("2025-09-30"), dt.date(2025, 10, 9))
        self.assertEqual(self.calendar.previous_workday("2025-10-09"), dt.date(2025, 9, 30))
        self.assertEqual(self.calendar.add_workdays("2025-09-30", 1), dt.date(2025, 10, 9))
        self.assertEqual(self.calendar.add_workdays("2025-10-09", -1), dt.date(2025, 9, 30))
        self.assertEqual(self.calendar.add_days("2025-02-27", 2), dt.date(2025, 3, 1))
        self.assertEqual(self.calendar.workdays_between("2025-09-30", "2025-10-11"), 3)  # 10-09, 10-10, 10-11
        self.assertEqual(self.calendar.workdays_between("2025-10-11", "2025-09-30"), -3)

    def test_end_of_day_is_midnight_in_beijing(self):
        end = self.calendar.end_of_day("2025-10-13")
        self.assertEqual(end, dt.datetime(2025, 10, 13, 16, 0, tzinfo=UTC))
        self.assertEqual(end.tzinfo, UTC)
        self.assertEqual(end.astimezone(xinfang.SHANGHAI).date(), dt.date(2025, 10, 14))

    def test_a_year_without_a_table_is_refused_not_guessed(self):
        with self.assertRaises(xinfang.CalendarRange) as raised:
            self.calendar.day("2040-01-02")
        self.assertIsInstance(raised.exception, LookupError)
        self.assertIn("2040", raised.exception.message)
        self.assertEqual(raised.exception.status, -5)
        estimated = self.calendar.with_estimated_years(2040, 2040)
        self.addCleanup(estimated.close)
        self.assertEqual(estimated.year_status(2040), "estimated")
        self.assertEqual(estimated.day("2040-01-02").kind, "workday")
        self.assertEqual(self.calendar.year_status(2040), "unknown")  # the original is unchanged

    def test_year_as_json(self):
        year = self.calendar.year(2025)
        self.assertEqual((year["year"], year["status"]), (2025, "published"))
        self.assertIn({"date": "2025-09-28", "kind": "makeup_workday"},
                      [{"date": day["date"], "kind": day["kind"]} for day in year["days"]])

    def test_dates_must_be_dates(self):
        with self.assertRaises(TypeError):
            self.calendar.day(dt.datetime(2025, 10, 1, 9, 0, tzinfo=UTC))  # which zone's day?
        with self.assertRaises(TypeError):
            self.calendar.day(20251001)
        with self.assertRaises(ValueError):
            self.calendar.day("2025-13-01")
        with self.assertRaises(xinfang.InvalidArgument):
            self.calendar.statutory_end("2025-10-01", -1)

    def test_business_time_needs_business_hours(self):
        with self.assertRaises(xinfang.InvalidArgument):
            self.calendar.add_business_time(dt.datetime(2025, 3, 3, 9, 0, tzinfo=xinfang.SHANGHAI), 3600)
        with self.assertRaises(ValueError):
            self.calendar.add_business_time(dt.datetime(2025, 3, 3, 9, 0), 3600)

    def test_a_closed_calendar_is_refused(self):
        calendar = xinfang.Calendar.national()
        calendar.close()
        calendar.close()  # idempotent
        with self.assertRaises(xinfang.BadHandle):
            calendar.day("2025-10-01")
        with xinfang.Calendar.national() as scoped:
            self.assertTrue(scoped.is_workday("2025-10-09"))
        with self.assertRaises(xinfang.BadHandle):
            scoped.name
        with self.assertRaises(TypeError):
            xinfang.Calendar(None)


class HostCalendar(unittest.TestCase):
    def test_a_local_holiday_layered_over_the_national_calendar(self):
        with xinfang.Calendar.from_json(LOCAL_HOLIDAY) as calendar:
            self.assertEqual(calendar.name, "district")
            self.assertEqual(calendar.day("2025-03-03").kind, "holiday")
            self.assertEqual(calendar.day("2025-10-01").kind, "holiday")  # the national ones stay
            # Business time: Monday 03-03 is a holiday here, so 2 hours from 09:00 that day end
            # at 10:30 on Tuesday (from 08:30).
            start = dt.datetime(2025, 3, 3, 9, 0, tzinfo=xinfang.SHANGHAI)
            end = calendar.add_business_time(start, dt.timedelta(hours=2))
            self.assertEqual(end, dt.datetime(2025, 3, 4, 10, 30, tzinfo=xinfang.SHANGHAI))

    def test_from_file_and_an_explicit_base(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "district.json")
            document = dict(LOCAL_HOLIDAY)
            del document["base"]
            with open(path, "w", encoding="utf-8") as out:
                out.write("// the district's calendar\n" + json.dumps(document))
            with xinfang.Calendar.national() as base, xinfang.Calendar.from_file(path, base) as calendar:
                self.assertFalse(calendar.is_workday("2025-03-03"))

    def test_bad_documents(self):
        with self.assertRaises(xinfang.ParseError) as raised:
            xinfang.Calendar.from_json('{"name": "x",\n "years": ')
        self.assertIn("line 2", raised.exception.message)
        with self.assertRaises(xinfang.InvalidData) as raised:
            xinfang.Calendar.from_json({"name": "x", "base": "cn-national", "weekend": ["caturday"]})
        self.assertIn("/weekend", raised.exception.message)
        with self.assertRaises(xinfang.NotFound):
            xinfang.Calendar.from_json({"name": "x", "base": "atlantis"})
        with self.assertRaises(xinfang.InvalidUtf8):
            xinfang.Calendar.from_json(b'{"name": "\xff"}')


if __name__ == "__main__":
    unittest.main()
