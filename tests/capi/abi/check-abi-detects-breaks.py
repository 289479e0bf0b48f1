#!/usr/bin/env python3
"""Proves that the ABI check (check-abi.sh) fails on incompatible changes and passes compatible
ones, by editing copies of the committed baseline so that the library just built looks, to
abidiff, like one that removed a function, changed a structure, or added a function.

Usage: check-abi-detects-breaks.py CHECK_SCRIPT BASELINE.abi LIBRARY.so
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def run_check(check, baseline, library):
    done = subprocess.run([check, str(baseline), library], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def with_extra_function(text):
    """The baseline as if it had a function the library no longer has: the library removed it."""
    symbol = re.search(r"^ *<elf-symbol name='xf_engine_now'[^\n]*\n", text, re.M).group(0)
    decl = re.search(r"^ *<function-decl name='xf_engine_now'.*?</function-decl>\n", text, re.M | re.S).group(0)
    text = text.replace(symbol, symbol + symbol.replace("xf_engine_now", "xf_engine_retired"), 1)
    return text.replace(decl, decl + decl.replace("xf_engine_now", "xf_engine_retired"), 1)


def with_smaller_date(text):
    """The baseline as if xf_date had two members: the library's xf_date grew a member in place.
    Every translation unit of the library has its own description of the type; all are edited."""
    pieces = text.split("<class-decl name='xf_date' size-in-bits='96'")
    for i in range(1, len(pieces)):
        end = pieces[i].index("</class-decl>")
        body = pieces[i][:end]
        day = re.search(r"\s*<data-member access='public' layout-offset-in-bits='64'>.*?</data-member>", body, re.S)
        pieces[i] = body.replace(day.group(0), "", 1) + pieces[i][end:]
    return "<class-decl name='xf_date' size-in-bits='64'".join(pieces)


def without_function(text):
    """The baseline as if it lacked a function the library has: the library added it."""
    text = re.sub(r"^ *<elf-symbol name='xf_engine_roster'[^\n]*\n", "", text, count=1, flags=re.M)
    return re.sub(r"^ *<function-decl name='xf_engine_roster'.*?</function-decl>\n", "", text, count=1,
                  flags=re.M | re.S)


def with_shorter(struct):
    """An edit of the baseline as if @p struct lacked its last field: the library added one at the
    end, which struct_size makes compatible."""
    opening = f"<class-decl name='{struct}' size-in-bits='"

    def edit(text):
        pieces = text.split(opening)
        for i in range(1, len(pieces)):
            size, rest = pieces[i].split("'", 1)
            end = rest.index("</class-decl>")
            body = rest[:end]
            last = list(re.finditer(r"\s*<data-member access='public' layout-offset-in-bits='\d+'>.*?</data-member>",
                                    body, re.S))[-1]
            body = body[:last.start()] + body[last.end():]
            pieces[i] = str(int(size) - 64) + "'" + body + rest[end:]
        return opening.join(pieces)

    return edit


def main():
    check, baseline, library = sys.argv[1:4]
    original = Path(baseline).read_text()
    failures = []
    code, out = run_check(check, baseline, library)
    if code != 0:
        failures.append(f"the unchanged baseline fails the check:\n{out}")
    cases = [
        ("a removed function", with_extra_function, 1, "xf_engine_retired"),
        ("a structure changed in place", with_smaller_date, 1, "xf_date"),
        ("an added function", without_function, 0, "xf_engine_roster"),
        ("a field added at the end of xf_engine_options", with_shorter("xf_engine_options"), 0, "compatible"),
        ("a field added at the end of xf_petition", with_shorter("xf_petition"), 0, "compatible"),
    ]
    with tempfile.TemporaryDirectory() as directory:
        for name, edit, expected, mention in cases:
            edited = Path(directory) / "edited.abi"
            edited.write_text(edit(original))
            code, out = run_check(check, edited, library)
            if code != expected or mention not in out:
                failures.append(f"{name}: exit status {code} (expected {expected}), report:\n{out}")
            else:
                print(f"{name}: exit status {code}, as expected", flush=True)
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
