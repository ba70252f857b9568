"""Firewall: the AWS WAF web ACL associated with the API's stage, before API Gateway
sees the request (waf.py evaluates it). A block is WAF's custom response when the
rule has one, which takes precedence over the API's own, else the API's WAF_FILTERED
gateway response (https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html).
A request no API routes meets the web ACL of the API that answers it (the default one).
"""

from werkzeug import Response

from sam_local_api.context import Context, GatewayError
from sam_local_api.project import Project
from sam_local_api.routing import RouteTable
from sam_local_api.waf import web_acls


class Firewall:
    def __init__(self, project: Project, table: RouteTable, rate_limits: bool = True):
        self.table = table
        self.rate_limits = rate_limits
        self.acls = web_acls(project.deployed.get("Resources", {}))
        self.default_api = project.default_api.logical_id if project.default_api else None

    def __call__(self, context: Context) -> None:
        if not self.acls:
            return
        route = self.table.match(context.request)[0]
        acl = self.acls.get(route.api.logical_id if route else self.default_api)
        block = acl.evaluate(context.request, self.rate_limits) if acl else None
        if block is None:
            return
        context.notes.append(f" waf-blocked {acl.name}/{block.rule}")
        if block.status is None:
            raise GatewayError("WAF_FILTERED", "Forbidden")
        context.response = Response(block.body, status=block.status, content_type=block.content_type)
        context.response.headers.extend(block.headers)
