"""The rendered reference (docs/index.html, kept current by scripts/generate --check): it
loads nothing from elsewhere, and shows every operation in a real headless Chromium
(Debian's, driven through its ChromeDriver), served by the local API at /index.html."""

import json
import os
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tools.docs import DOCS_PAGE
from tools.spec import OPENAPI_PATH, openapi, operations

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
# What headless Chromium needs here (root, no GPU, no network but the local API).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_page_is_self_contained():
    parser = Tags()
    parser.feed(DOCS_PAGE.read_text(encoding="utf-8"))
    assert [tag for tag, _ in parser.tags if tag in ("link", "img", "iframe", "object", "embed", "base")] == []
    assert all("src" not in attrs for tag, attrs in parser.tags if tag == "script")
    csp = [attrs["content"] for tag, attrs in parser.tags if attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1
    assert "default-src 'none'" in csp[0]
    assert "http" not in csp[0]


def test_local_api_serves_the_page_and_the_raw_spec(local_api):
    page = requests.get(local_api.url + "/index.html", timeout=30)
    assert (page.status_code, page.headers["Content-Type"].split(";")[0]) == (200, "text/html")
    assert page.content == DOCS_PAGE.read_bytes()
    spec = requests.get(local_api.url + "/openapi.yaml", timeout=30)
    assert spec.status_code == 200
    assert spec.content == OPENAPI_PATH.read_bytes()


@pytest.fixture(scope="module")
def browser():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} missing. On Debian or Ubuntu: sudo apt-get install chromium chromium-driver"
            " (scripts/test does it when run as root); or name a Chrome and its ChromeDriver in CHROMIUM"
            " and CHROMEDRIVER"
        )
    os.environ.setdefault("SE_AVOID_STATS", "true")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def requests_made(driver) -> tuple[dict[str, str], set[str]]:
    """(request id -> URL, ids of requests the page's CSP blocked) from DevTools' network log."""
    sent, blocked = {}, set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            sent[message["params"]["requestId"]] = message["params"]["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and message["params"].get("blockedReason") == "csp":
            blocked.add(message["params"]["requestId"])
    return sent, blocked


def test_every_operation_summary_shows_in_chromium(local_api, browser, tmp_path):
    summaries = [operation["summary"] for _, _, operation in operations(openapi())]
    assert summaries
    browser.get(local_api.url + "/index.html")

    def rendered(driver):
        shown = [
            element.text
            for element in driver.find_elements(By.CSS_SELECTOR, "#redoc h2")
            if element.is_displayed() and element.text
        ]
        return shown if all(summary in shown for summary in summaries) else False

    try:
        WebDriverWait(browser, 30).until(rendered)
    except TimeoutException:
        browser.save_screenshot(str(tmp_path / "docs.png"))
        pytest.fail(f"not every summary rendered within 30 s; screenshot in {tmp_path}:\n{browser.page_source[:2000]}")
    for summary in summaries:
        heading = browser.find_element(By.XPATH, f"//h2[normalize-space()={json.dumps(summary)}]")
        assert heading.is_displayed(), summary
    assert browser.title.startswith(openapi()["info"]["title"])
    screenshot = os.environ.get("DOCS_SCREENSHOT")  # e.g. DOCS_SCREENSHOT=/tmp/docs.png to look at it
    browser.save_screenshot(screenshot or str(tmp_path / "docs.png"))

    # Nothing left the machine: every request went to the local API or was
    # blocked by the page's own Content-Security-Policy (Redoc's logo image).
    sent, blocked = requests_made(browser)
    local = urlsplit(local_api.url).netloc
    elsewhere = {
        url
        for request_id, url in sent.items()
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != local and request_id not in blocked
    }
    assert elsewhere == set()
