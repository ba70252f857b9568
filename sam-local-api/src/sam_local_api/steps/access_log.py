"""Access log: one line a request, `METHOD PATH STATUS MILLISECONDS CALLER [NOTES]`,
the caller being the deployed access log's principal ($context.authorizer.claims.sub).

What comes from the request is escaped, so that no request can write a line of its
own, nor make its line read otherwise than it is: the C0 and C1 controls and DEL (a
%0a in the path, say) as \\xNN; the line and paragraph separators U+2028 and U+2029,
which str.splitlines() splits on too, and the bidirectional controls (Unicode's
Bidi_Control: https://www.unicode.org/reports/tr9/#Directional_Formatting_Characters),
which reorder how a line displays, as \\uNNNN. Written directly, not through
`logging`, which costs tens of microseconds a line.
"""

import time
from typing import TextIO

from sam_local_api.context import Context

# C0 and C1 controls and DEL, each as \xNN.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
# The line and paragraph separators, and the bidirectional controls, each as \uNNNN.
_ESCAPES |= {
    code: f"\\u{code:04x}"
    for code in (0x2028, 0x2029, 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


class AccessLog:
    def __init__(self, stream: TextIO):
        self.stream = stream

    def __call__(self, context: Context) -> None:
        elapsed = (time.perf_counter() - context.started) * 1000
        request = context.request
        line = (
            f"{escaped(request.method)} {escaped(request.path)} {context.response.status_code} "
            f"{elapsed:.1f}ms {escaped(context.caller)}{escaped(''.join(context.notes))}\n"
        )
        self.stream.write(line)


def escaped(text: str) -> str:
    return text.translate(_ESCAPES)
