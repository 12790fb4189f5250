"""How a register file is opened raw: ``sqlcipher3`` with a raw 256-bit key (D4).

The one place for it. ``register.py`` builds its SQLAlchemy engine's connections with
``connect_raw``; ``snapshot.py`` reads the list snapshot with it before SQLAlchemy is
imported at all (SETUP-NOTES "Import costs"). Only the standard library and
``sqlcipher3`` may be imported here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3

KEY_BYTES = 32  # SQLCipher gets a raw 256-bit key, never a passphrase (D4)

# The demo register holds only fictional data, so its key may be a published constant
# (D1). It is the SHA-256 of the text "dorpsondersteuner demo register".
DEMO_REGISTER_KEY = bytes.fromhex(
    "ea85e64a13035a16cc171b4d05d3f41041469ddf06536035b6911352adf90752"
)


def connect_raw(path: Path | str, key: bytes, *, read_only: bool = False) -> Any:
    """A ``sqlcipher3`` connection to the register at ``path``, keyed with ``key``.

    The key is not checked here: SQLCipher only finds out at the first read (then
    ``sqlcipher3.DatabaseError``, "file is not a database").
    """
    target = f"file:{path}?mode=ro" if read_only else str(path)
    connection = sqlcipher3.connect(target, uri=read_only, check_same_thread=False)
    # A wrong key is reported by the caller; SQLCipher's own stderr lines add nothing.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection
