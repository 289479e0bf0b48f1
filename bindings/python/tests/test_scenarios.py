"""xinfang.testing's scenario files: the same runner as `xinfang policy test`, from Python."""

import json
import os
import tempfile
import unittest

import xinfang
from xinfang.testing import mismatch_text, run_scenarios, scenario_tests

PRESET_SUITE = os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "src", "policy", "presets", "scenarios", "cn-national-2022"
)

DISTRICT = {"extends": "cn-national-2022", "name": "district", "version": "1", "clocks": {"handling": {"limit": 30}}}


def suite(*scenarios, policy=None):
    """A suite under the district policy, with the staff and petition every scenario needs."""
    return {
        "policy": policy if policy is not None else DISTRICT,
        "start": "2025-03-03 09:00",
        "staff": [
            {"id": "reg", "unit": "petition_office", "roles": ["registrar"]},
            {"id": "disp", "unit": "petition_office", "roles": ["dispatcher"]},
        ],
        "petition": {
            "channel": "letter", "type": "claim", "sub_route": "petition_handling", "category": "social_assistance",
            "subject": "低保", "content": "", "petitioners": [{"name": "李某"}],
        },
        "scenarios": list(scenarios),
    }


def accepted_with_deadline(name, deadline):
    return {
        "name": name,
        "steps": [
            {"actor": "reg", "intake": {}, "as": "A"},
            {"at": "+1 hours", "actor": "disp", "command": "accept",
             "expect": {"clocks": {"handling": {"deadline": deadline}}}},
        ],
    }


class RunScenariosTest(unittest.TestCase):
    def test_a_held_expectation_passes_and_a_broken_one_gives_the_diff(self):
        report = run_scenarios(suite(accepted_with_deadline("thirty days", "2025-04-02 24:00"),
                                     accepted_with_deadline("sixty days", "2025-05-06 24:00")))
        self.assertFalse(report["passed"])
        self.assertEqual((report["scenarios"], report["failed"], report["invalid"]), (2, 1, 0))
        passing, failing = report["files"][0]["scenarios"]
        self.assertEqual(passing["outcome"], "passed")
        self.assertEqual(failing["outcome"], "failed")
        (mismatch,) = failing["mismatches"]
        self.assertEqual(mismatch["path"], "/scenarios/1/steps/1/expect/clocks/handling/deadline")
        self.assertEqual((mismatch["expected"], mismatch["actual"]), ("2025-05-06 24:00", "2025-04-02 24:00"))
        self.assertEqual(mismatch["step"], 2)
        self.assertEqual(mismatch["when"], "2025-03-03 10:00")
        self.assertIn("  - 2025-05-06 24:00\n  + 2025-04-02 24:00", mismatch_text(failing))

    def test_a_missing_unit_is_invalid_before_anything_runs(self):
        scenario = {"name": "no such unit", "steps": [
            {"actor": "reg", "intake": {}},
            {"actor": "disp", "command": "assign", "args": {"unit": "housing"}},
        ]}
        (result,) = run_scenarios(suite(scenario))["files"][0]["scenarios"]
        self.assertEqual(result["outcome"], "invalid")
        self.assertEqual(result["steps_run"], 0)
        self.assertEqual(result["error_code"], "not_found")
        self.assertIn("/scenarios/0/steps/1/args/unit: 'housing' is not a unit", result["error"])

    def test_a_file_is_read_with_its_references_beside_it(self):
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "district.json"), "w", encoding="utf-8") as policy:
                json.dump(DISTRICT, policy)
            path = os.path.join(directory, "district.scenarios.json")
            with open(path, "w", encoding="utf-8") as scenarios:
                json.dump(suite(accepted_with_deadline("thirty days", "2025-04-02 24:00"),
                                policy={"file": "district.json"}), scenarios)
            report = run_scenarios(path)
            self.assertTrue(report["passed"], report)
            self.assertEqual(report["files"][0]["file"], path)
            # A document given as text has no directory unless told one.
            with open(path, encoding="utf-8") as text:
                document = text.read()
            (result,) = run_scenarios(document)["files"][0]["scenarios"]
            self.assertEqual(result["error_code"], "invalid_argument")
            self.assertTrue(run_scenarios(document, base_directory=directory)["passed"])

    def test_the_text_and_junit_reports(self):
        document = suite(accepted_with_deadline("sixty days", "2025-05-06 24:00"))
        text = run_scenarios(document, name="district.json", format="text")
        self.assertIn("FAIL     district.json: sixty days\n", text)
        self.assertIn("1 scenario: 0 passed, 1 failed, 0 invalid\n", text)
        junit = run_scenarios(document, name="district.json", format="junit")
        self.assertIn('<testsuite name="district.json" tests="1" failures="1" errors="0">', junit)
        with self.assertRaises(ValueError):
            run_scenarios(document, format="html")

    def test_a_document_that_is_not_json_is_in_the_report(self):
        report = run_scenarios('{"scenarios": [')
        self.assertFalse(report["passed"])
        self.assertEqual(report["files"][0]["error_code"], "parse_error")
        with self.assertRaises(xinfang.InvalidArgument):
            run_scenarios('{"name": "a\0b"}')
        with self.assertRaises(FileNotFoundError):
            run_scenarios("no-such-file.json")


class ScenarioTestsTest(unittest.TestCase):
    def test_the_presets_suites_pass_as_unittest_cases(self):
        paths = sorted(os.path.join(PRESET_SUITE, name) for name in os.listdir(PRESET_SUITE) if name.endswith(".json"))
        tests = scenario_tests(*paths)
        self.assertGreaterEqual(tests.countTestCases(), 2)
        result = unittest.TestResult()
        tests.run(result)
        self.assertEqual((result.failures, result.errors), ([], []))

    def test_a_failing_scenario_fails_its_case_with_the_diff(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "district.scenarios.json")
            with open(path, "w", encoding="utf-8") as scenarios:
                json.dump(suite(accepted_with_deadline("thirty days", "2025-04-02 24:00"),
                                accepted_with_deadline("sixty days", "2025-05-06 24:00")), scenarios)
            tests = scenario_tests(path)
            self.assertEqual(tests.countTestCases(), 2)
            result = unittest.TestResult()
            tests.run(result)
            self.assertEqual(result.testsRun, 2)
            (failure,) = result.failures
            self.assertEqual(failure[0].id(), path + ": sixty days")
            self.assertIn("+ 2025-04-02 24:00", failure[1])


if __name__ == "__main__":
    unittest.main()


class SimulateTest(unittest.TestCase):
    """Engine.simulate(): the what-if over a file, from Python."""

    def test_thirty_days_make_a_reply_after_45_days_a_new_breach(self):
        from xinfang.testing import Sandbox, staff

        people = [
            staff("r-li", "registrar", unit="petition_office"),
            staff("d-wang", "dispatcher", unit="petition_office"),
            staff("h-zhao", "handler", unit="social_assistance"),
        ]
        with Sandbox(staff=people) as sandbox:
            slow = sandbox.intake("r-li")
            slow.steps(
                (None, "accept", "d-wang"),
                (None, "route", "d-wang", {"unit": "social_assistance", "handler": "h-zhao"}),
                ("2025-04-17 10:00", "reply", "h-zhao", {"outcome": "supported", "text": "已办结。"}),
            )
            quick = sandbox.intake("r-li", petitioners=[{"name": "王某", "phone": "13900000001"}])
            quick.steps(
                (None, "accept", "d-wang"),
                (None, "route", "d-wang", {"unit": "social_assistance", "handler": "h-zhao"}),
                ("2025-04-20 10:00", "reply", "h-zhao", {"outcome": "supported", "text": "已办结。"}),
            )
            sandbox.at("2025-12-31 12:00")
            report = sandbox.engine.simulate(DISTRICT)
            self.assertEqual(report["policy_after"], "district 1")
            self.assertEqual(report["cases"], 2)
            self.assertEqual([change["number"] for change in report["breaches_added"]], [slow.number])
            self.assertEqual(report["total"]["breaches_added"], 1)
            self.assertLess(report["total"]["indicators"]["on_time_completion"]["delta"], 0)
            markdown = sandbox.engine.simulate("cn-national-2022", "markdown", until=sandbox.time("2025-06-01 00:00"))
            self.assertTrue(markdown.startswith("# What-if: cn-national-2022 2022.1 instead of"), markdown)
            with self.assertRaises(xinfang.InvalidArgument):
                sandbox.engine.simulate(DISTRICT, "pdf")
            with self.assertRaises(xinfang.NotFound):
                sandbox.engine.simulate("atlantis-2030")
