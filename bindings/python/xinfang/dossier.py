"""Dossiers (案卷, docs/dossiers.md) without an engine: reading an archive and checking its chains.

An engine exports and imports them (:meth:`xinfang.Engine.export_case`,
:meth:`xinfang.Engine.export_concluded`, :meth:`xinfang.Engine.import_dossier`).
"""

import json

from . import _native


def check_dossier(data):
    """Reads a dossier (bytes, of any form) and checks every case's chain, without an engine:
    for a listing before an import, or to check an archive kept for years.

    Returns ``{"summary": {...}, "check": {...}}``: the summary is what the dossier holds
    ("library_version", "organisation", "exported_by", "exported_at", "period_from",
    "period_to", and "cases", each with its "number", "organisation", "status", "events",
    "attachments", "head_hash", "hash_algorithm", "policy_name", "policy_version",
    "redacted"); the check is {"ok", "cases", "events", "redacted_events", "case_number",
    "sequence", "message"}, the first problem found if any.

    A dossier that reads but whose chain does not hold is a finding, not an error:
    ``result["check"]["ok"]`` is False. One that does not read raises ParseError (not a dossier,
    damaged, truncated, empty) or UnsupportedVersion (written by a newer xinfang). A redacted
    dossier reads and checks (its redacted events by their links alone).
    """
    data = _native.archive(data)
    return json.loads(_native.call_string(_native.require("xf_dossier_check"), data, len(data)))
