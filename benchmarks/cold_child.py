"""One cold start, in a fresh process: import a handler, answer one event, report.

Run by benchmarks/cold.py as `python -P benchmarks/cold_child.py MODULE:FUNCTION EVENT_FILE [BEFORE_FILE]`.
Only the standard library this file needs is imported before the clock starts;
everything the handler imports (its framework, botocore, ...) is timed. With
BEFORE_FILE (a handler module's file), that module is run and its handler answers
the event first, before the clock starts: what is timed is then only what the
handler adds to a process that has done the other's work.
Prints one JSON line: import and first-request milliseconds (wall, and CPU for the
whole), status, peak RSS.
"""

import json
import resource
import sys
import time


# A copy of benchmarks.common.LambdaContext: this file imports nothing of ours
# before the clock starts.
class LambdaContext:
    function_name = "UsersFunction"
    function_version = "$LATEST"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:UsersFunction"
    aws_request_id = "00000000-0000-0000-0000-000000000000"
    log_group_name = "/aws/lambda/UsersFunction"
    log_stream_name = "bench"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


def peak_rss_kib() -> int:
    """This process's peak RSS. Not ru_maxrss, which Linux carries over from the
    parent across fork and exec (the benchmark's own, larger, process)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux; an upper bound


def main() -> None:
    handler_name, event_file, *before = sys.argv[1:]
    with open(event_file) as file:
        event = json.load(file)
    if before:
        # Imported here: without BEFORE_FILE, what runpy imports stays in the timed part.
        import runpy

        # Run as a file, not imported: the same module imported below starts anew.
        runpy.run_path(before[0])["lambda_handler"](event, LambdaContext())
    module_name, _, function_name = handler_name.partition(":")
    started, started_cpu = time.perf_counter(), time.process_time()
    module = __import__(module_name, fromlist=[function_name])
    handler = getattr(module, function_name)
    imported = time.perf_counter()
    response = handler(event, LambdaContext())
    answered, answered_cpu = time.perf_counter(), time.process_time()
    print(
        json.dumps(
            {
                "import_ms": (imported - started) * 1000,
                "first_ms": (answered - imported) * 1000,
                "total_ms": (answered - started) * 1000,
                "cpu_ms": (answered_cpu - started_cpu) * 1000,
                "status": response.get("statusCode"),
                "maxrss_kib": peak_rss_kib(),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
