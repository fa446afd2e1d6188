"""Report (信息报送): 首报 / 续报 / 终报 with the casualty and loss figures; append-only."""

from app.domain.schema import (
    EntitySpec,
    FieldSpec,
    choice,
    geometry,
    integer,
    list_of,
    number,
    ref,
    text,
)

KINDS = ("first", "followup", "final")  # 首报 / 续报 / 终报
CATEGORIES = ("rain", "water", "flood", "hazard", "disaster", "works", "opinion")  # 七情
FIGURES = (
    "dead",
    "missing",
    "injured",
    "trapped",
    "evacuated",
    "relocated",
    "houses_damaged",
)

SPEC = EntitySpec(
    name="report",
    append_only=True,
    fields={
        "incident_id": FieldSpec(ref(), required=True),
        "kind": FieldSpec(choice(*KINDS), required=True),
        "category": FieldSpec(choice(*CATEGORIES)),
        **{name: FieldSpec(integer(0, 10_000_000)) for name in FIGURES},
        "loss_10k_yuan": FieldSpec(number(0, 1e12)),  # 直接经济损失 (万元)
        "text": FieldSpec(text(8000)),
        "geom": FieldSpec(geometry("Point")),
        "reporter": FieldSpec(text(100)),
        "media": FieldSpec(list_of(ref(), 50)),
    },
)
