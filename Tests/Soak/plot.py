#!/usr/bin/env python3
"""Plots a soak run's CSV (Tests/Soak/soak.sh) as a small PNG: resident memory, threads and open
descriptors of the daemon per minute. Usage: plot.py soak.csv out.png  (needs matplotlib)."""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

rows = list(csv.DictReader(open(sys.argv[1])))
minutes = [int(r["minute"]) for r in rows]
fig, (memory, counts) = plt.subplots(2, 1, figsize=(6, 3.6), sharex=True)
memory.plot(minutes, [int(r["rss_kib"]) / 1024 for r in rows], color="tab:blue")
memory.set_ylabel("RSS (MiB)")
memory.set_ylim(bottom=0)
counts.plot(minutes, [int(r["fds"]) for r in rows], label="open fds", color="tab:orange")
counts.plot(minutes, [int(r["threads"]) for r in rows], label="threads", color="tab:green")
counts.set_ylabel("count")
counts.set_ylim(bottom=0)
counts.set_xlabel("minute")
counts.legend(loc="lower right", fontsize=8)
fig.suptitle("assistant-mirror daemon, soak run", fontsize=10)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=80)
