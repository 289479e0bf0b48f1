"""xinfang.Policy: presets, files, dicts, checking -- and an engine opened with each."""

import json
import os
import shutil
import tempfile
import unittest

import xinfang

from support import EXAMPLES

DISTRICT = {
    "extends": "cn-national-2022",
    "name": "test-district",
    "version": "1",
    "clocks": {"handling": {"limit": 30}},
}


class Policies(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="xf-policy-")
        self.addCleanup(shutil.rmtree, self.directory, True)

    def write(self, name, text, mode="w"):
        path = os.path.join(self.directory, name)
        with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as out:
            out.write(text)
        return path

    def test_presets(self):
        names = xinfang.Policy.presets()
        self.assertIn("cn-national-2022", names)
        self.assertIn("hotline-12345", names)
        source = xinfang.Policy.preset_source("cn-national-2022")
        self.assertTrue(source.startswith("//"))  # as compiled in, comments and all
        with self.assertRaises(xinfang.NotFound):
            xinfang.Policy.preset_source("atlantis")
        report = xinfang.Policy.preset("hotline-12345").check()
        self.assertTrue(report.ok)
        self.assertEqual(report.name, "hotline-12345")

    def test_a_file_that_opens_with_comments(self):
        # The library takes text opening with "{" for JSON and anything else for a preset name;
        # a policy file opening with a comment, as the presets do, is still read as JSON.
        path = self.write("district.json", "// our district\n/* since 2025 */\n" + json.dumps(DISTRICT))
        report = xinfang.Policy.from_file(path).check()
        self.assertTrue(report.ok, report.errors)
        self.assertEqual((report.name, report.version), ("test-district", "1"))
        source = xinfang.Policy.preset_source("cn-national-2022")
        self.assertTrue(xinfang.Policy.from_json(source).check().ok)

    def test_every_error_with_its_path_and_position(self):
        report = xinfang.Policy({"extends": "cn-national-2022", "name": "x", "version": "1",
                                 "clocks": {"handling": {"unit": "weeks"}}, "max_representatives": 0}).check()
        self.assertFalse(report.ok)
        self.assertFalse(report)
        paths = [error["path"] for error in report.errors]
        self.assertIn("/clocks/handling/unit", paths)
        self.assertIn("/max_representatives", paths)
        # A syntax error keeps the file's own line and column, comments included.
        path = self.write("broken.json", '// line 1\n// line 2\n{"name": "x",\n  "version": }\n')
        [error] = xinfang.Policy.from_file(path).check().errors
        self.assertEqual(error["code"], "parse_error")
        self.assertIn("line 4", error["message"])

    def test_an_engine_opened_with_a_file_names_it_in_errors(self):
        database = os.path.join(self.directory, "cases.db")
        good = self.write("good.json", "// ok\n" + json.dumps(DISTRICT))
        with xinfang.Engine(database, xinfang.Policy.from_file(good)) as engine:
            policy = engine.policy()
            self.assertEqual(policy["name"], "test-district")
            self.assertEqual(policy["document"]["clocks"]["handling"]["limit"], 30)
        bad = self.write("bad.json", json.dumps(dict(DISTRICT, clocks={"handling": {"limit": "thirty"}})))
        with self.assertRaises(xinfang.InvalidData) as raised:
            xinfang.Engine(os.path.join(self.directory, "other.db"), xinfang.Policy.from_file(bad))
        self.assertTrue(raised.exception.message.startswith(bad + ": "), raised.exception.message)
        self.assertIn("/clocks/handling/limit", raised.exception.message)
        self.assertFalse(os.path.exists(os.path.join(self.directory, "other.db")))

    def test_a_dict_and_a_path_like(self):
        import pathlib

        database = os.path.join(self.directory, "cases.db")
        with xinfang.Engine(database, DISTRICT) as engine:
            self.assertEqual(engine.policy()["name"], "test-district")
        path = pathlib.Path(self.write("district.json", json.dumps(DISTRICT)))
        with xinfang.Engine(os.path.join(self.directory, "second.db"), path) as engine:
            self.assertEqual(engine.policy()["name"], "test-district")

    def test_a_file_that_is_not_utf8(self):
        path = self.write("latin1.json", b'{"name": "caf\xe9"}', "wb")
        with self.assertRaises(xinfang.InvalidUtf8) as raised:
            xinfang.Policy.from_file(path).check()
        self.assertIn(path, raised.exception.message)
        self.assertIn("offset 13", raised.exception.message)
        with self.assertRaises(xinfang.InvalidUtf8) as raised:
            xinfang.Engine(os.path.join(self.directory, "cases.db"), xinfang.Policy.from_file(path))
        self.assertIn(path, raised.exception.message)

    def test_the_example_policy_is_valid(self):
        report = xinfang.Policy.from_file(os.path.join(EXAMPLES, "district-policy.json")).check()
        self.assertTrue(report.ok, report.errors)

    def test_not_a_policy(self):
        with self.assertRaises(TypeError):
            xinfang.Policy(42)
        with self.assertRaises(FileNotFoundError):
            xinfang.Policy.from_file(os.path.join(self.directory, "missing.json"))


if __name__ == "__main__":
    unittest.main()
