"""Access log: one line a request, `METHOD PATH STATUS MILLISECONDS CALLER [NOTES]`,
the caller being the deployed access log's principal ($context.authorizer.claims.sub).

What comes from the request is escaped: a control character (a %0a in the path,
say) is written as \\xNN, so no request can write a line of its own. Written
directly, not through `logging`, which costs tens of microseconds a line.
"""

import time
from typing import TextIO

from sam_local_api.context import Context

# C0 and C1 controls and DEL, each as \xNN.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}


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
