"""The email format the validators check (tools/codegen.py's FORMATS) is fastjsonschema's own,
written so that no input makes it backtrack: the two agree on every string without a newline
(which the spec's email pattern refuses before either format is asked)."""

import re

from fastjsonschema.draft04 import CodeGeneratorDraft04
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.codegen import FORMATS
from tools.spec import openapi, resolve
from users_api.spec_validators import REGEX_PATTERNS

FASTJSONSCHEMAS = re.compile(CodeGeneratorDraft04.FORMAT_REGEXS["email"])
OURS = re.compile(FORMATS["email"])
# The spec's email pattern, as the validators compile it.
EMAIL_PATTERN = REGEX_PATTERNS[resolve(openapi()["components"]["schemas"]["Email"], openapi())["pattern"]]

# The characters the format's parts turn on, and a few others.
PIECES = st.text(st.sampled_from("a.@-b0_\t é"), max_size=12)


@settings(max_examples=3000, deadline=None)
@given(PIECES)
def test_it_is_fastjsonschemas_email_format(text):
    assert bool(OURS.match(text)) == bool(FASTJSONSCHEMAS.match(text)), text


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("a.@\n"), max_size=10))
def test_where_they_differ_the_pattern_refuses(text):
    if bool(OURS.match(text)) != bool(FASTJSONSCHEMAS.match(text)):
        assert "\n" in text
        assert not EMAIL_PATTERN.search(text)
