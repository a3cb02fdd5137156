"""Requests as strict JSON for the shared frontier: never pickle, nothing executable.

scrapy-redis stores a request as ``serializer.dumps(request.to_dict(spider=…))``
and reads it back with ``request_from_dict(serializer.loads(…), spider=…)``; this
module is that serializer (``SCHEDULER_SERIALIZER``). Its default is pickle, and
unpickling runs whatever code the payload names: anyone able to write to Redis could
run code on every worker. Here a payload is JSON, values JSON lacks are tagged
objects of one ``$``-key (``{"$bytes": "<base64>"}``), and reading one builds
nothing but plain values and the few types listed in ``SHAREABLE_TYPES``.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import math
from typing import Any

from scrapy import Request
from scrapy.http import FormRequest, JsonRequest

from newsarchive.discovery.incremental import ListedEntry

# Request classes a payload may name in ``_class`` (as ``Request.to_dict`` writes
# it). ``request_from_dict`` imports whatever ``_class`` names: it is checked first.
REQUEST_CLASSES = {f"{cls.__module__}.{cls.__name__}": cls for cls in (FormRequest, JsonRequest)}
# Dataclasses newsarchive puts in request meta, by name (frozen, plain fields).
SHAREABLE_TYPES = {f"{cls.__module__}.{cls.__qualname__}": cls for cls in (ListedEntry,)}
_SHAREABLE_BY_TYPE = {cls: name for name, cls in SHAREABLE_TYPES.items()}
_KEYS = frozenset(Request.attributes).union(
    {"_class"}, *(cls.attributes for cls in REQUEST_CLASSES.values())
)


class UnshareableRequest(TypeError):
    """A request holds a value that JSON cannot carry to other workers."""


class InvalidRequestPayload(ValueError):
    """A frontier entry is not a request that newsarchive wrote."""


def dumps(request_dict: dict[str, Any]) -> bytes:
    """The JSON of a ``Request.to_dict()``; ``UnshareableRequest`` names a value it cannot hold."""
    return json.dumps(
        _tagged(request_dict, "request"),
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ":"),
    ).encode("utf-8")


def loads(payload: bytes | str) -> dict[str, Any]:
    """The request dict of a payload written by ``dumps``; ``InvalidRequestPayload`` otherwise."""
    try:
        value = json.loads(payload)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InvalidRequestPayload(f"not JSON ({exc.__class__.__name__})") from None
    if not isinstance(value, dict):
        raise InvalidRequestPayload(f"a JSON {type(value).__name__}, not an object")
    try:
        request_dict = _untagged(value)
    except RecursionError:
        raise InvalidRequestPayload("nested too deeply") from None
    _check_request_shape(request_dict)
    return request_dict


def _tagged(value: Any, where: str) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise UnshareableRequest(f"{where}: {value} is not a finite number")
        return value
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, list):
        return [_tagged(item, f"{where}[{n}]") for n, item in enumerate(value)]
    if isinstance(value, tuple):
        return {"$tuple": [_tagged(item, f"{where}[{n}]") for n, item in enumerate(value)]}
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: _tagged(item, f"{where}[{key!r}]") for key, item in value.items()}
        return {
            "$items": [
                [_tagged(key, f"{where} key {key!r}"), _tagged(item, f"{where}[{key!r}]")]
                for key, item in value.items()
            ]
        }
    name = _SHAREABLE_BY_TYPE.get(type(value))
    if name is not None:
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return {"$type": [name, _tagged(fields, f"{where}.{type(value).__name__}")]}
    raise UnshareableRequest(
        f"{where} is a {type(value).__module__}.{type(value).__qualname__}, which JSON cannot"
        " carry (newsarchive.distributed.serialization.SHAREABLE_TYPES lists the types it can)"
    )


def _untagged(value: Any) -> Any:
    if isinstance(value, list):
        return [_untagged(item) for item in value]
    if not isinstance(value, dict):
        return value
    tags = [key for key in value if key.startswith("$")]
    if not tags:
        return {key: _untagged(item) for key, item in value.items()}
    if len(value) != 1:
        raise InvalidRequestPayload(f"tag {tags[0]!r} among other keys")
    tag, content = next(iter(value.items()))
    if tag == "$bytes" and isinstance(content, str):
        try:
            return base64.b64decode(content, validate=True)
        except binascii.Error:
            raise InvalidRequestPayload("$bytes is not base64") from None
    if tag == "$tuple" and isinstance(content, list):
        return tuple(_untagged(item) for item in content)
    if tag == "$items" and isinstance(content, list):
        pairs = [_untagged(pair) for pair in content]
        if not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
            raise InvalidRequestPayload("$items is not a list of pairs")
        try:
            return dict(pairs)
        except TypeError:
            raise InvalidRequestPayload("$items has a key that cannot be a key") from None
    if tag == "$type" and isinstance(content, list) and len(content) == 2:
        name, fields = content
        cls = SHAREABLE_TYPES.get(name) if isinstance(name, str) else None
        if cls is None or not isinstance(fields, dict):
            raise InvalidRequestPayload(f"$type {name!r} is not a type requests may carry")
        try:
            return cls(**_untagged(fields))
        except TypeError as exc:
            raise InvalidRequestPayload(f"$type {name!r}: {exc}") from None
    raise InvalidRequestPayload(f"unknown or malformed tag {tag!r}")


def _check_request_shape(request_dict: dict[str, Any]) -> None:
    """Refuse what ``request_from_dict`` must not see: unknown keys, classes, private methods."""
    unknown = sorted(set(request_dict) - _KEYS)
    if unknown:
        raise InvalidRequestPayload(f"unknown request fields {unknown}")
    if not isinstance(request_dict.get("url"), str):
        raise InvalidRequestPayload("no URL")
    request_class = request_dict.get("_class")
    if request_class is not None and request_class not in REQUEST_CLASSES:
        raise InvalidRequestPayload(f"request class {request_class!r} is not allowed")
    for name in ("callback", "errback"):
        method = request_dict.get(name)
        if method is None:
            continue
        # Callbacks are spider methods, by name; "__class__" and the like are not.
        if not isinstance(method, str) or not method.isidentifier() or method.startswith("_"):
            raise InvalidRequestPayload(f"{name} {method!r} is not a spider method name")
    for name, kind in (("meta", dict), ("cb_kwargs", dict), ("headers", dict)):
        if name in request_dict and not isinstance(request_dict[name], kind):
            raise InvalidRequestPayload(f"{name} is not a {kind.__name__}")
