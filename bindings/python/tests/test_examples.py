"""The portal example as a portal would drive it: one process per request, JSON in and out."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from support import EXAMPLES

PORTAL = os.path.join(EXAMPLES, "portal_json.py")
PETITION = {
    "channel": "online",
    "type": "claim",
    "category": "pensions",
    "subject": "优抚金发放标准咨询",
    "content": "",
    "petitioners": [{"name": "赵六", "phone": "13700000000"}],
}


class PortalExample(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="xf-portal-")
        self.addCleanup(shutil.rmtree, self.directory, True)
        self.database = os.path.join(self.directory, "portal.db")

    def ask(self, request, expect_exit=0):
        text = request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)
        result = subprocess.run([sys.executable, "-B", PORTAL, "--db", self.database, "-"], input=text,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, expect_exit, result.stderr)
        return json.loads(result.stdout)

    def test_submit_then_look_up_and_withdraw_in_separate_processes(self):
        made = self.ask({"action": "submit", "request_id": "web-1", "petition": PETITION})
        self.assertTrue(made["ok"], made)
        self.assertEqual(made["status"], "registered")
        again = self.ask({"action": "submit", "request_id": "web-1", "petition": PETITION})
        self.assertEqual((again["number"], again["replayed"]), (made["number"], True))

        found = self.ask({"action": "lookup", "number": made["number"], "query_code": made["query_code"]})
        self.assertEqual(found["case"]["status"], "registered")
        self.assertEqual([step["type"] for step in found["case"]["steps"]], ["registered"])
        self.assertNotIn("petitioners", found["case"])

        early = self.ask({"action": "rate", "number": made["number"], "query_code": made["query_code"],
                          "level": "satisfied"})
        self.assertEqual((early["ok"], early["error"]["status"]), (False, "invalid_state"))
        stranger = self.ask({"action": "withdraw", "number": made["number"], "query_code": "WRONGCODE0"})
        self.assertEqual(stranger["error"]["status"], "not_found")
        withdrawn = self.ask({"action": "withdraw", "number": made["number"], "query_code": made["query_code"],
                              "reason": "已解决"})
        self.assertEqual((withdrawn["ok"], withdrawn["status"]), (True, "withdrawn"))

    def test_bad_requests_are_answers(self):
        replies = self.ask([{"action": "teleport"}, {"action": "lookup"}, "not an object"])
        self.assertEqual([reply["error"]["status"] for reply in replies], ["invalid_data"] * 3)
        self.assertIn("number", replies[1]["error"]["message"])
        broken = self.ask('{"action": "lookup",', expect_exit=2)
        self.assertEqual(broken["error"]["status"], "parse_error")


if __name__ == "__main__":
    unittest.main()
