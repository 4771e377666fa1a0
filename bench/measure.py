"""Run one command and print its wall time and peak resident memory as JSON (used by the benchmarks).

`peak_mib` is the largest resident set of any one process of the command (getrusage of the children);
`peak_total_mib` is the largest sum over the command's processes seen by a thread polling /proc every 50 ms
(Linux), so a command that forks workers is not measured by its largest process alone. The wall time is taken
when the command exits, not at the next poll.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (0 once it is gone or without /proc)."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def main() -> None:
    start = time.perf_counter()
    process = subprocess.Popen(sys.argv[1:])
    peak_total = [0]
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.05):
            peak_total[0] = max(peak_total[0], _tree_rss_kib(process.pid))

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    returncode = process.wait()
    wall = time.perf_counter() - start
    done.set()
    poller.join()
    if returncode:
        raise subprocess.CalledProcessError(returncode, sys.argv[1:])
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    total = max(peak_total[0], peak_kib)
    print(json.dumps({"wall_s": wall, "peak_mib": peak_kib / 1024, "peak_total_mib": total / 1024}))


if __name__ == "__main__":
    main()
