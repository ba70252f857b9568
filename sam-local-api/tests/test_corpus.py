"""The corpus: real public SAM projects, each served from its own directory by the
local API, answering the requests its README describes as API Gateway would.

Each `corpus/<name>/corpus.yaml` gives the project's source, the flags it is served
with, what its start must show, and its requests with the answers expected, each
with where that expectation comes from (the project's docs or code, or AWS's
documentation). A request marked `known_gap` (a start: `start_known_gap`) is one
the local API does not answer so yet: a strict xfail, so that the mark goes when
the gap closes. corpus/README.md describes the file.

One case per project and request (`project/request`), and one for each project's
start. A project is started once and kept while its cases run; a case that finds
its project's earlier requests unsent (run alone, or out of order) sends them
first, on a fresh start when needed, so that no case depends on the order cases run in.
"""

import json
import urllib.error
from pathlib import Path

import pytest
import requests
import yaml

from sam_local_api.testing import LocalApiServer

CORPUS = Path(__file__).parent / "corpus"
KINDS = {"REST", "HTTP", "both"}
NOT_EMULATED = "warning: not emulated: "


def load(project_dir: Path) -> dict:
    spec = yaml.safe_load((project_dir / "corpus.yaml").read_text())
    spec.setdefault("serve", [])
    spec.setdefault("expect_start", None)
    spec.setdefault("requests", [])
    return spec


PROJECTS = {path.parent.name: load(path.parent) for path in sorted(CORPUS.glob("*/corpus.yaml"))}


class KnownGap(Exception):
    """The recorded gap, exactly: the only failure a known-gap case may have."""


def strict_xfail(reason: str | None):
    return [pytest.mark.xfail(strict=True, raises=KnownGap, reason=reason)] if reason else []


def cases():
    """Each project's start, then each of its requests, the project's cases together."""
    for name, spec in PROJECTS.items():
        yield pytest.param(name, None, id=f"{name}/start", marks=strict_xfail(spec.get("start_known_gap")))
        if (spec["expect_start"] or {}).get("fails"):
            continue  # nothing is served
        for index, request in enumerate(spec["requests"]):
            marks = strict_xfail(request.get("known_gap"))
            yield pytest.param(name, index, id=f"{name}/{request['name']}", marks=marks)


class Served:
    """The one project being served, and how many of its requests it has been sent."""

    def __init__(self):
        self.name, self.server, self.sent = None, None, 0

    def ensure(self, name: str, index: int | None = None) -> LocalApiServer:
        """The project `name` served, with its requests before `index`, and no others, sent
        (with no `index`, whichever it was sent)."""
        if self.name != name or (index is not None and self.sent > index):
            self.stop()
            spec = PROJECTS[name]
            self.server = LocalApiServer(*spec["serve"], cwd=CORPUS / name)
            self.name, self.sent = name, 0
            try:
                self.server.wait_ready(timeout=300)
            except Exception:
                output = f"stdout:\n{self.server.stdout}\nstderr:\n{self.server.stderr}"
                self.stop()
                pytest.fail(f"{name} did not start\n{output}")
        if index is not None:
            while self.sent < index:
                earlier = PROJECTS[name]["requests"][self.sent]
                try:
                    send(self.server, earlier)
                except Exception:
                    # A known gap may fail to be sent at all; the requests after it do not depend on it.
                    if not earlier.get("known_gap"):
                        raise
                self.sent += 1
            self.sent = index + 1
        return self.server

    def stop(self):
        if self.server is not None:
            self.server.stop()
        self.name, self.server, self.sent = None, None, 0


@pytest.fixture(scope="module")
def served():
    current = Served()
    yield current
    current.stop()


def credentials(server: LocalApiServer, auth) -> dict:
    """The headers that `auth` stands for, fetched from the running local API."""
    if auth is None:
        return {}
    if isinstance(auth, list):
        return {key: value for part in auth for key, value in credentials(server, part).items()}
    if auth == "id_token":
        return {"Authorization": server.id_token()}
    if auth == "api_key":
        return {"x-api-key": server.api_key}
    if isinstance(auth, dict) and "access_token" in auth:
        return {"Authorization": server.token(auth["access_token"] or None)}
    if isinstance(auth, dict) and "header" in auth:
        return dict(auth["header"])
    raise ValueError(f"unknown auth: {auth!r}")


def send(server: LocalApiServer, request: dict) -> requests.Response:
    body = request.get("body")
    data = None
    headers = {**request.get("headers", {}), **credentials(server, request.get("auth"))}
    if isinstance(body, dict) and set(body) == {"text"}:
        data = body["text"].encode()
    elif body is not None:
        data = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    return requests.request(
        request.get("method", "GET"),
        server.url + request["path"],
        params=request.get("query") or None,
        headers=headers,
        data=data,
        timeout=60,
        allow_redirects=False,
    )


def contains(actual, expected) -> bool:
    """Whether `expected` is a part of `actual`: its keys with contained values, its
    list items in order (a list of the same length), or the same scalar."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(contains(a, e) for a, e in zip(actual, expected, strict=True))
        )
    return actual == expected


def check(answer: requests.Response, expect: dict):
    shown = f"{answer.status_code} {dict(answer.headers)} {answer.text[:2000]!r}"
    assert answer.status_code == expect["status"], shown
    if "json" in expect:
        assert answer.json() == expect["json"], shown
    if "json_contains" in expect:
        assert contains(answer.json(), expect["json_contains"]), shown
    if "text" in expect:
        assert answer.text == expect["text"], shown
    for header, value in (expect.get("headers") or {}).items():
        assert header in answer.headers, f"no {header} header: {shown}"
        if value is not None:
            assert answer.headers[header] == str(value), shown
    for header in expect.get("absent_headers") or []:
        assert header not in answer.headers, shown


def warned(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(NOT_EMULATED)]


def check_start(served: Served, name: str):
    """A project starts, or fails to with the error that names the reason; and it
    names each feature it is expected not to emulate."""
    spec = PROJECTS[name]
    expect = spec["expect_start"] or {}
    if expect.get("fails"):
        served.stop()
        server = LocalApiServer(*spec["serve"], cwd=CORPUS / name)
        try:
            status = server.wait_exit(timeout=300)
        finally:
            server.stop()
        assert status != 0, server.stdout
        assert expect["fails"] in server.stderr, server.stderr
        return
    lines = warned(served.ensure(name).stderr)
    for wanted in expect.get("warns", []):
        parts = [wanted] if isinstance(wanted, str) else wanted
        assert any(all(part in line for part in parts) for line in lines), f"no warning with {parts}: {lines}"


@pytest.mark.parametrize(("name", "index"), list(cases()))
def test_project(served, name, index):
    if index is None:
        check_start(served, name)
        return
    server = served.ensure(name, index)
    request = PROJECTS[name]["requests"][index]
    try:
        answer = send(server, request)
    except urllib.error.HTTPError as error:  # the local API did not give the request's credentials
        status, failure = error.code, error
    else:
        status, failure = answer.status_code, None
        try:
            check(answer, request["expect"])
        except AssertionError as error:
            failure = error
    if failure is None:
        return
    if request.get("known_gap") and status == request["known_status"]:
        raise KnownGap(f"{status}: {request['known_gap']}") from failure
    raise failure


def test_the_corpus_table():
    """The corpus, one line a project: its source, API kind, features and requests."""
    rows = []
    for name, spec in PROJECTS.items():
        assert spec["source"].startswith("https://github.com/") and spec["commit"] in spec["source"], name
        assert len(spec["commit"]) == 40 and int(spec["commit"], 16) >= 0, name
        assert spec["licence"] and (CORPUS / name / "LICENSE").is_file(), name
        assert spec["api"] in KINDS, name
        assert spec["features"] and all(isinstance(feature, str) for feature in spec["features"]), name
        assert isinstance(spec["serve"], list), name
        for request in spec["requests"]:
            assert {"name", "path", "expect", "why"} <= set(request), (name, request)
            assert isinstance(request["expect"]["status"], int), (name, request["name"])
            assert not request.get("known_gap") or isinstance(request.get("known_status"), int), (name, request["name"])
        names = [request["name"] for request in spec["requests"]]
        assert len(names) == len(set(names)), name
        gaps = sum(bool(request.get("known_gap")) for request in spec["requests"])
        source = f"{spec['source']} ({spec['licence']})"
        rows.append((name, spec["api"], len(names), gaps, ", ".join(spec["features"]), source))
    assert len(rows) >= 15
    print(f"\n{'project':38} {'api':4} {'req':>3} {'gap':>3}  features / source (licence)")
    for name, api, count, gaps, features, source in rows:
        print(f"{name:38} {api:4} {count:3} {gaps:3}  {features}\n{'':54}{source}")
