#!/usr/bin/env python3
"""Where a process spent its CPU, from a JDK Flight Recording: `scripts/jfr-hot.py FILE.jfr [TOP]`.

Prints the hottest methods (self samples) and, for the libraries on Guildflow's path, the share of samples
whose stack passes through them (inclusive). Uses only `jfr` from the JDK.
"""
import collections
import subprocess
import sys

MARKERS = [
    ("JDA's own interaction parsing", "net.dv8tion.jda.internal.handle.InteractionCreateHandler"),
    ("JDA event handling (all)", "net.dv8tion.jda.internal.handle."),
    ("JDA websocket", "com.neovisionaries.ws"),
    ("Jackson", "com.fasterxml.jackson"),
    ("jnats", "io.nats.client"),
    ("PostgreSQL JDBC", "org.postgresql"),
    ("HikariCP", "com.zaxxer.hikari"),
    ("Flyway", "org.flywaydb"),
    ("OkHttp", "okhttp3"),
    ("OpenTelemetry", "io.opentelemetry"),
    ("Micrometer", "io.micrometer"),
    ("logging", "ch.qos.logback"),
    ("Guildflow", "io.guildflow"),
    ("JIT/GC-free JVM internals (jdk.internal)", "jdk.internal"),
]


def samples(path):
    out = subprocess.run(["jfr", "print", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    stack, inside = [], False
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("stackTrace = ["):
            stack, inside = [], True
        elif inside and line.startswith("]"):
            inside = False
            yield stack
        elif inside and line and line != "...":
            stack.append(line.split(" line:")[0])


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    own = collections.Counter()
    through = collections.Counter()
    total = 0
    for stack in samples(path):
        total += 1
        if stack:
            own[stack[0]] += 1
        for label, prefix in MARKERS:
            if any(frame.startswith(prefix) for frame in stack):
                through[label] += 1
    print(f"{path}: {total} execution samples")
    print("hottest methods (self):")
    for method, n in own.most_common(top):
        print(f"  {100.0 * n / max(1, total):5.1f}%  {method}")
    print("stacks through (inclusive):")
    for label, _ in MARKERS:
        print(f"  {100.0 * through[label] / max(1, total):5.1f}%  {label}")


if __name__ == "__main__":
    main()
