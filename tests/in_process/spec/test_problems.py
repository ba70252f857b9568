"""The words an error names a fault with: one table for the function and the local API
(sam_local_api.problems), each schema keyword's default or the schema's own x-problem, and
every one the function's validators can give listed in openapi.yaml (Error.errors.problem),
as scripts/generate writes the list."""

import copy
import re

import pytest

from tests.support.schema_values import with_properties
from tools import codegen
from tools.generate import PROBLEMS_END, PROBLEMS_START, problem_words, with_problem_words
from tools.spec import OPENAPI_PATH, openapi
from users_api.spec_validators import PROBLEMS

DESCRIPTION = openapi()["components"]["schemas"]["Error"]["properties"]["errors"]["items"]["properties"]["problem"][
    "description"
]
DOCUMENTED = set(re.findall(r"`([^`]+)`", " ".join(DESCRIPTION.split())))


def test_every_generated_problem_is_documented():
    generated = {problem for problems in PROBLEMS.values() for problem in problems.values()}
    assert generated - DOCUMENTED == set()


def test_the_spec_lists_what_scripts_generate_lists():
    text = OPENAPI_PATH.read_text()
    assert with_problem_words(text) == text, "openapi.yaml's list of problem words is stale: run scripts/generate"


def test_the_list_follows_a_new_property():
    words = "must be a colour such as #0a0b0c"
    colour = {"type": "string", "pattern": "^#[0-9a-f]{6}$", "x-problem": words}
    text = OPENAPI_PATH.read_text()
    assert words not in text[text.index(PROBLEMS_START) : text.index(PROBLEMS_END)]
    assert words in problem_words(with_properties(openapi(), {"colour": colour}))


def test_a_problem_names_no_regex_and_no_python_value():
    generated = {problem for problems in PROBLEMS.values() for problem in problems.values()}
    assert [problem for problem in generated if re.search(r"[\^$\[\]{}'\"]", problem)] == []


EVERY_KIND_PROBLEMS = codegen.request_contract(with_properties(openapi()))[2]


@pytest.mark.parametrize(
    ("place", "keyword", "words"),
    [
        ("createUser:body.newsletter", "type", "must be true or false"),
        ("createUser:body.phone", "type", "must be a string or null"),
        ("createUser:body.phone", "pattern", "must be a phone number in E.164 form, such as +14155550123"),
        ("createUser:body.plan", "enum", "must be free, team or enterprise"),
        ("createUser:body.age", "type", "must be an integer"),
        ("createUser:body.age", "maximum", "must be at most 150"),
        ("createUser:body.score", "type", "must be a number"),
        ("createUser:body.score", "not", "must be 0 or at least 1e-130 away from 0"),
        ("createUser:body.tags", "type", "must be a list"),
        ("createUser:body.tags", "maxItems", "must have at most 5 items"),
        ("createUser:body.tags", "uniqueItems", "must not repeat an item"),
        ("createUser:body.tags[]", "pattern", "must be lowercase letters, digits or -"),
        ("createUser:body.address", "type", "must be a JSON object"),
        ("createUser:body.address", "required", "is required"),
        ("createUser:body.address", "additionalProperties", "is not allowed"),
        ("createUser:body.address.postcode", "pattern", "must be five digits"),
    ],
)
def test_every_kind_has_its_words(place, keyword, words):
    assert EVERY_KIND_PROBLEMS[place][keyword] == words


def test_a_keyword_without_words_stops_the_generator():
    spec = copy.deepcopy(openapi())
    spec["components"]["schemas"]["Name"]["contentMediaType"] = "text/plain"
    with pytest.raises(codegen.SpecError, match="no problem words for contentMediaType"):
        codegen.request_contract(spec)
