"""Hostile requests that get a wrong answer today, each with the status it gets and why.

They still run, as strict xfails that expect exactly that wrong answer: every check
is made, a failure with any other status fails the test, and fixing one turns its
test into a failure (XPASS) that asks for its removal from here.
"""

import contextlib
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Wrong:
    status: int | None  # what is answered today; None: no status line at all
    reason: str


class KnownWrong(Exception):
    """The recorded wrong answer, exactly: the only failure a known-wrong case may have."""


SAM_DECODES_BODIES = Wrong(
    400,
    "400, not the function's own answer: SAM's local service cannot build an event from a body that "
    "is not UTF-8, so the local gateway refuses it (a documented 400, in JSON); what API Gateway does "
    "with such a body (no binary media types) is not verified here",
)
HTTP_SERVER_PAGE = (
    "http.server refuses the request before the app sees it: in JSON, but with a status openapi.yaml does not document"
)
NO_STATUS_LINE = Wrong(None, "http.server answers an unparseable request line as HTTP/0.9: no status line, no headers")

KNOWN_WRONG_HTTP: dict[str, Wrong] = {
    "text-plain-body-ff": SAM_DECODES_BODIES,
    "no-content-type-body-ff": SAM_DECODES_BODIES,
    "update-no-content-type-ff": SAM_DECODES_BODIES,
    "delete-body-ff": SAM_DECODES_BODIES,
    "lower-case-method": Wrong(201, "201: werkzeug upper-cases the request method, so 'post' is served as POST"),
}
KNOWN_WRONG_EVENT: dict[str, Wrong] = {}
KNOWN_WRONG_FRAMING: dict[str, Wrong] = {
    "request-line-space-in-target": Wrong(400, HTTP_SERVER_PAGE + " (400 on a path it did not route)"),
    "request-line-no-target": NO_STATUS_LINE,
    "request-line-binary": NO_STATUS_LINE,
    "request-line-two-words": NO_STATUS_LINE,
    "http-version-9.9": Wrong(None, NO_STATUS_LINE.reason + " (a 505 page)"),
    "request-target-70000-bytes": Wrong(414, HTTP_SERVER_PAGE + " (414)"),
    # API Gateway's status for headers over its 10,240 bytes is documented nowhere: the local API answers 431.
    "header-line-70000-bytes": Wrong(431, HTTP_SERVER_PAGE + " (431)"),
    "150-headers": Wrong(431, HTTP_SERVER_PAGE + " (431)"),
    "two-content-types": Wrong(
        201, "201: of two Content-Type headers werkzeug keeps the last one, and the request is served"
    ),
}


def marked(cases, known_wrong: dict[str, Wrong], case_id=lambda case: case.id):
    return [
        pytest.param(
            case, marks=pytest.mark.xfail(strict=True, raises=KnownWrong, reason=known_wrong[case_id(case)].reason)
        )
        if case_id(case) in known_wrong
        else case
        for case in cases
    ]


@contextlib.contextmanager
def as_recorded(wrong: Wrong | None, status: int | None):
    """Checks whose failure, for a known-wrong case answered with its recorded status, is KnownWrong."""
    try:
        yield
    except AssertionError as failure:
        if wrong is not None and status == wrong.status:
            raise KnownWrong(f"{status}: {wrong.reason}") from failure
        raise
