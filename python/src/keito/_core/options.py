"""Client configuration: explicit arguments first, then the environment, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import KeitoError

DEFAULT_BASE_URL = "https://api.keito.ai/v1"
DEFAULT_MAX_RETRIES = 2
DEFAULT_RETRY_DELAY = 1.0
DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class ClientOptions:
    """Resolved settings shared by the sync and async clients."""

    api_key: str
    account_id: str | None
    base_url: str
    max_retries: int
    retry_delay: float
    timeout: float

    @classmethod
    def resolve(
        cls,
        *,
        api_key: str | None,
        account_id: str | None,
        base_url: str | None,
        max_retries: int | None,
        retry_delay: float | None,
        timeout: float | None,
    ) -> ClientOptions:
        """Fill unset options from KEITO_API_KEY, KEITO_ACCOUNT_ID and KEITO_BASE_URL."""
        key = api_key if api_key is not None else os.environ.get("KEITO_API_KEY")
        if not key:
            # Fail at construction, not on the first request, so a missing secret is obvious.
            raise KeitoError(
                "No API key: pass api_key=... or set the KEITO_API_KEY environment variable",
                code="missing_api_key",
            )
        account = account_id if account_id is not None else os.environ.get("KEITO_ACCOUNT_ID")
        url = base_url or os.environ.get("KEITO_BASE_URL") or DEFAULT_BASE_URL
        retries = DEFAULT_MAX_RETRIES if max_retries is None else max_retries
        if retries < 0:
            raise ValueError("max_retries must be >= 0")
        return cls(
            api_key=key,
            account_id=account or None,
            base_url=url.rstrip("/"),
            max_retries=retries,
            retry_delay=DEFAULT_RETRY_DELAY if retry_delay is None else retry_delay,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
        )
