"""openapi.yaml, template.yaml, the route table and the generated validators stay in step."""

import copy
import re

import pytest

from tools import codegen
from tools.drift import drift
from tools.spec import openapi, template
from users_api import app, spec_validators
from users_api.proxy import MAX_BODY_BYTES


def test_spec_template_and_routes_agree():
    assert drift(openapi(), template(), app.ROUTES) == []


def renamed_path(spec, template, routes):
    spec["paths"]["/user/fetch"] = spec["paths"].pop("/user/get-user")


def changed_method(spec, template, routes):
    item = spec["paths"]["/user/update"]
    item["patch"] = item.pop("put")


def operation_missing_from_routes(spec, template, routes):
    del routes["/user/delete"]


def route_to_the_wrong_operation(spec, template, routes):
    routes["/user/get-user"]["GET"] = routes["/user/get-details"]["GET"]


def operation_missing_from_spec(spec, template, routes):
    del spec["paths"]["/user/create"]["post"]


def handler_renamed_in_template(spec, template, routes):
    template["Resources"]["UsersFunction"]["Properties"]["Handler"] = "app.handler"


def integration_to_another_function(spec, template, routes):
    uri = spec["paths"]["/user/create"]["post"]["x-amazon-apigateway-integration"]["uri"]
    uri["Fn::Sub"] = uri["Fn::Sub"].replace("UsersFunction", "OtherFunction")


def integration_to_latest(spec, template, routes):
    uri = spec["paths"]["/user/get-user"]["get"]["x-amazon-apigateway-integration"]["uri"]
    uri["Fn::Sub"] = uri["Fn::Sub"].replace(":live/", "/")


def alias_renamed_in_template(spec, template, routes):
    template["Resources"]["UsersFunction"]["Properties"]["AutoPublishAlias"] = "current"


def other_methods_sent_to_the_function(spec, template, routes):
    item = spec["paths"]["/user/delete"]
    proxy = item["delete"]["x-amazon-apigateway-integration"]
    item["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"] = proxy


def method_not_allowed_names_another_method(spec, template, routes):
    mock = spec["paths"]["/user/get-user"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]
    mock["responses"]["default"]["responseParameters"]["method.response.header.Allow"] = "'GET, PUT'"


def preflight_allows_another_method(spec, template, routes):
    mock = spec["paths"]["/user/update"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]
    mock["responses"]["204"]["responseParameters"]["method.response.header.Access-Control-Allow-Methods"] = "'GET'"


def catch_all_path(spec, template, routes):
    spec["paths"]["/{proxy+}"] = spec["paths"]["/user/delete"]


def unknown_paths_answered_403(spec, template, routes):
    spec["x-amazon-apigateway-gateway-responses"]["MISSING_AUTHENTICATION_TOKEN"]["statusCode"] = 403


def table_not_handed_to_the_function(spec, template, routes):
    del template["Resources"]["UsersFunction"]["Properties"]["Environment"]["Variables"]["USER_EMAILS_TABLE"]


@pytest.mark.parametrize(
    "change",
    [
        renamed_path,
        changed_method,
        operation_missing_from_routes,
        route_to_the_wrong_operation,
        operation_missing_from_spec,
        handler_renamed_in_template,
        integration_to_another_function,
        integration_to_latest,
        alias_renamed_in_template,
        other_methods_sent_to_the_function,
        method_not_allowed_names_another_method,
        preflight_allows_another_method,
        catch_all_path,
        unknown_paths_answered_403,
        table_not_handed_to_the_function,
    ],
)
def test_a_change_in_one_place_only_is_caught(change):
    spec, tmpl = copy.deepcopy(openapi()), copy.deepcopy(template())
    routes = {path: dict(methods) for path, methods in app.ROUTES.items()}
    change(spec, tmpl, routes)
    assert drift(spec, tmpl, routes) != []


def test_generated_validators_match_the_spec():
    assert codegen.TARGET.read_text() == codegen.render(openapi()), "run: scripts/generate"


def test_generated_validators_follow_a_change_in_the_spec():
    spec = copy.deepcopy(openapi())
    spec["components"]["schemas"]["Name"]["maxLength"] = 50
    assert codegen.render(spec) != codegen.TARGET.read_text()


def test_every_operation_in_the_spec_has_validators():
    operation_ids = {entry[0] for methods in app.ROUTES.values() for entry in methods.values()}
    assert set(spec_validators.OPERATIONS) == operation_ids


def test_the_body_size_limit_is_the_documented_one():
    documented = openapi()["components"]["responses"]["PayloadTooLarge"]["description"]
    assert re.search(rf"\b{MAX_BODY_BYTES} bytes\b", documented)
