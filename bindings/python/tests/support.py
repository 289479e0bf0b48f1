"""What the tests share: the staff and petitions of a city petition office under
cn-national-2022, and an engine on a fresh file with a manual clock."""

import datetime as dt
import os
import shutil
import tempfile
import unittest

import xinfang

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_SOURCE = os.path.dirname(HERE)  # bindings/python
REPOSITORY = os.path.dirname(os.path.dirname(PACKAGE_SOURCE))
EXAMPLES = os.path.join(REPOSITORY, "examples", "python")

MONDAY = dt.datetime(2025, 3, 3, 9, 30, tzinfo=xinfang.SHANGHAI)

STAFF = [
    {"id": "r-li", "name": "李登记", "organisation": "city", "unit": "petition_office", "roles": ["registrar"]},
    {"id": "d-wang", "name": "王分办", "organisation": "city", "unit": "petition_office", "roles": ["dispatcher"]},
    {"id": "h-zhao", "name": "赵承办", "organisation": "city", "unit": "social_assistance", "roles": ["handler"]},
    {"id": "h-qian", "name": "钱承办", "organisation": "city", "unit": "pensions", "roles": ["handler"]},
    {"id": "u-zhou", "name": "周科长", "organisation": "city", "unit": "social_assistance", "roles": ["unit_leader"]},
    {"id": "l-sun", "name": "孙局长", "organisation": "city", "unit": "general", "roles": ["org_leader"]},
    {"id": "v-wu", "name": "吴复查", "organisation": "province", "unit": "petition_office_province",
     "roles": ["reviewer"]},
    {"id": "portal", "name": "网上信访平台", "organisation": "city", "roles": ["petitioner"]},
]


def letter(**fields):
    document = {
        "channel": "letter",
        "type": "claim",
        "category": "social_assistance",
        "region": "central",
        "subject": "低保金三个月未发放",
        "content": "自2024年12月起未收到最低生活保障金。",
        "petitioners": [{"name": "张三", "phone": "13800000000"}],
        "received_at": dt.datetime(2025, 3, 3, 9, 0, tzinfo=xinfang.SHANGHAI),
    }
    document.update(fields)
    return document


class EngineTestCase(unittest.TestCase):
    """A fresh database per test, the staff in its directory, a manual clock at MONDAY."""

    policy = "cn-national-2022"

    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="xf-python-test-")
        self.addCleanup(shutil.rmtree, self.directory, True)
        self.database = os.path.join(self.directory, "cases.db")
        self.clock = xinfang.ManualClock(MONDAY)
        self.engine = self.open()
        for member in STAFF:
            self.engine.put_staff("admin", member)

    def open(self, **options):
        options.setdefault("policy", self.policy)
        options.setdefault("clock", self.clock)
        options.setdefault("seed", 7)
        engine = xinfang.Engine(self.database, **options)
        self.addCleanup(engine.close)
        return engine

    def register(self, **fields):
        return self.engine.intake("r-li", letter(**fields))

    def in_handling(self, **fields):
        """A letter registered on Monday, accepted and routed to h-zhao on Tuesday."""
        made = self.register(**fields)
        self.clock.advance(days=1)
        self.engine.accept(made.number, "d-wang")
        self.engine.route(made.number, "d-wang", "social_assistance", "h-zhao")
        return made.number
