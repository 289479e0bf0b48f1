"""Intake from Python: cases per second through the bindings, one intake per call and in batches.

Each run opens a fresh database and registers --single petitions one call (one transaction)
each through Engine.intake, and as many through the C function called directly, in turn;
then, on another fresh database, --batch petitions in one intake_batch call. The petitions are
generated from a seed: seven channels, three types, eight categories, one or two petitioners.
It prints the median over --runs runs, with the lowest and highest, what the bindings add to a
single intake, and how much of that is their own Python work timed alone.

    PYTHONPATH=build/python python3 bindings/python/bench/intake_bench.py --runs 5
"""

import argparse
import ctypes
import json
import os
import platform
import random
import shutil
import statistics
import tempfile
import time

import xinfang
from xinfang import _native, _time

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


class TimedFunction:
    """Stands in for a library function and adds up the time spent inside it."""

    def __init__(self, function):
        self.function, self.seconds = function, 0.0

    def __call__(self, *arguments):
        start = time.perf_counter()
        try:
            return self.function(*arguments)
        finally:
            self.seconds += time.perf_counter() - start


def single_run(directory, count, seed, durability):
    """`count` intakes through Engine.intake and `count` through the C function xf_engine_intake
    called directly (the JSON text made beforehand: what the library costs without the bindings'
    JSON, lock and result objects), one of each in turn on one file, in a random order per pair:
    the file's periodic costs (the WAL checkpoint every thousand or so commits) then fall on both
    alike. Returns the rates of both, the seconds per call spent inside the C function during the
    Engine.intake calls, and one result's text."""
    bound = list(petitions(count, seed))
    raw = [json.dumps(p, ensure_ascii=False).encode("utf-8") for p in petitions(count, seed + 500)]
    actor = STAFF["id"].encode()
    order = random.Random(seed)
    elapsed_bound = elapsed_raw = 0.0
    intake = _native.lib.xf_engine_intake
    timed = TimedFunction(intake)
    clock = time.perf_counter
    with open_engine(directory, "single-%d.db" % seed, durability) as engine:
        free, handle = _native.lib.xf_string_free, engine._live()
        out = ctypes.c_void_p()
        sample = engine._string("xf_engine_intake", actor, json.dumps(dict(bound[0], subject="样本")).encode(), None)
        _native.lib.xf_engine_intake = timed  # Engine looks the function up at every call
        try:
            for petition, text in zip(bound, raw):
                for through_engine in (True, False) if order.random() < 0.5 else (False, True):
                    start = clock()
                    if through_engine:
                        engine.intake(STAFF["id"], petition)
                        elapsed_bound += clock() - start
                    else:
                        if intake(handle, actor, text, None, ctypes.byref(out)) != 0:
                            _native.raise_last(_native.lib.xf_last_error_code())
                        free(out.value)
                        elapsed_raw += clock() - start
        finally:
            _native.lib.xf_engine_intake = intake
        if engine.count() != 2 * count + 1:
            raise SystemExit("single intake: %d cases registered, %d expected" % (engine.count(), 2 * count + 1))
    return count / elapsed_bound, count / elapsed_raw, timed.seconds / count, sample


def batch_run(directory, count, seed, durability):
    items = list(petitions(count, seed))
    with open_engine(directory, "batch-%d.db" % seed, durability) as engine:
        start = time.perf_counter()
        results = engine.intake_batch(STAFF["id"], items)
        elapsed = time.perf_counter() - start
        if len({result.number for result in results}) != count or engine.count() != count:
            raise SystemExit("batch intake: the batch did not register %d distinct cases" % count)
    return count / elapsed


def python_work(count, seed, result_text):
    """Seconds per intake of the bindings' own Python work, timed alone: the petition to JSON text
    and a result (the library's text for one intake of this benchmark) back to a CommandResult."""
    items = list(petitions(count, seed))
    start = time.perf_counter()
    for petition in items:
        json.dumps(_time.jsonable(petition, "petition"), ensure_ascii=False).encode("utf-8")
        xinfang.CommandResult.from_json(json.loads(result_text))
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
        singles, raws, inside, batches, python_costs = [], [], [], [], []
        for run in range(arguments.runs):
            bound, raw, seconds_inside, sample = single_run(directory, arguments.single, 1000 + run,
                                                            arguments.durability)
            singles.append(bound)
            raws.append(raw)
            inside.append(seconds_inside)
            batches.append(batch_run(directory, arguments.batch, 2000 + run, arguments.durability))
            python_costs.append(python_work(arguments.single, 3000 + run, sample))
            for name in os.listdir(directory):
                os.remove(os.path.join(directory, name))
    finally:
        shutil.rmtree(directory, ignore_errors=True)

    print("xinfang %s (library %s), Python %s, durability %s" % (
        xinfang.__version__, xinfang.library_version(), platform.python_version(), arguments.durability))
    print(summary("single intake (%d per run)" % arguments.single, singles))
    print(summary("  the same, C function called raw", raws))
    print(summary("batch intake (%d in one call)" % arguments.batch, batches))
    per_call, raw_call = 1e6 / statistics.median(singles), 1e6 / statistics.median(raws)
    print("single intake: %.0f us per call through Engine.intake, %.0f us raw: the bindings add %.0f us (%.0f%%)" % (
        per_call, raw_call, per_call - raw_call, 100 * (per_call - raw_call) / per_call))
    in_c = 1e6 * statistics.median(inside)
    print("  inside Engine.intake: %.0f us in the C function, %.0f us around it" % (in_c, per_call - in_c))
    print("  the bindings' Python work (JSON both ways, the result object) timed alone: %.0f us" % (
        1e6 * statistics.median(python_costs)))


if __name__ == "__main__":
    main()
