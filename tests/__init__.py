"""The tests, in three tiers by what they need to run: in_process/ (the quick tier),
over_http/ and external_tools/. tests/support/ is what the tiers share. docs/testing.md
says what each tier and each suite covers."""
