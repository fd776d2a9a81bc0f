#!/bin/sh
# Container-aware JVM: heap from the container's memory limit, exit (and be restarted) on
# OutOfMemoryError, no perf-data file (read-only root file systems). JAVA_OPTS adds or overrides,
# e.g. -XX:ActiveProcessorCount=2 to size thread pools to a CPU limit.
set -e
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData \
  -Dsun.net.httpserver.nodelay=true $JAVA_OPTS -jar /app/bot.jar "$@"
