"""A government portal's back end in miniature: JSON in, JSON out.

It reads a request document -- one request, or a list of them -- from a file or from stdin,
runs each against the case database, and prints one JSON answer per request (a list for a
list). A petitioner's requests name the case by number and query code, which the portal
checks with a lookup before it acts for them. An error is an answer, not a crash:
{"ok": false, "error": {"status": "not_found", "message": "..."}}.

    PYTHONPATH=build/python python3 examples/python/portal_json.py --db portal.db requests.json
    echo '{"action": "lookup", "number": "...", "query_code": "..."}' | ... --db portal.db -

Requests:
    {"action": "submit", "request_id": "...", "petition": {intake arguments}}
        the request id is the idempotency key: a retried request answers with the same case
    {"action": "lookup", "number": "...", "query_code": "..."}
    {"action": "rate", "number", "query_code", "level", "resolved"?, "comment"?}
    {"action": "request_review", "number", "query_code", "reason"?}
    {"action": "withdraw", "number", "query_code", "reason"?}
"""

import argparse
import json
import sys

import xinfang

# The portal's two directory entries: one registers what petitioners submit, the other acts for
# a petitioner who proved, with number and query code, that the case is theirs.
INTAKE_ACCOUNT = {"id": "portal-intake", "name": "网上信访平台（登记）", "organisation": "city",
                  "unit": "petition_office", "roles": ["registrar"]}
PETITIONER_ACCOUNT = {"id": "portal", "name": "网上信访平台", "organisation": "city", "roles": ["petitioner"]}


def open_engine(database):
    engine = xinfang.Engine(database, policy="cn-national-2022")
    for account in (INTAKE_ACCOUNT, PETITIONER_ACCOUNT):
        if engine.staff(account["id"]) is None:
            engine.put_staff("portal-setup", account)
    return engine


def public_view(view):
    """What the portal shows a petitioner: the status and the dated steps, nothing internal."""
    return {
        "number": view["number"],
        "status": view["status"],
        "subject": view["subject"],
        "received_at": view["received_at"],
        "steps": [{"type": event["type"], "at": event["at"]} for event in view["events"]],
    }


def submit(engine, request):
    made = engine.intake(INTAKE_ACCOUNT["id"], request["petition"], idempotency_key=request.get("request_id"))
    return {"number": made.number, "query_code": made.query_code, "status": made.status, "replayed": made.replayed}


def lookup(engine, request):
    return {"case": public_view(engine.lookup(request["number"], request["query_code"]))}


def act_for_petitioner(engine, request):
    # A wrong code raises NotFound here, before anything is done in the petitioner's name.
    engine.lookup(request["number"], request["query_code"])
    number, actor = request["number"], PETITIONER_ACCOUNT["id"]
    action = request["action"]
    if action == "rate":
        result = engine.rate(
            number, actor, request["level"], resolved=request.get("resolved"), comment=request.get("comment")
        )
    elif action == "request_review":
        result = engine.request_review(number, actor, request.get("reason"))
    else:
        result = engine.withdraw(number, actor, request.get("reason"))
    return {"number": result.number, "status": result.status}


ACTIONS = {"submit": submit, "lookup": lookup, "rate": act_for_petitioner,
           "request_review": act_for_petitioner, "withdraw": act_for_petitioner}


def answer(engine, request):
    if not isinstance(request, dict) or request.get("action") not in ACTIONS:
        return failure("invalid_data", "a request is an object whose action is one of %s" % ", ".join(ACTIONS))
    try:
        return dict({"ok": True, "action": request["action"]}, **ACTIONS[request["action"]](engine, request))
    except xinfang.Error as error:
        return failure(error.status_name, error.message, request["action"])
    except KeyError as missing:
        return failure("invalid_data", "%s: %s is required" % (request["action"], missing), request["action"])


def failure(status, message, action=None):
    reply = {"ok": False, "action": action} if action else {"ok": False}
    reply["error"] = {"status": status, "message": message}
    return reply


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="the case database (created if missing)")
    parser.add_argument("request", nargs="?", default="-", help="the request document (default: stdin)")
    arguments = parser.parse_args()

    source = sys.stdin if arguments.request == "-" else open(arguments.request, encoding="utf-8")
    with source:
        try:
            document = json.load(source)
        except json.JSONDecodeError as error:
            print(json.dumps(failure("parse_error", "request: %s" % error), ensure_ascii=False))
            return 2
    with open_engine(arguments.db) as engine:
        if isinstance(document, list):
            reply = [answer(engine, request) for request in document]
        else:
            reply = answer(engine, document)
    print(json.dumps(reply, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
