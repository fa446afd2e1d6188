"""Feature (标绘): a plotted point, line or area with a symbol type — hazards, shelters, depots …"""

from app.domain.schema import (
    EntitySpec,
    FieldSpec,
    choice,
    geometry,
    integer,
    mapping,
    ref,
    text,
)

SYMBOLS = (
    "hazard",  # 险情
    "risk_point",  # 风险点 / 隐患点
    "shelter",  # 避难场所
    "depot",  # 储备库
    "command_post",  # 指挥部
    "road_cut",  # 道路中断
    "evacuation_route",  # 转移路线
    "danger_zone",  # 危险区
    "staging_area",  # 集结区
    "rescue_point",  # 救援点
    "landing_zone",  # 直升机起降点
    "gauge",  # 水文/雨量站
    "other",
)
RISK_LEVELS = ("low", "general", "high", "major")  # 低 / 一般 / 较大 / 重大
SHELTER_KINDS = ("emergency", "short_term", "long_term")

SPEC = EntitySpec(
    name="feature",
    label_field="name",
    fields={
        "symbol": FieldSpec(choice(*SYMBOLS), required=True),
        "name": FieldSpec(text(200), required=True),
        "geom": FieldSpec(geometry(), required=True),
        "incident_id": FieldSpec(ref()),
        "level": FieldSpec(choice(*RISK_LEVELS)),
        "capacity": FieldSpec(integer(0, 10_000_000)),
        "shelter_kind": FieldSpec(choice(*SHELTER_KINDS)),
        "note": FieldSpec(text(4000)),
        "props": FieldSpec(mapping()),
    },
)
