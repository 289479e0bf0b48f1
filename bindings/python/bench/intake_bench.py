"""Intake from Python: cases per second through the bindings, one intake per call and in batches.

Each run opens a fresh database, registers --single petitions one call (one transaction) each,
then, on another fresh database, --batch petitions in one intake_batch call. The petitions are
generated from a seed: seven channels, three types, eight categories, one or two petitioners.
It prints the median over --runs runs, with the lowest and highest, and how much of a single
intake the Python side takes (turning the petition into JSON text and the result back into a
CommandResult, measured alone on the same petitions).

    PYTHONPATH=build/python python3 bindings/python/bench/intake_bench.py --runs 5
"""

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import tempfile
import time

import xinfang
from xinfang import _time

CHANNELS = ["visit", "letter", "phone", "hotline", "online", "email", "leader_reception"]
TYPES = ["claim"] * 6 + ["suggestion"] * 3 + ["accusation"]
CATEGORIES = {
    "social_assistance": ("低保金发放问题", "自去年起未按时收到最低生活保障金，多次询问社区未果。"),
    "pensions": ("优抚金待遇咨询", "本人系退役军人，对优抚金发放标准有疑问，请求答复。"),
    "disability": ("残疾等级评定异议", "对残疾等级评定结果有异议，请求重新评定。"),
    "elderly_care": ("养老服务补贴申请", "提交高龄津贴申请三个月无答复。"),
    "marriage": ("婚姻登记档案查询", "需要查询上世纪九十年代的婚姻登记档案。"),
    "funeral": ("公墓收费问题", "公墓管理费上涨过快，请求核查收费依据。"),
    "community": ("小区物业管理问题", "物业公司长期不履行维修义务。"),
    "other": ("其他问题", "其他民政事务咨询。"),
}
STAFF = {"id": "r-bench", "name": "基准登记员", "organisation": "city", "unit": "petition_office", "roles": ["registrar"]}


def petitions(count, seed):
    generator = random.Random(seed)
    category_ids = list(CATEGORIES)
    for index in range(count):
        category = generator.choice(category_ids)
        subject, content = CATEGORIES[category]
        people = [{"name": "信访人%05d" % generator.randrange(100000), "phone": "139%08d" % generator.randrange(10**8)}
                  for _ in range(generator.choice((1, 1, 1, 2)))]
        petition_type = generator.choice(TYPES)
        channel = generator.choice(CHANNELS)
        yield {
            "channel": channel,
            "type": petition_type,
            "category": category,
            "region": generator.choice(["central", "east", "west", "county"]),
            "subject": "%s（%d）" % (subject, index),
            "content": content,
            "petitioners": people,
            "group": channel not in ("visit", "leader_reception") and len(people) > 1,
        }


def open_engine(directory, name, durability):
    engine = xinfang.Engine(os.path.join(directory, name), "cn-national-2022", durability=durability)
    engine.put_staff("bench", STAFF)
    return engine


def single_run(directory, count, seed, durability):
    items = list(petitions(count, seed))
    with open_engine(directory, "single-%d.db" % seed, durability) as engine:
        start = time.perf_counter()
        for petition in items:
            engine.intake(STAFF["id"], petition)
        elapsed = time.perf_counter() - start
        if engine.count() != count:
            raise SystemExit("single intake: %d cases registered, %d expected" % (engine.count(), count))
    return count / elapsed


def batch_run(directory, count, seed, durability):
    items = list(petitions(count, seed))
    with open_engine(directory, "batch-%d.db" % seed, durability) as engine:
        start = time.perf_counter()
        results = engine.intake_batch(STAFF["id"], items)
        elapsed = time.perf_counter() - start
        if len({result.number for result in results}) != count or engine.count() != count:
            raise SystemExit("batch intake: the batch did not register %d distinct cases" % count)
    return count / elapsed


def python_side(count, seed):
    """Seconds per petition of the bindings' own work in intake(): the petition to JSON text and
    a result like the library's back to a CommandResult."""
    items = list(petitions(count, seed))
    result = json.dumps({"number": "MZJ-2025-0000014", "version": 1, "status": "registered", "query_code": "K6SVVPDF3H",
                         "replayed": False, "events": [{"type": "registered", "at": "2025-03-03T01:30:00Z",
                                                        "actor": STAFF, "payload": dict(items[0], number="x")}]},
                        ensure_ascii=False)
    start = time.perf_counter()
    for petition in items:
        json.dumps(_time.jsonable(petition), ensure_ascii=False).encode("utf-8")
        xinfang.CommandResult.from_json(json.loads(result))
    return (time.perf_counter() - start) / count


def summary(label, rates, unit="cases/s"):
    median = statistics.median(rates)
    return "%-34s median %8.0f %s  (lowest %.0f, highest %.0f, %d runs)" % (
        label, median, unit, min(rates), max(rates), len(rates))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--single", type=int, default=2000, help="petitions registered one call each, per run")
    parser.add_argument("--batch", type=int, default=10000, help="petitions in the one batch of each run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--durability", choices=("normal", "full"), default="normal")
    parser.add_argument("--dir", help="where the databases go (default: a temporary directory, removed)")
    arguments = parser.parse_args()

    directory = tempfile.mkdtemp(prefix="xf-intake-bench-", dir=arguments.dir)
    try:
        singles, batches, python_costs = [], [], []
        for run in range(arguments.runs):
            singles.append(single_run(directory, arguments.single, 1000 + run, arguments.durability))
            batches.append(batch_run(directory, arguments.batch, 2000 + run, arguments.durability))
            python_costs.append(python_side(min(arguments.single, 2000), 3000 + run))
            for name in os.listdir(directory):
                os.remove(os.path.join(directory, name))
    finally:
        shutil.rmtree(directory, ignore_errors=True)

    print("xinfang %s (library %s), Python %s, durability %s" % (
        xinfang.__version__, xinfang.library_version(), platform.python_version(), arguments.durability))
    print(summary("single intake (%d per run)" % arguments.single, singles))
    print(summary("batch intake (%d in one call)" % arguments.batch, batches))
    per_call = 1e6 / statistics.median(singles)
    python_us = statistics.median(python_costs) * 1e6
    print("of a single intake's %.0f us, the Python side (JSON both ways) takes %.0f us (%.0f%%)" % (
        per_call, python_us, 100 * python_us / per_call))


if __name__ == "__main__":
    main()
