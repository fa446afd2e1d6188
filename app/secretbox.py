"""Secrets at rest protected by a passphrase: scrypt for the key, ChaCha20-Poly1305 for the box.

Used for the post's keys inside backups and enrollment packages.
"""

from __future__ import annotations

import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KDF = "scrypt-n15-r8-p1"


class WrongPassphrase(ValueError):
    pass


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def seal(secret: bytes, passphrase: str, context: bytes) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    ct = ChaCha20Poly1305(_key(passphrase, salt)).encrypt(nonce, secret, context)
    return {"kdf": KDF, "salt": salt, "nonce": nonce, "ct": ct}


def open_sealed(box: dict[str, Any], passphrase: str, context: bytes) -> bytes:
    if box.get("kdf") != KDF:
        raise WrongPassphrase("the secret is sealed in a way this version does not know")
    try:
        return bytes(ChaCha20Poly1305(_key(passphrase, box["salt"])).decrypt(box["nonce"], box["ct"], context))
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase (or the file is damaged)") from None
