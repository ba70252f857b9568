"""template.yaml grants and configures what the issue promised, and no more."""

import copy
import json
import os
import random
import re
from functools import cache
from pathlib import Path
from unittest import mock

import botocore.session
import snapshot_restore_py
from botocore.validate import validate_parameters
from samtranslator.translator.transform import transform

from tools.spec import openapi, operations, resources, template
from users_api import app, metrics


def function_properties() -> dict:
    return next(iter(resources(template(), "AWS::Serverless::Function").values()))["Properties"]


# The function's role: tests/in_process/function/test_least_privilege.py.


UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86_400}


def test_service_clients_use_the_client_credentials_grant_and_no_sign_in_flow():
    for name, client in resources(template(), "AWS::Cognito::UserPoolClient").items():
        props = client["Properties"]
        assert props["AllowedOAuthFlows"] == ["client_credentials"], name
        assert props["GenerateSecret"] is True, name
        # Left out, ExplicitAuthFlows would allow SRP and custom auth sign-ins.
        assert props["ExplicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH"], name


def test_access_tokens_live_15_minutes_at_most():
    # They cannot be revoked (no refresh token): expiry is the only end of a leaked one.
    for name, client in resources(template(), "AWS::Cognito::UserPoolClient").items():
        props = client["Properties"]
        seconds = props["AccessTokenValidity"] * UNIT_SECONDS[props["TokenValidityUnits"]["AccessToken"]]
        assert 5 * 60 <= seconds <= 15 * 60, name


def resolved(node, pseudo: dict):
    """A value built of Ref (of pseudo parameters), Fn::Split and Fn::Select, as CloudFormation resolves it."""
    if not isinstance(node, dict):
        return node
    ((function, args),) = node.items()
    if function == "Ref":
        return pseudo[args]
    if function == "Fn::Split":
        return resolved(args[1], pseudo).split(args[0])
    if function == "Fn::Select":
        return resolved(args[1], pseudo)[args[0]]
    raise ValueError(function)


def test_the_user_pool_domain_does_not_name_the_account():
    # The prefix is public: it is in every client's token URL.
    (domain,) = resources(template(), "AWS::Cognito::UserPoolDomain").values()
    text, values = domain["Properties"]["Domain"]["Fn::Sub"]
    assert "AWS::AccountId" not in json.dumps(domain)
    # For a stack id of the documented shape: arn:...:stack/<name>/<uuid>.
    pseudo = {
        "AWS::StackName": "users-api-prod",
        "AWS::StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/users-api-prod/"
        "51af3dc0-da77-11e4-872e-1234567db123",
    }
    variables = {**pseudo, **{name: resolved(value, pseudo) for name, value in values.items()}}
    prefix = re.sub(r"\$\{([\w:]+)\}", lambda match: variables[match[1]], text)
    assert prefix == "users-api-prod-1234567db123"
    # What Cognito takes: lowercase letters, digits and hyphens, at most 63.
    assert re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", prefix)


def test_tables_are_on_demand_encrypted_and_recoverable():
    for name, table in resources(template(), "AWS::DynamoDB::Table").items():
        props = table["Properties"]
        assert props["BillingMode"] == "PAY_PER_REQUEST", name
        assert props["SSESpecification"]["SSEEnabled"] is True, name
        assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True, name
        assert table["DeletionPolicy"] == "Retain", name


def test_stage_is_throttled_traced_and_logged():
    api = next(iter(resources(template(), "AWS::Serverless::Api").values()))["Properties"]
    assert api["TracingEnabled"] is True
    assert api["MethodSettings"][0]["ThrottlingRateLimit"] > 0
    assert api["AccessLogSetting"]["Format"].startswith("{")
    for log_group in resources(template(), "AWS::Logs::LogGroup").values():
        assert log_group["Properties"]["RetentionInDays"] > 0


def test_api_keys_have_a_usage_plan_with_rate_burst_and_quota():
    plan = next(iter(resources(template(), "AWS::ApiGateway::UsagePlan").values()))["Properties"]
    assert {"RateLimit", "BurstLimit"} <= plan["Throttle"].keys()
    assert {"Limit", "Period"} <= plan["Quota"].keys()
    assert resources(template(), "AWS::ApiGateway::UsagePlanKey")


def test_function_runs_python_313_on_arm64():
    globals_ = template()["Globals"]["Function"]
    assert (globals_["Runtime"], globals_["Architectures"]) == ("python3.13", ["arm64"])
    assert function_properties()["CodeUri"] == "src/"


# Production: canary deploys, alarms, dashboard, SnapStart (issue 13)

ALIAS = "live"
STORE_SOURCE = Path(__file__).resolve().parents[3] / "src" / "users_api" / "store.py"


@cache
def translated() -> dict:
    """template.yaml as AWS SAM turns it into CloudFormation, offline (openapi.yaml inlined as AWS::Include would)."""
    tmpl = copy.deepcopy(template())
    tmpl["Resources"]["UsersApi"]["Properties"]["DefinitionBody"] = copy.deepcopy(openapi())
    tmpl["Resources"]["UsersFunction"]["Properties"]["CodeUri"] = "s3://bucket/key"  # what sam deploy uploads
    policies = mock.Mock()
    policies.load.return_value = {}
    with mock.patch.dict(os.environ, {"AWS_DEFAULT_REGION": "us-east-1"}):
        return transform(tmpl, {}, policies)


def alarms() -> dict:
    return {name: r["Properties"] for name, r in resources(template(), "AWS::CloudWatch::Alarm").items()}


def alarm_metrics(alarm: dict) -> list[dict]:
    """The metrics an alarm watches: its own, or those of its metric math."""
    if "MetricName" in alarm:
        return [{key: alarm[key] for key in ("Namespace", "MetricName", "Dimensions")}]
    return [query["MetricStat"]["Metric"] for query in alarm["Metrics"] if "MetricStat" in query]


def test_api_gateway_invokes_the_live_alias_and_may_invoke_only_it():
    assert function_properties()["AutoPublishAlias"] == ALIAS
    out = translated()["Resources"]
    alias_id = f"UsersFunctionAlias{ALIAS}"
    assert out[alias_id]["Properties"]["Name"] == ALIAS
    assert out["UsersFunctionApiPermission"]["Properties"]["FunctionName"] == {"Ref": alias_id}
    uris = {
        operation["x-amazon-apigateway-integration"]["uri"]["Fn::Sub"]
        for item in openapi()["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "uri" in operation.get("x-amazon-apigateway-integration", {})
    }
    assert uris == {
        f"arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{UsersFunction.Arn}}:{ALIAS}/invocations"
    }


def test_deploys_shift_traffic_by_canary_and_roll_back_on_the_release_alarms():
    preference = function_properties()["DeploymentPreference"]
    assert preference["Type"] == "Canary10Percent5Minutes"
    assert preference["Alarms"] == [{"Ref": "Api5xxRateAlarm"}, {"Ref": "FunctionErrorsAlarm"}]
    (group,) = resources(translated(), "AWS::CodeDeploy::DeploymentGroup").values()
    assert group["Properties"]["AlarmConfiguration"] == {
        "Enabled": True,
        "Alarms": [{"Name": {"Ref": "Api5xxRateAlarm"}}, {"Name": {"Ref": "FunctionErrorsAlarm"}}],
    }
    assert "DEPLOYMENT_STOP_ON_ALARM" in group["Properties"]["AutoRollbackConfiguration"]["Events"]
    alias = translated()["Resources"][f"UsersFunctionAlias{ALIAS}"]
    assert "CodeDeployLambdaAliasUpdate" in alias["UpdatePolicy"]


def test_alarms_cover_the_api_the_function_and_the_store():
    watched = {(m["Namespace"], m["MetricName"]) for alarm in alarms().values() for m in alarm_metrics(alarm)}
    assert watched == {
        ("AWS/ApiGateway", "5XXError"),
        ("AWS/ApiGateway", "Latency"),
        ("AWS/Lambda", "Errors"),
        ("AWS/Lambda", "Throttles"),
        ("AWS/Lambda", "Duration"),
        ("AWS/DynamoDB", "ThrottledRequests"),
        ("AWS/DynamoDB", "SystemErrors"),
    }
    for name, alarm in alarms().items():
        assert alarm["AlarmDescription"], name
        assert alarm["TreatMissingData"] == "notBreaching", name
        assert (
            alarm["AlarmActions"]
            == alarm["OKActions"]
            == {"Fn::If": ["NotifyOnAlarm", [{"Ref": "AlarmTopic"}], {"Ref": "AWS::NoValue"}]}
        ), name


def test_every_alarm_watches_this_stacks_resources():
    api = next(iter(resources(template(), "AWS::Serverless::Api").values()))["Properties"]
    tables = resources(template(), "AWS::DynamoDB::Table")
    expected = {
        "AWS/ApiGateway": {"ApiName": api["Name"], "Stage": {"Ref": "UsersApi.Stage"}},
        "AWS/Lambda": {
            "FunctionName": {"Ref": "UsersFunction"},
            "Resource": {"Fn::Sub": f"${{UsersFunction}}:{ALIAS}"},
        },
    }
    assert api["Name"] == {"Ref": "AWS::StackName"}
    for name, alarm in alarms().items():
        for metric in alarm_metrics(alarm):
            dimensions = {d["Name"]: d["Value"] for d in metric["Dimensions"]}
            if metric["Namespace"] == "AWS/DynamoDB":
                assert dimensions["TableName"]["Ref"] in tables, name
            else:
                assert dimensions == expected[metric["Namespace"]], name


def test_store_alarms_sum_every_operation_the_store_calls_on_every_table():
    calls = re.findall(r'_call\(\s*"(\w+)"', STORE_SOURCE.read_text())
    called = {"".join(part.title() for part in call.split("_")) for call in calls}
    tables = resources(template(), "AWS::DynamoDB::Table")
    for name in ("DynamoDbThrottlesAlarm", "DynamoDbSystemErrorsAlarm"):
        pairs = {
            (
                {d["Name"]: d["Value"] for d in m["Dimensions"]}["TableName"]["Ref"],
                {d["Name"]: d["Value"] for d in m["Dimensions"]}["Operation"],
            )
            for m in alarm_metrics(alarms()[name])
        }
        assert {op for _, op in pairs} == called, name
        assert {table for table, _ in pairs} == tables.keys(), name
        assert [q["Expression"] for q in alarms()[name]["Metrics"] if "Expression" in q] == ["SUM(METRICS())"]


def test_duration_alarm_sits_below_the_function_timeout():
    timeout_ms = template()["Globals"]["Function"]["Timeout"] * 1000
    assert 0.5 * timeout_ms <= alarms()["FunctionDurationAlarm"]["Threshold"] < timeout_ms
    assert alarms()["ApiLatencyP99Alarm"]["Threshold"] < 29_000  # API Gateway's integration timeout


def test_alarm_topic_exists_only_with_an_endpoint_to_notify():
    (topic,) = resources(template(), "AWS::SNS::Topic").values()
    assert topic["Condition"] == "NotifyOnAlarm"
    assert topic["Properties"]["Subscription"] == [
        {"Endpoint": {"Ref": "AlarmEndpoint"}, "Protocol": {"Ref": "AlarmEndpointProtocol"}}
    ]
    assert template()["Parameters"]["AlarmEndpoint"]["Default"] == ""


def test_snapstart_on_published_versions_unless_turned_off_and_its_hooks_registered():
    assert function_properties()["SnapStart"] == {"ApplyOn": {"Ref": "SnapStart"}}
    parameter = template()["Parameters"]["SnapStart"]
    assert parameter["Default"] == "PublishedVersions"
    assert set(parameter["AllowedValues"]) == {"PublishedVersions", "None"}
    assert translated()["Resources"]["UsersFunction"]["Properties"]["SnapStart"] == {"ApplyOn": {"Ref": "SnapStart"}}
    assert (app.store, (), {}) in snapshot_restore_py.get_before_snapshot()
    assert (random.seed, (), {}) in snapshot_restore_py.get_after_restore()


def test_dashboard_shows_traffic_errors_latency_cold_starts_capacity_and_counts():
    (dashboard,) = resources(template(), "AWS::CloudWatch::Dashboard").values()
    body = dashboard["Properties"]["DashboardBody"]["Fn::Sub"]
    names = set(template()["Resources"]) | {"UsersApi"}
    for reference in re.findall(r"\$\{([\w:]+)(?:\.\w+)?\}", body):
        assert reference.startswith("AWS::") or reference in names, reference
    widgets = json.loads(re.sub(r"\$\{[^}]+\}", "x", body))["widgets"]
    shown = {row[1] for w in widgets if w["type"] == "metric" for row in w["properties"]["metrics"]}
    assert {"Count", "4XXError", "5XXError", "Latency", "Duration", "Throttles"} <= shown
    assert {"ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits"} <= shown
    assert {"ReadThrottleEvents", "WriteThrottleEvents"} <= shown
    assert set(metrics.METRIC_NAMES) <= shown
    (cold_starts,) = [w for w in widgets if w["type"] == "log"]
    assert "@initDuration" in cold_starts["properties"]["query"]
    assert "Restore Duration" in cold_starts["properties"]["query"]
    (alarm_widget,) = [w for w in widgets if w["type"] == "alarm"]
    assert len(alarm_widget["properties"]["alarms"]) == len(alarms())


# Transport: an optional custom domain with a TLS 1.2-or-newer policy (issue 18)


def conditional(name: str) -> dict:
    resource = template()["Resources"][name]
    assert resource["Condition"] == "HasCustomDomain", name
    return resource["Properties"]


def test_the_custom_domain_exists_only_when_named_so_the_default_deploy_is_unchanged():
    assert template()["Parameters"]["DomainName"]["Default"] == ""
    assert template()["Conditions"]["HasCustomDomain"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "DomainName"}, ""]}]}
    for name, resource in template()["Resources"].items():
        if resource["Type"] in ("AWS::ApiGateway::DomainName", "AWS::ApiGateway::BasePathMapping"):
            assert resource.get("Condition") == "HasCustomDomain", name
    assert template()["Outputs"]["DomainTarget"]["Condition"] == "HasCustomDomain"
    # A domain without its certificate is refused before anything is created.
    (assertion,) = template()["Rules"]["DomainNeedsItsCertificate"]["Assertions"]
    assert assertion["Assert"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "DomainCertificateArn"}, ""]}]}


def test_with_a_custom_domain_the_default_endpoint_is_off():
    api = next(iter(resources(template(), "AWS::Serverless::Api").values()))["Properties"]
    assert api["DisableExecuteApiEndpoint"] == {"Fn::If": ["HasCustomDomain", True, False]}
    # SAM passes it on in the OpenAPI 3 body, as x-amazon-apigateway-endpoint-configuration
    # in each server object, which API Gateway's import reads
    # (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html).
    (rest_api,) = resources(translated(), "AWS::ApiGateway::RestApi").values()
    servers = rest_api["Properties"]["Body"]["servers"]
    assert servers
    for server in servers:
        assert server["x-amazon-apigateway-endpoint-configuration"] == {
            "disableExecuteApiEndpoint": api["DisableExecuteApiEndpoint"]
        }


def test_the_custom_domain_takes_tls_1_2_or_newer_only():
    domain = conditional("UsersApiDomain")
    assert domain["SecurityPolicy"] == {"Ref": "DomainSecurityPolicy"}
    assert domain["EndpointConfiguration"] == {"Types": ["REGIONAL"]}
    assert domain["RegionalCertificateArn"] == {"Ref": "DomainCertificateArn"}
    parameter = template()["Parameters"]["DomainSecurityPolicy"]
    # Every choice is a policy AWS's service model knows, for a regional domain, TLS 1.2 or newer.
    known = set(botocore.session.get_session().get_service_model("apigateway").shape_for("SecurityPolicy").enum)
    assert set(parameter["AllowedValues"]) <= known
    assert "TLS_1_0" not in parameter["AllowedValues"]
    assert not [policy for policy in parameter["AllowedValues"] if policy.endswith("_EDGE")]
    assert parameter["Default"] in parameter["AllowedValues"]
    assert {p for p in known if not p.endswith("_EDGE")} - {"TLS_1_0"} == set(parameter["AllowedValues"])
    # An enhanced policy (SecurityPolicy_*) needs an endpoint access mode: STRICT.
    assert domain["EndpointAccessMode"] == {"Fn::If": ["DomainPolicyIsEnhanced", "STRICT", {"Ref": "AWS::NoValue"}]}


def test_the_api_itself_takes_tls_1_2_or_newer_only_by_every_endpoint():
    # API Gateway negotiates with the API's own policy, by its default endpoint and by
    # a custom domain mapped to it (apigateway-security-policies.html, cited in template.yaml).
    api = next(iter(resources(template(), "AWS::Serverless::Api").values()))["Properties"]
    assert api["SecurityPolicy"] == {"Ref": "ApiSecurityPolicy"}
    parameter = template()["Parameters"]["ApiSecurityPolicy"]
    known = set(botocore.session.get_session().get_service_model("apigateway").shape_for("SecurityPolicy").enum)
    # The API is edge-optimized (no EndpointConfiguration: SAM's default): the _EDGE policies, every one.
    assert "EndpointConfiguration" not in api
    assert set(parameter["AllowedValues"]) == {policy for policy in known if policy.endswith("_EDGE")}
    assert parameter["Default"] == "SecurityPolicy_TLS12_PFS_2025_EDGE"
    # STRICT refuses requests that come by another endpoint type: the regional custom domain's.
    assert api["EndpointAccessMode"] == {"Fn::If": ["HasCustomDomain", "BASIC", "STRICT"]}
    (rest_api,) = resources(translated(), "AWS::ApiGateway::RestApi").values()
    assert (rest_api["Properties"]["SecurityPolicy"], rest_api["Properties"]["EndpointAccessMode"]) == (
        api["SecurityPolicy"],
        api["EndpointAccessMode"],
    )


def test_the_custom_domain_maps_the_stage_at_its_root():
    mapping = conditional("UsersApiDomainMapping")
    assert mapping == {
        "DomainName": {"Ref": "UsersApiDomain"},
        "RestApiId": {"Ref": "UsersApi"},
        "Stage": {"Ref": "UsersApi.Stage"},
    }
    assert template()["Outputs"]["ApiUrl"]["Value"]["Fn::If"][0] == "HasCustomDomain"


# Anonymous traffic: AWS WAF on the stage (issue 18)

WAF_MODEL = botocore.session.get_session().get_service_model("wafv2")


def web_acl() -> dict:
    (acl,) = resources(template(), "AWS::WAFv2::WebACL").values()
    return acl["Properties"]


def waf_rules() -> dict[str, dict]:
    return {rule["Name"]: rule for rule in web_acl()["Rules"]}


def with_parameter_defaults(node):
    """The node with every Ref of a template parameter replaced by its default, as a deploy with none given."""
    if isinstance(node, list):
        return [with_parameter_defaults(item) for item in node]
    if isinstance(node, dict):
        if node.keys() == {"Ref"} and node["Ref"] in template()["Parameters"]:
            return template()["Parameters"][node["Ref"]]["Default"]
        if node.keys() == {"Fn::Sub"}:
            return re.sub(r"\$\{[^}]+\}", "x", node["Fn::Sub"])
        return {key: with_parameter_defaults(value) for key, value in node.items()}
    return node


def model_problems(value, shape, where="") -> list[str]:
    """Where `value` breaks AWS's service model beyond botocore's own check: enums, ranges, patterns."""
    problems = []
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            if name in value:
                problems += model_problems(value[name], member, f"{where}.{name}")
    elif shape.type_name == "list":
        for i, item in enumerate(value):
            problems += model_problems(item, shape.member, f"{where}[{i}]")
    elif shape.type_name == "map":
        for key, item in value.items():
            problems += model_problems(item, shape.value, f"{where}.{key}")
    elif getattr(shape, "enum", None) and value not in shape.enum:
        problems.append(f"{where}: {value!r} is not one of {shape.enum}")
    elif shape.type_name == "string":
        pattern, low, high = (shape.metadata.get(key) for key in ("pattern", "min", "max"))
        if pattern and not re.fullmatch(pattern, value):
            problems.append(f"{where}: {value!r} does not match {pattern}")
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            problems.append(f"{where}: {value!r} is not {low} to {high} characters")
    elif shape.type_name in ("integer", "long"):
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            problems.append(f"{where}: {value} is out of [{low}, {high}]")
    return problems


def test_the_web_acl_is_what_aws_wafs_api_takes():
    request = with_parameter_defaults(web_acl())
    shape = WAF_MODEL.operation_model("CreateWebACL").input_shape
    validate_parameters(request, shape)  # raises on a wrong type or a missing member
    assert model_problems(request, shape) == []
    assert request["Scope"] == "REGIONAL" and request["DefaultAction"] == {"Allow": {}}


def test_the_web_acl_guards_the_stage():
    (association,) = resources(template(), "AWS::WAFv2::WebACLAssociation").values()
    props = association["Properties"]
    assert props["WebACLArn"] == {"Fn::GetAtt": ["UsersApiWebAcl", "Arn"]}
    # arn:partition:apigateway:region::/restapis/api-id/stages/stage-name
    assert props["ResourceArn"] == {
        "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${UsersApi}/stages/${UsersApi.Stage}"
    }


def rate(rule: dict) -> dict:
    return rule["Statement"]["RateBasedStatement"]


# What the anonymous rule, the per-token rule and the preflight rule take for a bearer
# token and for a preflight: the same statements, in each rule.
TOKEN_SHAPED = {
    "AndStatement": {
        "Statements": [
            {
                "SizeConstraintStatement": {
                    "FieldToMatch": {"SingleHeader": {"Name": "authorization"}},
                    "ComparisonOperator": "LE",
                    "Size": 4096,
                    "TextTransformations": [{"Priority": 0, "Type": "NONE"}],
                }
            },
            {
                "RegexMatchStatement": {
                    "FieldToMatch": {"SingleHeader": {"Name": "authorization"}},
                    "RegexString": r"^bearer [a-z0-9_-]+\.[a-z0-9_-]+\.[a-z0-9_-]+$",
                    "TextTransformations": [
                        {"Priority": 0, "Type": "COMPRESS_WHITE_SPACE"},
                        {"Priority": 1, "Type": "LOWERCASE"},
                    ],
                }
            },
        ]
    }
}
NO_AUTHORIZATION = {
    "NotStatement": {
        "Statement": {
            "SizeConstraintStatement": {
                "FieldToMatch": {"SingleHeader": {"Name": "authorization"}},
                "ComparisonOperator": "GT",
                "Size": 0,
                "TextTransformations": [{"Priority": 0, "Type": "NONE"}],
            }
        }
    }
}


def test_a_per_ip_rate_rule_and_a_stricter_one_for_requests_without_a_bearer_token():
    rules = waf_rules()
    per_ip = rate(rules["RequestsPerIp"])
    assert (per_ip["AggregateKeyType"], "ScopeDownStatement" in per_ip) == ("IP", False)
    anonymous = rate(rules["AnonymousRequestsPerIp"])
    assert anonymous["AggregateKeyType"] == "IP"
    no_token, no_preflight = anonymous["ScopeDownStatement"]["AndStatement"]["Statements"]
    assert no_token == {"NotStatement": {"Statement": TOKEN_SHAPED}}
    assert no_preflight == {"NotStatement": {"Statement": rate(rules["PreflightsPerIp"])["ScopeDownStatement"]}}
    parameters = template()["Parameters"]
    assert parameters["WafAnonymousRequestsPerIp"]["Default"] < parameters["WafRequestsPerIp"]["Default"]


def test_a_bearer_token_is_bearer_and_a_jwts_three_base64url_parts_whatever_the_spelling():
    regex = re.compile(TOKEN_SHAPED["AndStatement"]["Statements"][1]["RegexMatchStatement"]["RegexString"])
    jwt = "eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJjIn0.c2lnbmF0dXJlLV8"
    # As WAF reads the header: COMPRESS_WHITE_SPACE, then LOWERCASE.
    normalised = [
        re.sub(" {2,}", " ", spelling.replace("\t", " ")).lower()
        for spelling in (f"Bearer {jwt}", f"bearer {jwt}", f"BEARER {jwt}", f"Bearer   {jwt}", f"Bearer\t{jwt}")
    ]
    assert all(regex.search(value) for value in normalised)
    assert len(set(normalised)) == 1  # one key for the per-token rule
    for anonymous in ("junk-1", jwt, "Bearer", f"Bearer {jwt}.extra", "Bearer a.b", "Basic dXNlcjpwYXNz"):
        assert not regex.search(re.sub(" {2,}", " ", anonymous).lower()), anonymous


def test_the_per_ip_limit_takes_twenty_addresses_to_spend_the_stage_throttle():
    # A few addresses must not spend the stage's rate, which every client shares (issue 27).
    api = next(iter(resources(template(), "AWS::Serverless::Api").values()))["Properties"]
    (stage,) = [setting for setting in api["MethodSettings"] if setting["ResourcePath"] == "/*"]
    per_ip = template()["Parameters"]["WafRequestsPerIp"]["Default"]
    assert per_ip * 20 <= stage["ThrottlingRateLimit"] * rate(waf_rules()["RequestsPerIp"])["EvaluationWindowSec"]


def test_cors_preflights_are_counted_apart_from_anonymous_requests():
    # Browsers behind one NAT send many (issue 27); each is a preflight only without a token.
    preflights = rate(waf_rules()["PreflightsPerIp"])
    assert preflights["AggregateKeyType"] == "IP"
    method, requested, no_authorization = preflights["ScopeDownStatement"]["AndStatement"]["Statements"]
    assert method["ByteMatchStatement"]["FieldToMatch"] == {"Method": {}}
    assert (method["ByteMatchStatement"]["PositionalConstraint"], method["ByteMatchStatement"]["SearchString"]) == (
        "EXACTLY",
        "OPTIONS",
    )
    assert requested["SizeConstraintStatement"]["FieldToMatch"] == {
        "SingleHeader": {"Name": "access-control-request-method"}
    }
    assert no_authorization == NO_AUTHORIZATION
    parameters = template()["Parameters"]
    assert parameters["WafPreflightsPerIp"]["Default"] > parameters["WafAnonymousRequestsPerIp"]["Default"]
    # One address's preflights cannot empty the stage's burst, which every client shares.
    api = next(iter(resources(template(), "AWS::Serverless::Api").values()))["Properties"]
    (stage,) = [setting for setting in api["MethodSettings"] if setting["ResourcePath"] == "/*"]
    assert parameters["WafPreflightsPerIp"]["Default"] * 2 <= stage["ThrottlingBurstLimit"]


def test_a_per_client_rate_rule_meters_reads_by_the_callers_token_without_an_api_key():
    # 2.x clients send no API key on reads; every operation needs a token.
    per_token = rate(waf_rules()["RequestsPerToken"])
    assert per_token["AggregateKeyType"] == "CUSTOM_KEYS"
    # One key per token, whatever the spelling of "Bearer" and its spaces.
    assert per_token["CustomKeys"] == [
        {
            "Header": {
                "Name": "authorization",
                "TextTransformations": [
                    {"Priority": 0, "Type": "COMPRESS_WHITE_SPACE"},
                    {"Priority": 1, "Type": "LOWERCASE"},
                ],
            }
        }
    ]
    assert per_token["ScopeDownStatement"] == TOKEN_SHAPED  # reads and writes alike
    security = openapi()["paths"]["/user/get-user"]["get"]["security"]
    assert all("ApiKey" not in requirement for requirement in security)
    assert all("CognitoUserPool" in requirement for requirement in security)


def test_writes_naming_an_email_are_limited_per_api_key():
    # What bounds the emails one client can find registered through 409s.
    per_key = rate(waf_rules()["EmailWritesPerClient"])
    assert per_key["CustomKeys"] == [
        {"Header": {"Name": "x-api-key", "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}
    ]
    email = per_key["ScopeDownStatement"]["SizeConstraintStatement"]
    assert email["FieldToMatch"]["JsonBody"]["MatchPattern"] == {"IncludedPaths": ["/email"]}
    assert (email["ComparisonOperator"], email["Size"]) == ("GT", 0)
    # Every operation that can answer 409 takes an API key, which the rule keys on.
    for path, method, operation in operations(openapi()):
        if "409" in operation["responses"]:
            assert any("ApiKey" in requirement for requirement in operation["security"]), (method, path)


def test_every_rate_rule_answers_429_as_the_stage_throttle_does():
    throttled = openapi()["x-amazon-apigateway-gateway-responses"]["THROTTLED"]
    bodies = web_acl()["CustomResponseBodies"]
    retry_after = openapi()["components"]["headers"]["Retry-After"]["schema"]
    edge = {
        name.removeprefix("gatewayresponse.header."): value.strip("'")
        for name, value in throttled["responseParameters"].items()
        if "Retry-After" not in name
    }
    rate_rules = [rule for rule in web_acl()["Rules"] if "RateBasedStatement" in rule["Statement"]]
    assert len(rate_rules) == 5
    for rule in rate_rules:
        response = rule["Action"]["Block"]["CustomResponse"]
        assert response["ResponseCode"] == 429, rule["Name"]
        body = bodies[response["CustomResponseBodyKey"]]
        assert body["ContentType"] == "APPLICATION_JSON"
        assert json.loads(body["Content"]) == json.loads(throttled["responseTemplates"]["application/json"])
        headers = {header["Name"]: header["Value"] for header in response["ResponseHeaders"]}
        assert retry_after["minimum"] <= int(headers.pop("Retry-After")) <= retry_after["maximum"]
        assert headers == edge, rule["Name"]
        assert rate(rule)["EvaluationWindowSec"] == 300


def test_aws_managed_common_and_known_bad_inputs_rule_groups():
    rules = waf_rules()
    for name in ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"):
        group = rules[name]["Statement"]["ManagedRuleGroupStatement"]
        assert (group["VendorName"], group["Name"]) == ("AWS", name)
        assert rules[name]["OverrideAction"] == {"None": {}}  # the group's own actions: Block
    # Bodies over 8 KB get the function's documented 413, not the rule's 403.
    overrides = rules["AWSManagedRulesCommonRuleSet"]["Statement"]["ManagedRuleGroupStatement"]["RuleActionOverrides"]
    assert overrides == [{"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}]
    assert "8192 bytes" in openapi()["components"]["responses"]["PayloadTooLarge"]["description"]
    # Their blocks are API Gateway's WAF_FILTERED answer: in the error schema, documented on every operation.
    assert openapi()["x-amazon-apigateway-gateway-responses"]["WAF_FILTERED"]["statusCode"] == 403
    for path, method, operation in operations(openapi()):
        assert "403" in operation["responses"], (method, path)
    priorities = [rule["Priority"] for rule in web_acl()["Rules"]]
    assert len(set(priorities)) == len(priorities)
