"""SnapStart's runtime hooks, or stand-ins that register nothing where there are none.

Lambda's Python managed runtimes include snapshot_restore_py
(https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-python.html),
so the deployed package does not ship it. Anywhere else (tests, the local API,
benchmarks) nothing takes a snapshot, so there is nothing for a hook to do.
"""

try:
    from snapshot_restore_py import register_after_restore, register_before_snapshot
except ImportError:

    def register_before_snapshot(func, *args, **kwargs):
        return func

    register_after_restore = register_before_snapshot

__all__ = ["register_after_restore", "register_before_snapshot"]
