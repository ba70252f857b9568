"""The corpus itself: big enough, and covering every kind of hostile input the issue names."""

from tests.over_http.hostile.corpus import CORPUS, FRAMING

CATEGORIES = {
    "malformed JSON",
    "wrong types",
    "nulls",
    "huge numbers",
    "deep nesting",
    "oversized",
    "invalid UTF-8",
    "NUL and control characters",
    "unicode email tricks",
    "injection-looking",
    "path traversal",
    "duplicate query parameters",
    "invalid percent-encoding",
    "wrong or missing Content-Type",
    "tampered nextToken",
    "If-Match garbage",
    "API key",
    "methods",
}


def test_the_corpus_has_at_least_200_requests_of_every_kind():
    assert len(CORPUS) + len(FRAMING) >= 200
    assert {case.category for case in CORPUS} == CATEGORIES
    assert all(400 <= case.expect < 500 for case in CORPUS)
    assert all(case.event_expect is None or 400 <= case.event_expect < 500 for case in CORPUS)
