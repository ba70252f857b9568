"""Request limits: API Gateway's size limits, applied before any step reads the
request, the firewall's rate counters included, so that no request holds more
than they allow in memory.

A body over API Gateway's 10 MB payload limit is REQUEST_TOO_LARGE
(https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html), as is a request
line and header values over its 10,240 bytes ("Total combined size of request line and
header values", same page): "HTTP header is larger than 10240 bytes." is the message
clients report (https://ntsblog.homedev.com.au/index.php/2021/03/09/aws-api-gateway-http-header-is-larger-than-10240-bytes/);
the status is documented nowhere, so the local API answers RFC 6585's 431. A body its
framing breaks (cut short, a bad chunk size) is a 400. The body is read here, within
its limit (werkzeug refuses a declared Content-Length over it unread, and stops reading
a chunked one there); later steps read what is kept.
"""

from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from sam_local_api.context import Context, GatewayError

MAX_REQUEST_BYTES = 10 * 1024 * 1024
MAX_HEADER_BYTES = 10240


class RequestLimits:
    def __call__(self, context: Context) -> None:
        request = context.request
        if _request_line_and_header_bytes(request.environ) > MAX_HEADER_BYTES:
            raise GatewayError("DEFAULT_4XX", f"HTTP header is larger than {MAX_HEADER_BYTES} bytes.", status=431)
        request.max_content_length = MAX_REQUEST_BYTES
        try:
            request.get_data()
        except RequestEntityTooLarge as error:
            raise GatewayError("REQUEST_TOO_LARGE", "Request Too Long") from error
        except (BadRequest, OSError) as error:
            raise GatewayError("DEFAULT_4XX") from error


def _request_line_and_header_bytes(environ: dict) -> int:
    target = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "")
    line = f"{environ['REQUEST_METHOD']} {target} {environ.get('SERVER_PROTOCOL', '')}"
    values = [value for key, value in environ.items() if key.startswith("HTTP_")]
    values += [environ[key] for key in ("CONTENT_TYPE", "CONTENT_LENGTH") if environ.get(key)]
    return len(line.encode("latin-1", "replace")) + sum(len(value.encode("latin-1", "replace")) for value in values)
