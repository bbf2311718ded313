"""Prints the one table of `make bench` from the figures one run measured (FIGURES: `name<TAB>value`
lines from sdk_bench, dlopen_bench, python_bench.py and run.sh) and its load curve (LOAD:
offered, achieved/s, p50 ms, p99 ms, errors). Every figure stands beside its bound or reference
from the same run, and their ratio; the targets of issue 10 are printed beside, never asserted.
Also writes the table as TSV to OUT.

    table.py FIGURES LOAD OUT
"""
import sys


def read_figures(path: str) -> dict:
    figures = {}
    for line in open(path, encoding="utf-8"):
        name, _, value = line.rstrip("\n").partition("\t")
        try:
            figures[name] = float(value)
        except ValueError:
            pass
    return figures


def read_load(path: str) -> list:
    rows = []
    for line in open(path, encoding="utf-8"):
        fields = line.split()
        if fields and not fields[0].startswith("#"):
            rows.append([float(x) for x in fields[:5]])
    return rows


def main(figures_path: str, load_path: str, out_path: str) -> None:
    f = read_figures(figures_path)
    load = read_load(load_path)
    get = lambda name: f.get(name, float("nan"))  # noqa: E731 (a missing figure prints as nan)
    cores = get("cores")
    # The CPU one signed round trip costs: the SDK signs the request and verifies the answer, the
    # front verifies the request and signs the answer.
    crypto_ms = 2000 / get("sm2_sign_per_s") + 2000 / get("sm2_verify_per_s")
    signed_bound_ms = crypto_ms + get("healthz_ms") + get("commit_ms")
    throughput_bound = cores * 1000 / crypto_ms
    saturated = [row for row in load if row[3] < 50 and row[4] == 0]
    best = max(saturated, key=lambda row: row[1]) if saturated else [float("nan")] * 5

    rows = [
        # figure, value, unit, reference, reference value, ratio, target
        ("load average (1 min) at the start", get("loadavg_1min"), "", "cores", cores,
         get("loadavg_1min") / cores, "≈ 1 on a quiet machine"),
        ("SM2 sign, per CPU second", get("sm2_sign_per_s"), "/s", "", None, None, ""),
        ("SM2 verify, per CPU second", get("sm2_verify_per_s"), "/s", "", None, None, ""),
        ("unsigned keep-alive GET /healthz", get("healthz_ms"), "ms", "", None, None, ""),
        ("synced commit (8 KiB append + fdatasync)", get("commit_ms"), "ms", "", None, None, ""),
        ("signed whoami, 1 thread, C", get("whoami_c_ms"), "ms", "2 signs+2 verifies+healthz+commit",
         signed_bound_ms, get("whoami_c_ms") / signed_bound_ms, "≤ 1.15"),
        ("signed whoami, 1 thread, Python binding", get("whoami_python_ms"), "ms", "same bound",
         signed_bound_ms, get("whoami_python_ms") / signed_bound_ms, "≤ 1.15"),
    ]
    rows.append(("CPU per signed whoami (client + front), 1 thread", get("whoami_c_cpu_ms"), "ms",
                 "2 signs + 2 verifies (CPU)", crypto_ms, get("whoami_c_cpu_ms") / crypto_ms, ""))
    for threads in (4, 16):
        rate = get("whoami_t%d_per_s" % threads)
        rows.append(("front throughput, %d client threads" % threads, rate, "/s",
                     "SM2 bound of %d cores" % cores, throughput_bound, rate / throughput_bound, "≥ 0.70"))
        rows.append(("  p50 / p99 at %d threads" % threads, get("whoami_t%d_p50_ms" % threads), "ms",
                     "p99", get("whoami_t%d_p99_ms" % threads), None, "p99 < 50 ms"))
        # On cores of its own the pair could do cores / (CPU per call): the contention-free view.
        implied = cores * 1000 / get("whoami_t%d_cpu_ms" % threads)
        rows.append(("  throughput implied by CPU per call, %d threads" % threads, implied, "/s",
                     "SM2 bound of %d cores" % cores, throughput_bound, implied / throughput_bound, "≥ 0.70"))
    rows += [
        ("disk syncs per signed call, 1 thread", get("syncs_per_call_t1"), "", "one durable commit", 1.0,
         get("syncs_per_call_t1"), "1"),
        ("disk syncs per signed call, 16 threads", get("syncs_per_call_t16"), "", "one durable commit", 1.0,
         get("syncs_per_call_t16"), "< 1 (group commit)"),
    ]
    for store, label in (("sqlite", "SQLite"), ("postgres", "PostgreSQL")):
        rows += [
            ("%s store: signed whoami, 1 thread" % label, get(store + "_whoami_c_ms"), "ms",
             "2 signs+2 verifies+healthz+commit", signed_bound_ms, get(store + "_whoami_c_ms") / signed_bound_ms,
             "≤ 1.15"),
            ("  throughput, 16 client threads", get(store + "_whoami_t16_per_s"), "/s",
             "SM2 bound of %d cores" % cores, throughput_bound, get(store + "_whoami_t16_per_s") / throughput_bound,
             "≥ 0.70"),
            ("  p50 / p99 at 16 threads", get(store + "_whoami_t16_p50_ms"), "ms", "p99",
             get(store + "_whoami_t16_p99_ms"), None, "p99 < 50 ms"),
        ]
    rows += [
        ("PostgreSQL: WAL syncs per signed call, 1 thread", get("postgres_syncs_per_call_t1"), "",
         "one durable commit", 1.0, get("postgres_syncs_per_call_t1"), "1"),
        ("PostgreSQL: WAL syncs per signed call, 16 threads", get("postgres_syncs_per_call_t16"), "",
         "one durable commit", 1.0, get("postgres_syncs_per_call_t16"), "< 1 (group commit)"),
    ]
    rows += [
        ("load curve: best rate with p99 < 50 ms", best[1], "/s", "SM2 bound of %d cores" % cores,
         throughput_bound, best[1] / throughput_bound, "≥ 0.70"),
        ("requests+gmssl client, signed whoami", get("whoami_integrator_ms"), "ms", "Python binding",
         get("whoami_python_ms"), get("whoami_integrator_ms") / get("whoami_python_ms"), "≥ 20"),
        ("  the same in CPU per call (client + front)", get("whoami_integrator_cpu_ms"), "ms", "Python binding",
         get("whoami_python_cpu_ms"), get("whoami_integrator_cpu_ms") / get("whoami_python_cpu_ms"), "≥ 20"),
        ("  the same in the client's own CPU per call", get("whoami_integrator_client_cpu_ms"), "ms",
         "Python binding", get("whoami_python_client_cpu_ms"),
         get("whoami_integrator_client_cpu_ms") / get("whoami_python_client_cpu_ms"), "≥ 20"),
        ("material, PDF", get("material_pdf_ms"), "ms", "license fetch (no render)",
         get("license_fetch_ms"), get("material_pdf_ms") / get("license_fetch_ms"), "≤ 30 ms"),
        ("material, PNG", get("material_png_ms"), "ms", "material, PDF", get("material_pdf_ms"),
         get("material_png_ms") / get("material_pdf_ms"), ""),
        ("  PDF render alone, CPU", get("material_pdf_cpu_ms"), "ms", "material, PDF", get("material_pdf_ms"),
         get("material_pdf_cpu_ms") / get("material_pdf_ms"), "≤ 30 ms"),
        ("  PNG render alone, CPU", get("material_png_cpu_ms"), "ms", "PDF render, CPU", get("material_pdf_cpu_ms"),
         get("material_png_cpu_ms") / get("material_pdf_cpu_ms"), ""),
        ("libelicense.so, stripped", get("so_bytes") / 1e6, "MB", "10 MB target", 10.0,
         get("so_bytes") / 1e7, "< 1"),
        ("  libswift* needed at run time", get("so_libswift_needed"), "", "", None, None, "0"),
        ("dlopen + first client", get("dlopen_client_ms"), "ms", "dlopen alone", get("dlopen_ms"),
         get("dlopen_client_ms") / get("dlopen_ms"), ""),
        ("USCC checks per CPU second, C ABI", get("uscc_c_per_s") / 1e6, "M/s", "Swift, in process", get("uscc_swift_per_s") / 1e6,
         get("uscc_c_per_s") / get("uscc_swift_per_s"), "> 10 M/s both"),
        ("RSS of the front, idle", get("front_rss_idle_kib") / 1024, "MiB", "", None, None, ""),
        ("RSS of the front, after load", get("front_rss_loaded_kib") / 1024, "MiB", "idle",
         get("front_rss_idle_kib") / 1024, get("front_rss_loaded_kib") / get("front_rss_idle_kib"), ""),
        ("  soak: RSS at end / at start", get("soak_rss_end_kib") / 1024, "MiB", "start",
         get("soak_rss_start_kib") / 1024, get("soak_rss_end_kib") / get("soak_rss_start_kib"), "no growth"),
        ("RSS added per SDK client", get("rss_per_client_kib"), "KiB", "", None, None, ""),
    ]

    def number(value) -> str:
        if value is None:
            return ""
        if value != value:
            return "n/a"
        return "%.3g" % value if abs(value) < 100 else "%.0f" % value

    header = ("figure", "value", "unit", "bound / reference", "ref. value", "ratio", "target")
    cells = [header] + [(r[0], number(r[1]), r[2], r[3], number(r[4]), number(r[5]), r[6]) for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        print("  ".join(cell.ljust(widths[i]) if i in (0, 2, 3, 6) else cell.rjust(widths[i])
                        for i, cell in enumerate(row)).rstrip())
    with open(out_path, "w", encoding="utf-8") as out:
        for row in cells:
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
