"""The email format the validators check (tools/codegen.py's FORMATS) is fastjsonschema's own,
written so that no input makes it backtrack: the two agree on every string without a newline
(which the spec's email pattern refuses before either format is asked). And no pattern the
validators run takes more than linear time on the inputs that make a regex backtrack most
(issue 27)."""

import re
import subprocess
import sys

from fastjsonschema.draft04 import CodeGeneratorDraft04
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.codegen import FORMATS
from tools.spec import ROOT, openapi, resolve
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


# Every pattern the validators run (the spec's and the formats'), fed the inputs that make a
# backtracking regex work hardest: two of the characters the patterns turn on, repeated, after
# a prefix, then a character that fails the match; 128 KB each, sixteen times the largest body.
# Timed by nothing but a deadline far from both outcomes: here all of them take about 3 s
# together; the quadratic email format this replaced takes over 300 s on its 8 worst of them.
WORST_CASES = r"""
import itertools, re
from users_api.spec_validators import REGEX_SOURCES
pieces = "a0.@-+ _\"\x7f"
cases = itertools.product(("", "a@", "a"), itertools.combinations(pieces, 2), ("\x00", "@", "!"))
texts = [prefix + (first + second) * 65536 + end for prefix, (first, second), end in cases]
for source in REGEX_SOURCES.values():
    pattern = re.compile(source)
    for text in texts:
        pattern.search(text)
        pattern.match(text)
"""


def test_no_pattern_takes_more_than_linear_time_on_its_worst_cases():
    ran = subprocess.run(
        [sys.executable, "-c", WORST_CASES], cwd=ROOT / "src", capture_output=True, text=True, timeout=60, check=False
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
