"""Post (指挥部): the roster entry of one post — its name, role, level and public keys.

Roster ops are written only by the authority post (the city rear post that ran
``init --role rear``); the roster is replicated like everything else.
"""

from app.domain.schema import EntitySpec, FieldSpec, boolean, choice, ref, text

ROLES = ("rear", "forward", "observer")
LEVELS = ("city", "district", "township", "village", "scene", "individual")

SPEC = EntitySpec(
    name="post",
    incident_field=None,
    label_field="name",
    fields={
        "name": FieldSpec(text(200), required=True),
        "role": FieldSpec(choice(*ROLES), required=True),
        "level": FieldSpec(choice(*LEVELS), required=True),
        "sign_key": FieldSpec(text(64), required=True),  # Ed25519 public key, hex
        "curve_key": FieldSpec(text(40)),  # CURVE public key, Z85, for sync
        "authority": FieldSpec(boolean()),
        "revoked": FieldSpec(boolean()),
        "parent": FieldSpec(ref()),
    },
)
