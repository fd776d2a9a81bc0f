#!/bin/sh
# Container-aware JVM: heap from the container's memory limit, exit (and be restarted) on
# OutOfMemoryError, no perf-data file (read-only root file systems). The gateway compiles with C1
# only: its C2 compilations took half its CPU in the first minute after a start, when the workers
# need the cores (docs/performance.md, "Cold start"). JAVA_OPTS comes last, so it adds or overrides,
# e.g. -XX:ActiveProcessorCount=2 to size thread pools to a CPU limit, or -XX:TieredStopAtLevel=4.
set -e
ROLE_OPTS=""
if [ "$BOT_MODE" = "gateway" ]; then
  ROLE_OPTS="-XX:TieredStopAtLevel=1"
fi
# shellcheck disable=SC2086 # ROLE_OPTS and JAVA_OPTS are lists of flags
exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData \
  -Dsun.net.httpserver.nodelay=true $ROLE_OPTS $JAVA_OPTS -jar /app/bot.jar "$@"
