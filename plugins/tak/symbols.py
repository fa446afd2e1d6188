"""CoT types ⇄ our symbols, both ways.

CoT types follow MIL-STD-2525 as TAK uses them: ``a-f-G-…`` a friendly ground track (a team),
``a-h-G`` hostile (TAK users drop it for a danger), ``a-u-G`` unknown, ``a-n-G`` neutral,
``b-m-p-…`` map points and waypoints, ``u-d-…`` drawn shapes, ``b-i-x-i`` an image marker.
Going out, each of our unit types and feature symbols has its own type; coming in, the longest
known prefix decides, so a type we did not send (``a-f-G-U-C-I`` from an ATAK phone) still lands
on the nearest symbol.
"""

from __future__ import annotations

UNIT_TO_COT = {
    "comprehensive": "a-f-G-U-C",  # ATAK's default self type: a team
    "specialist": "a-f-G-U-C-E",  # engineer
    "volunteer": "a-f-G-U-U-S",  # combat service support (civilian aid)
    "grassroots": "a-f-G-U-C-I",  # light infantry-sized local team
    "fire_rescue": "a-f-G-U-U-S-F",  # fire-fighting unit
    "medical": "a-f-G-U-S-M",  # medical
    "militia": "a-f-G-U-C-R",  # reconnaissance
    "other": "a-f-G",
}
FEATURE_TO_COT = {
    "hazard": "a-h-G",
    "risk_point": "a-u-G",
    "shelter": "a-f-G-I-X-N",  # installation: civilian shelter
    "depot": "a-f-G-I-X-S",  # installation: supply
    "command_post": "a-f-G-U-H",  # headquarters
    "road_cut": "b-m-p-s-m-rc",
    "evacuation_route": "b-m-r",  # route
    "danger_zone": "u-d-f-dz",
    "staging_area": "b-m-p-s-p-sa",
    "rescue_point": "b-m-p-s-p-rp",
    "landing_zone": "b-m-p-s-p-lz",
    "gauge": "b-m-p-s-m-g",
    "other": "b-m-p-s-m",
}
TASK_COT = "b-m-p-w-GOTO"  # a waypoint TAK users can navigate to
IMAGE_COT = "b-i-x-i"

_COT_TO_FEATURE = {cot: code for code, cot in FEATURE_TO_COT.items()}
_COT_TO_FEATURE.update({
    "a-h": "hazard", "a-j": "hazard", "a-k": "hazard", "a-s": "hazard",  # hostile, joker, faker, suspect
    "a-u": "risk_point", "a-p": "risk_point", "a-n": "other",
    "b-m-p": "other", "b-m-p-w": "rescue_point", "u-d-f": "danger_zone", "u-d-r": "danger_zone",
    "u-d-c": "danger_zone", "b-r-f-h-c": "rescue_point",  # CASEVAC request
})
_COT_TO_UNIT = {cot: code for code, cot in UNIT_TO_COT.items()}
_COT_TO_UNIT.update({"a-f": "other", "a-f-G-U": "comprehensive", "a-f-G-E-V": "other"})


def _longest(table: dict[str, str], cot_type: str) -> str | None:
    parts = cot_type.split("-")
    for n in range(len(parts), 0, -1):
        hit = table.get("-".join(parts[:n]))
        if hit is not None:
            return hit
    return None


def unit_type(cot_type: str) -> str:
    """Our unit type for a friendly track's CoT type."""
    return _longest(_COT_TO_UNIT, cot_type) or "other"


def feature_symbol(cot_type: str) -> str:
    """Our feature symbol for a marker's CoT type."""
    return _longest(_COT_TO_FEATURE, cot_type) or "other"


def is_track(cot_type: str) -> bool:
    """A friendly ground or air track: a team reporting its position."""
    return cot_type.startswith("a-f-") or cot_type == "a-f"


def is_ignored(cot_type: str) -> bool:
    """Link chatter, not situation: pings, pongs, chat receipts, deletions handled elsewhere."""
    return cot_type.startswith(("t-x-c", "t-x-d", "t-x-takp", "y-", "b-t-f"))
