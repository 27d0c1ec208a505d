"""Headless Chromium for the tests that look at a report as a person would."""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRED = os.environ.get("CITETRACE_REQUIRE_BROWSER") == "1"


def chromium_driver():
    """A headless Chromium WebDriver, or a skip (a failure when CI requires it)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        chromium = None
    if not (chromium and chromedriver):
        message = (
            "headless Chromium and chromedriver are not installed (apt: chromium chromium-driver)"
        )
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--allow-file-access-from-files",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
