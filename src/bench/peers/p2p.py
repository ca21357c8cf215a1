"""
msgsim's `p2p-saturated` case (src/bench/cases.ts) on SimPy: `count` messages of 1000 B
(the first argument, default 1,000,000) over one 10 Mbps / 10 ms link, one every 0.8 ms.

A sender process puts each message into the transmitter's FIFO (a simpy.Store) every
0.8 ms; the transmitter process takes them one by one and holds each for its serialisation
time, size × 8 / bandwidth; then the message propagates for 10 ms (a timeout whose callback
puts it into the receiver's mailbox, another Store, as SimPy's own cable example does with a
process per message, here without one); the receiver process takes each from its mailbox and
counts it. Only env.run() is timed; one JSON line of figures goes to standard output. The run
must deliver every message, the last at count × 0.8 ms + 10 ms.
"""
import json
import sys
import time

import simpy

SIZE_BYTES = 1000
BANDWIDTH_BITS_PER_S = 10e6
DELAY_S = 0.01
INTERVAL_S = SIZE_BYTES * 8 / BANDWIDTH_BITS_PER_S


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    env = simpy.Environment()
    queue = simpy.Store(env)
    mailbox = simpy.Store(env)
    delivered = 0
    last_arrival = 0.0

    def sender():
        for message in range(count):
            queue.put(message)
            yield env.timeout(INTERVAL_S)

    def transmitter():
        while True:
            message = yield queue.get()
            yield env.timeout(SIZE_BYTES * 8 / BANDWIDTH_BITS_PER_S)
            env.timeout(DELAY_S, message).callbacks.append(lambda event: mailbox.put(event.value))

    def receiver():
        nonlocal delivered, last_arrival
        while True:
            yield mailbox.get()
            delivered += 1
            last_arrival = env.now

    env.process(sender())
    env.process(transmitter())
    env.process(receiver())
    start = time.perf_counter()
    env.run()
    seconds = time.perf_counter() - start
    expected_last = count * INTERVAL_S + DELAY_S
    if delivered != count or abs(last_arrival - expected_last) > 1e-9 * expected_last:
        print(f"p2p delivered {delivered} of {count}, the last at {last_arrival} s (expected {expected_last} s)", file=sys.stderr)
        return 1
    print(json.dumps({"messages": delivered, "seconds": seconds, "messages_per_s": delivered / seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
