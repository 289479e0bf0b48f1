"""The lifecycle's commands as typed methods of Engine (docs/lifecycle.md, the command table).

Each is Engine.run() with the command's arguments by name; optional arguments left as None are
not sent. Every one takes `expected_version` (0: no check) and returns a CommandResult.
"""


class Commands:
    """Mixed into Engine: one method per command of the lifecycle."""

    def _command(self, command, number, actor, expected_version, **args):
        args = {key: value for key, value in args.items() if value is not None}
        return self.run(number, actor, command, args, expected_version)

    def accept(self, number, actor, note=None, *, expected_version=0):
        """受理: a registered petition is accepted (dispatcher)."""
        return self._command("accept", number, actor, expected_version, note=note)

    def not_accept(self, number, actor, reason, note=None, *, expected_version=0):
        """不予受理, for a reason id of the policy (e.g. "litigation")."""
        return self._command("not_accept", number, actor, expected_version, reason=reason, note=note)

    def forward(self, number, actor, organisation, note=None, *, expected_version=0):
        """转送 to the competent organisation."""
        return self._command("forward", number, actor, expected_version, organisation=organisation, note=note)

    def assign(self, number, actor, unit, note=None, *, report_back=None, expected_version=0):
        """交办 to a unit below, which reports back; report_back = {"limit": n, "unit": period unit}."""
        return self._command(
            "assign", number, actor, expected_version, unit=unit, note=note, report_back=report_back
        )

    def route(self, number, actor, unit=None, handler=None, note=None, *, expected_version=0):
        """分办 to a unit and handler; leave them out to let the policy's routing rules and the
        directory (open cases, round robin, the duty roster) choose."""
        return self._command("route", number, actor, expected_version, unit=unit, handler=handler, note=note)

    def transfer(self, number, actor, unit, handler=None, reason=None, *, expected_version=0):
        """Moves the case to another unit (and handler, or one chosen by the directory)."""
        return self._command("transfer", number, actor, expected_version, unit=unit, handler=handler, reason=reason)

    def object(self, number, actor, reason, *, expected_version=0):
        """The unit that was given the case objects (Art. 23 ¶3, within the objection window)."""
        return self._command("object", number, actor, expected_version, reason=reason)

    def take_ownership(self, number, actor, leader, note=None, *, expected_version=0):
        """包案: a named leader owns the case."""
        return self._command("take_ownership", number, actor, expected_version, leader=leader, note=note)

    def mark_key(self, number, actor, note=None, *, expected_version=0):
        """Marks a key case (重点)."""
        return self._command("mark_key", number, actor, expected_version, note=note)

    def contact(self, number, actor, method, note=None, *, expected_version=0):
        """先行联系: the unit contacted the petitioner (phone, visit, message, online, letter, other)."""
        return self._command("contact", number, actor, expected_version, method=method, note=note)

    def suspend(self, number, actor, reason, *, expected_version=0):
        """Suspends handling (its clock pauses)."""
        return self._command("suspend", number, actor, expected_version, reason=reason)

    def resume(self, number, actor, reason=None, *, expected_version=0):
        """Resumes a suspended case."""
        return self._command("resume", number, actor, expected_version, reason=reason)

    def request_extension(self, number, actor, amount, reason, *, expected_version=0):
        """Asks for `amount` more (in the handling clock's unit)."""
        return self._command("request_extension", number, actor, expected_version, amount=amount, reason=reason)

    def approve_extension(self, number, actor, note=None, *, expected_version=0):
        """Grants the pending extension (the clock's approver role)."""
        return self._command("approve_extension", number, actor, expected_version, note=note)

    def refuse_extension(self, number, actor, reason, *, expected_version=0):
        """Refuses the pending extension."""
        return self._command("refuse_extension", number, actor, expected_version, reason=reason)

    def reply(self, number, actor, outcome, text, *, expected_version=0):
        """答复: outcome supported, partly_supported, not_supported or explained."""
        return self._command("reply", number, actor, expected_version, outcome=outcome, text=text)

    def rate(self, number, actor, level, *, resolved=None, comment=None, expected_version=0):
        """The petitioner's rating of the reply or review opinion (a level of the policy's scale);
        `resolved` answers "was it resolved?" (解决率)."""
        return self._command(
            "rate", number, actor, expected_version, level=level, resolved=resolved, comment=comment
        )

    def follow_up(self, number, actor, result, *, resolved=None, expected_version=0):
        """回访 after a rating that asked for one."""
        return self._command("follow_up", number, actor, expected_version, result=result, resolved=resolved)

    def request_review(self, number, actor, reason=None, *, expected_version=0):
        """复查 requested (within 30 days of the reply under cn-national-2022)."""
        return self._command("request_review", number, actor, expected_version, reason=reason)

    def decide_review(self, number, actor, outcome, text, *, expected_version=0):
        """The review opinion, by the organisation one level up."""
        return self._command("decide_review", number, actor, expected_version, outcome=outcome, text=text)

    def request_rereview(self, number, actor, reason=None, *, expected_version=0):
        """复核 requested after the review opinion."""
        return self._command("request_rereview", number, actor, expected_version, reason=reason)

    def decide_rereview(self, number, actor, outcome, text, *, expected_version=0):
        """The re-review opinion: the matter is concluded (终结)."""
        return self._command("decide_rereview", number, actor, expected_version, outcome=outcome, text=text)

    def withdraw(self, number, actor, reason=None, *, expected_version=0):
        """The petitioner withdraws (any open status)."""
        return self._command("withdraw", number, actor, expected_version, reason=reason)

    def merge(self, number, actor, into, note=None, *, expected_version=0):
        """Merges this case into case `into` (until the reply)."""
        return self._command("merge", number, actor, expected_version, into=into, note=note)

    def archive(self, number, actor, note=None, *, expected_version=0):
        """归档, once no review or re-review may still be requested."""
        return self._command("archive", number, actor, expected_version, note=note)

    def note(self, number, actor, text, *, expected_version=0):
        """A note in the case's log."""
        return self._command("note", number, actor, expected_version, text=text)
