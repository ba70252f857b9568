"""scripts/serve with the function's store in memory: benchmarks only.

`python -m benchmarks.serve_memory [scripts/serve's options]` runs the local API
exactly as scripts/serve does (local_api.server.main), except that each
time its runtime imports the function, the function's store is replaced by a
MemoryUserStore holding one user, 0000000000000000000001. With the store out
of the way, what load tests measure is the local API itself.
"""

import sys

from local_api import runtime, server

MEMORY_USER_ID = "0000000000000000000001"
_import_handler = runtime._import_handler
_store = []


def _import_with_memory_store(config, code_dir):
    handler = _import_handler(config, code_dir)
    if not _store:
        # Imported only now, so that it shares the users_api.store the runtime just imported.
        from benchmarks.memory_store import MemoryUserStore

        _store.append(MemoryUserStore())
        _store[0].create("Ada Lovelace", "ada@example.com")
    sys.modules[handler.__module__].store = lambda: _store[0]
    return handler


if __name__ == "__main__":
    runtime._import_handler = _import_with_memory_store
    sys.exit(server.main(sys.argv[1:]))
