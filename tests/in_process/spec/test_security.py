"""openapi.yaml's Cognito and OAuth2 schemes describe one token, with the scopes template.yaml's pool defines."""

import copy

import pytest

from tools.security import security_problems
from tools.spec import openapi, template


def operation(spec, operation_id):
    return next(op for item in spec["paths"].values() for op in item.values() if op.get("operationId") == operation_id)


def test_the_schemes_the_operations_and_the_pool_agree():
    assert security_problems(openapi(), template()) == []


def cognito_scope_differs_from_oauth2(spec, template):
    operation(spec, "getUser")["security"][0]["CognitoUserPool"] = ["users/write"]


def second_requirement(spec, template):
    operation(spec, "listUsers")["security"].append({"OAuth2": ["users/read"]})


def no_requirement(spec, template):
    operation(spec, "deleteUser")["security"] = []


def oauth2_left_out(spec, template):
    del operation(spec, "createUser")["security"][0]["OAuth2"]


def undeclared_scope(spec, template):
    requirement = operation(spec, "updateUser")["security"][0]
    requirement["CognitoUserPool"] = requirement["OAuth2"] = ["users/write", "users/delete"]


def declared_scope_unused(spec, template):
    spec["components"]["securitySchemes"]["OAuth2"]["flows"]["clientCredentials"]["scopes"]["users/delete"] = "All."
    template["Resources"]["UsersResourceServer"]["Properties"]["Scopes"].append({"ScopeName": "delete"})


def read_needs_write_too(spec, template):
    requirement = operation(spec, "listUsers")["security"][0]
    requirement["CognitoUserPool"] = requirement["OAuth2"] = ["users/read", "users/write"]


def write_with_read_scope(spec, template):
    requirement = operation(spec, "deleteUser")["security"][0]
    requirement["CognitoUserPool"] = requirement["OAuth2"] = ["users/read"]


def resource_server_renamed(spec, template):
    template["Resources"]["UsersResourceServer"]["Properties"]["Identifier"] = "people"


def resource_server_scope_dropped(spec, template):
    template["Resources"]["UsersResourceServer"]["Properties"]["Scopes"].pop()


def client_may_not_ask_for_write(spec, template):
    template["Resources"]["UsersServiceClient"]["Properties"]["AllowedOAuthScopes"] = ["users/read"]


def admin_scope_not_declared(spec, template):
    del spec["components"]["securitySchemes"]["OAuth2"]["flows"]["clientCredentials"]["scopes"]["users/admin"]
    scopes = template["Resources"]["UsersResourceServer"]["Properties"]["Scopes"]
    scopes[:] = [scope for scope in scopes if scope["ScopeName"] != "admin"]


def client_may_ask_for_an_undeclared_scope(spec, template):
    template["Resources"]["UsersServiceClient"]["Properties"]["AllowedOAuthScopes"].append("users/delete")


def authorizer_points_at_another_pool(spec, template):
    authorizer = spec["components"]["securitySchemes"]["CognitoUserPool"]["x-amazon-apigateway-authorizer"]
    authorizer["providerARNs"] = [{"Fn::Sub": "${OtherPool.Arn}"}]


def cognito_scheme_typed_oauth2(spec, template):
    spec["components"]["securitySchemes"]["CognitoUserPool"]["type"] = "oauth2"


def authorizer_of_another_type(spec, template):
    spec["components"]["securitySchemes"]["CognitoUserPool"]["x-amazon-apigateway-authorizer"]["type"] = "token"


def api_key_on_a_read(spec, template):
    operation(spec, "getUser")["security"][0]["ApiKey"] = []


def no_api_key_on_a_write(spec, template):
    del operation(spec, "updateUser")["security"][0]["ApiKey"]


def undocumented_401(spec, template):
    del operation(spec, "createUser")["responses"]["401"]


@pytest.mark.parametrize(
    "change",
    [
        cognito_scope_differs_from_oauth2,
        second_requirement,
        no_requirement,
        oauth2_left_out,
        undeclared_scope,
        declared_scope_unused,
        read_needs_write_too,
        write_with_read_scope,
        resource_server_renamed,
        resource_server_scope_dropped,
        client_may_not_ask_for_write,
        admin_scope_not_declared,
        client_may_ask_for_an_undeclared_scope,
        authorizer_points_at_another_pool,
        cognito_scheme_typed_oauth2,
        authorizer_of_another_type,
        api_key_on_a_read,
        no_api_key_on_a_write,
        undocumented_401,
    ],
)
def test_a_change_in_one_place_only_is_caught(change):
    spec, tmpl = copy.deepcopy(openapi()), copy.deepcopy(template())
    change(spec, tmpl)
    assert security_problems(spec, tmpl) != []
