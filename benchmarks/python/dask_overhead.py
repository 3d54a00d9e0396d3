#!/usr/bin/python3
"""Per-task overhead of Dask's threaded scheduler, on the fan-out of Rivulet's `overhead` benchmark:
100,000 no-op tasks, as many worker threads as processors.

Two ways of running them are timed, each from building the tasks to having every result, as
Rivulet's rounds are timed from the first submit to the last get:
  delayed    dask.delayed(noop)(i) for each i, then dask.compute(tasks, scheduler="threads")
             (the user-facing API, as Rivulet's submit is; this is the figure)
  raw graph  a hand-made graph {key: (noop, i)} given to dask.threaded.get: the scheduler alone
A warm-up round of a tenth of the tasks comes first; then each way runs --rounds times and its
median round is reported.

The last line printed is the figure line: dask-overhead: dask=<us>us/task
If RIVULET_US_PER_TASK is set (benchmarks/run sets it), Rivulet's figure is printed beside it.

Usage: dask_overhead.py [--tasks N] [--rounds N] [--threads N]
"""

import argparse
import os
import platform
import statistics
import time

import dask
import dask.threaded
from dask import delayed


def noop(value):
    return value


def delayed_round(tasks, threads):
    start = time.perf_counter()
    futures = [delayed(noop)(i) for i in range(tasks)]
    (results,) = dask.compute(futures, scheduler="threads", num_workers=threads)
    elapsed = time.perf_counter() - start
    check(results, tasks)
    return elapsed


def raw_graph_round(tasks, threads):
    start = time.perf_counter()
    graph = {("noop", i): (noop, i) for i in range(tasks)}
    results = dask.threaded.get(graph, list(graph), num_workers=threads)
    elapsed = time.perf_counter() - start
    check(results, tasks)
    return elapsed


def check(results, tasks):
    expected = tasks * (tasks - 1) // 2
    if sum(results) != expected:
        raise AssertionError(f"dask computed {sum(results)}, expected {expected}")


def measure(name, one_round, args):
    one_round(max(1, args.tasks // 10), args.threads)  # warm-up
    seconds = [one_round(args.tasks, args.threads) for _ in range(args.rounds)]
    per_task = [s / args.tasks * 1e6 for s in seconds]
    median = statistics.median(per_task)
    print(f"  {name:<10} {median:8.2f} us/task  (min {min(per_task):.2f}, max {max(per_task):.2f}; "
          f"median round {statistics.median(seconds) * 1000:.1f} ms)", flush=True)
    return median


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    print(f"Task overhead on Dask {dask.__version__} (Python {platform.python_version()}), "
          f"threaded scheduler, num_workers={args.threads}")
    print(f"{args.tasks} no-op tasks a round; a warm-up round of {max(1, args.tasks // 10)}, "
          f"then {args.rounds} measured rounds of each way; the median round is reported", flush=True)
    dask_us = measure("delayed", delayed_round, args)
    raw_us = measure("raw graph", raw_graph_round, args)
    rivulet = os.environ.get("RIVULET_US_PER_TASK")
    if rivulet:
        rivulet_us = float(rivulet)
        print(f"  {'rivulet':<10} {rivulet_us:8.2f} us/task  (benchmarks/run overhead -p shape=fan-out: "
              f"same fan-out, same number of threads)")
        print(f"  dask delayed / rivulet = {dask_us / rivulet_us:.0f}x; "
              f"dask raw graph / rivulet = {raw_us / rivulet_us:.0f}x")
    print(f"dask-overhead: dask={dask_us:.2f}us/task", flush=True)


if __name__ == "__main__":
    main()
