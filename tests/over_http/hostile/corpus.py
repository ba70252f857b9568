"""The hostile corpus: requests a careless or malicious client may send.

Each is sent as raw HTTP to the local API (tests/over_http/hostile/test_http.py) and, when
it means something to the function itself, as an API Gateway event to the
handler (tests/over_http/hostile/test_events.py). Every one must be refused with the 4xx
it names, documented in openapi.yaml, with a JSON `message`, revealing nothing,
and leaving the store as it was.

Targets and bodies may name the two users every run starts with: {alice} and
{bob} are their ids, {key} is the server's API key, {token} an access token
with every scope (each case sends it, so the corpus tests what lies behind the
authorizer; the attacks on the authorizer itself are tests/over_http/hostile/tokens.py).
"""

import json
from dataclasses import dataclass, field

JSON = b"application/json"
SAME = "same"  # the event answers as the HTTP request does
ALICE, BOB = "alice@example.com", "bob@example.com"
NOBODY = b"ZZZZZZZZZZZZZZZZZZZZZZ"  # a well-formed id no user has
VALID = {"name": "Ada Lovelace", "email": "ada@example.com"}


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    method: bytes
    target: bytes
    body: bytes | None = None
    content_type: bytes | None = JSON  # sent with a body; None: no Content-Type header
    headers: tuple[tuple[bytes, bytes], ...] = ()
    api_key: bytes | None = b"{key}"
    authorization: bytes | None = b"Bearer {token}"
    expect: int = 400  # over HTTP, through the local API's gateway
    event: int | str | None = SAME  # as an event to the handler; None: only meaningful over HTTP
    route: str | None = None  # the operation's path, where the server normalises the target to it
    tags: frozenset = field(default_factory=frozenset)

    @property
    def event_expect(self) -> int | None:
        return self.expect if self.event == SAME else self.event

    def header_list(self, key: str) -> list[tuple[bytes, bytes]]:
        headers = []
        if self.api_key is not None:
            headers.append((b"x-api-key", self.api_key.replace(b"{key}", key.encode())))
        if self.authorization is not None:
            headers.append((b"Authorization", self.authorization))
        if self.body is not None and self.content_type is not None:
            headers.append((b"Content-Type", self.content_type))
        return headers + list(self.headers)


def body(value) -> bytes:
    return value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False).encode()


def create(id, category, payload, expect=400, **kw) -> Case:
    return Case(id, category, b"POST", b"/user/create", body(payload), expect=expect, **kw)


def update(id, category, payload, expect=400, target=b"/user/update?id={alice}", **kw) -> Case:
    return Case(id, category, b"PUT", target, body(payload), expect=expect, **kw)


def get(id, category, target, expect=400, **kw) -> Case:
    return Case(id, category, b"GET", target, expect=expect, **kw)


def delete(id, category, target, expect=400, **kw) -> Case:
    return Case(id, category, b"DELETE", target, expect=expect, **kw)


VALID_BODY = body(VALID)

MALFORMED = [
    create(f"truncated-at-{n}", "malformed JSON", VALID_BODY[:n])
    for n in (1, 2, 9, 10, 17, 25, 33, 42, len(VALID_BODY) - 1)
] + [
    create("open-brace", "malformed JSON", b"{"),
    create("missing-value", "malformed JSON", b'{"name":'),
    create("extra-brace", "malformed JSON", VALID_BODY + b"}"),
    create("missing-comma", "malformed JSON", b'{"name": "Ada" "email": "ada@example.com"}'),
    create("single-quotes", "malformed JSON", b"{'name': 'Ada', 'email': 'ada@example.com'}"),
    create("bare-keys", "malformed JSON", b'{name: "Ada", email: "ada@example.com"}'),
    create("trailing-comma", "malformed JSON", b'{"name": "Ada", "email": "ada@example.com",}'),
    create("comment", "malformed JSON", b'{"name": "Ada", /* admin */ "email": "ada@example.com"}'),
    create("trailing-garbage", "malformed JSON", VALID_BODY + b" garbage"),
    create("two-documents", "malformed JSON", VALID_BODY + body({"name": "Eve", "email": "eve@example.com"})),
    create("a-string", "malformed JSON", b'"Ada Lovelace"'),
    create("an-array", "malformed JSON", b"[]"),
    create("array-of-the-object", "malformed JSON", b"[" + VALID_BODY + b"]"),
    create("true", "malformed JSON", b"true"),
    create("zero", "malformed JSON", b"0"),
    create("invalid-escape", "malformed JSON", b'{"name": "Ada\\x41", "email": "ada@example.com"}'),
    create("short-unicode-escape", "malformed JSON", b'{"name": "Ada\\u12", "email": "ada@example.com"}'),
    create("unterminated-string", "malformed JSON", b'{"name": "Ada, "email": "ada@example.com"}'),
    create("nan", "malformed JSON", b'{"name": NaN, "email": "ada@example.com"}'),
    create("infinity", "malformed JSON", b'{"name": Infinity, "email": "ada@example.com"}'),
    create("minus-infinity", "malformed JSON", b'{"name": -Infinity, "email": "ada@example.com"}'),
    create("duplicate-key", "malformed JSON", b'{"name": "Ada", "email": "ada@example.com", "name": "Eve"}'),
    create("duplicate-email-key", "malformed JSON", b'{"name": "Ada", "email": "ada@example.com", "email": "x@y.io"}'),
    create("byte-order-mark", "malformed JSON", b"\xef\xbb\xbf" + VALID_BODY),
    create("utf-16", "malformed JSON", json.dumps(VALID).encode("utf-16")),
    create("whitespace-only", "malformed JSON", b" \r\n\t "),
    create("empty-body", "malformed JSON", b""),
    create("no-body", "malformed JSON", None),
    update("update-truncated", "malformed JSON", b'{"name":'),
    update("update-empty-object", "malformed JSON", b"{}"),
    update("update-array", "malformed JSON", b'[{"name": "Eve"}]'),
    update("update-no-body", "malformed JSON", None),
]

WRONG_TYPES = [
    create("name-integer", "wrong types", {"name": 42, "email": "ada@example.com"}),
    create("name-float", "wrong types", {"name": 4.2, "email": "ada@example.com"}),
    create("name-true", "wrong types", {"name": True, "email": "ada@example.com"}),
    create("name-array", "wrong types", {"name": ["Ada"], "email": "ada@example.com"}),
    create("name-object", "wrong types", {"name": {"first": "Ada"}, "email": "ada@example.com"}),
    create("email-integer", "wrong types", {"name": "Ada", "email": 1}),
    create("email-array", "wrong types", {"name": "Ada", "email": ["ada@example.com"]}),
    create("dynamodb-json", "wrong types", {"name": {"S": "Ada"}, "email": {"S": "ada@example.com"}}),
    create("both-numbers", "wrong types", {"name": 1, "email": 2}),
    create("id-supplied", "wrong types", {**VALID, "id": "AAAAAAAAAAAAAAAAAAAAAA"}),
    create("version-supplied", "wrong types", {**VALID, "version": 99}),
    create("created-at-supplied", "wrong types", {**VALID, "createdAt": "1970-01-01T00:00:00.000Z"}),
    update("update-name-integer", "wrong types", {"name": 1}),
    update("update-email-false", "wrong types", {"email": False}),
    update("update-name-array", "wrong types", {"name": ["Eve"]}),
    update("update-version", "wrong types", {"version": 1000}),
    update("update-id", "wrong types", {"id": "BBBBBBBBBBBBBBBBBBBBBB"}),
    get("limit-true", "wrong types", b"/user/get-details?limit=true"),
    get("limit-word", "wrong types", b"/user/get-details?limit=ten"),
    get("limit-float", "wrong types", b"/user/get-details?limit=1.0"),
    get("limit-brackets", "wrong types", b"/user/get-details?limit=[1]"),
]

NULLS = [
    create("name-null", "nulls", {"name": None, "email": "ada@example.com"}),
    create("email-null", "nulls", {"name": "Ada", "email": None}),
    create("both-null", "nulls", {"name": None, "email": None}),
    create("body-null", "nulls", b"null"),
    create("extra-null", "nulls", {**VALID, "admin": None}),
    update("update-name-null", "nulls", {"name": None}),
    update("update-email-null", "nulls", {"email": None}),
    update("update-body-null", "nulls", b"null"),
    get("id-null-word", "nulls", b"/user/get-user?id=null"),
    get("limit-null-word", "nulls", b"/user/get-details?limit=null"),
]

HUGE_NUMBERS = [
    create("name-1e999", "huge numbers", b'{"name": 1e999, "email": "ada@example.com"}'),
    create("name-minus-1e999", "huge numbers", b'{"name": -1e999, "email": "ada@example.com"}'),
    create("name-5000-digits", "huge numbers", b'{"name": ' + b"9" * 5000 + b', "email": "ada@example.com"}'),
    create("email-huge-integer", "huge numbers", b'{"name": "Ada", "email": 123456789012345678901234567890}'),
    update("update-name-1e400", "huge numbers", b'{"name": 1e400}'),
    get("limit-20-digits", "huge numbers", b"/user/get-details?limit=99999999999999999999"),
    get("limit-minus-11-digits", "huge numbers", b"/user/get-details?limit=-99999999999"),
    get("limit-2-to-the-31", "huge numbers", b"/user/get-details?limit=2147483648"),
    get("limit-exponent", "huge numbers", b"/user/get-details?limit=1e3"),
    get("limit-hex", "huge numbers", b"/user/get-details?limit=0x10"),
    get("limit-arabic-digit", "huge numbers", "/user/get-details?limit=\u0661".encode()),
    get("limit-101", "huge numbers", b"/user/get-details?limit=101"),
    get("limit-0", "huge numbers", b"/user/get-details?limit=0"),
    get("limit-minus-1", "huge numbers", b"/user/get-details?limit=-1"),
    update(
        "if-match-20-digits", "huge numbers", {"name": "Eve"}, 412, headers=((b"If-Match", b'"99999999999999999999"'),)
    ),
]

DEEP = b"[" * 100_000
DEEP_OBJECTS = b'{"a":' * 100_000
NESTING = [
    # Over 8192 bytes: the gateway checks JSON before the function checks sizes.
    create("array-100000-deep", "deep nesting", DEEP, 413),
    create("object-100000-deep", "deep nesting", DEEP_OBJECTS, 413),
    create("array-8000-deep-open", "deep nesting", b"[" * 8000),
    create("object-1600-deep-open", "deep nesting", b'{"a":' * 1600),
    create("array-4000-deep-closed", "deep nesting", b"[" * 4000 + b"]" * 4000),
    create("array-3000-deep-closed", "deep nesting", b"[" * 3000 + b"]" * 3000),
    create("name-900-deep", "deep nesting", b'{"name": ' + b"[" * 900 + b"]" * 900 + b', "email": "ada@example.com"}'),
    create(
        "email-500-objects-deep",
        "deep nesting",
        b'{"name": "Ada", "email": ' + b'{"a":' * 500 + b"1" + b"}" * 500 + b"}",
    ),
    update("update-array-100000-deep", "deep nesting", DEEP, 413),
    update("update-array-8000-deep-open", "deep nesting", b"[" * 8000),
]

OVERSIZED = [
    # The gateway validates a JSON body before the function sees it (and checks its size).
    create("body-8193-bytes", "oversized", VALID_BODY[:-1] + b" " * (8193 - len(VALID_BODY)) + b"}", 413),
    create("body-64-kib", "oversized", {"name": "A" * 65536, "email": "ada@example.com"}, 413),
    create("body-10-mib-and-1", "oversized", {"name": "A" * (10 * 1024 * 1024)}, 413),
    create("name-101-chars", "oversized", {"name": "A" * 101, "email": "ada@example.com"}),
    create("name-8000-chars", "oversized", {"name": "A" * 8000, "email": "ada@example.com"}),
    create("name-9000-chars", "oversized", {"name": "A" * 9000, "email": "ada@example.com"}, 413),
    create("name-2731-euro-signs", "oversized", {"name": "\u20ac" * 2731, "email": "ada@example.com"}, 413),
    create("email-255-chars", "oversized", {"name": "Ada", "email": "a" * 243 + "@example.com"}),
    create("email-label-64-chars", "oversized", {"name": "Ada", "email": "ada@" + "a" * 64 + ".com"}),
    create("thousand-keys", "oversized", {f"k{i}": i for i in range(1000)}, 413),
    update("update-name-101-chars", "oversized", {"name": "B" * 101}),
    update("update-body-9000-bytes", "oversized", {"name": "B" * 9000}, 413),
    get("id-5000-chars", "oversized", b"/user/get-user?id=" + b"A" * 5000),
    get("next-token-5000-chars", "oversized", b"/user/get-details?nextToken=" + b"A" * 5000),
    get(
        "thousand-parameters",
        "oversized",
        b"/user/get-user?id=" + NOBODY + b"".join(b"&p%d=%d" % (i, i) for i in range(1000)),
        404,
    ),
    update("if-match-201-chars", "oversized", {"name": "Eve"}, headers=((b"If-Match", b'"1"' + b" " * 198),)),
    update("if-match-4-kib", "oversized", {"name": "Eve"}, headers=((b"If-Match", b'"1", ' * 800),)),
    delete("api-key-8-kib", "oversized", b"/user/delete?id={alice}", 403, api_key=b"k" * 8192, event=None),
]

INVALID_UTF8 = [
    create("json-body-ff", "invalid UTF-8", b'{"name": "\xff", "email": "ada@example.com"}'),
    create("json-body-overlong-slash", "invalid UTF-8", b'{"name": "Ada", "email": "ada\xc0\xaf@example.com"}'),
    create("json-body-encoded-surrogate", "invalid UTF-8", b'{"name": "Ada\xed\xa0\x80", "email": "ada@example.com"}'),
    create("json-body-cut-character", "invalid UTF-8", b'{"name": "Ada\xe2\x82", "email": "ada@example.com"}'),
    create("json-body-latin-1", "invalid UTF-8", '{"name": "Zo\u00eb", "email": "ada@example.com"}'.encode("latin-1")),
    create("unpaired-high-surrogate-escape", "invalid UTF-8", b'{"name": "Ada \\ud800", "email": "ada@example.com"}'),
    create("unpaired-low-surrogate-escape", "invalid UTF-8", b'{"name": "Ada \\udc00", "email": "ada@example.com"}'),
    create("reversed-surrogate-escapes", "invalid UTF-8", b'{"name": "\\ude00\\ud83d", "email": "ada@example.com"}'),
    create("text-plain-body-ff", "invalid UTF-8", b"\xff\xfe", 415, content_type=b"text/plain"),
    create("no-content-type-body-ff", "invalid UTF-8", b"\xff", 415, content_type=None),
    update("update-no-content-type-ff", "invalid UTF-8", b"\xff", 415, content_type=None),
    update("update-json-body-ff", "invalid UTF-8", b'{"name": "\xff"}'),
    delete("delete-body-ff", "invalid UTF-8", b"/user/delete?id=" + NOBODY, 404, tags=frozenset({"body"})),
    get("get-body-ff", "invalid UTF-8", b"/user/get-user?id=short", tags=frozenset({"body"})),
    get("query-percent-ff", "invalid UTF-8", b"/user/get-user?id=%ff%fe%fd"),
    get("query-raw-ff", "invalid UTF-8", b"/user/get-user?id=\xff\xfe"),
    get("query-overlong", "invalid UTF-8", b"/user/get-user?id=%c0%af%c0%af"),
    get("next-token-percent-ff", "invalid UTF-8", b"/user/get-details?nextToken=" + b"%ff" * 22),
    get("path-percent-ff", "invalid UTF-8", b"/user/get-user%ff?id=" + NOBODY, 404),
    get("path-raw-ff", "invalid UTF-8", b"/\xff\xfe", 404),
    update("if-match-raw-ff", "invalid UTF-8", {"name": "Eve"}, 412, headers=((b"If-Match", b'"\xff"'),)),
]
# Bodies on requests whose operation takes none.
for i, case in enumerate(INVALID_UTF8):
    if "body" in case.tags:
        INVALID_UTF8[i] = Case(**{**case.__dict__, "body": b"\xff\xfe", "content_type": b"text/plain"})

CONTROL = [
    create("name-nul-escape", "NUL and control characters", {"name": "Ada\u0000", "email": "ada@example.com"}),
    create("name-raw-nul", "NUL and control characters", b'{"name": "A\x00da", "email": "ada@example.com"}'),
    create("email-nul", "NUL and control characters", {"name": "Ada", "email": "ada\u0000@example.com"}),
    create("email-trailing-nul", "NUL and control characters", {"name": "Ada", "email": "ada@example.com\u0000"}),
    create("name-ansi-escape", "NUL and control characters", {"name": "\u001b[31mAda", "email": "ada@example.com"}),
    create("name-delete", "NUL and control characters", {"name": "Ada\u007f", "email": "ada@example.com"}),
    create("name-crlf", "NUL and control characters", {"name": "Ada\r\nSet-Cookie: a=b", "email": "ada@example.com"}),
    create("name-tab", "NUL and control characters", {"name": "\t", "email": "ada@example.com"}),
    create("email-newline", "NUL and control characters", {"name": "Ada", "email": "ada@example.com\n"}),
    create("name-trailing-newline", "NUL and control characters", {"name": "Ada\n", "email": "ada@example.com"}),
    # C1 controls (U+0080 to U+009F) are control characters too: U+009B starts an
    # ANSI escape sequence on many terminals.
    create("name-c1-next-line", "NUL and control characters", {"name": "Ada\u0085", "email": "c1-nel@example.com"}),
    create("name-c1-csi", "NUL and control characters", {"name": "\u009b31mAda", "email": "c1-csi@example.com"}),
    # Line and paragraph separators split a name into lines (str.splitlines() splits on
    # them); bidirectional controls reorder how it displays (issue 27).
    create("name-line-separator", "NUL and control characters", {"name": "Ada\u2028Eve", "email": "ls@example.com"}),
    create("name-paragraph-separator", "NUL and control characters", {"name": "Ada\u2029", "email": "ps@example.com"}),
    create("name-rtl-override", "NUL and control characters", {"name": "\u202egnp.exe", "email": "rlo@example.com"}),
    create("name-first-strong-isolate", "NUL and control characters", {"name": "A\u2068da", "email": "i@example.com"}),
    create("name-arabic-letter-mark", "NUL and control characters", {"name": "\u061cAda", "email": "alm@example.com"}),
    update("update-name-left-to-right-mark", "NUL and control characters", {"name": "Eve\u200e"}),
    create("body-nul", "NUL and control characters", b"\x00"),
    update("update-name-bell", "NUL and control characters", {"name": "\u0007"}),
    get("id-percent-nul", "NUL and control characters", b"/user/get-user?id=" + b"A" * 21 + b"%00"),
    get("id-crlf", "NUL and control characters", b"/user/get-user?id=" + b"A" * 20 + b"%0d%0a"),
    get("id-header-injection", "NUL and control characters", b"/user/get-user?id=x%0d%0aSet-Cookie:%20a=b"),
    get("next-token-nul", "NUL and control characters", b"/user/get-details?nextToken=" + b"A" * 21 + b"%00"),
    get("path-nul", "NUL and control characters", b"/user/get-user%00?id=" + NOBODY, 404),
    get("path-nul-json", "NUL and control characters", b"/user/get-user%00.json", 404),
    update("if-match-nul", "NUL and control characters", {"name": "Eve"}, 412, headers=((b"If-Match", b'"1\x00"'),)),
    update(
        "if-match-controls", "NUL and control characters", {"name": "Eve"}, 412, headers=((b"If-Match", b'"\x01\x7f"'),)
    ),
]

# Emails compare by their NFKC case-folded form: every spelling of a taken one
# is refused, 409 when it is a valid email, 400 when it is not one at all.
UNICODE_EMAIL = [
    create("email-upper-case", "unicode email tricks", {"name": "Eve", "email": ALICE.upper()}, 409),
    create("email-title-case", "unicode email tricks", {"name": "Eve", "email": "Alice@Example.Com"}, 409),
    create("email-domain-upper", "unicode email tricks", {"name": "Eve", "email": "alice@EXAMPLE.com"}, 409),
    create(
        "email-escaped-capital", "unicode email tricks", b'{"name": "Eve", "email": "\\u0041lice@example.com"}', 409
    ),
    create("email-fullwidth-a", "unicode email tricks", {"name": "Eve", "email": "\uff41lice@example.com"}),
    create(
        "email-all-fullwidth",
        "unicode email tricks",
        {"name": "Eve", "email": "\uff21\uff2c\uff29\uff23\uff25@example.com"},
    ),
    create("email-dotted-capital-i", "unicode email tricks", {"name": "Eve", "email": "al\u0130ce@example.com"}),
    create("email-dotless-i", "unicode email tricks", {"name": "Eve", "email": "al\u0131ce@example.com"}),
    create("email-cyrillic-a", "unicode email tricks", {"name": "Eve", "email": "\u0430lice@example.com"}),
    create("email-combining-acute", "unicode email tricks", {"name": "Eve", "email": "alice\u0301@example.com"}),
    create("email-zero-width-space", "unicode email tricks", {"name": "Eve", "email": "alice\u200b@example.com"}),
    create("email-soft-hyphen", "unicode email tricks", {"name": "Eve", "email": "ali\u00adce@example.com"}),
    create("email-ligature", "unicode email tricks", {"name": "Eve", "email": "alice@exam\ufb02e.com"}),
    create("email-kelvin-sign", "unicode email tricks", {"name": "Eve", "email": "bob@\u212aexample.com"}),
    create("email-trailing-dot", "unicode email tricks", {"name": "Eve", "email": "alice@example.com."}),
    create("email-leading-space", "unicode email tricks", {"name": "Eve", "email": " alice@example.com"}),
    create("email-trailing-space", "unicode email tricks", {"name": "Eve", "email": "alice@example.com "}),
    update(
        "update-email-to-upper", "unicode email tricks", {"email": ALICE.upper()}, 409, target=b"/user/update?id={bob}"
    ),
    update(
        "update-email-to-mixed",
        "unicode email tricks",
        {"email": "aLiCe@eXaMpLe.CoM"},
        409,
        target=b"/user/update?id={bob}",
    ),
    update(
        "update-email-to-fullwidth",
        "unicode email tricks",
        {"email": "\uff41lice@example.com"},
        target=b"/user/update?id={bob}",
    ),
]

INJECTION = [
    create("email-sql-or", "injection-looking", {"name": "Eve", "email": "' OR '1'='1"}),
    create("email-sql-drop", "injection-looking", {"name": "Eve", "email": "a@b.io; DROP TABLE users;--"}),
    create("email-nosql-ne", "injection-looking", {"name": "Eve", "email": {"$ne": None}}),
    create("email-script", "injection-looking", {"name": "Eve", "email": "<script>alert(1)</script>@example.com"}),
    create("email-jndi", "injection-looking", {"name": "Eve", "email": "${jndi:ldap://example.com/a}"}),
    create("email-expression", "injection-looking", {"name": "Eve", "email": "attribute_not_exists(email)"}),
    create("name-template-taken-email", "injection-looking", {"name": "{{7*7}}${7*7}", "email": ALICE}, 409),
    create("name-script-taken-email", "injection-looking", {"name": "<img src=x onerror=alert(1)>", "email": BOB}, 409),
    create("name-sql-taken-email", "injection-looking", {"name": "'; DROP TABLE users; --", "email": ALICE}, 409),
    create(
        "proto-key", "injection-looking", b'{"name": "Eve", "email": "eve@example.com", "__proto__": {"admin": true}}'
    ),
    create("constructor-key", "injection-looking", {**VALID, "constructor": {"prototype": {}}}),
    create("where-key", "injection-looking", {**VALID, "$where": "1"}),
    create("condition-key", "injection-looking", {**VALID, "ConditionExpression": "attribute_exists(id)"}),
    update("update-version-expression", "injection-looking", {"name": "Eve", "#version": ":one"}),
    update("update-other-id", "injection-looking", {"name": "Eve", "id": "{bob}"}),
    get("id-sql", "injection-looking", b"/user/get-user?id=%27%20OR%201%3D1%20--"),
    get("id-dynamodb-json", "injection-looking", b"/user/get-user?id=%7B%22S%22%3A%22x%22%7D"),
    get("id-jndi", "injection-looking", b"/user/get-user?id=%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D"),
    get("id-wildcard", "injection-looking", b"/user/get-user?id=*"),
    get("limit-sql", "injection-looking", b"/user/get-details?limit=1;DROP%20TABLE%20users"),
    delete("delete-id-or", "injection-looking", b"/user/delete?id=%27%20OR%20%271%27%3D%271"),
    update("if-match-sql", "injection-looking", {"name": "Eve"}, 412, headers=((b"If-Match", b'" OR "1"="1'),)),
    delete("api-key-sql", "injection-looking", b"/user/delete?id={alice}", 403, api_key=b"' OR '1'='1", event=None),
    get("path-semicolon", "injection-looking", b"/user/get-user;DROP?id=" + NOBODY, 404),
]

TRAVERSAL = [
    get("dot-dot-etc-passwd", "path traversal", b"/../../../../etc/passwd", 404),
    get("encoded-dot-dot", "path traversal", b"/%2e%2e/%2e%2e/etc/passwd", 404),
    get("double-encoded-dot-dot", "path traversal", b"/%252e%252e/%252e%252e/etc/passwd", 404),
    get("dot-dot-into-operation", "path traversal", b"/user/../user/get-user?id=" + NOBODY, 404),
    get("encoded-dot-dot-into-operation", "path traversal", b"/user/%2e%2e/user/get-user?id=" + NOBODY, 404),
    get("dot-segment", "path traversal", b"/user/./get-user?id=" + NOBODY, 404),
    get("after-operation", "path traversal", b"/user/get-user/..%2f..%2fetc%2fpasswd", 404),
    get("backslashes", "path traversal", b"/user\\..\\..\\etc\\passwd", 404),
    get("encoded-backslash", "path traversal", b"/user%5cget-user?id=" + NOBODY, 404),
    get("double-slash", "path traversal", b"/user//get-user?id=" + NOBODY, 404),
    get("upper-case-path", "path traversal", b"/USER/GET-USER?id=" + NOBODY, 404),
    get("trailing-dot", "path traversal", b"/user/get-user/.?id=" + NOBODY, 404),
    get("encoded-question-mark", "path traversal", b"/user/get-user%3fid=" + NOBODY, 404),
    get("docs-then-dot-dot", "path traversal", b"/docs/../openapi.yaml/..", 404),
    get("file-scheme", "path traversal", b"/file:///etc/passwd", 404),
    Case("post-create-dot-dot", "path traversal", b"POST", b"/user/create/..", VALID_BODY, expect=404),
    # An encoded slash is decoded before routing: these reach the operation, and
    # are refused there.
    get("encoded-slash-get", "path traversal", b"/user%2fget-user?id=" + NOBODY, 404, route="/user/get-user"),
    get("encoded-slash-lower", "path traversal", b"/user%2Fget-user?id=short", route="/user/get-user"),
    delete("encoded-slash-delete", "path traversal", b"/user%2fdelete?id=" + NOBODY, 404, route="/user/delete"),
    Case(
        "encoded-slash-create",
        "path traversal",
        b"POST",
        b"/user%2fcreate",
        body({"name": "Eve", "email": ALICE}),
        expect=409,
        route="/user/create",
    ),
    get("id-dot-dot", "path traversal", b"/user/get-user?id=../../../../etc/passwd"),
    get("id-encoded-slashes", "path traversal", b"/user/get-user?id=..%2f..%2f..%2fetc%2fpasswd"),
    get("next-token-dot-dot", "path traversal", b"/user/get-details?nextToken=../../../../../../.."),
]

DUPLICATE_QUERY = [
    get("id-twice-same", "duplicate query parameters", b"/user/get-user?id={alice}&id={alice}"),
    get("id-twice-different", "duplicate query parameters", b"/user/get-user?id={alice}&id={bob}"),
    get("id-empty-then-valid", "duplicate query parameters", b"/user/get-user?id=&id={alice}"),
    get("limit-twice", "duplicate query parameters", b"/user/get-details?limit=1&limit=2"),
    get("next-token-twice", "duplicate query parameters", b"/user/get-details?nextToken={alice}&nextToken={bob}"),
    delete("delete-id-twice", "duplicate query parameters", b"/user/delete?id={alice}&id={bob}"),
    update(
        "update-id-twice", "duplicate query parameters", {"name": "Eve"}, target=b"/user/update?id={alice}&id={bob}"
    ),
    get("id-bracketed", "duplicate query parameters", b"/user/get-user?id[]={alice}"),
    get("id-comma-list", "duplicate query parameters", b"/user/get-user?id={alice},{bob}"),
    get("id-upper-case-name", "duplicate query parameters", b"/user/get-user?ID={alice}"),
    get("id-semicolon-separated", "duplicate query parameters", b"/user/get-user?id={alice};id={bob}"),
]

PERCENT = [
    get("id-lone-percent", "invalid percent-encoding", b"/user/get-user?id=%"),
    get("id-percent-z", "invalid percent-encoding", b"/user/get-user?id=%Z"),
    get("id-percent-zz", "invalid percent-encoding", b"/user/get-user?id=%ZZ"),
    get("id-double-percent", "invalid percent-encoding", b"/user/get-user?id=%%"),
    get("id-percent-u", "invalid percent-encoding", b"/user/get-user?id=%u0041%u0041"),
    get("id-21-then-percent", "invalid percent-encoding", b"/user/get-user?id=" + b"A" * 21 + b"%"),
    get("limit-percent-3", "invalid percent-encoding", b"/user/get-details?limit=%3"),
    get("next-token-percent-g", "invalid percent-encoding", b"/user/get-details?nextToken=%G0" + b"A" * 20),
    get("name-percent", "invalid percent-encoding", b"/user/get-user?i%d=" + NOBODY),
    get("path-percent-zz", "invalid percent-encoding", b"/user/%ZZ", 404),
    get("path-lone-percent", "invalid percent-encoding", b"/%", 404),
    get("path-trailing-percent", "invalid percent-encoding", b"/user/get-user%?id=" + NOBODY, 404),
]

CONTENT_TYPES = [
    create(f"content-type-{name}", "wrong or missing Content-Type", VALID_BODY, 415, content_type=value)
    for name, value in [
        ("text-plain", b"text/plain"),
        ("missing", None),
        ("form", b"application/x-www-form-urlencoded"),
        ("multipart", b"multipart/form-data; boundary=x"),
        ("xml", b"application/xml"),
        ("latin-1-charset", b"application/json; charset=latin-1"),
        ("utf-16-charset", b"application/json; charset=utf-16"),
        ("two-charsets", b"application/json; charset=utf-8; charset=latin-1"),
        ("jsonx", b"application/jsonx"),
        ("json-patch", b"application/json-patch+json"),
        ("bare-json", b"json"),
        ("any", b"*/*"),
        ("list", b"application/json, text/plain"),
        ("empty", b""),
        ("trailing-nul", b"application/json\x00"),
    ]
] + [
    create(
        "content-type-form-body",
        "wrong or missing Content-Type",
        b"name=Ada&email=ada%40example.com",
        415,
        content_type=b"application/x-www-form-urlencoded",
    ),
    update(
        "update-content-type-text", "wrong or missing Content-Type", {"name": "Eve"}, 415, content_type=b"text/plain"
    ),
    update("update-content-type-missing", "wrong or missing Content-Type", {"name": "Eve"}, 415, content_type=None),
]

NEXT_TOKENS = [
    get(f"next-token-{name}", "tampered nextToken", b"/user/get-details?nextToken=" + value)
    for name, value in [
        ("base64-json", b"eyJhZnRlciI6Ii4uLy4uIn0"),
        ("empty-object", b"e30"),
        ("empty", b""),
        ("21-chars", b"A" * 21),
        ("23-chars", b"A" * 23),
        ("padded", b"A" * 21 + b"="),
        ("plus", b"A" * 21 + b"%2B"),
        ("slash", b"A" * 21 + b"%2F"),
        ("dot", b"A" * 21 + b"."),
        ("space", b"A" * 21 + b"+"),
        ("unicode", ("A" * 21 + "\u00e9").encode()),
        ("newline", b"A" * 22 + b"%0a"),
        ("null", b"null"),
        ("negative", b"-1"),
        ("json-key", b"%7B%22id%22%3A%7B%22S%22%3A%22x%22%7D%7D"),
    ]
]

IF_MATCH = [
    update(f"if-match-{name}", "If-Match garbage", {"name": "Eve"}, status, headers=((b"If-Match", value),))
    for name, value, status in [
        ("next-version", b'"2"', 412),
        ("weak", b'W/"1"', 412),
        ("unquoted", b"1", 412),
        ("single-quoted", b"'1'", 412),
        ("unterminated", b'"1', 412),
        ("empty-tag", b'""', 412),
        ("decimal", b'"1.0"', 412),
        ("negative", b'"-1"', 412),
        ("plus", b'"+1"', 412),
        ("quoted-star", b'"*"', 412),
        ("double-star", b"**", 412),
        ("word", b"garbage", 412),
        ("two-weak", b'W/"1", W/"1"', 412),
        ("two-stale", b'"7", "8"', 412),
        ("latin-1", b'"\xe9"', 412),
        ("empty", b"", 400),
        ("comma", b",", 412),
    ]
] + [
    update(
        "if-match-email-change-stale",
        "If-Match garbage",
        {"email": "eve@example.com"},
        412,
        headers=((b"If-Match", b'"2"'),),
    ),
    update(
        "if-match-unknown-user",
        "If-Match garbage",
        {"name": "Eve"},
        404,
        target=b"/user/update?id=" + NOBODY,
        headers=((b"If-Match", b"garbage"),),
    ),
]

API_KEYS = [
    create("api-key-missing", "API key", VALID_BODY, 403, api_key=None, event=None),
    create("api-key-empty", "API key", VALID_BODY, 403, api_key=b"", event=None),
    create("api-key-wrong", "API key", VALID_BODY, 403, api_key=b"wrong", event=None),
    create("api-key-padded", "API key", VALID_BODY, 403, api_key=b" {key} x", event=None),
    create("api-key-upper-case", "API key", VALID_BODY, 403, api_key=b"{KEY}", event=None),
    delete("api-key-in-query", "API key", b"/user/delete?id={alice}&x-api-key={key}", 403, api_key=None, event=None),
    update("api-key-missing-update", "API key", {"name": "Eve"}, 403, api_key=None, event=None),
]

METHODS = [
    Case("patch-update", "methods", b"PATCH", b"/user/update?id={alice}", body({"name": "Eve"}), expect=405),
    Case("get-create", "methods", b"GET", b"/user/create", expect=405),
    Case("post-get-details", "methods", b"POST", b"/user/get-details", VALID_BODY, expect=405),
    Case("delete-get-user", "methods", b"DELETE", b"/user/get-user?id={alice}", expect=405),
    Case("put-create", "methods", b"PUT", b"/user/create", VALID_BODY, expect=405),
    # ANY is DELETE, GET, HEAD, OPTIONS, PATCH, POST and PUT: API Gateway routes no other
    # method (MISSING_AUTHENTICATION_TOKEN, openapi.yaml's 404); the function, given one, says 405.
    Case("trace", "methods", b"TRACE", b"/user/get-details", expect=404, event=405),
    Case("made-up-method", "methods", b"BREW", b"/user/get-details", expect=404, event=405),
    Case("lower-case-method", "methods", b"post", b"/user/create", VALID_BODY, expect=405),
    Case("delete-root", "methods", b"DELETE", b"/", expect=404),
    Case("post-unknown", "methods", b"POST", b"/user/create-admin", VALID_BODY, expect=404),
    Case("options-unknown", "methods", b"OPTIONS", b"/nope", expect=404),
]

CORPUS = [
    *MALFORMED,
    *WRONG_TYPES,
    *NULLS,
    *HUGE_NUMBERS,
    *NESTING,
    *OVERSIZED,
    *INVALID_UTF8,
    *CONTROL,
    *UNICODE_EMAIL,
    *INJECTION,
    *TRAVERSAL,
    *DUPLICATE_QUERY,
    *PERCENT,
    *CONTENT_TYPES,
    *NEXT_TOKENS,
    *IF_MATCH,
    *API_KEYS,
    *METHODS,
]
assert len({case.id for case in CORPUS}) == len(CORPUS), "case ids must be unique"

# Requests the HTTP layer itself refuses: only meaningful as raw bytes on the wire.
# Each carries a valid token (added below), so the authorizer does not answer first.
FRAMING = {
    "request-line-space-in-target": b"GET /user get-details HTTP/1.1\r\nHost: x\r\n\r\n",
    "request-line-no-target": b"GET\r\n\r\n",
    "request-line-binary": b"\x00\x01\x02\x03\r\n\r\n",
    "request-line-two-words": b"GET  HTTP/1.1\r\nHost: x\r\n\r\n",
    "http-version-9.9": b"GET /user/get-details HTTP/9.9\r\nHost: x\r\n\r\n",
    "request-target-70000-bytes": b"GET /user/get-details?x=" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    "header-line-70000-bytes": b"GET /user/get-details HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
    "150-headers": b"GET /user/get-details HTTP/1.1\r\nHost: x\r\n"
    + b"".join(b"X-H%d: 1\r\n" % i for i in range(150))
    + b"\r\n",
    "body-shorter-than-content-length": b"POST /user/create HTTP/1.1\r\nHost: x\r\nx-api-key: {key}\r\n"
    b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n" + VALID_BODY[:20],
    "content-length-not-a-number": b"POST /user/create HTTP/1.1\r\nHost: x\r\nx-api-key: {key}\r\n"
    b"Content-Type: application/json\r\nContent-Length: abc\r\n\r\n" + VALID_BODY,
    "content-length-negative": b"POST /user/create HTTP/1.1\r\nHost: x\r\nx-api-key: {key}\r\n"
    b"Content-Type: application/json\r\nContent-Length: -1\r\n\r\n" + VALID_BODY,
    "bad-chunk-size": b"POST /user/create HTTP/1.1\r\nHost: x\r\nx-api-key: {key}\r\n"
    b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + VALID_BODY + b"\r\n0\r\n\r\n",
    "chunked-empty-object": b"POST /user/create HTTP/1.1\r\nHost: x\r\nx-api-key: {key}\r\n"
    b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    "two-content-types": b"POST /user/create HTTP/1.1\r\nHost: x\r\nx-api-key: {key}\r\n"
    b"Content-Type: text/plain\r\nContent-Type: application/json\r\nContent-Length: "
    + str(len(VALID_BODY)).encode()
    + b"\r\n\r\n"
    + VALID_BODY,
    "two-api-keys": b"DELETE /user/delete?id={alice} HTTP/1.1\r\nHost: x\r\nx-api-key: wrong\r\nx-api-key: {key}\r\n"
    b"Content-Length: 0\r\n\r\n",
}
FRAMING = {
    name: data.replace(b"Host: x\r\n", b"Host: x\r\nAuthorization: Bearer {token}\r\n", 1)
    for name, data in FRAMING.items()
}
