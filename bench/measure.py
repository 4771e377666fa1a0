"""Run one command and print its wall time and peak resident memory as JSON (used by the benchmarks)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    start = time.perf_counter()
    subprocess.run(sys.argv[1:], check=True)
    wall = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall_s": wall, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main()
