#!/usr/bin/env python3
"""Count JUnit results from Surefire XML reports: prints 'passed failed skipped' and lists failures.

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
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
                failures.append(name)
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
for name in failures:
    print(f"FAIL {name}", file=sys.stderr)
print(passed, failed, skipped)
