#!/usr/bin/python3
"""No-op tasks on Dask distributed, the baseline of Rivulet's `hazelcast-runner` benchmark: a
LocalCluster of 2 worker processes of one thread each on 127.0.0.1, and a client in this process.

Two ways of running the tasks are timed, each from the first submit to having every result:
  submit  client.submit(noop, i, pure=False) for each i, one call at a time, then client.gather
          (tasks submitted one by one, as Rivulet's flow submits them; this is the figure)
  map     client.map(noop, range(n), pure=False), then client.gather: Dask's batched way, an extra
A warm-up of --warmup tasks each way comes first; then --rounds rounds, the two ways alternating
which goes first, and each way's median round is reported. After each round the futures are
released and the scheduler is waited on until it has forgotten their tasks, so that a round does not
pay for the previous one's clean-up.

The last line printed is the machine-readable one: dask: submit=<tasks/s> map=<tasks/s>

Usage: dask_distributed.py [TASKS] [--rounds N] [--warmup N]
"""

import argparse
import platform
import statistics
import time

import dask
import distributed
from distributed import Client, LocalCluster


def noop(value):
    return value


def submit_round(client, tasks):
    return timed_round(client, tasks, lambda: [client.submit(noop, i, pure=False) for i in range(tasks)])


def map_round(client, tasks):
    return timed_round(client, tasks, lambda: client.map(noop, range(tasks), pure=False))


def timed_round(client, tasks, send):
    """Seconds from sending the tasks to having gathered every result."""
    start = time.perf_counter()
    futures = send()
    results = client.gather(futures)
    elapsed = time.perf_counter() - start
    check(results, tasks)
    del futures
    return elapsed


def check(results, tasks):
    expected = tasks * (tasks - 1) // 2
    if sum(results) != expected:
        raise AssertionError(f"dask computed {sum(results)}, expected {expected}")


def scheduler_tasks(dask_scheduler):
    return len(dask_scheduler.tasks)


def await_forgotten(client, timeout=30.0):
    """Waits until the scheduler holds no task, the released futures' clean-up done."""
    deadline = time.monotonic() + timeout
    while client.run_on_scheduler(scheduler_tasks) > 0 and time.monotonic() < deadline:
        time.sleep(0.05)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", type=int, nargs="?", default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1_000)
    args = parser.parse_args()
    if args.tasks < 1 or args.rounds < 1 or args.warmup < 0:
        parser.error("TASKS and --rounds must be at least 1, --warmup at least 0")

    ways = {"submit": submit_round, "map": map_round}
    seconds = {name: [] for name in ways}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        print(f"Dask {dask.__version__}, distributed {distributed.__version__} (Python {platform.python_version()}): "
              f"LocalCluster of 2 worker processes x 1 thread on 127.0.0.1", flush=True)
        if args.warmup:
            for one_round in ways.values():
                one_round(client, args.warmup)
                await_forgotten(client)
        for r in range(args.rounds):
            order = list(ways) if r % 2 == 0 else list(reversed(ways))
            for name in order:
                seconds[name].append(ways[name](client, args.tasks))
                await_forgotten(client)

    rates = {}
    for name, rounds in seconds.items():
        median = statistics.median(rounds)
        rates[name] = args.tasks / median
        print(f"  dask {name:<7} {rates[name]:9.0f} tasks/s  (median round {median * 1000:.1f} ms, "
              f"min {min(rounds) * 1000:.1f}, max {max(rounds) * 1000:.1f}; {args.rounds} rounds of {args.tasks} tasks)",
              flush=True)
    print(f"dask: submit={rates['submit']:.0f} map={rates['map']:.0f}", flush=True)


if __name__ == "__main__":
    main()
