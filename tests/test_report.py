"""The annotated report: Markdown snapshot, escaping, and a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace import audit_text
from citetrace.cli import main
from citetrace.render.html import render_html
from citetrace.render.markdown import render_report_markdown

from .browser import chromium_driver
from .conftest import ROOT, SEED

HOSTILE = (
    'He wrote <script>alert("x")</script> and "><img src=x onerror=alert(1)> '
    'and <a href="javascript:alert(2)">link</a> \u202eevil\u202c '
    + "W"
    * 5000
    + " (Pravda, 1987. 5. 1). A claim (<b>Trud</b>, 1987. 5. 2).\n\n"
    "## References\n\n<script>alert(3)</script>\n\nPravda\n"
)


def test_markdown_report_snapshot(seed_report, file_regression) -> None:
    file_regression.check(render_report_markdown(seed_report), extension=".md")


def test_html_escapes_document_text() -> None:
    page = render_html(audit_text(HOSTILE, "<evil>.txt"))
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Trud" not in page
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in page
    assert not re.search(r"<a [^>]*href=\"javascript", page)
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(
        1
    )
    assert "</" not in data and "<" not in data
    assert "&lt;evil&gt;.txt" in page
    assert "\u202e" not in page and "⟨U+202E⟩" in page  # shown, not obeyed
    assert "W" * 5000 in re.sub(r"<[^>]+>", "", page)  # the long token is all there


def test_html_is_self_contained_with_a_strict_policy() -> None:
    page = render_html(audit_text(SEED.read_text("utf-8"), "paper.txt"))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
    assert page.count('class="cite ') == 35


def test_report_command_single_and_several(tmp_path: Path) -> None:
    out = tmp_path / "one.html"
    result = CliRunner().invoke(main, ["report", str(SEED), "-o", str(out)])
    assert result.exit_code == 0 and out.read_text("utf-8").startswith("<!doctype html>")
    second = tmp_path / "two.md"
    second.write_text("A claim (Pravda, 1987. 5. 1).\n", encoding="utf-8")
    folder = tmp_path / "site"
    result = CliRunner().invoke(main, ["report", str(SEED), str(second), "-o", str(folder)])
    assert result.exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "akino-1988-soviet-asia.html",
        "index.html",
        "two.html",
    ]
    index = (folder / "index.html").read_text("utf-8")
    assert '<a href="two.html">' in index and "<td>35</td>" in index
    result = CliRunner().invoke(
        main, ["report", str(second), "--format", "markdown", "-o", str(folder)]
    )
    assert (folder / "two.md").read_text("utf-8").startswith("# Citations in")


@pytest.fixture(scope="module")
def browser():
    driver = chromium_driver()
    yield driver
    driver.quit()


def _page(tmp_path: Path) -> Path:
    out = tmp_path / "report.html"
    assert CliRunner().invoke(main, ["report", str(SEED), "-o", str(out)]).exit_code == 0
    return out


def test_report_in_a_real_browser(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(_page(tmp_path).as_uri())
    assert browser.title.endswith("citetrace")
    for _ in range(20):  # marked findings before the first citation take focus first
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.switch_to.active_element
        if focused.get_attribute("data-id"):
            break
        if focused.tag_name != "a":  # the jump links come first
            assert focused.get_attribute("title"), "a focused mark explains itself"
    assert focused.get_attribute("data-id") == "C1"
    card = browser.find_element(By.ID, "card")
    assert card.is_displayed() and "1986-10-16 (day)" in card.text and "Pravda" in card.text
    shaded = browser.find_elements(By.CSS_SELECTOR, ".claim.shaded")
    assert shaded and all("C1" in s.get_attribute("data-claim").split() for s in shaded)
    colour = browser.execute_script(
        "return getComputedStyle(arguments[0]).backgroundColor", shaded[0]
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "The need to strengthen" in "".join(s.text for s in shaded)
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert not card.is_displayed()
    pike = next(e for e in browser.find_elements(By.CSS_SELECTOR, "[data-id]") if "Pike" in e.text)
    ActionChains(browser).move_to_element(pike).perform()
    assert "Anatomy of an Alliance" in card.text  # the entry's text, named once in the page

    browser.execute_script("window.scrollTo(0, 0)")
    link = browser.find_element(By.CSS_SELECTOR, "details.r-CT101 a.jump[data-target]")
    target_id = link.get_attribute("data-target")
    link.click()
    assert browser.execute_script("return window.scrollY") > 500
    target = browser.switch_to.active_element
    assert target_id in (target.get_attribute("data-fids") or "").split()
    inside = browser.execute_script(
        "var r=arguments[0].getBoundingClientRect();"
        "return r.top>=0 && r.bottom<=window.innerHeight;",
        target,
    )
    assert inside and "UPI" in target.text

    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_hostile_document_renders_inert(browser, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    path = tmp_path / "hostile.html"
    path.write_text(render_html(audit_text(HOSTILE, "hostile.txt")), encoding="utf-8")
    browser.get(path.as_uri())
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - touching it raises when there is none
    text = browser.find_element(By.CSS_SELECTOR, ".doc").text
    assert '<script>alert("x")</script>' in text and "<img src=x onerror=alert(1)>" in text
    assert browser.find_elements(By.CSS_SELECTOR, ".doc img, .doc script, .doc a") == []
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_timeline_ticks_suit_the_range() -> None:
    import re

    from citetrace import audit_text
    from citetrace.render.charts import timeline

    text = "A (Pravda, 1415. 6. 15). B (Pravda, 2015. 6. 15). C (Trud, 1987. 5. 1)."
    report = audit_text(text)
    svg = timeline(report.citations, {"Pravda": 0, "Trud": 1})
    labels = re.findall(r">(\d{4})</text>", svg)
    assert 3 <= len(labels) <= 12
    assert all(int(year) % 100 == 0 for year in labels)
    short = timeline(audit_text("A (Trud, 1986. 5. 1). B (Trud, 1988. 5. 1).").citations, {})
    assert re.findall(r">(\d{4})</text>", short) == ["1986", "1987", "1988"]


def test_past_ten_sources_share_a_neutral_colour_never_a_sources() -> None:
    from citetrace import audit_text
    from citetrace.render.palette import OTHER, source_colours

    text = " ".join(f"A claim (Paper{chr(65 + i)}, 1987. 5. {1 + i})." for i in range(12))
    colours = source_colours(audit_text(text).citations)
    assert sorted(colours.values()) == [*range(10), OTHER, OTHER]


def test_every_marked_finding_explains_itself_with_its_suggestion(tmp_path: Path) -> None:
    page = _page(tmp_path).read_text(encoding="utf-8")
    marks = re.findall(r'<mark class="f[^"]*"[^>]*>', page)
    assert marks and all('title="' in m and 'tabindex="0"' in m for m in marks)
    assert "ocr-typo: " in page
    assert "(safe fix)" in page and "(fix needs review)" in page


def test_markdown_cells_show_bidi_controls_as_marks_and_cut_at_words() -> None:
    from citetrace.render.markdown import _excerpt, cell

    assert cell("a \u202e9991 ,dlihcS") == "a ⟨U+202E⟩9991 ,dlihcS"
    cut = _excerpt("alpha " * 30, 40)
    assert cut.endswith("alpha…") and len(cut) <= 40


def test_next_and_previous_follow_the_filters_and_the_readers_place(
    browser, tmp_path: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(_page(tmp_path).as_uri())
    jumps = browser.find_elements(By.CSS_SELECTOR, "a.jump")
    marks = browser.find_elements(By.CSS_SELECTOR, ".doc .f")
    jumps[3].click()
    start = browser.switch_to.active_element
    index = [m.id for m in marks].index(start.id)
    ActionChains(browser).send_keys("n").perform()
    assert browser.switch_to.active_element.id == marks[index + 1].id  # from the reader's place

    warning = browser.find_element(By.CSS_SELECTOR, 'input[data-hide="hide-sev-warning"]')
    warning.click()  # hide warnings
    for _ in range(8):
        ActionChains(browser).send_keys("n").perform()
        classes = browser.switch_to.active_element.get_attribute("class").split()
        assert "sev-warning" not in classes
    counts = browser.find_elements(By.CSS_SELECTOR, "details.group:not([hidden]) .count")
    assert all(int(c.text) > 0 for c in counts)


def test_enter_opens_a_citations_card(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(_page(tmp_path).as_uri())
    cite = browser.find_element(By.CSS_SELECTOR, '.cite[data-id="C2"]')
    browser.execute_script("arguments[0].focus()", cite)
    card = browser.find_element(By.ID, "card")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert not card.is_displayed()  # Enter closes the card focus opened
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert card.is_displayed() and "Rude Pravo" in card.text


def test_filters_name_their_rules_and_quoted_tokens_are_code(tmp_path: Path) -> None:
    page = _page(tmp_path).read_text(encoding="utf-8")
    assert 'hide-CT101"> CT101 <small>missing-reference</small>' in page
    assert "<code>UPI</code>" in page


def test_a_phone_never_scrolls_sideways(browser, tmp_path: Path) -> None:
    long_doi = "https://doi.org/10.1000/" + "x" * 120
    text = f"A claim (Pike, 1987).\n\n## References\n\nPike, D. (1987). A title. {long_doi}\n"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ("a-very-long-file-name-" * 6 + ".md")).write_text(text, encoding="utf-8")
    (docs / "b.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["report", str(docs), "-o", str(out)]).exit_code == 0
    browser.set_window_size(390, 844)
    for page in sorted(out.iterdir()):
        browser.get(page.as_uri())
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 400, page.name
        charts = browser.execute_script(
            "return [...document.querySelectorAll('#pictures svg')]"
            ".map(s => s.getBoundingClientRect().width)"
        )
        assert all(w >= 600 for w in charts), charts  # full size, scrolled, labels readable


def test_a_phone_steps_through_findings_with_buttons(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    browser.get(_page(tmp_path).as_uri())
    assert browser.find_element(By.CSS_SELECTOR, '.jumps a[href="#side"]').is_displayed()
    forward = browser.find_element(By.CSS_SELECTOR, '.stepper button[data-step="n"]')
    assert forward.is_displayed()
    forward.click()
    first = browser.switch_to.active_element
    assert "f" in first.get_attribute("class").split()
    forward.click()
    assert browser.switch_to.active_element.id != first.id


def test_the_card_stays_while_the_pointer_is_on_it(browser, tmp_path: Path) -> None:
    import time

    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.set_window_size(1400, 900)
    browser.get(_page(tmp_path).as_uri())
    cite = browser.find_element(By.CSS_SELECTOR, '.cite[data-id="C3"]')
    browser.execute_script("arguments[0].scrollIntoView({block:'center'})", cite)
    ActionChains(browser).move_to_element(cite).perform()
    card = browser.find_element(By.ID, "card")
    assert card.is_displayed()
    ActionChains(browser).move_to_element(card).perform()
    time.sleep(0.5)
    assert card.is_displayed()  # its text can be selected and copied
    heading = browser.find_element(By.TAG_NAME, "h1")
    browser.execute_script("window.scrollTo(0, 0)")
    ActionChains(browser).move_to_element(heading).perform()
    time.sleep(0.5)
    assert not card.is_displayed()


def test_names_marks_links_and_colours_in_a_real_browser(browser, tmp_path: Path) -> None:
    """Items seen in the page itself: bidi marks in the title and heading, index
    links to files with odd names, suggestions in the card, the eleventh colour."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    docs = tmp_path / "docs"
    docs.mkdir()
    rlo = "\u202e"
    sources = " ".join(f"A claim (Paper{chr(65 + i)}, 1987. 5. {1 + i})." for i in range(11))
    (docs / f"{rlo}evil.md").write_text(
        sources + " Then (Izvestiva, 1987. 8. 11).\n\n## References\n\nIzvestiya\n", "utf-8"
    )
    (docs / "javascript:alert(1).md").write_text("A claim (Trud, 1987. 5. 1).\n", "utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["report", str(docs), "-o", str(out)]).exit_code == 0
    browser.set_window_size(1400, 900)
    browser.get((out / "index.html").as_uri())
    browser.find_element(By.PARTIAL_LINK_TEXT, "javascript").click()
    assert browser.current_url.endswith(".html") and "Trud" in browser.page_source
    browser.get((out / "index.html").as_uri())
    browser.find_element(By.PARTIAL_LINK_TEXT, "evil").click()
    assert rlo not in browser.title and "⟨U+202E⟩" in browser.title
    assert "⟨U+202E⟩" in browser.find_element(By.TAG_NAME, "h1").text
    colour = "return getComputedStyle(arguments[0]).color"
    first = browser.find_element(By.CSS_SELECTOR, ".cite.src-0")
    eleventh = browser.find_element(By.CSS_SELECTOR, ".cite.src-10")
    assert browser.execute_script(colour, first) != browser.execute_script(colour, eleventh)
    typo = browser.find_element(By.CSS_SELECTOR, '.cite[data-id="C12"]')
    browser.execute_script("arguments[0].scrollIntoView({block:'center'})", typo)
    ActionChains(browser).move_to_element(typo).perform()
    card = browser.find_element(By.ID, "card")
    assert "Izvestiya" in card.text and "safe fix" in card.text


def test_the_card_shows_what_the_library_says_of_a_quotation(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    from citetrace.library.ingest import prepare, read_manifest
    from citetrace.library.store import Library

    db = str(tmp_path / "sources.db")
    with Library(db, create=True) as library:
        library.add(prepare(read_manifest(str(ROOT / "examples" / "sources" / "manifest.csv"))))
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(SEED), "--library", db, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    browser.get(out.as_uri())
    cited = [
        e for e in browser.find_elements(By.CSS_SELECTOR, "[data-id]") if "1987. 5. 20" in e.text
    ]
    card = browser.find_element(By.ID, "card")
    heading = browser.find_element(By.TAG_NAME, "h1")
    shown = []
    for element in cited:  # the card of each citation of that issue, in turn
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        ActionChains(browser).move_to_element(element).perform()
        differs = [m.text for m in card.find_elements(By.CSS_SELECTOR, "mark.differs")]
        same = card.find_elements(By.CSS_SELECTOR, "mark.same")
        context = card.find_elements(By.CSS_SELECTOR, ".context")
        shown.append(
            card.text
            + ("\nmarked: " + " ".join(differs) if differs else "")
            + (f"\nmatching: {len(same)}" if same else "")
            + (f"\ncontext: {len(context)}" if context else "")
        )
        ActionChains(browser).move_to_element(heading).perform()
    assert all("library\nPravda 1987-05-20" in text for text in shown)
    expected = "altered; the source reads Pravda 1987-05-20, p. 1: "
    assert any(expected in text and "“Cambodia is steadily" in text for text in shown)
    assert any("marked: slowly\n" in text for text in shown)  # the word that differs
    quoted = [text for text in shown if "“…”" in text]
    assert quoted and all("context: " in text for text in quoted)  # the page's words around
    assert any("found Pravda" in t and "matching: " in t for t in quoted)  # a found one marked


def test_the_card_gives_a_claims_best_passage_and_a_misdated_quotation_s_differing_words() -> None:
    from citetrace.render.html import _library_card

    document = {"id": 1, "path": "p.txt", "source": "Pravda", "date": "1987-07-28", "title": ""}
    trace = {
        "documents": [document],
        "quotations": [
            {"verdict": "elsewhere", "text": "no place for those guilty", "document": document,
             "page": 1, "source_words": "no place — for these guilty", "words_differ": True},
        ],
        "support": {"score": 0.6, "document": document, "page": 2,
                    "passage": "The harvest in Siberia was late, the ministry said.",
                    "words": ["harvest", "late"]},
    }  # fmt: skip
    misdated, passage = _library_card(trace)["quotes"]
    assert misdated["said"].startswith("not here; a passage like it, with words that differ")
    assert ["these", "differs"] in misdated["words"] and ["place", ""] in misdated["words"]
    assert ["—", ""] in misdated["words"]  # a dash is no word: neither same nor differing
    assert passage["verdict"] == "support" and "60% of its words" in passage["said"]
    assert passage["where"] == "Pravda 1987-07-28, p. 2"
    marked = [w for w, how in passage["words"] if how == "same"]
    assert marked == ["harvest", "late,"]  # the words the trace found, as the page writes them
