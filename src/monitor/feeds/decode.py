"""Decoding a compressed response body chunk by chunk without ever exceeding the size cap."""

from __future__ import annotations

import importlib
import zlib
from typing import Any, Protocol

from monitor.errors import FetchError

_brotli: Any
try:  # br is offered only when a Brotli binding is installed
    _brotli = importlib.import_module("brotli")
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None

ACCEPT_ENCODING = "gzip, deflate, br" if _brotli is not None else "gzip, deflate"


def too_large(url: str, max_bytes: int) -> FetchError:
    """The error for a body past the cap, worded the same for every path that detects it."""
    return FetchError(url, f"body larger than the {max_bytes}-byte cap")


class _Decoder(Protocol):
    def feed(self, data: bytes, room: int) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, room: int) -> bytes:
        return data


class _Zlib:
    """gzip or deflate; a zlib stream that fails as such is retried as raw deflate (IIS)."""

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._inflater: Any = zlib.decompressobj(wbits)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            # max_length bounds the output of this very chunk, so a bomb stops at the cap.
            out: bytes = self._inflater.decompress(data, room + 1)
        except zlib.error:
            if self._started or self._wbits != zlib.MAX_WBITS:
                raise
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._inflater.decompress(data, room + 1)
        self._started = True
        return out


class _Brotli:
    def __init__(self) -> None:
        assert _brotli is not None
        self._inflater: Any = _brotli.Decompressor()

    def feed(self, data: bytes, room: int) -> bytes:
        out: bytes = self._inflater.process(data)
        return out


def _decoder(encoding: str) -> _Decoder | None:
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip"):
        return _Zlib(zlib.MAX_WBITS | 16)
    if encoding == "deflate":
        return _Zlib(zlib.MAX_WBITS)
    if encoding == "br" and _brotli is not None:
        return _Brotli()
    return None


class BoundedBody:
    """Collects the decoded body of one response, raising FetchError past `max_bytes`."""

    def __init__(self, url: str, content_encoding: str | None, max_bytes: int) -> None:
        self.url = url
        self.max_bytes = max_bytes
        self._body = bytearray()
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        decoders = []
        for coding in reversed(codings):
            decoder = _decoder(coding)
            if decoder is None:
                raise FetchError(url, f"unsupported content encoding {coding!r}")
            decoders.append(decoder)
        self._decoders = decoders

    def feed(self, chunk: bytes) -> None:
        """Decode one raw chunk and keep it; raises when the decoded body passes the cap."""
        data = chunk
        try:
            for decoder in self._decoders:
                data = decoder.feed(data, self.max_bytes - len(self._body))
        except Exception as exc:  # zlib.error, or the Brotli binding's own error type
            raise FetchError(self.url, f"undecodable response body ({exc})") from exc
        self._body += data
        if len(self._body) > self.max_bytes:
            raise too_large(self.url, self.max_bytes)

    def bytes(self) -> bytes:
        """The whole decoded body."""
        return bytes(self._body)
