"""Every code the core can return has words, and every word has its Chinese."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.domain import SPECS, feature, incident, log, media, post, report, task, unit, warning
from ui import labels, reasons
from ui.i18n import TRANSLATIONS_DIR, Translations

ROOT = Path(__file__).resolve().parents[2]
TS = TRANSLATIONS_DIR / "zhijiu_zh_CN.ts"

TABLES = [
    (labels.TASK_STATUS, task.STATUSES),
    (labels.PRIORITY, task.PRIORITIES),
    (labels.ASSIGNEE_KIND, task.ASSIGNEE_KINDS),
    (labels.TASK_KIND, task.KINDS),
    (labels.ROLE, post.ROLES),
    (labels.LEVEL, post.LEVELS),
    (labels.UNIT_TYPE, unit.TYPES),
    (labels.UNIT_STATUS, unit.STATUSES),
    (labels.REPORT_KIND, report.KINDS),
    (labels.REPORT_CATEGORY, report.CATEGORIES),
    (labels.REPORT_FIGURE, (*report.FIGURES, "loss_10k_yuan")),
    (labels.LOG_CATEGORY, log.LOG_CATEGORIES),
    (labels.INCIDENT_CATEGORY, incident.CATEGORIES),
    (labels.INCIDENT_STATUS, incident.STATUSES),
    (labels.RESPONSE_LEVEL, incident.RESPONSE_LEVELS),
    (labels.WARNING_LEVEL, warning.LEVELS),
    (labels.WARNING_TYPE, warning.TYPES),
    (labels.WARNING_STAGE, warning.STAGES),
    (labels.WARNING_TIER, warning.TIERS),
    (labels.WARNING_STATUS, warning.STATUSES),
    (labels.FEATURE_SYMBOL, feature.SYMBOLS),
    (labels.RISK_LEVEL, feature.RISK_LEVELS),
    (labels.SHELTER_KIND, feature.SHELTER_KINDS),
    (labels.MEDIA_KIND, media.KINDS),
    (labels.ENTITY_TYPE, tuple(SPECS)),
]


@pytest.mark.parametrize(("table", "codes"), TABLES, ids=[t.context for t, _ in TABLES])
def test_every_domain_code_has_words(table: labels.CodeTable, codes: tuple) -> None:
    assert set(table.codes()) == set(codes)


def test_words_are_chinese_by_default_and_english_on_request(qapp) -> None:
    t = Translations()
    try:
        assert t.install(None) == "zh_CN"
        assert [labels.TASK_STATUS(c) for c in task.STATUSES] == [
            "已下达", "已签收", "执行中", "已完成", "未完成", "已撤销"]
        assert labels.REPORT_KIND("followup") == "续报"
        assert labels.UNIT_TYPE("volunteer") == "社会救援力量"
        assert labels.WARNING_LEVEL("orange") == "橙色预警"
        assert labels.value_text("task", "status", "cancelled") == "已撤销"
        assert labels.value_text("warning", "status", "cancelled") == "已解除"
        assert labels.TASK_STATUS("not_a_code") == "not_a_code"  # unknown codes still show
        assert t.install("en") == "en"
        assert labels.TASK_STATUS("failed") == "Not accomplished"
    finally:
        t.remove()


def test_refusals_are_explained_in_words(qapp) -> None:
    t = Translations()
    try:
        t.install("zh_CN")
        assert reasons.explain("forbidden: only the issuer may cancel or reassign this task") == \
            "只有下达该任务的指挥所才能撤销或改派该任务。"
        assert reasons.explain("forbidden: a forward post may not write warning") == \
            "前方指挥部无权修改此类记录：预警。"
        assert reasons.explain("something new") == "修改被拒绝：something new"
    finally:
        t.remove()


def test_arg_fills_placeholders_once() -> None:
    assert labels.arg("%2 / %1", "a%2", "b") == "b / a%2"


def test_the_translation_file_is_complete_and_compiled() -> None:
    root = ET.parse(TS).getroot()
    unfinished = [
        f"{ctx.findtext('name')}: {m.findtext('source')}"
        for ctx in root.iter("context") for m in ctx.iter("message")
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
        or not (m.findtext("translation") or "").strip()
    ]
    assert not unfinished, "untranslated strings (fill them, then `python -m ui.i18n_update`)"
    qm = TS.with_suffix(".qm")
    assert qm.exists() and qm.stat().st_size > 1000


def test_the_translation_file_holds_every_string_of_the_code(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    tool = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    if tool is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([tool, *sources, "-ts", str(fresh)], check=True, capture_output=True)

    def messages(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {(ctx.findtext("name") or "", m.findtext("source") or "")
                for ctx in root.iter("context") for m in ctx.iter("message")}

    missing = messages(fresh) - messages(TS)
    assert not missing, f"run `python -m ui.i18n_update` and translate: {sorted(missing)}"
