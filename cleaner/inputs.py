"""Reading raw input: bytes to text (gzip, BOM, encoding detection)."""

from __future__ import annotations

import zlib

from .errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
# A decompressed document larger than this is a zip bomb, not an article.
MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024


def gunzip(raw: bytes) -> bytes:
    """Decompress gzip data, refusing anything that inflates beyond reason."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = decompressor.decompress(raw, MAX_DECOMPRESSED_BYTES + 1)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data: {exc}") from None
    if len(data) > MAX_DECOMPRESSED_BYTES:
        raise InputError(f"gzip data inflates beyond {MAX_DECOMPRESSED_BYTES // 2**20} MiB")
    if not decompressor.eof:
        raise InputError("gzip data is cut short")
    return data


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control bytes in the head: an image, PDF, archive...

    >>> looks_binary(b"%PDF-1.7\\x00\\x01"), looks_binary("Café".encode())
    (True, False)
    """
    head = raw[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NULs by nature
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(head) // 50)


def decode(raw: bytes) -> str:
    """Bytes to text: gunzip if gzip, then BOM, UTF-8, else charset-normalizer.

    >>> decode("Kabul – the country’s capital, said Thursday.".encode("cp1252"))
    'Kabul – the country’s capital, said Thursday.'
    """
    if raw.startswith(GZIP_MAGIC):
        raw = gunzip(raw)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    if looks_binary(raw):
        raise InputError("binary data, not text or HTML")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:1_000_000]).best()
    if best is None:
        raise InputError("cannot detect the text encoding")
    return raw.decode(best.encoding, errors="replace")
