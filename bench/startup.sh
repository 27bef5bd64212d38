#!/bin/sh
# startup.sh [QWASM] [RUNS]: start-up cost of `qwasm -e ''`: wall time over RUNS runs (default
# 200; median, mean and best) and peak RSS over 20 runs (median and max), measured with GNU time
# (Debian package `time`). Budget: under 15 ms and under 8 MB on the project machine.
QWASM=${1:-build/qwasm}
RUNS=${2:-200}
[ -x "$QWASM" ] || { echo "startup: $QWASM not built (run make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "startup: /usr/bin/time not found: install the Debian package time" >&2; exit 2; }

python3 - "$QWASM" "$RUNS" <<'PY'
import subprocess, sys, time
qwasm, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    subprocess.run([qwasm, "-e", ""], check=True)
    times.append((time.perf_counter() - t0) * 1e3)
times.sort()
# GNU time forks from its own small process, so %M is qwasm's own peak RSS (KiB).
rss = sorted(int(subprocess.run(["/usr/bin/time", "-f", "%M", qwasm, "-e", ""],
                                capture_output=True, text=True, check=True).stderr.split()[-1])
             for _ in range(20))
median, mean = times[len(times) // 2], sum(times) / len(times)
rss_med, rss_max = rss[len(rss) // 2] / 1024, rss[-1] / 1024
print(f"startup: qwasm -e '' wall median {median:.2f} ms, mean {mean:.2f} ms, "
      f"best {times[0]:.2f} ms over {runs} runs")
print(f"startup: peak RSS median {rss_med:.2f} MB, max {rss_max:.2f} MB over 20 runs")
ok = median < 15 and rss_max < 8
print("startup: within budget (15 ms, 8 MB)" if ok else "startup: OVER budget (15 ms, 8 MB)")
sys.exit(0 if ok else 1)
PY
