"""Gauge readings (雨情, 水情): what a river-level or rain gauge measured at a moment; append-only.

A gauge is a feature with symbol ``gauge``; its thresholds live in the feature's ``props``
(``warning_level_m`` 警戒水位, ``guarantee_level_m`` 保证水位, and for rain ``warning_mm``), so
a threshold change is an ordinary edit. Readings are never edited: a wrong reading is corrected
by a later one, and the chart keeps both.
"""

from app.domain.schema import EntitySpec, FieldSpec, choice, number, ref, text, time_ms

QUANTITIES = ("level_m", "rain_mm")  # 水位 (米) / 雨量 (毫米)
SOURCES = ("hand", "csv", "plugin")

READING = EntitySpec(
    name="reading",
    append_only=True,
    incident_field=None,
    fields={
        "gauge_id": FieldSpec(ref(), required=True),  # a feature with symbol "gauge"
        "quantity": FieldSpec(choice(*QUANTITIES), required=True),
        "value": FieldSpec(number(-1000, 100_000), required=True),
        "measured_at": FieldSpec(time_ms(), required=True, time=True),
        "source": FieldSpec(choice(*SOURCES)),
        "note": FieldSpec(text(1000)),
    },
)

# The threshold props of a gauge feature, per quantity: (警戒, 保证)
THRESHOLDS = {
    "level_m": ("warning_level_m", "guarantee_level_m"),
    "rain_mm": ("warning_mm", "guarantee_mm"),
}
