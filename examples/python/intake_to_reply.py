"""A letter from intake to reply, from Python: open a database under 信访工作条例 (the
cn-national-2022 preset), put the staff in the directory, register a letter, accept it, let the
routing rules choose the unit and handler, read its deadlines, ask for and approve an extension,
reply, let the petitioner rate the reply and look the case up, and verify the hash chain.

A manual clock lets the weeks pass in a moment. Run it from a build tree:

    PYTHONPATH=build/python python3 examples/python/intake_to_reply.py
"""

import datetime as dt
import os
import tempfile

import xinfang

STAFF = [
    {"id": "r-li", "name": "李登记", "organisation": "city", "unit": "petition_office", "roles": ["registrar"]},
    {"id": "d-wang", "name": "王分办", "organisation": "city", "unit": "petition_office", "roles": ["dispatcher"]},
    {"id": "h-zhao", "name": "赵承办", "organisation": "city", "unit": "social_assistance", "roles": ["handler"]},
    {"id": "l-sun", "name": "孙局长", "organisation": "city", "unit": "general", "roles": ["org_leader"]},
    # The online portal's account, through which petitioners rate: no unit.
    {"id": "portal", "name": "网上信访平台", "organisation": "city", "roles": ["petitioner"]},
]

LETTER = {
    "channel": "letter",
    "type": "claim",
    "category": "social_assistance",
    "region": "central",
    "subject": "低保金三个月未发放",
    "content": "自2024年12月起未收到最低生活保障金。",
    "petitioners": [{"name": "张三", "phone": "13800000000"}],
    # Times are aware datetimes (or ISO 8601 with a zone): a naive one is refused.
    "received_at": dt.datetime(2025, 3, 3, 9, 0, tzinfo=xinfang.SHANGHAI),
}


def story(engine, clock):
    for member in STAFF:
        engine.put_staff("admin", member)

    # Monday 2025-03-03 09:30: the registrar registers the letter. The key makes a retry after a
    # lost answer return this case instead of registering a second one.
    made = engine.intake("r-li", LETTER, idempotency_key="letter-2025-0001")
    number = made.number
    print("intake   by r-li   -> %s: case %s, query code %s" % (made.status, number, made.query_code))
    again = engine.intake("r-li", LETTER, idempotency_key="letter-2025-0001")
    print("the same letter again (a retry): case %s, replayed=%s" % (again.number, again.replayed))

    # Tuesday: the petition office accepts it; route without a unit or handler lets the policy's
    # routing rules (social assistance -> 社会救助科) and the directory choose.
    clock.advance(days=1)
    print("accept   by d-wang -> %s" % engine.accept(number, "d-wang").status)
    routed = engine.route(number, "d-wang")
    payload = routed.events[0]["payload"]
    print("route    by d-wang -> %s: %s, handler %s (rule %s)"
          % (routed.status, payload["unit"], payload["handler"], payload["rule"]))

    # The handling clock: 60 statutory days from the acceptance, rolled forward off a holiday.
    # Its deadline is an instant (UTC); the office reads it as 24:00 of the last day, in Beijing.
    handling = next(report for report in engine.clocks(number) if report.clock == "handling")
    print("handling deadline: %s 24:00 (%s), %s"
          % (handling.last_day(), handling.deadline.isoformat(), handling.status))

    # A handler may not approve an extension; the organisation's leader may.
    clock.advance(days=20)
    engine.request_extension(number, "h-zhao", 30, "需要会同街道核实家庭收入")
    try:
        engine.approve_extension(number, "h-zhao")
    except xinfang.Forbidden as error:
        print("approve_extension by h-zhao refused: %s: %s" % (error.status_name, error))
    engine.approve_extension(number, "l-sun", "同意延期三十日")
    handling = next(report for report in engine.clocks(number) if report.clock == "handling")
    print("extended handling deadline: %s 24:00" % handling.last_day())

    # The reply, a week later; the portal passes on the petitioner's rating the next day.
    clock.advance(days=7)
    print("reply    by h-zhao -> %s" % engine.reply(number, "h-zhao", "supported", "经核查，已补发三个月低保金。").status)
    clock.advance(days=1)
    print("rate     by portal -> %s" % engine.rate(number, "portal", "satisfied", resolved=True).status)

    # What the petitioner sees with the number and the query code; a wrong code is NotFound.
    view = engine.lookup(number, made.query_code)
    try:
        engine.lookup(number, "WRONGCODE0")
    except xinfang.NotFound:
        print("a wrong query code finds nothing")

    report = engine.verify()
    if not report.ok:
        raise SystemExit("verify: %s" % report.problem)
    print("the letter is answered and rated: %s, chain verified (%d events)" % (view["status"], report.events))


def main():
    with tempfile.TemporaryDirectory(prefix="xf-example-") as directory:
        clock = xinfang.ManualClock(dt.datetime(2025, 3, 3, 9, 30, tzinfo=xinfang.SHANGHAI))
        with xinfang.Engine(os.path.join(directory, "cases.db"), policy="cn-national-2022", clock=clock) as engine:
            story(engine, clock)


if __name__ == "__main__":
    main()
