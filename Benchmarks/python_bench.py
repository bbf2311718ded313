"""The Python rows of `make bench`: signed whoami per call through the Python binding and through
the requests + gmssl client an integrator would write (integrator_client.py), one after the
other against the same front. Each reports the wall time per call, the CPU time per call of
this process and the front together (what a shared machine's other work does not inflate), and
that of this process alone (what the integrator's own process pays for a call).
Prints `name<TAB>value` lines for table.py; asserts nothing.

    python_bench.py CONFIG FRONT_PID
"""
import os
import sys
import time

import elicense
from integrator_client import IntegratorClient


def front_cpu(pid: int) -> float:
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def per_call_ms(call, seconds: float, pid: int) -> tuple:
    call()  # connection and keys
    n, start, own, front = 0, time.perf_counter(), time.process_time(), front_cpu(pid)
    while time.perf_counter() - start < seconds:
        call()
        n += 1
    wall = (time.perf_counter() - start) / n * 1000
    own = (time.process_time() - own) / n * 1000
    return wall, own + (front_cpu(pid) - front) / n * 1000, own


def main(config: str, pid: int) -> None:
    for name, client, seconds in [
        ("python", elicense.Client.from_file(config), 4.0),
        ("integrator", IntegratorClient(config), 8.0),
    ]:
        wall, cpu, own = per_call_ms(client.whoami, seconds, pid)
        print("whoami_%s_ms\t%.6g\nwhoami_%s_cpu_ms\t%.6g\nwhoami_%s_client_cpu_ms\t%.6g"
              % (name, wall, name, cpu, name, own), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
