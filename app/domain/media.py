"""Media item (图传): a photo, clip or panorama, content-addressed by sha256; append-only."""

from app.domain.schema import (
    EntitySpec,
    FieldSpec,
    choice,
    geometry,
    integer,
    number,
    ref,
    text,
    time_ms,
)

KINDS = ("photo", "video", "panorama")

SPEC = EntitySpec(
    name="media",
    append_only=True,
    label_field="caption",
    fields={
        "sha256": FieldSpec(text(64), required=True),
        "kind": FieldSpec(choice(*KINDS), required=True),
        "mime": FieldSpec(text(100)),
        "size": FieldSpec(integer(0, 2**40)),
        "captured_at": FieldSpec(time_ms(), time=True),
        "geom": FieldSpec(geometry("Point")),
        "caption": FieldSpec(text(1000)),
        "incident_id": FieldSpec(ref()),
        "width": FieldSpec(integer(0, 100_000)),
        "height": FieldSpec(integer(0, 100_000)),
        "duration_s": FieldSpec(number(0, 1e6)),
        # made at ingest, blobs of their own: the thumbnail travels first, the preview next
        "thumb_sha256": FieldSpec(text(64)),
        "preview_sha256": FieldSpec(text(64)),
        "post_id": FieldSpec(ref()),  # the author post
        "source": FieldSpec(text(200)),  # file name, folder watch, a snapshot's stream, stitching
    },
)
