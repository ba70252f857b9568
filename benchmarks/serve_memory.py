"""scripts/serve with the function's store in memory: benchmarks only.

`python -m benchmarks.serve_memory [scripts/serve's options]` runs the local API
exactly as scripts/serve does (sam_local_api.cli.main), except that the function
answers through `users_api.app.handle` with a MemoryUserStore holding one user,
0000000000000000000001, passed in as its store. With the store out of the way,
what load tests measure is the local API itself.
"""

import sys

from sam_local_api.cli import main as serve
from sam_local_api.runtime import InProcessRuntime

from benchmarks.common import SRC

MEMORY_USER_ID = "0000000000000000000001"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(SRC))
    from benchmarks.memory_store import MemoryUserStore
    from users_api import app

    store = MemoryUserStore()
    store.create({"name": "Ada Lovelace", "email": "ada@example.com"})
    runtime = InProcessRuntime(handlers={"UsersFunction": lambda event, context: app.handle(event, lambda: store)})
    return serve(argv, runtime=runtime)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
