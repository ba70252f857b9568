"""template.yaml grants and configures what the issue promised, and no more."""

from tools.spec import resources, template

READ_WRITE = {
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:Scan",
}


def function_properties() -> dict:
    return next(iter(resources(template(), "AWS::Serverless::Function").values()))["Properties"]


def test_the_function_reaches_its_tables_and_nothing_else():
    statements = [s for policy in function_properties()["Policies"] for s in policy["Statement"]]
    tables = resources(template(), "AWS::DynamoDB::Table")
    assert all(statement["Effect"] == "Allow" for statement in statements)
    assert {action for s in statements for action in s["Action"]} == READ_WRITE
    granted = [resource for s in statements for resource in s["Resource"]]
    assert sorted(granted, key=str) == sorted(({"Fn::GetAtt": [name, "Arn"]} for name in tables), key=str)


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
