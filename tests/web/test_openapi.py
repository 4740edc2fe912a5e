"""The OpenAPI document: valid OpenAPI 3, describes every endpoint, and the API keeps to it under
schema-based fuzzing (schemathesis generates requests from the document and checks every response)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from schemathesis.checks import positive_data_acceptance

from search_app.config import Config
from search_app.engines.embedded import EmbeddedEngine
from search_app.web.app import create_app

# Everything a program may call: the API and the health endpoints (pages and static files are for people).
DOCUMENTED_PREFIXES = ("/api", "/healthz", "/readyz")


def test_the_document_is_valid_openapi(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    validate(response.get_json())


def test_every_json_endpoint_is_documented(app, client):
    paths = set(client.get("/api/openapi.json").get_json()["paths"])
    routes = {
        rule.rule.replace("<path:article_id>", "{id}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(DOCUMENTED_PREFIXES)
    }
    assert routes == paths


def component_validator(document: dict, name: str) -> Draft202012Validator:
    """A validator for one schema of the document, its $refs resolving inside the document."""
    components = document["components"]
    return Draft202012Validator({**components["schemas"][name], "components": components})


def test_search_and_article_responses_match_their_schemas(client):
    document = client.get("/api/openapi.json").get_json()
    body = client.get("/api/search?q=रूस&country=PK&country=IN").get_json()
    assert body["hits"]
    component_validator(document, "SearchResponse").validate(body)
    article = client.get(f"/api/articles/{body['hits'][0]['id']}").get_json()
    component_validator(document, "Article").validate(article)


# The schema is loaded at import time (schemathesis' lazy loading does not work under pytest 9), from an
# app that opens its engine lazily from configuration, as in production; the fixture below builds the
# index in that directory before the first request reaches the engine.
FUZZ_DATA_DIR = Path(tempfile.mkdtemp(prefix="search-app-fuzz-"))
atexit.register(shutil.rmtree, FUZZ_DATA_DIR, ignore_errors=True)  # also when only collected
fuzz_app = create_app({"SEARCH_APP_CONFIG": Config(data_dir=FUZZ_DATA_DIR)})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", fuzz_app)


@pytest.fixture(scope="module", autouse=True)
def fuzz_index(all_documents):
    engine = EmbeddedEngine(FUZZ_DATA_DIR)
    engine.ensure_index()
    assert not engine.upsert(all_documents).failed
    engine.refresh()
    engine.close()


@schema.parametrize()
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_document(case):
    # Default checks: no 5xx, documented status codes, content types, headers and response schemas;
    # schema-invalid requests (negative cases) must be rejected with a 4xx. Left out: "every
    # schema-valid request is accepted", because the result window (page * size <= 10000) spans two
    # parameters, which JSON Schema cannot express; that 400 is documented and tested in test_api.py.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
