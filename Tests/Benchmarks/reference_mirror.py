#!/usr/bin/env python3
"""The floor any mirror must approach (issue 9): fetch every page of a PureTalk-style list from the
simulator, parse it, and insert the records in ONE transaction, with no history, no redaction and no
change detection. Python standard library only. `mirror-bench crawl --reference` runs it and reads the
one JSON line it prints: CPU seconds (getrusage, user+sys), peak RSS, bytes written, database size.
"""
import argparse
import json
import os
import resource
import sqlite3
import urllib.parse
import urllib.request


def written_bytes():
    # proc(5): wchar counts the bytes passed to write(2) and pwrite(2), like mirror-bench's own figure.
    with open("/proc/self/io") as io:
        for line in io:
            if line.startswith("wchar:"):
                return int(line.split()[1])
    return 0


def peak_rss_kib():
    # proc(5): VmHWM is this process image's own peak. getrusage's ru_maxrss would also count the
    # memory of the process that forked us, which exec(2) carries over.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    written_before = written_bytes()

    database = sqlite3.connect(args.database, isolation_level=None)
    database.execute("PRAGMA journal_mode = WAL")
    database.execute(
        "CREATE TABLE assistants (remote_id TEXT PRIMARY KEY, name TEXT, prompt TEXT, updated_at TEXT,"
        " snapshot TEXT NOT NULL) STRICT"
    )
    database.execute("BEGIN")
    count = 0
    page = 1
    while True:
        query = urllib.parse.urlencode({"page": page, "limit": args.limit})
        request = urllib.request.Request(
            f"{args.base_url}/ai-assistants?{query}", headers={"X-API-KEY": args.api_key}
        )
        with urllib.request.urlopen(request) as response:
            envelope = json.load(response)
        for record in envelope["results"]:
            database.execute(
                "INSERT INTO assistants VALUES (?, ?, ?, ?, ?)",
                (
                    record["assistant_id"],
                    record.get("name"),
                    record.get("prompt"),
                    record.get("updated_at"),
                    json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
                ),
            )
            count += 1
        if not envelope.get("next"):
            break
        page += 1
    database.execute("COMMIT")
    database.close()

    usage = resource.getrusage(resource.RUSAGE_SELF)
    wal = args.database + "-wal"
    print(
        json.dumps(
            {
                "assistants": count,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "peak_rss_kib": peak_rss_kib(),
                "written_bytes": written_bytes() - written_before,
                "database_bytes": os.path.getsize(args.database),
                "wal_bytes": os.path.getsize(wal) if os.path.exists(wal) else 0,
            }
        )
    )


if __name__ == "__main__":
    main()
