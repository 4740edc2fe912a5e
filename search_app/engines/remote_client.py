"""Connecting to Elasticsearch or OpenSearch: one probe of the server, then the right official client.

The server's root response (``GET /``) says which product it is: ``version.distribution == "opensearch"``
means opensearch-py, anything else the ``elasticsearch`` client (see ``_identify`` for nodes without a
root endpoint). The probe itself goes through
opensearch-py because the ``elasticsearch`` client refuses to talk to a server that is not Elasticsearch
(its product check), while opensearch-py does no such check and speaks plain HTTP/JSON to either.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import opensearchpy
import opensearchpy.helpers

from search_app.config import Config, redact_url
from search_app.engines.base import EngineUnavailable

# Client-level retries for idempotent requests on dropped connections and timeouts.
CLIENT_RETRIES = 2
REQUEST_TIMEOUT_S = 30


@dataclass
class Flavor:
    """One product's client and the bits that differ between the two client libraries."""

    distribution: str  # "elasticsearch" | "opensearch"
    version: str  # the server's version number
    client: Any
    helpers: ModuleType  # streaming_bulk lives here
    not_found: type[Exception]
    conflict: type[Exception]
    connection_errors: tuple[type[Exception], ...]  # the node cannot be reached
    api_error: type[Exception]  # the node answered with an error status

    def status_of(self, exc: Exception) -> int | None:
        """The HTTP status of an API error (each library keeps it in its own place)."""
        meta = getattr(exc, "meta", None)
        if meta is not None and getattr(meta, "status", None) is not None:
            return int(meta.status)
        status = getattr(exc, "status_code", None)
        return int(status) if isinstance(status, int) else None

    def close(self) -> None:
        self.client.close()


def _auth_options(config: Config) -> dict[str, Any]:
    """Keyword arguments both client libraries accept for TLS and authentication."""
    options: dict[str, Any] = {"verify_certs": config.verify_certs}
    if config.ca_certs:
        options["ca_certs"] = config.ca_certs
    if not config.verify_certs:
        options["ssl_show_warn"] = False
    return options


def _opensearch_client(config: Config) -> opensearchpy.OpenSearch:
    options = _auth_options(config)
    headers = {}
    if config.api_key:
        headers["Authorization"] = f"ApiKey {config.api_key}"
    elif config.username:
        options["http_auth"] = (config.username, config.password or "")
    return opensearchpy.OpenSearch(
        [config.engine_url],
        headers=headers or None,
        timeout=REQUEST_TIMEOUT_S,
        max_retries=CLIENT_RETRIES,
        retry_on_timeout=True,
        **options,
    )


def _elasticsearch_client(config: Config) -> Any:
    import elasticsearch  # imported here: an OpenSearch-only deployment never loads it

    options = _auth_options(config)
    if config.api_key:
        options["api_key"] = config.api_key
    elif config.username:
        options["basic_auth"] = (config.username, config.password or "")
    return elasticsearch.Elasticsearch(
        config.engine_url,
        request_timeout=REQUEST_TIMEOUT_S,
        max_retries=CLIENT_RETRIES,
        retry_on_timeout=True,
        **options,
    )


def _opensearch_flavor(client: opensearchpy.OpenSearch, version: str) -> Flavor:
    return Flavor(
        distribution="opensearch",
        version=version,
        client=client,
        helpers=opensearchpy.helpers,
        not_found=opensearchpy.NotFoundError,
        conflict=opensearchpy.ConflictError,
        connection_errors=(opensearchpy.ConnectionError, opensearchpy.ConnectionTimeout),
        api_error=opensearchpy.TransportError,
    )


def _elasticsearch_flavor(client: Any, version: str) -> Flavor:
    import elasticsearch
    import elasticsearch.helpers

    return Flavor(
        distribution="elasticsearch",
        version=version,
        client=client,
        helpers=elasticsearch.helpers,
        not_found=elasticsearch.NotFoundError,
        conflict=elasticsearch.ConflictError,
        # elastic_transport.TransportError: connection refused or reset, timeouts, TLS failures.
        connection_errors=(elasticsearch.TransportError,),
        api_error=elasticsearch.ApiError,
    )


def _identify(probe: opensearchpy.OpenSearch) -> tuple[str, str]:
    """(distribution, version) of the server. ``GET /`` names it; minimal Elasticsearch builds (the
    integ-test-zip) have no root endpoint, and there the ``X-Elastic-Product`` header, which every
    Elasticsearch response carries and OpenSearch never sends, decides."""
    connection = probe.transport.get_connection()
    status, headers, data = connection.perform_request("GET", "/", ignore=(404, 405))
    if status == 200:
        version = json.loads(data).get("version", {})
        distribution = "opensearch" if version.get("distribution") == "opensearch" else "elasticsearch"
        return distribution, str(version.get("number", "unknown"))
    is_elastic = any(name.lower() == "x-elastic-product" for name in headers)
    nodes = probe.nodes.info(node_id="_local", filter_path="nodes.*.version").get("nodes", {})
    number = next((str(node.get("version")) for node in nodes.values()), "unknown")
    return ("elasticsearch" if is_elastic else "opensearch"), number


def connect(config: Config) -> Flavor:
    """Probe ``config.engine_url`` and return the matching client; EngineUnavailable if unreachable."""
    if not config.engine_url or not config.engine_url.startswith(("http://", "https://")):
        shown = redact_url(config.engine_url or "")
        raise EngineUnavailable(f"engine URL must start with http:// or https://, got {shown!r}")
    probe = _opensearch_client(config)
    where = redact_url(config.engine_url)
    try:
        distribution, number = _identify(probe)
    except (opensearchpy.ConnectionError, opensearchpy.ConnectionTimeout) as exc:
        probe.close()
        raise EngineUnavailable(f"cannot reach the search engine at {where}: {exc}") from exc
    except opensearchpy.TransportError as exc:
        probe.close()
        raise EngineUnavailable(
            f"the search engine at {where} answered {exc.status_code}: {exc.error}"
        ) from exc
    if distribution == "opensearch":
        return _opensearch_flavor(probe, number)
    probe.close()
    return _elasticsearch_flavor(_elasticsearch_client(config), number)
