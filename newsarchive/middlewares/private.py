"""Optionally refuse requests to private, loopback and link-local addresses.

URLs in feeds, sitemaps and pages are untrusted input: one pointing at
``http://169.254.169.254/`` or ``http://10.0.0.5/admin`` would make the crawler
fetch from inside the network it runs in (server-side request forgery).
"""

from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def is_public_address(address: IPAddress) -> bool:
    """Whether an address is globally reachable: not private, loopback, link-local or reserved."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def parse_allowed(entries: list[str]) -> tuple[list[IPNetwork], set[tuple[str, int]]]:
    """``NEWSARCHIVE_ALLOWED_ADDRESSES``: networks (``10.1.0.0/16``, ``::1``) and ``address:port``."""
    networks: list[IPNetwork] = []
    endpoints: set[tuple[str, int]] = set()
    for entry in entries:
        text = entry.strip()
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
            continue
        except ValueError:
            pass
        address, _, port = text.rpartition(":")
        try:
            endpoints.add((str(ipaddress.ip_address(address.strip("[]"))), int(port)))
        except ValueError:
            raise ValueError(
                f"NEWSARCHIVE_ALLOWED_ADDRESSES entry {entry!r} is neither a network "
                "(10.0.0.0/8, 127.0.0.1) nor an address:port (127.0.0.1:8080)"
            ) from None
    return networks, endpoints


class PrivateAddressMiddleware:
    """Refuse every request, redirect hops included, whose host is or resolves to a non-public address.

    Enabled by ``NEWSARCHIVE_BLOCK_PRIVATE_ADDRESSES``; ``NEWSARCHIVE_ALLOWED_ADDRESSES``
    lists exceptions (an intranet news site, a local test server). The host is
    resolved with the crawler's own cached resolver, the one its connection then
    uses; a host that cannot be resolved is left to the download to fail.
    """

    def __init__(
        self, crawler: Crawler, networks: list[IPNetwork], endpoints: set[tuple[str, int]]
    ):
        self.crawler = crawler
        self.networks = networks
        self.endpoints = endpoints

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("NEWSARCHIVE_BLOCK_PRIVATE_ADDRESSES"):
            # Off by default: no reason given, which Scrapy would log as a warning on every run.
            raise NotConfigured
        networks, endpoints = parse_allowed(settings.getlist("NEWSARCHIVE_ALLOWED_ADDRESSES"))
        return cls(crawler, networks, endpoints)

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        host = (parts.hostname or "").strip("[]")
        if not host:
            return
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = await self._resolve(host)
        if address is None or is_public_address(address) or self._allowed(address, port):
            return
        logger.warning(
            "Not fetching %s: %s is a non-public address (NEWSARCHIVE_BLOCK_PRIVATE_ADDRESSES)",
            request.url,
            address if str(address) == host else f"{host} ({address})",
        )
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newsarchive/skip/private_address")
        raise IgnoreRequest(f"{request.url}: non-public address {address}")

    def _allowed(self, address: IPAddress, port: int) -> bool:
        return (str(address), port) in self.endpoints or any(
            address in network for network in self.networks
        )

    async def _resolve(self, host: str) -> IPAddress | None:
        try:
            return ipaddress.ip_address(host)
        except ValueError:
            pass
        # Imported here: importing the reactor at module level would install the default one.
        from twisted.internet import reactor  # noqa: PLC0415

        try:
            # mypy reads the reactor's zope.interface method as unbound (name taken as self).
            resolved = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[arg-type]
        except Exception:  # DNS failure: the download reports it
            return None
        try:
            return ipaddress.ip_address(resolved)
        except ValueError:
            return None
