"""Runs the headless-Chromium checks of the inventory's HTML report (inventory_html_browser.py)
under Debian's python3, which has python3-selenium. CI installs chromium, chromium-driver and
python3-selenium (scripts/test); without them the test fails under CI and is skipped elsewhere."""
import os
import shutil
import subprocess
import unittest

import support

PYTHON = "/usr/bin/python3"


def browser_ready():
    if not (shutil.which("chromium") and shutil.which("chromedriver") and os.path.exists(PYTHON)):
        return False
    return subprocess.run([PYTHON, "-c", "import selenium"], capture_output=True).returncode == 0


class HtmlReportInChromium(unittest.TestCase):
    def test_html_report_in_headless_chromium(self):
        if not browser_ready():
            if os.environ.get("CI"):
                self.fail("chromium, chromium-driver and python3-selenium are required in CI (scripts/test installs them)")
            self.skipTest("chromium, chromium-driver or python3-selenium is not installed")
        env = dict(os.environ, NHISCAN_BIN=os.path.abspath(support.BIN), NHISCAN_SOURCE_DIR=support.SOURCE_DIR)
        r = subprocess.run([PYTHON, "-m", "unittest", "-v", "inventory_html_browser"], cwd=os.path.dirname(__file__),
                           env=env, capture_output=True, text=True, timeout=900)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Ran 5 tests", r.stderr)
