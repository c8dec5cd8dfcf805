"""Client options: explicit arguments win over KEITO_* variables, which win over defaults."""

from __future__ import annotations

import pytest

from keito import AsyncKeito, Keito, KeitoError


def test_reads_key_account_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEITO_API_KEY", "keito_sk_env")
    monkeypatch.setenv("KEITO_ACCOUNT_ID", "acc_env")
    monkeypatch.setenv("KEITO_BASE_URL", "http://localhost:9/v1/")
    client = Keito()
    assert (client.options.api_key, client.options.account_id, client.options.base_url) == (
        "keito_sk_env", "acc_env", "http://localhost:9/v1",
    )


def test_arguments_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEITO_API_KEY", "keito_sk_env")
    client = AsyncKeito(api_key="keito_sk_arg", max_retries=3, retry_delay=0.5, timeout=2.0)
    assert client.options.api_key == "keito_sk_arg"
    assert (client.options.max_retries, client.options.retry_delay, client.options.timeout) == (3, 0.5, 2.0)


def test_documented_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEITO_BASE_URL", raising=False)
    monkeypatch.delenv("KEITO_ACCOUNT_ID", raising=False)
    options = Keito(api_key="keito_sk_x").options
    assert options.base_url == "https://api.keito.ai/v1"
    assert (options.max_retries, options.retry_delay, options.timeout) == (2, 1.0, 30.0)
    assert options.account_id is None


def test_a_missing_api_key_fails_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEITO_API_KEY", raising=False)
    with pytest.raises(KeitoError) as caught:
        Keito()
    assert caught.value.code == "missing_api_key"
