"""The coordinator's dashboard in a real headless Chromium (Selenium): log in, filter, open an
account, read the consensus findings and burden pages, download the consolidation report (XLSX and
PDF), and see that one more cadre's report changes nothing until the next batch.
Screenshots of the main pages are kept (``CADRE_UNIT_SCREENSHOTS`` names a folder to copy them to)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cadre_desk.server.unit.store import UnitStore
from tests.poppler import pdf_text, render_pages
from tests.sync.server_fixtures import LiveServer
from tests.unit_view.helpers import account_key, clear_reports, publish, report

pytestmark = pytest.mark.slow

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("chromium / chromium-driver not installed (packaging/dev/system-packages.txt)")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=zh-CN",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(tmp_path / "downloads"),
            "download.prompt_for_download": False,
            "plugins.always_open_pdf_externally": True,  # a PDF is downloaded, not shown
        },
    )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _shot(driver: object, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    _keep(path)


def _keep(path: Path) -> None:
    keep = os.environ.get("CADRE_UNIT_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)


@pytest.mark.parametrize("server_db_url", ["sqlite"], indirect=True)
def test_coordinator_walks_the_dashboard(live_server: LiveServer, browser: object, tmp_path: Path) -> None:
    driver = browser
    clear_reports(live_server.store.engine)
    name, token = live_server.user()
    UnitStore(live_server.store.engine).set_coordinator(name)
    names = {1: "清河农业农村", 2: "清河县农业农村局", 3: "清河发布", 4: "青石乡便民服务", 5: "清河融媒"}
    for cadre in range(6):
        body = report(
            {1: 30.0 + cadre, 2: 12.0, 3: 45.0 - cadre, 4: 8.0, 5: 20.0},
            findings={1: "duplicate_account", 4: "zombie"} if cadre < 5 else {},
        )
        for key, info in body["accounts"].items():
            info["name"] = names[int(key.rsplit("a", 1)[1])]
        reply = httpx.post(
            f"{live_server.url}/v1/unit/report",
            json=body,
            headers={"Authorization": f"Bearer {live_server.user()[1]}"},
        )
        assert reply.status_code == 200
    assert publish(live_server.store.engine)

    driver.get(f"{live_server.url}/unit/")  # type: ignore[attr-defined]
    assert "协调员登录" in driver.page_source  # type: ignore[attr-defined]
    _shot(driver, tmp_path, "unit-login")
    driver.find_element(By.ID, "token").send_keys(token)  # type: ignore[attr-defined]
    driver.find_element(By.ID, "login").click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.TAG_NAME, "svg")))
    heading = driver.find_element(By.TAG_NAME, "h1").text  # type: ignore[attr-defined]
    assert heading == "各账号 2026-11 用时排名"
    rows = driver.find_elements(By.CSS_SELECTOR, "table tr")  # type: ignore[attr-defined]
    assert "清河发布" in rows[1].text  # most minutes first (6 cadres × 42.5)
    _shot(driver, tmp_path, "unit-accounts")

    Select(driver.find_element(By.ID, "level")).select_by_value("county")  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "form.filters button").click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("level=county"))
    listed = driver.find_element(By.TAG_NAME, "table").text  # type: ignore[attr-defined]
    assert (
        "清河发布" in listed and "清河农业农村" in listed and "清河县农业农村局" not in listed
    )  # odd = county

    driver.find_element(By.LINK_TEXT, "清河农业农村").click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("/unit/account"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "「清河农业农村」每月用时"  # type: ignore[attr-defined]
    _shot(driver, tmp_path, "unit-account")

    driver.find_element(By.LINK_TEXT, "共识结论").click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("/unit/findings"))
    text = driver.find_element(By.TAG_NAME, "main").text  # type: ignore[attr-defined]
    assert "6 位干部中 5 位的工具认为「清河农业农村」与「清河县农业农村局」重复" in text
    _shot(driver, tmp_path, "unit-findings")

    driver.find_element(By.LINK_TEXT, "减负问题").click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("/unit/burden"))
    assert "强制使用" in driver.find_element(By.TAG_NAME, "table").text  # type: ignore[attr-defined]
    _shot(driver, tmp_path, "unit-burden")

    driver.find_element(By.LINK_TEXT, "整合报告 XLSX").click()  # type: ignore[attr-defined]
    target = _downloaded(tmp_path / "downloads" / "unit-consolidation.xlsx")
    import openpyxl

    sheet = openpyxl.load_workbook(target)["整合建议"]
    assert any(row[0] == "合并" and row[1] == "清河农业农村" for row in sheet.iter_rows(values_only=True))
    assert account_key(1) in {row[2] for row in sheet.iter_rows(values_only=True)}

    driver.find_element(By.LINK_TEXT, "整合报告 PDF").click()  # type: ignore[attr-defined]
    pdf = _downloaded(tmp_path / "downloads" / "unit-consolidation.pdf")
    text = "".join(pdf_text(pdf).split())
    assert "单位政务新媒体账号整合建议报告" in text and "合并清河农业农村" in text
    assert "6位干部中5位的工具认为「清河农业农村」与「清河县农业农村局」重复" in text
    for page in render_pages(pdf, tmp_path / "unit-report-page", dpi=60):
        _keep(page)

    # one more cadre reports: the dashboard does not move until a batch of k is published
    driver.get(f"{live_server.url}/unit/")  # type: ignore[attr-defined]
    before = driver.find_element(By.TAG_NAME, "main").text  # type: ignore[attr-defined]
    late = report({3: 500.0})
    httpx.post(
        f"{live_server.url}/v1/unit/report",
        json=late,
        headers={"Authorization": f"Bearer {live_server.user()[1]}"},
    ).raise_for_status()
    driver.refresh()  # type: ignore[attr-defined]
    assert driver.find_element(By.TAG_NAME, "main").text == before  # type: ignore[attr-defined]


def _downloaded(target: Path) -> Path:
    deadline = time.monotonic() + 120  # the download's arrival, not a time: only a hang takes this long
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert target.exists() and target.stat().st_size > 1000
    return target
