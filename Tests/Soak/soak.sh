#!/usr/bin/env bash
# Soak run (issue 14, "Long runs"): the daemon mirrors the simulator, which edits prompts continuously,
# while socket clients read without pause. Every SAMPLE seconds it records the daemon's resident
# memory (VmRSS), threads (proc(5) /proc/PID/status) and open descriptors (/proc/PID/fd), and the
# running counts of crawls and client requests, to a CSV. Exits non-zero on any error.
#
#   Tests/Soak/soak.sh [MINUTES] [OUTDIR]       (default 30 minutes, ./soak-out)
#   BIN=.build/release/assistant-mirror  SAMPLE=60  CLIENTS=4  ASSISTANTS=100  EDIT_EVERY=5  INTERVAL=20s
#
# Not part of `swift test`: it takes at least half an hour. Plot with Tests/Soak/plot.py.
set -euo pipefail
minutes=${1:-30}
out=$(mkdir -p "${2:-soak-out}" && cd "${2:-soak-out}" && pwd)
bin=$(realpath "${BIN:-.build/release/assistant-mirror}")
sample=${SAMPLE:-60}
clients=${CLIENTS:-4}
port=${PORT:-$((20000 + RANDOM % 20000))}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The simulator's standard output is a ready configuration; its edits go to standard error.
"$bin" simulate --listen "127.0.0.1:$port" --assistants "${ASSISTANTS:-100}" --edit-every "${EDIT_EVERY:-5}" \
    >"$out/simulator.ini" 2>"$out/simulator.log" &
pids+=($!)
for _ in $(seq 50); do grep -q '^\[account' "$out/simulator.ini" 2>/dev/null && break; sleep 0.2; done
sleep 0.5
sed "s|^database = .*|database = $work/mirror.db|; s|^socket = .*|socket = $work/mirror.sock|; s|^interval = .*|interval = ${INTERVAL:-20s}|" \
    "$out/simulator.ini" >"$work/config.ini"
eval "$(sed -n 's/^#   export /export /p' "$out/simulator.ini")"

"$bin" daemon --config "$work/config.ini" >"$out/daemon.log" 2>&1 &
daemon=$!
pids+=("$daemon")
for _ in $(seq 100); do [ -S "$work/mirror.sock" ] && break; sleep 0.1; done

# Readers: each loops over the read requests a user makes, counting every request and every failure.
# Each reply is bounded (the report covers the last ten minutes), so a growing resident size would be
# the daemon's own: a report over all history grows with it and would hide a leak behind honest growth.
for client in $(seq "$clients"); do
    (
        ok=0 failed=0
        while :; do
            for request in status list "changes --limit 20" "report prompts --since 10m"; do
                # shellcheck disable=SC2086
                if "$bin" $request --config "$work/config.ini" >/dev/null 2>>"$out/client-$client.err"; then
                    ok=$((ok + 1))
                else
                    failed=$((failed + 1))
                fi
                echo "$ok $failed" >"$work/client-$client.count"
            done
        done
    ) &
    pids+=($!)
done

count() { grep -c "$1" "$out/daemon.log" || true; }
echo "minute,rss_kib,threads,fds,crawls_ok,crawls_failed,requests_ok,requests_failed,errors_logged" >"$out/soak.csv"
start=$(date +%s)
for minute in $(seq 0 "$minutes"); do
    kill -0 "$daemon" || { echo "soak: the daemon died" >&2; exit 1; }
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$daemon/status")
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$daemon/status")
    # A glob, not find(1): the daemon opens and closes descriptors all the time, and find fails (ending
    # the run under set -e) when one vanishes between its listing and its stat.
    descriptors=("/proc/$daemon/fd/"*)
    fds=${#descriptors[@]}
    ok=0 failed=0
    for file in "$work"/client-*.count; do
        [ -f "$file" ] || continue
        read -r a b <"$file"
        ok=$((ok + a)) failed=$((failed + b))
    done
    echo "$minute,$rss,$threads,$fds,$(count 'status=ok'),$(count 'status=failed'),$ok,$failed,$(count '^<[0-3]>')" \
        | tee -a "$out/soak.csv"
    [ "$minute" -eq "$minutes" ] && break
    # A busy machine can make a sample late; the next one then follows at once rather than failing.
    wait_for=$((start + (minute + 1) * sample - $(date +%s)))
    if [ "$wait_for" -gt 0 ]; then sleep "$wait_for"; fi
done

"$bin" verify --config "$work/config.ini" >"$out/verify.txt" 2>&1 || { echo "soak: verify failed" >&2; exit 1; }
last=$(tail -n 1 "$out/soak.csv")
IFS=, read -r _ _ _ _ crawls_ok crawls_failed requests_ok requests_failed errors <<<"$last"
echo "soak: $minutes min, $crawls_ok crawls ok, $crawls_failed failed, $requests_ok requests ok, $requests_failed failed, $errors errors logged"
[ "$crawls_failed" -eq 0 ] && [ "$requests_failed" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$crawls_ok" -gt 0 ]
