#!/usr/bin/env python3
"""Count JUnit results from Surefire XML reports: prints 'passed failed skipped' and lists failures
with the first lines of each one's message.

Usage: test_summary.py REPORT_DIR...
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
failures = []
for directory in sys.argv[1:]:
    for path in sorted(glob.glob(os.path.join(directory, "TEST-*.xml"))):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            failed += 1
            failures.append(f"{path}: unreadable report")
            continue
        for case in root.iter("testcase"):
            name = f"{case.get('classname')}.{case.get('name')}"
            bad = case.find("failure")
            if bad is None:
                bad = case.find("error")
            if bad is not None:
                failed += 1
                # The first lines of the message and trace, so that a CI log that keeps only the
                # FAIL lines still says why (a run on another machine leaves no reports behind).
                text = (bad.get("message") or "") + "\n" + (bad.text or "")
                lines = [l.rstrip() for l in text.splitlines() if l.strip()][:12]
                failures.append("\n".join([name] + ["FAIL   > " + l[:300] for l in lines]))
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
for name in failures:
    print(f"FAIL {name}", file=sys.stderr)
print(passed, failed, skipped)
