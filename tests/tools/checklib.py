"""checklib.py - the tiny harness of the Python tool checks: one sentence per
check, "ok"/"FAIL" lines, and the closing "N passed, N failed" line."""
import re
import subprocess
import sys

counts = {"passed": 0, "failed": 0}


def check(descr, cond, detail=""):
    """Record one check; print its sentence, and the detail when it fails."""
    if cond:
        counts["passed"] += 1
        print("ok   - " + descr)
    else:
        counts["failed"] += 1
        print("FAIL - " + descr + ("\n       " + detail if detail else ""))


def run(*args):
    """Run a command; return (exit status, stdout, stderr) as text."""
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def nows(s):
    """s without any whitespace."""
    return re.sub(r"\s+", "", s)


def finish():
    """Print the closing line and exit non-zero when anything failed."""
    print("%d passed, %d failed" % (counts["passed"], counts["failed"]))
    sys.exit(1 if counts["failed"] else 0)
