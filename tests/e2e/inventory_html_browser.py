"""The -f html inventory report in a real headless Chromium (Debian's chromium + chromium-driver,
driven by python3-selenium). Run by test_inventory_html.py under /usr/bin/python3, where
Debian's selenium lives. Checks: rows and timelines equal the JSON report, sorting and
filtering work, the page makes no network request, no secret is in the DOM; a screenshot is
saved to <build>/test-artifacts/inventory-report.png."""
import json
import os
import shutil
import tempfile
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import inventoryfixture as fx
import support
from test_inventory import InventoryFixture

ARTIFACTS = os.path.join(os.path.dirname(os.path.abspath(support.BIN)), "test-artifacts")


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,1000",
              "--no-first-run", "--disable-background-networking", "--disable-component-update",
              "--disable-default-apps", "--disable-sync"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=opts)


class HtmlReport(InventoryFixture):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.maxDiff = None
        self.doc = self.inventory("-f", "json").json()
        self.page = self.path("inventory.html")
        self.inventory("-f", "html", "-o", self.page)
        self.driver.get_log("performance")  # drop earlier pages' events
        self.driver.get("file://" + self.page)
        self.records = self.doc["records"]

    def rows(self, visible_only=True):
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#records tr.rec")
        return [r for r in rows if r.is_displayed() or not visible_only]

    def keys_shown(self):
        return [r.get_attribute("data-key") for r in self.rows()]

    def expected_cells(self, r):
        p = r["places"][0]
        where = f"{p['repo']}:{p['path']}" + (f" (+{len(r['places']) - 1})" if len(r["places"]) > 1 else "")
        return [str(r["priority"]), r["severity"], r["provider"], r["public_id"]["value"] if r["public_id"] else "",
                r["state"], str(r["exposure_days"]), str(r["rotation_count"]), r["owner"]["value"] or "(none)",
                r["environment"]["value"], r["first_seen"]["date"][:10], where]

    def expected_timeline(self, r):
        events = [("introduced", r["first_seen"]["commit"], r["first_seen"]["date"])]
        for x in r["rotations"]:
            events.append(("rotated out" if x["role"] == "replaced" else "rotated in", x["commit"], x["date"]))
        if r["removed"]:
            events.append(("removed", r["removed"]["commit"], r["removed"]["date"]))
        else:
            events.append(("still at HEAD" if r["state"] == "at HEAD" else r["state"], None, "\uffff"))
        events.sort(key=lambda e: e[2])
        return [(e, c) for e, c, _ in events]

    def test_rows_and_timelines_equal_the_json(self):
        self.assertEqual(self.keys_shown(), [r["key"] for r in self.records])
        for row, rec in zip(self.rows(), self.records):
            cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
            self.assertEqual(cells, self.expected_cells(rec), rec["key"])
        for rec in self.records:
            detail = self.driver.find_element(By.CSS_SELECTOR, f'#records tr.detail[data-key="{rec["key"]}"]')
            items = detail.find_elements(By.CSS_SELECTOR, "ol.timeline li")
            got = [(li.get_attribute("data-event"), li.get_attribute("data-commit")) for li in items]
            self.assertEqual(got, self.expected_timeline(rec), rec["key"])
        # A row opens and closes its timeline.
        k1 = fx.record_key(self.secrets["K1"])
        detail = self.driver.find_element(By.CSS_SELECTOR, f'tr.detail[data-key="{k1}"]')
        self.assertFalse(detail.is_displayed())
        self.driver.find_element(By.CSS_SELECTOR, f'tr.rec[data-key="{k1}"]').click()
        self.assertTrue(detail.is_displayed())
        self.assertIn("rotated out", detail.text)
        self.assertIn("Bob Example <bob@example.com>", detail.text)
        # Summary cards carry the JSON's counts.
        for name in ("state", "severity", "provider", "owner", "environment", "exposure"):
            card = self.driver.find_element(By.CSS_SELECTOR, f'.card[data-summary="{name}"]')
            pairs = {tr.find_elements(By.TAG_NAME, "td")[0].text: int(tr.find_elements(By.TAG_NAME, "td")[1].text)
                     for tr in card.find_elements(By.TAG_NAME, "tr")}
            self.assertEqual(pairs, self.doc["summary"][name], name)
        os.makedirs(ARTIFACTS, exist_ok=True)
        shot = os.path.join(ARTIFACTS, "inventory-report.png")
        self.assertTrue(self.driver.save_screenshot(shot))
        self.assertGreater(os.path.getsize(shot), 10000)

    def header(self, col):
        return self.driver.find_element(By.CSS_SELECTOR, f'#records th[data-col="{col}"]')

    def test_sorting(self):
        by = lambda f, rev=False: [r["key"] for r in sorted(self.records, key=lambda r: (f(r), r["priority"]), reverse=rev)]
        self.header("exposure_days").click()
        self.assertEqual(self.keys_shown(), by(lambda r: r["exposure_days"]))
        self.assertEqual(self.header("exposure_days").get_attribute("aria-sort"), "ascending")
        self.header("exposure_days").click()
        self.assertEqual(self.keys_shown(), by(lambda r: r["exposure_days"], rev=True))
        self.header("provider").click()
        self.assertEqual(self.keys_shown(), by(lambda r: r["provider"].lower()))
        sev = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
        self.header("severity").click()
        self.assertEqual(self.keys_shown(), by(lambda r: sev[r["severity"]]))
        self.header("priority").click()
        self.assertEqual(self.keys_shown(), [r["key"] for r in self.records])

    def test_filtering(self):
        Select(self.driver.find_element(By.ID, "f-state")).select_by_value("removed")
        self.assertEqual(self.keys_shown(), [r["key"] for r in self.records if r["state"] == "removed"])
        Select(self.driver.find_element(By.ID, "f-state")).select_by_value("")
        box = self.driver.find_element(By.ID, "filter")
        box.send_keys("deploy/keys.txt")
        self.assertEqual(self.keys_shown(), [fx.record_key(self.secrets["K3"])])
        self.assertEqual(self.driver.find_element(By.ID, "shown").text, f"1 of {len(self.records)} shown")
        box.clear()
        box.send_keys("@org/env-owners")
        self.assertEqual(self.keys_shown(), [r["key"] for r in self.records if r["owner"]["value"] == "@org/env-owners"])
        box.clear()
        box.send_keys(" ")
        box.clear()
        Select(self.driver.find_element(By.ID, "f-environment")).select_by_value("test")
        self.assertEqual(self.keys_shown(), [fx.record_key(self.secrets["AWS"])])

    def test_no_network_request(self):
        events = [json.loads(e["message"])["message"] for e in self.driver.get_log("performance")]
        urls = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]
        self.assertEqual(urls, ["file://" + self.page])
        self.assertEqual(self.driver.execute_script("return performance.getEntriesByType('resource').length"), 0)
        # The page's policy forbids fetching anything, so even injected content cannot reach out.
        csp = self.driver.find_element(By.CSS_SELECTOR, 'meta[http-equiv="Content-Security-Policy"]')
        self.assertTrue(csp.get_attribute("content").startswith("default-src 'none';"))

    def test_no_secret_in_the_dom(self):
        dom = self.driver.execute_script("return document.documentElement.outerHTML")
        self.assertIn(self.records[0]["key"], dom)  # the DOM is really there
        for name, value in self.secrets.items():
            if name != "AWS":  # the AWS key id is the public identifier
                self.assertNotIn(value, dom, name)
                self.assertNotIn(value, self.driver.page_source, name)


if __name__ == "__main__":
    unittest.main()
