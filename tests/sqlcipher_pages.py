"""Read a SQLCipher 4 file's pages as plaintext, free pages included.

SQLCipher offers no way to see free pages (sqlcipher_export vacuums them away), yet
that is exactly where deleted text would linger. With a raw key SQLCipher 4 encrypts
each page with AES-256-CBC under that key; the page's IV sits in its reserved tail
(16-byte IV, then a 64-byte HMAC), and page 1 starts with the 16-byte salt.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
SALT = 16


def decrypt_register_pages(path: Path, key: bytes) -> bytes:
    raw = path.read_bytes()
    plain = bytearray()
    for offset in range(0, len(raw), PAGE_SIZE):
        page = raw[offset : offset + PAGE_SIZE]
        start = SALT if offset == 0 else 0
        iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain += decryptor.update(page[start : PAGE_SIZE - RESERVE]) + decryptor.finalize()
    return bytes(plain)
