"""The SDK against the running server's OpenAPI document (/v1/openapi.json), like the Node SDK's
drift test: every request the SDK can make is an operation of the document, with query parameters
and body fields the operation declares, of the JSON types it declares; and every model's fields are
the fields of the schema it decodes, with the same JSON types and nullability.

The requests are the SDK's own: every public method of every resource is called, with every
optional argument given, on a client whose httpx hooks record what goes on the wire. The calls
reach the real server and most are refused (the ids are made up); only what was sent matters.
"""

from __future__ import annotations

import inspect
import json
import re
import types
import typing
import dataclasses
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from keito import Keito, KeitoError
from keito.types import (
    BulkOutcome,
    Expense,
    KeitoModel,
    Project,
    Receipt,
    TimeEntry,
    Timesheet,
    TimesheetDetail,
    User,
)
from support.server import KeitoServer

Schema = dict[str, Any]

# A 1x1 PNG, for the receipt upload.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2"
    "21bc330000000049454e44ae426082"
)


@dataclass
class Mapping:
    model: type[KeitoModel]
    operation_id: str
    # "items" compares with the items of the response's `data` (a list), "results" with those of
    # `results` (the bulk answer), None with the response itself.
    inside: str | None = None
    field: str | None = None
    # Model attribute -> JSON name, where a JSON name is a Python keyword.
    renamed: dict[str, str] = dataclasses.field(default_factory=dict)


MODELS = [
    Mapping(TimeEntry, "getTimeEntry"),
    Mapping(Expense, "getExpense"),
    Mapping(Receipt, "getExpense", field="receipt"),
    Mapping(Project, "getProject"),
    Mapping(User, "getUser"),
    Mapping(Timesheet, "listTimesheets", inside="items", renamed={"from_date": "from", "to_date": "to"}),
    Mapping(TimesheetDetail, "getTimesheet", renamed={"from_date": "from", "to_date": "to"}),
    Mapping(BulkOutcome, "approveTimesheets", inside="results"),
]


# -- the document --------------------------------------------------------------------------------

KIND_OF_TYPE = {
    "string": "string",
    "number": "number",
    "integer": "number",
    "boolean": "boolean",
    "array": "array",
    "object": "object",
}


def resolve(doc: Schema, schema: Schema | None) -> Schema:
    if not schema:
        return {}
    if "$ref" in schema:
        return resolve(doc, doc["components"]["schemas"][schema["$ref"].split("/")[-1]])
    return schema


def variants(doc: Schema, schema: Schema) -> list[Schema]:
    """The non-null alternatives of a schema: its anyOf/oneOf parts, or itself."""
    parts = [resolve(doc, s) for s in schema.get("anyOf", []) + schema.get("oneOf", [])]
    if not parts:
        return [schema]
    return [v for part in parts if part.get("type") != "null" for v in variants(doc, part)]


def nullable(doc: Schema, schema: Schema) -> bool:
    schema = resolve(doc, schema)
    types_ = schema.get("type")
    if types_ == "null" or (isinstance(types_, list) and "null" in types_):
        return True
    return any(nullable(doc, s) for s in schema.get("anyOf", []) + schema.get("oneOf", []))


def schema_kinds(doc: Schema, schema: Schema) -> set[str] | None:
    """The JSON types a schema allows, null aside; None when it does not say (`{}`)."""
    kinds: set[str] = set()
    for variant in variants(doc, resolve(doc, schema)):
        declared = variant.get("type")
        names = [t for t in ([declared] if isinstance(declared, str) else declared or []) if t != "null"]
        if names:
            kinds.update(KIND_OF_TYPE[t] for t in names)
        elif "properties" in variant:
            kinds.add("object")
        else:
            return None
    return kinds


def object_schema(doc: Schema, schema: Schema) -> Schema:
    schema = resolve(doc, schema)
    if "properties" in schema:
        return schema
    return next((v for v in variants(doc, schema) if "properties" in v), schema)


def operations(doc: Schema) -> dict[str, tuple[str, str, Schema]]:
    """operationId -> (method, path, operation)."""
    return {
        operation["operationId"]: (method.upper(), path, operation)
        for path, methods in doc["paths"].items()
        for method, operation in methods.items()
    }


def success_schema(operation: Schema) -> Schema:
    status, response = next((s, r) for s, r in operation["responses"].items() if s.startswith("2"))
    return response["content"]["application/json"]["schema"]


def model_schema(doc: Schema, mapping: Mapping) -> Schema:
    schema = object_schema(doc, success_schema(operations(doc)[mapping.operation_id][2]))
    if mapping.inside is not None:
        key = "data" if mapping.inside == "items" else mapping.inside
        schema = object_schema(doc, resolve(doc, schema["properties"][key])["items"])
    if mapping.field is not None:
        schema = object_schema(doc, schema["properties"][mapping.field])
    return schema


# -- the SDK -------------------------------------------------------------------------------------


def python_kinds(annotation: Any) -> tuple[set[str] | None, bool]:
    """The JSON types a Python annotation stands for, and whether it allows None."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kinds: set[str] = set()
        allows_none = False
        for arg in args:
            if arg is type(None):
                allows_none = True
                continue
            inner, _ = python_kinds(arg)
            if inner is None:
                return None, True
            kinds |= inner
        return kinds, allows_none
    origin = typing.get_origin(annotation) or annotation
    if origin is bool:
        return {"boolean"}, False
    if origin in (int, float):
        return {"number"}, False
    if origin is str:
        return {"string"}, False
    if origin is list:
        return {"array"}, False
    if origin is dict or (isinstance(origin, type) and issubclass(origin, KeitoModel)):
        return {"object"}, False
    return None, False


def json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def model_problems(doc: Schema, mapping: Mapping) -> list[str]:
    schema = model_schema(doc, mapping)
    label = f"{mapping.model.__name__} vs {mapping.operation_id}" + (
        f" `{mapping.field}`" if mapping.field else ""
    )
    hints = typing.get_type_hints(mapping.model)
    ours = {
        mapping.renamed.get(name, name): hint
        for name, hint in hints.items()
        if not name.startswith("_") and name != "model_extra"
    }
    theirs = schema.get("properties", {})
    problems = [f"{label}: the server has `{n}`, the model does not" for n in theirs if n not in ours]
    problems += [f"{label}: the model has `{n}`, the server does not" for n in ours if n not in theirs]
    for name in [n for n in ours if n in theirs]:
        kinds, allows_none = python_kinds(ours[name])
        server_kinds = schema_kinds(doc, theirs[name])
        if kinds is not None and server_kinds is not None and kinds != server_kinds:
            problems.append(
                f"{label}: `{name}` is {' | '.join(sorted(server_kinds))} on the server, "
                f"{' | '.join(sorted(kinds))} in the model"
            )
        # A field the server may leave out reads as None in the model, like a null one.
        server_none = nullable(doc, theirs[name]) or name not in schema.get("required", [])
        if server_none and not allows_none:
            problems.append(f"{label}: `{name}` may be null or absent on the server, not in the model")
        if allows_none and not server_none:
            problems.append(f"{label}: `{name}` is never null on the server, optional in the model")
    return problems


@dataclass
class Sent:
    method: str
    path: str
    query: list[str]
    body: dict[str, Any] | None
    by: str


def dummy(name: str, annotation: Any) -> Any:
    """A value of the annotated type, for a method's argument."""
    if name == "receipt":
        return ("receipt.png", PNG)
    kinds, _ = python_kinds(annotation)
    kind = next(iter(sorted(kinds))) if kinds else "string"
    return {
        "boolean": True,
        "number": 1.5 if "float" in str(annotation) else 1,
        "string": "2026-03-03" if "date" in name else "x",
        "array": ["x"],
        "object": {"agent_id": "drift"},
    }[kind]


def requests_the_sdk_makes(server: KeitoServer, api_key: str) -> list[Sent]:
    sent: list[Sent] = []
    calling = {"by": ""}

    def record(request: httpx.Request) -> None:
        is_json = request.headers.get("content-type", "").startswith("application/json")
        sent.append(
            Sent(
                method=request.method,
                path=request.url.path,
                query=list(request.url.params.keys()),
                body=json.loads(request.content) if is_json and request.content else None,
                by=calling["by"],
            )
        )

    http = httpx.Client(event_hooks={"request": [record]})
    client = Keito(api_key=api_key, base_url=server.base_url, max_retries=0, http_client=http)
    resources = {name: getattr(client, name) for name in ("time_entries", "timesheets", "expenses", "projects", "users")}
    for resource_name, resource in resources.items():
        for method_name, method in inspect.getmembers(resource, inspect.ismethod):
            if method_name.startswith("_"):
                continue
            hints = typing.get_type_hints(method)
            arguments = {
                name: dummy(name, hints.get(name, str))
                for name, parameter in inspect.signature(method).parameters.items()
                if parameter.kind is not inspect.Parameter.VAR_KEYWORD
            }
            # A receipt turns the create into a multipart request; the JSON one is what is compared.
            if method_name == "create" and "receipt" in arguments:
                arguments.pop("receipt")
            calling["by"] = f"{resource_name}.{method_name}"
            try:
                method(**arguments)
            except KeitoError:
                pass  # the made-up ids are refused; the request was sent and recorded
    return sent


def request_problems(doc: Schema, sent: Sent) -> list[str]:
    label = f"{sent.by} ({sent.method} {sent.path})"
    for method, path, operation in operations(doc).values():
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$"
        if method == sent.method and re.match(pattern, sent.path):
            break
    else:
        return [f"{label}: no such operation in the OpenAPI document"]
    # A literal path (/users/me) beats a template (/users/{id}) that also matches.
    literal = next(
        (op for m, p, op in operations(doc).values() if m == sent.method and p == sent.path), None
    )
    operation = literal or operation
    declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    problems = [f"{label}: query `{q}` is not a parameter of {operation['operationId']}" for q in sent.query if q not in declared]
    if sent.body is None:
        return problems
    body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body_schema is None:
        return [*problems, f"{label}: sends a JSON body {operation['operationId']} does not take"]
    properties = object_schema(doc, body_schema).get("properties", {})
    for name, value in sent.body.items():
        if name not in properties:
            problems.append(f"{label}: body field `{name}` is not in {operation['operationId']}'s body")
            continue
        kinds = schema_kinds(doc, properties[name])
        if value is not None and kinds is not None and json_kind(value) not in kinds:
            problems.append(
                f"{label}: body field `{name}` is {' | '.join(sorted(kinds))} on the server, "
                f"{json_kind(value)} in the SDK"
            )
    return problems


# -- the tests -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document(server: KeitoServer) -> Schema:
    return httpx.get(f"{server.base_url}/openapi.json").raise_for_status().json()


def test_every_request_the_sdk_makes_is_in_the_document(
    server: KeitoServer, workspace: dict[str, str], document: Schema
) -> None:
    sent = requests_the_sdk_makes(server, workspace["api_key"])
    # Every resource method sent something, so no call escaped the check.
    assert len({s.by for s in sent}) >= 20
    problems = [p for s in sent for p in request_problems(document, s)]
    assert problems == []


def test_every_model_matches_its_schema(document: Schema) -> None:
    problems = [p for mapping in MODELS for p in model_problems(document, mapping)]
    assert problems == []


# -- the check itself, on a small document -------------------------------------------------------

SMALL = {
    "paths": {
        "/v1/time-entries/{id}": {
            "get": {
                "operationId": "getTimeEntry",
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["id", "hours", "notes"],
                                    "properties": {
                                        "id": {"type": "string"},
                                        "hours": {"type": "number"},
                                        "notes": {"type": ["string", "null"]},
                                    },
                                }
                            }
                        }
                    }
                },
            },
            "patch": {
                "operationId": "updateTimeEntry",
                "parameters": [],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"hours": {"type": "number"}}}
                        }
                    }
                },
                "responses": {},
            },
        }
    }
}


class Drifted(KeitoModel):
    id: int
    notes: str
    colour: str


def test_the_check_reports_missing_extra_and_mistyped_fields() -> None:
    problems = model_problems(SMALL, Mapping(Drifted, "getTimeEntry"))
    assert problems == [
        "Drifted vs getTimeEntry: the server has `hours`, the model does not",
        "Drifted vs getTimeEntry: the model has `colour`, the server does not",
        "Drifted vs getTimeEntry: `id` is string on the server, number in the model",
        "Drifted vs getTimeEntry: `notes` may be null or absent on the server, not in the model",
    ]


def test_the_check_reports_unknown_operations_parameters_and_body_fields() -> None:
    def sent(method: str, path: str, query: list[str], body: dict[str, Any] | None) -> list[str]:
        return request_problems(SMALL, Sent(method, path, query, body, by="x.call"))

    assert sent("GET", "/v1/time-entries/te_1", [], None) == []
    assert sent("PATCH", "/v1/time-entries/te_1", [], {"hours": 2}) == []
    assert sent("DELETE", "/v1/time-entries/te_1", [], None) == [
        "x.call (DELETE /v1/time-entries/te_1): no such operation in the OpenAPI document"
    ]
    assert sent("GET", "/v1/time-entries/te_1", ["expand"], None) == [
        "x.call (GET /v1/time-entries/te_1): query `expand` is not a parameter of getTimeEntry"
    ]
    assert sent("PATCH", "/v1/time-entries/te_1", [], {"hours": "2", "colour": "red"}) == [
        "x.call (PATCH /v1/time-entries/te_1): body field `hours` is number on the server, string in the SDK",
        "x.call (PATCH /v1/time-entries/te_1): body field `colour` is not in updateTimeEntry's body",
    ]
