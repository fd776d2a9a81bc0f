#!/usr/bin/env python3
"""Members' messages through a running Discord emulator's control route, open loop: message i is due at
start + i/rate, round-robin over the guilds (each one a MESSAGE_CREATE the emulator dispatches to the gateway).

    scripts/emulator-messages.py <emulator port> <messages per second> <seconds> <guilds>

Prints what was sent and the rate achieved; one keep-alive connection, so the driver is not what limits the rate
(it says so when it fell behind)."""
import http.client
import sys
import time


def main():
    port, rate, seconds, guilds = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    count = int(rate * seconds)
    start = time.monotonic()
    failed = 0
    worst_behind = 0.0
    for i in range(count):
        due = start + i / rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        else:
            worst_behind = max(worst_behind, now - due)
        connection.request("POST", f"/_emulator/messages?guild={i % guilds}", body=f"memory message {i}",
                           headers={"Content-Type": "text/plain"})
        response = connection.getresponse()
        response.read()
        if response.status >= 300:
            failed += 1
    elapsed = time.monotonic() - start
    print(f"sent {count - failed} messages in {elapsed:.1f} s ({(count - failed) / elapsed:.0f}/s), refused {failed},"
          f" sender at most {worst_behind * 1000:.0f} ms behind", file=sys.stderr)


if __name__ == "__main__":
    main()
