"""Dossiers: a case forwarded by a district continues at the city in each archive form; what does
not verify, does not read or is redacted is refused and nothing is written; check_dossier()."""

import datetime as dt
import os

import xinfang

from support import EngineTestCase, letter

DISTRICT_STAFF = [
    {"id": "d-reg", "name": "区登记员", "organisation": "district", "unit": "petition_office_district",
     "roles": ["registrar"]},
    {"id": "d-disp", "name": "区分办员", "organisation": "district", "unit": "petition_office_district",
     "roles": ["dispatcher"]},
    {"id": "d-conf", "name": "区查阅员", "organisation": "district", "unit": "petition_office_district",
     "roles": ["registrar", "confidential_reader"]},
]

ID_NUMBER = "110101199003071234"


class DossierTestCase(EngineTestCase):
    """The city is self.engine (support's staff); the district has a file and staff of its own,
    on the same manual clock."""

    def setUp(self):
        super().setUp()
        self.district = self.open_other("district.db", hash="sm3")
        for member in DISTRICT_STAFF:
            self.district.put_staff("admin", member)

    def open_other(self, name, **options):
        options.setdefault("policy", self.policy)
        engine = xinfang.Engine(os.path.join(self.directory, name), clock=self.clock, seed=11, **options)
        self.addCleanup(engine.close)
        return engine

    def forwarded(self):
        """A letter registered at the district and, a day later, forwarded (转送) to the city."""
        number = self.district.intake(
            "d-reg", letter(petitioners=[{"name": "张三", "id_number": ID_NUMBER, "phone": "13800000000"}])
        ).number
        self.clock.advance(days=1)
        self.district.forward(number, "d-disp", "city")
        self.clock.advance(hours=1)
        return number


class RoundTrip(DossierTestCase):
    def test_a_forwarded_case_continues_at_the_city_in_each_form(self):
        for form in ("xml", "text", "binary"):
            with self.subTest(format=form):
                origin = self.forwarded()
                data = self.district.export_case(origin, "d-disp", format=form)
                self.assertIsInstance(data, bytes)
                if form == "binary":
                    self.assertIn(b"\0", data)  # NULs and all, through the size
                else:
                    self.assertNotIn(b"\0", data)
                if form == "xml":
                    self.assertTrue(data.startswith(b"<?xml"))
                self.assertEqual(self.district.get(origin)["events"][-1]["type"], "exported")

                result = self.engine.import_dossier(data, "r-li")
                [case] = result["cases"]
                self.assertEqual((case["origin_number"], case["created"]), (origin, True))
                self.assertNotEqual(case["number"], origin)
                self.assertEqual(case["events"], len(self.district.get(origin)["events"]))
                record = self.engine.get(case["number"])
                self.assertEqual(record["case"]["status"], "registered")
                self.assertEqual(record["case"]["organisation"], "city")
                self.assertEqual(record["events"][-1]["type"], "dossier_received")
                self.assertTrue(self.engine.verify().ok)
                self.assertTrue(self.district.verify().ok)
        self.assertEqual(self.engine.count(), 3)

    def test_a_dossier_imported_twice_makes_one_case(self):
        data = self.district.export_case(self.forwarded(), "d-disp")
        first = self.engine.import_dossier(data, "r-li")["cases"][0]
        again = self.engine.import_dossier(bytearray(data), "r-li", mode="take_over")["cases"][0]
        self.assertTrue(first["created"])
        self.assertFalse(again["created"])
        self.assertEqual(again["number"], first["number"])
        self.assertEqual(self.engine.count(), 1)
        # A later dossier of the same case is not a second case either.
        later = self.district.export_case(first["origin_number"], "d-disp", "text")
        with self.assertRaises(xinfang.AlreadyExists):
            self.engine.import_dossier(later, "r-li")
        self.assertEqual(self.engine.count(), 1)

    def test_a_periods_concluded_cases_are_archived(self):
        origin = self.forwarded()  # forwarded 2025-03-04
        data = self.district.export_concluded("2025-03", "d-disp", "binary")
        report = xinfang.check_dossier(data)
        self.assertEqual([case["number"] for case in report["summary"]["cases"]], [origin])
        self.assertEqual((report["summary"]["period_from"], report["summary"]["period_to"]),
                         ("2025-03-01", "2025-03-31"))
        same = self.district.export_concluded((dt.date(2025, 3, 1), "2025-03-31"), "d-disp")
        self.assertEqual(xinfang.check_dossier(same)["check"]["cases"], 1)
        archive = self.open_other("archive.db")
        archive.put_staff("admin", id="r-li", name="李登记", organisation="city", unit="petition_office",
                          roles=["registrar"])
        [kept] = archive.import_dossier(data, "r-li", mode="archive")["cases"]
        self.assertEqual(archive.get(kept["number"])["case"]["status"], "forwarded")
        self.assertTrue(archive.verify().ok)
        self.assertEqual(xinfang.check_dossier(self.district.export_concluded("2025-02", "d-disp"))["summary"]["cases"],
                         [])


class Refusals(DossierTestCase):
    def test_a_tampered_dossier_raises_an_integrity_error_and_writes_nothing(self):
        origin = self.forwarded()
        for form in ("xml", "text", "binary"):
            with self.subTest(format=form):
                data = bytearray(self.district.export_case(origin, "d-disp", form))
                at = data.rindex(ID_NUMBER.encode())
                data[at + 5] = ord("8") if data[at + 5] == ord("9") else ord("9")
                with self.assertRaises(xinfang.IntegrityError) as raised:
                    self.engine.import_dossier(bytes(data), "r-li")
                self.assertIn("was altered", str(raised.exception))
                self.assertEqual(self.engine.count(), 0)
                report = xinfang.check_dossier(data)
                self.assertFalse(report["check"]["ok"])
                self.assertEqual((report["check"]["case_number"], report["check"]["sequence"]), (origin, 1))
        self.assertTrue(self.engine.verify().ok)

    def test_a_redacted_dossier_is_checked_not_imported(self):
        number = self.district.intake(
            "d-reg",
            letter(type="accusation", subject="反映某站点负责人违规发放补贴",
                   petitioners=[{"name": "李四", "id_number": "110101198001011234"}]),
        ).number
        data = self.district.export_case(number, "d-reg")
        self.assertNotIn("110101198001011234".encode(), data)
        self.assertNotIn("李四".encode(), data)
        report = xinfang.check_dossier(data)
        self.assertTrue(report["check"]["ok"])
        self.assertGreaterEqual(report["check"]["redacted_events"], 1)
        self.assertTrue(report["summary"]["cases"][0]["redacted"])
        with self.assertRaises(xinfang.InvalidData) as raised:
            self.engine.import_dossier(data, "r-li")
        self.assertIn("redacted", str(raised.exception))
        self.assertEqual(self.engine.count(), 0)
        # With the confidential-reader role, the whole case.
        self.assertIn(b"110101198001011234", self.district.export_case(number, "d-conf"))

    def test_what_does_not_read(self):
        data = self.district.export_case(self.forwarded(), "d-disp", "text")
        not_utf8 = bytearray(data)
        not_utf8[data.index(b"d-disp")] = 0xFF  # who exported it: text the chain does not cover
        for damaged in (data[:-1], data[: len(data) // 2], b"", b"hello"):
            with self.assertRaises(xinfang.ParseError):
                self.engine.import_dossier(damaged, "r-li")
            with self.assertRaises(xinfang.ParseError):
                xinfang.check_dossier(damaged)
        with self.assertRaises(xinfang.InvalidUtf8):
            self.engine.import_dossier(bytes(not_utf8), "r-li")
        with self.assertRaises(xinfang.InvalidUtf8):
            xinfang.check_dossier(bytes(not_utf8))
        self.assertEqual(self.engine.count(), 0)

    def test_bad_arguments(self):
        origin = self.forwarded()
        data = self.district.export_case(origin, "d-disp")
        events = len(self.district.get(origin)["events"])
        with self.assertRaises(xinfang.InvalidArgument):
            self.district.export_case(origin, "d-disp", format="pdf")
        with self.assertRaises(xinfang.InvalidArgument):
            self.district.export_concluded("March", "d-disp")
        with self.assertRaises(xinfang.NotFound):
            self.district.export_case("MZJ-2025-9999999", "d-disp")
        with self.assertRaises(xinfang.Forbidden):
            self.district.export_case(origin, "nobody")
        self.assertEqual(len(self.district.get(origin)["events"]), events)  # a refused export is no event
        with self.assertRaises(xinfang.InvalidArgument):
            self.engine.import_dossier(data, "r-li", mode="keep")
        with self.assertRaises(TypeError):
            self.engine.import_dossier(data.decode(), "r-li")
        with self.assertRaises(TypeError):
            xinfang.check_dossier(None)
        with self.assertRaises(xinfang.Forbidden):
            self.engine.import_dossier(data, "nobody")
        # An open case is taken over, not archived.
        open_case = self.district.export_case(self.district.intake("d-reg", letter()).number, "d-disp")
        with self.assertRaises(xinfang.InvalidState):
            self.engine.import_dossier(open_case, "r-li", mode="archive")
        self.assertEqual(self.engine.count(), 0)
