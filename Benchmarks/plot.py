"""The load curve of `make bench` as a PNG: achieved throughput and p50/p99 latency of signed
whoami against the offered rate (LOAD: offered, achieved/s, p50 ms, p99 ms, errors), with the
SM2 bound of the cores (BOUND, calls/s) drawn across.

    plot.py LOAD BOUND OUT.png [TITLE]
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)


def main(load_path: str, bound: float, out: str, title: str) -> None:
    rows = [[float(x) for x in line.split()[:5]] for line in open(load_path) if line.strip() and line[0] != "#"]
    offered = [r[0] for r in rows]
    figure, rate_axis = plt.subplots(figsize=(8, 4.5), dpi=110)
    rate_axis.plot(offered, [r[1] for r in rows], "o-", color="tab:blue", label="achieved calls/s")
    rate_axis.axhline(bound, color="tab:blue", linestyle=":", label="SM2 bound of the cores")
    rate_axis.axhline(0.7 * bound, color="tab:gray", linestyle=":", label="70 % of the bound")
    rate_axis.set_xlabel("offered load, signed whoami calls/s")
    rate_axis.set_ylabel("achieved calls/s", color="tab:blue")
    latency_axis = rate_axis.twinx()
    latency_axis.plot(offered, [r[2] for r in rows], "s-", color="tab:green", label="p50 latency")
    latency_axis.plot(offered, [r[3] for r in rows], "^-", color="tab:red", label="p99 latency")
    latency_axis.axhline(50, color="tab:red", linestyle="--", linewidth=0.8, label="p99 target 50 ms")
    latency_axis.set_yscale("log")
    latency_axis.set_ylabel("latency from scheduled start, ms (log)")
    lines = rate_axis.get_legend_handles_labels()
    more = latency_axis.get_legend_handles_labels()
    rate_axis.legend(lines[0] + more[0], lines[1] + more[1], loc="upper left", fontsize=8)
    rate_axis.set_title(title, fontsize=10)
    figure.tight_layout()
    figure.savefig(out)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
