"""Many calls at once, for the race tests."""

import threading
from collections.abc import Callable


def all_at_once(calls: list[Callable[[], object]]) -> list:
    """Each call in a thread of its own, all released by one barrier: what each
    returned, or the exception it raised, in the order of `calls`."""
    barrier = threading.Barrier(len(calls))
    answers: list = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            answers[i] = calls[i]()
        except BaseException as error:  # the caller counts them with the others
            answers[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
