#!/usr/bin/env python3
"""CPU seconds used by each part of the one-host farm, from /proc.

    cpu-seconds.py snapshot FILE          write every process's CPU ticks, grouped, to FILE
    cpu-seconds.py diff BEFORE AFTER [NAME=FILE...]
                                          print one JSON object: CPU seconds per group between the two, with the
                                          seconds a `run` wrote to FILE added as group NAME
    cpu-seconds.py run FILE COMMAND...    run COMMAND, write the CPU seconds it and its children used to FILE, and
                                          exit with its status (for a client that exits before the second snapshot)

Groups: the farm's roles by their `serve ROLE` command line (workers summed), PostgreSQL, RabbitMQ, s3rver, and
everything else. A process that started after BEFORE counts from zero; one that ended before AFTER is lost, which
is why the roles and the services are measured while they run (pooled connections keep the same backends).
On two cores every part competes for the same CPU, so this says which part to make cheaper, where the spans only
say how long each part waited.
"""
import json
import os
import resource
import subprocess
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def group(pid: str) -> str | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return None
    if not argv:
        return None
    line = " ".join(argv)
    exe = os.path.basename(argv[0])
    if "chromofarm" in exe and len(argv) >= 3 and argv[1] == "serve":
        return argv[2]
    if "chromofarm" in exe and len(argv) >= 2:
        return f"cli {argv[1]}"
    if exe.startswith("postgres") or "postgres:" in line:
        return "postgresql"
    if "beam.smp" in exe or "rabbitmq" in line or exe in ("epmd", "erl_child_setup", "inet_gethost"):
        return "rabbitmq"
    if "s3rver" in line:
        return "s3rver"
    return "other"


def snapshot() -> dict[str, dict[str, float]]:
    result: dict[str, dict[str, float]] = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        name = group(pid)
        if name is None:
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                # Fields after the command (which may hold spaces) start after its closing parenthesis.
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        # utime and stime are fields 14 and 15 of stat, 12 and 13 after the command.
        seconds = (int(fields[11]) + int(fields[12])) / TICKS
        result.setdefault(name, {})[pid] = seconds
    return result


def diff(before: dict, after: dict, extra: dict[str, float]) -> dict[str, float]:
    totals: dict[str, float] = dict(extra)
    for name, processes in after.items():
        earlier = before.get(name, {})
        used = sum(max(0.0, s - earlier.get(pid, 0.0)) for pid, s in processes.items())
        if used > 0:
            totals[name] = round(used, 2)
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "snapshot":
        with open(sys.argv[2], "w") as f:
            json.dump(snapshot(), f)
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "diff" and all("=" in a for a in sys.argv[4:]):
        with open(sys.argv[2]) as f:
            before = json.load(f)
        with open(sys.argv[3]) as f:
            after = json.load(f)
        extra = {}
        for argument in sys.argv[4:]:
            name, path = argument.split("=", 1)
            with open(path) as f:
                extra[name] = float(f.read())
        print(json.dumps(diff(before, after, extra)))
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "run":
        status = subprocess.run(sys.argv[3:], check=False).returncode
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(sys.argv[2], "w") as f:
            f.write(f"{used.ru_utime + used.ru_stime:.2f}\n")
        return status
    print("usage: cpu-seconds.py snapshot FILE | diff BEFORE AFTER [NAME=FILE...] | run FILE COMMAND...", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
