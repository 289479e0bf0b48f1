"""Instants and days between Python and the C ABI.

The C ABI speaks seconds since the epoch (UTC) and xf_date; JSON speaks ISO 8601 with a zone.
Python callers give timezone-aware datetimes and datetime.date; naive datetimes are refused,
because a deadline computed from a time in an unknown zone is wrong by up to a day.
"""

import datetime as _dt

from ._native import XfDate

UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = _dt.timedelta(seconds=1)

try:
    from zoneinfo import ZoneInfo

    SHANGHAI = ZoneInfo("Asia/Shanghai")
except Exception:  # no zoneinfo module or no tz database: China has kept UTC+8 without DST since 1991
    SHANGHAI = _dt.timezone(_dt.timedelta(hours=8), "Asia/Shanghai")


def require_aware(value, name):
    if not isinstance(value, _dt.datetime):
        raise TypeError("%s must be a timezone-aware datetime, not %s" % (name, type(value).__name__))
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            "%s is a naive datetime (%s): give its time zone, e.g. tzinfo=xinfang.SHANGHAI or "
            "datetime.timezone.utc; a time in an unknown zone puts deadlines on the wrong day"
            % (name, value.isoformat())
        )
    return value


def to_seconds(value, name="time"):
    """An aware datetime as whole seconds since the epoch (rounded down)."""
    return (require_aware(value, name) - _EPOCH) // _SECOND


def from_seconds(seconds):
    """Seconds since the epoch as an aware datetime in UTC."""
    return _EPOCH + _dt.timedelta(seconds=seconds)


def to_iso(value, name="time"):
    """An aware datetime as ISO 8601 with its offset, in whole seconds (as the library reads it)."""
    return require_aware(value, name).replace(microsecond=0).isoformat()


def parse_iso(text):
    """An ISO 8601 instant from the library's JSON as an aware datetime in UTC (None stays None)."""
    if text is None or text == "":
        return None
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"  # fromisoformat reads "Z" only from Python 3.11
    value = _dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("the library returned a time without a zone: %r" % text)
    return value.astimezone(UTC)


def parse_day(text):
    return None if not text else _dt.date.fromisoformat(text)


def to_date(value, name="day"):
    """A datetime.date (or "YYYY-MM-DD") as a datetime.date; a datetime is refused (which zone's day?)."""
    if isinstance(value, _dt.datetime):
        raise TypeError("%s must be a date, not a datetime: take .date() in the zone you mean" % name)
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("%s: %r is not a date (YYYY-MM-DD)" % (name, value)) from None
    if isinstance(value, _dt.date):
        return value
    raise TypeError("%s must be a datetime.date or 'YYYY-MM-DD', not %s" % (name, type(value).__name__))


def to_xf_date(value, name="day"):
    day = to_date(value, name)
    return XfDate(day.year, day.month, day.day)


def from_xf_date(value):
    return _dt.date(value.year, value.month, value.day)


def jsonable(value, name="value"):
    """A copy of value with aware datetimes as ISO 8601 and dates as YYYY-MM-DD, for JSON."""
    if isinstance(value, _dt.datetime):
        return to_iso(value, name)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item, "%s.%s" % (name, key)) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item, "%s[%d]" % (name, index)) for index, item in enumerate(value)]
    return value
