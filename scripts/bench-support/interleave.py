#!/usr/bin/env python3
"""Times two commands taken in turn, so that both meet the same load on a shared machine.

usage: interleave.py ROUNDS OUTPUT_JSON COMMAND_A COMMAND_B

Each round runs A then B, or B then A (alternately, so neither always runs first), and measures each run's wall
time. Writes the median wall seconds of each and the median of the per-round ratios B/A to OUTPUT_JSON.
"""
import json
import shlex
import statistics
import subprocess
import sys
import time


def wall(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    rounds, output, first, second = int(sys.argv[1]), sys.argv[2], shlex.split(sys.argv[3]), shlex.split(sys.argv[4])
    for command in (first, second):  # warm-up: caches, page cache, the dynamic loader
        wall(command)
    a, b = [], []
    for index in range(rounds):
        if index % 2 == 0:
            a.append(wall(first))
            b.append(wall(second))
        else:
            b.append(wall(second))
            a.append(wall(first))
    result = {
        "median_a": statistics.median(a),
        "median_b": statistics.median(b),
        "median_ratio": statistics.median(y / x for x, y in zip(a, b)),
        "rounds": rounds,
    }
    with open(output, "w") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main()
