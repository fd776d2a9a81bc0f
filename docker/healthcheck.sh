#!/bin/bash
# Docker HEALTHCHECK without curl: GET /health (or the path given, e.g. /ready) on the port
# METRICS_ADDRESS names (":8080", "0.0.0.0:9000", "127.0.0.1:9000", "[::]:9000"); 0 on HTTP 200.
path=${1:-/health}
address=${METRICS_ADDRESS:-:8080}
port=${address##*:}
host=${address%:*}
host=${host#[}; host=${host%]}
case "$host" in "" | 0.0.0.0 | :: | "*") host=127.0.0.1 ;; esac
exec 3<>"/dev/tcp/$host/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3
IFS= read -r -t 3 status <&3 || exit 1
case "$status" in "HTTP/1."?" 200"*) exit 0 ;; esac
echo "$path: $status" >&2
exit 1
