#!/usr/bin/env python3
"""Runs a command and prints `wall_s cpu_s peak_mib` (children's rusage)."""
import resource
import subprocess
import sys
import time

start = time.perf_counter()
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
if result.returncode != 0:
    sys.stderr.write(result.stderr.decode(errors="replace")[-2000:])
    sys.exit(result.returncode)
print(f"{wall:.2f} {usage.ru_utime + usage.ru_stime:.2f} {usage.ru_maxrss / 1024:.0f}")
