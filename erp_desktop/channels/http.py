"""The one HTTP client the platform adapters share: timeouts, waiting and retrying, typed errors.

Platforms throttle (429 with Retry-After), have bad minutes (5xx) and drop connections; an
adapter should ride that out for a short while and then say so with a ChannelError the services
can act on: `transient` tells "try the job again later" from "the shop's settings are wrong"
(401/403 bad credentials, 404), and `retry_after` says when the platform asked us to come back.

Only requests that are safe to send twice are retried after an answer that may mean "done" (a
5xx, a dropped connection after the request went out): GET/PUT/DELETE, and POSTs the adapter marks
`idempotent` (setting an absolute stock level).  Any request is retried after a 429 or when the
connection could not even be opened, since the platform then did nothing.  The adapters make
their non-idempotent operations (creating a fulfillment) safe to repeat as a whole instead.

Credentials never reach a log line or an error message: messages name the path only, never the
query (WooCommerce over plain http carries its keys there), and httpx's own request log is
filtered for the query parameters that hold keys.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from erp_desktop.domain.orders import ChannelError

log = logging.getLogger(__name__)

SECRET_PARAMS = re.compile(r"((?:consumer_key|consumer_secret|access_token|oauth_signature)=)[^&\s\"'>]+")


class _RedactSecrets(logging.Filter):
    """httpx logs every request's full URL at INFO; strip the key parameters from it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if SECRET_PARAMS.search(message):
            record.msg, record.args = SECRET_PARAMS.sub(r"\1***", message), None
        return True


_REDACT = _RedactSecrets()
for _name in ("httpx", "httpcore"):
    if _REDACT not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(_REDACT)


@dataclass(frozen=True)
class RetryPolicy:
    """How long one request may keep trying before the adapter gives up with a ChannelError."""

    max_attempts: int = 5          # requests sent in all, the first one included
    backoff: float = 1.0           # seconds before the first retry after a 5xx / dropped connection; doubles
    max_backoff: float = 30.0      # one wait never exceeds this (Retry-After aside)
    max_retry_wait: float = 60.0   # total seconds one request may spend waiting; a longer Retry-After gives up


RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number ("2.0", as Shopify sends it) or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def error_text(response: httpx.Response, limit: int = 300) -> str:
    """What the platform said about a refusal, shortened for a message (bodies never hold our keys)."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:limit].strip()
    if isinstance(body, dict):
        for key in ("errors", "error", "message"):
            if key in body:
                return str(body[key])[:limit]
    return str(body)[:limit]


def body_json(response: httpx.Response) -> Any:
    """The JSON body; a 2xx that is not JSON (a proxy's or a maintenance page) is a transient error."""
    try:
        return response.json()
    except ValueError as exc:
        raise ChannelError(f"{response.request.method} {response.request.url.path}: answer is not JSON",
                           status=response.status_code, transient=True) from exc


class ApiClient:
    """httpx.Client with the platforms' retry rules; one per shop, closed with the adapter."""

    def __init__(self, base_url: str, *, platform: str, headers: Mapping[str, str] | None = None,
                 params: Mapping[str, str] | None = None, auth: httpx.Auth | tuple[str, str] | None = None,
                 timeout: float = 30.0, retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.platform = platform
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._client = httpx.Client(base_url=base_url, headers=dict(headers or {}), params=dict(params or {}),
                                    auth=auth, timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                    follow_redirects=False)
        self.last_call_limit = ""   # Shopify's X-Shopify-Shop-Api-Call-Limit ("32/40"), for the log

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, params: Mapping[str, Any] | None = None) -> httpx.Response:
        return self.request("GET", url, params=params)

    def post(self, url: str, *, json: Any = None, idempotent: bool = False) -> httpx.Response:
        return self.request("POST", url, json=json, idempotent=idempotent)

    def put(self, url: str, *, json: Any = None) -> httpx.Response:
        return self.request("PUT", url, json=json)

    def request(self, method: str, url: str, *, params: Mapping[str, Any] | None = None, json: Any = None,
                idempotent: bool | None = None) -> httpx.Response:
        """Send until a 2xx, or raise ChannelError; waits only through the injected sleep."""
        method = method.upper()
        repeatable = method in SAFE_METHODS if idempotent is None else idempotent
        policy = self.retry
        waited = 0.0
        attempt = 0
        while True:
            attempt += 1
            request = self._client.build_request(method, url, params=params, json=json)
            where = f"{self.platform} {method} {request.url.path}"
            try:
                response = self._client.send(request)
            except httpx.TransportError as exc:
                never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
                wait = self._backoff(attempt)
                if (repeatable or never_sent) and attempt < policy.max_attempts \
                        and waited + wait <= policy.max_retry_wait:
                    log.warning("%s failed (%s); retrying in %.1f s (attempt %d/%d)", where, type(exc).__name__,
                                wait, attempt + 1, policy.max_attempts)
                    self._sleep(wait)
                    waited += wait
                    continue
                raise ChannelError(f"{where}: {type(exc).__name__} after {attempt} attempt(s)",
                                   transient=True) from exc

            self.last_call_limit = response.headers.get("X-Shopify-Shop-Api-Call-Limit", self.last_call_limit)
            status = response.status_code
            if status < 300:
                return response
            if status not in RETRY_STATUSES:
                detail = error_text(response)
                response.close()
                what = "credentials refused" if status in (401, 403) else "refused"
                raise ChannelError(f"{where}: {what} ({status}): {detail}", status=status, transient=False)

            asked = retry_after_seconds(response.headers.get("Retry-After"))
            detail = error_text(response)
            response.close()
            wait = asked if asked is not None else self._backoff(attempt)
            if status != 429 and not repeatable:
                raise ChannelError(f"{where}: {status} (not repeated, it may have been done): {detail}",
                                   status=status, retry_after=asked, transient=True)
            if attempt >= policy.max_attempts or waited + wait > policy.max_retry_wait:
                raise ChannelError(f"{where}: {status} after {attempt} attempt(s): {detail}",
                                   status=status, retry_after=asked, transient=True)
            log.warning("%s answered %d; retrying in %.1f s (attempt %d/%d)%s", where, status, wait, attempt + 1,
                        policy.max_attempts, f" call limit {self.last_call_limit}" if self.last_call_limit else "")
            self._sleep(wait)
            waited += wait

    def _backoff(self, attempt: int) -> float:
        return min(self.retry.backoff * 2 ** (attempt - 1), self.retry.max_backoff)


# ---------------------------------------------------------------------------------------------
# What both platforms' payloads need: amounts, times, and the watermark a resumable fetch keeps
# ---------------------------------------------------------------------------------------------


class BadField(Exception):
    """A payload field that cannot become an order value: becomes a RejectedRow, never a crash."""

    def __init__(self, field: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{field}: {reason} {detail}")
        self.field, self.reason, self.detail = field, reason, detail


def decimal_of(value: Any, field: str, *, default: Decimal | None = None) -> Decimal:
    """An amount as the platform wrote it ("199.65", or a JSON number) as Decimal, never via float maths."""
    if value is None or value == "":
        if default is not None:
            return default
        raise BadField(field, "missing")
    if isinstance(value, bool):
        raise BadField(field, "bad_amount", repr(value))
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise BadField(field, "bad_amount", repr(value)[:40]) from exc
    if not amount.is_finite():
        raise BadField(field, "bad_amount", repr(value)[:40])
    return amount


def utc_of(value: Any, field: str, *, naive_is_utc: bool = True) -> dt.datetime | None:
    """An ISO 8601 time ("2008-01-10T11:00:00-05:00", or WooCommerce's *_gmt without offset) in UTC."""
    if value is None or value == "":
        return None
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise BadField(field, "bad_date", repr(value)[:40]) from exc
    if when.tzinfo is None:
        if not naive_is_utc:
            raise BadField(field, "bad_date", f"{value!r} has no time zone")
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


@dataclass(frozen=True)
class Watermark:
    """Changes up to `at` have been read; `ids` are the orders read that changed exactly at `at`.

    Platforms keep change times to the second, and more orders may change within that second
    than fit a page or a run.  Asking again from `at` (inclusive) and skipping `ids` neither
    repeats an order nor loses one that changed in the same second after we asked.
    """

    at: dt.datetime | None = None
    ids: frozenset[str] = frozenset()

    def is_new(self, order_id: str, changed: dt.datetime) -> bool:
        if self.at is None:
            return True
        return changed > self.at or (changed == self.at and order_id not in self.ids)

    def advance(self, order_id: str, changed: dt.datetime) -> Watermark:
        if self.at is None or changed > self.at:
            return Watermark(changed, frozenset({order_id}))
        if changed == self.at:
            return Watermark(self.at, self.ids | {order_id})
        return self

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat() if self.at else None, "ids": sorted(self.ids)}

    @classmethod
    def from_json(cls, data: Any) -> Watermark:
        if not data:
            return cls()
        at = utc_of(data.get("at"), "cursor.at")
        return cls(at, frozenset(str(i) for i in data.get("ids", ())))


def encode_cursor(**parts: Any) -> str:
    return json.dumps({"v": 1, **parts}, separators=(",", ":"), sort_keys=True)


def decode_cursor(cursor: str | None, platform: str) -> dict[str, Any]:
    """The adapter's own cursor back; anything else is a settings error, not something to retry."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
        if not isinstance(data, dict) or data.get("v") != 1:
            raise ValueError("unknown cursor version")
        Watermark.from_json(data.get("since"))
    except (ValueError, TypeError, AttributeError, BadField) as exc:
        raise ChannelError(f"{platform}: not a cursor of this adapter: {cursor[:60]!r}", transient=False) from exc
    return data
