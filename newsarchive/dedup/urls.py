"""Canonical article URLs: one key for the tracking, AMP, print and mobile variants."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import extract_domain
from w3lib.url import canonicalize_url

#: Query parameters that only say how a reader arrived (matched case-insensitively).
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "_ga",
        "_gl", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "mkt_tok", "ref_src",
        "ref_url", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wickedid",
        "s_cid", "ocid", "cmpid", "cmp", "smid", "smtyp", "sr_share", "xtor", "ito",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3",
        "at_custom4", "ncid", "soc_src", "soc_trk", "amp_js_v", "amp_gsa", "amp_tf",
        "ampshare", "usqp",
    }
)  # fmt: skip
#: Prefixes of tracking parameter families (Google/Matomo/Piwik/comScore/HubSpot).
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "ns_", "hsa_", "itm_")

# Parameters that select the AMP or print rendering of the same article.
_VARIANT_PARAMS = {
    "amp": {"", "1", "true", "yes"},
    "outputtype": {"amp"},
    "output": {"amp", "print"},
    "print": {"", "1", "true", "yes"},
    "view": {"print", "amp"},
    "format": {"amp", "print"},
}
_VARIANT_SEGMENTS = {"amp", "print"}
_VARIANT_SUFFIX_RE = re.compile(r"\.(?:amp|print)(?=\.[a-z0-9]+$|$)", re.IGNORECASE)
_MOBILE_LABELS = ("m.", "mobile.", "amp.")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_CACHE_SUFFIX = ".cdn.ampproject.org"


def _is_tracking(name: str, extra: frozenset[str]) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered in extra or lowered.startswith(TRACKING_PREFIXES)


def _is_variant(name: str, value: str) -> bool:
    return value.lower() in _VARIANT_PARAMS.get(name.lower(), ())


def _from_amp_cache(parts: SplitResult) -> SplitResult:
    """Map a Google AMP cache URL (``…cdn.ampproject.org/c/s/host/path``) to its origin."""
    pieces = parts.path.split("/", 4)  # "", "c", "s"?, host, rest
    if len(pieces) < 3 or pieces[1] not in {"c", "v", "i"}:
        return parts
    secure = pieces[2] == "s"
    rest = "/".join(pieces[3 if secure else 2 :])
    return urlsplit(f"{'https' if secure else 'http'}://{rest}?{parts.query}")


def _host(hostname: str) -> str:
    """Drop mobile and AMP host labels (``m.``, ``mobile.``, ``amp.``) from *hostname*."""
    for label in _MOBILE_LABELS:
        if hostname.startswith(label):
            rest = hostname[len(label) :]
            domain = extract_domain(f"http://{rest}/")
            if not domain or "." not in rest:
                return hostname
            # m.example.com serves www.example.com; m.news.example.com serves news.example.com.
            return f"www.{rest}" if rest == domain else rest
    return hostname


def _path(path: str) -> str:
    """Drop AMP and print path segments and suffixes, keeping a trailing slash if present."""
    segments = path.split("/")
    kept = [s for s in segments if s.lower() not in _VARIANT_SEGMENTS]
    # A path made only of variant segments ("/amp/") is a page of its own.
    if any(kept):
        segments = kept
        if path.endswith("/") and segments[-1] != "":
            segments.append("")
    if segments and segments[-1]:
        segments[-1] = _VARIANT_SUFFIX_RE.sub("", segments[-1]) or segments[-1]
    joined = "/".join(segments)
    return joined if joined.startswith("/") else "/" + joined


def canonical_url(url: str, *, extra_tracking_params: Iterable[str] = ()) -> str:
    """Normalise *url* to the address of the article it shows.

    Lower-cases scheme and host, drops default ports, the fragment, tracking
    parameters and AMP/print/mobile markers, sorts the query and normalises
    percent-encoding. The path keeps its trailing slash as the site gives it;
    :func:`url_key` is the form to compare or index.
    """
    extra = frozenset(p.lower() for p in extra_tracking_params)
    parts = urlsplit(url.strip())
    hostname = (parts.hostname or "").rstrip(".")
    if hostname.endswith(_AMP_CACHE_SUFFIX):
        parts = _from_amp_cache(parts)
        hostname = (parts.hostname or "").rstrip(".")
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not hostname:
        # Not a web address (mailto:, a relative reference): nothing to normalise.
        return url.strip()
    try:
        port = parts.port
    except ValueError:
        port = None
    host = _host(hostname)
    if ":" in host:  # an IPv6 literal (RFC 3986 section 3.2.2)
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = f"{parts.netloc.rsplit('@', 1)[0]}@{netloc}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name, extra) and not _is_variant(name, value)
    ]
    rebuilt = urlunsplit((scheme, netloc, _path(parts.path), urlencode(query), ""))
    # w3lib sorts the query and settles percent-encoding (RFC 3986 section 6.2.2).
    return canonicalize_url(rebuilt, keep_blank_values=True)


def url_key(url: str, *, extra_tracking_params: Iterable[str] = ()) -> str:
    """Return the comparison key of *url*: :func:`canonical_url` without ``www.``, scheme
    or a trailing slash.

    ``/a`` and ``/a/`` name one article on news sites; distinct paths, queries and
    ports stay distinct.
    """
    canonical = canonical_url(url, extra_tracking_params=extra_tracking_params)
    parts = urlsplit(canonical)
    if parts.scheme not in _DEFAULT_PORTS:
        return canonical
    netloc = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", netloc, path, parts.query, "")).removeprefix("//")


def registered_domain(url: str) -> str | None:
    """Return the registered domain of *url* (``bbc.co.uk`` for ``www.bbc.co.uk``)."""
    try:
        return extract_domain(url)
    except ValueError:
        return None


def site_of(url: str) -> str:
    """The publisher *url* belongs to: its registered domain (else its host), and a port
    when one is given (``bbc.co.uk`` for ``https://news.bbc.co.uk/x``)."""
    # The host as url_key folds it (no www. or m.), with its port.
    parts = urlsplit("//" + url_key(url).split("/", 1)[0])
    host = parts.hostname or ""
    site = registered_domain(f"http://{host}/") or host
    return f"{site}:{parts.port}" if parts.port else site


def preferred_url(page_url: str, rel_canonical: str | None, og_url: str | None) -> str:
    """Pick the article's own URL: its rel=canonical or og:url when on the same site.

    A canonical naming another registered domain (a syndication partner, a CMS
    default, a broken template) is ignored. Relative canonicals are resolved
    against the page URL. The result is passed through :func:`canonical_url`.
    """
    site = registered_domain(canonical_url(page_url))
    for candidate in (rel_canonical, og_url):
        if not candidate or not candidate.strip():
            continue
        absolute = urljoin(page_url, candidate.strip())
        if urlsplit(absolute).scheme not in {"http", "https"}:
            continue
        if site and registered_domain(canonical_url(absolute)) == site:
            return canonical_url(absolute)
    return canonical_url(page_url)
