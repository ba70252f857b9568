"""Every problem text the function's validators can give is in the documented
list (openapi.yaml, Error.errors.problem), numbers standing for N."""

import re

from tools.spec import openapi
from users_api.spec_validators import PROBLEMS

DESCRIPTION = openapi()["components"]["schemas"]["Error"]["properties"]["errors"]["items"]["properties"]["problem"][
    "description"
]
DOCUMENTED = set(re.findall(r"`([^`]+)`", " ".join(DESCRIPTION.split())))


def test_every_generated_problem_is_documented():
    generated = {problem for problems in PROBLEMS.values() for problem in problems.values()}
    undocumented = {
        problem
        for problem in generated
        if problem not in DOCUMENTED and re.sub(r"\b[0-9]+\b", "N", problem) not in DOCUMENTED
    }
    assert undocumented == set()


def test_a_problem_names_no_regex_and_no_python_value():
    generated = {problem for problems in PROBLEMS.values() for problem in problems.values()}
    assert [problem for problem in generated if re.search(r"[\^$\[\]{}'\"]", problem)] == []
