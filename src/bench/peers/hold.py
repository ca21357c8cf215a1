"""
The hold model on SimPy, beside msgsim's `hold` case (src/bench/cases.ts): 10,000
processes, each looping `yield env.timeout(Exp(mean 1 s))`, so 10,000 timeouts are always
pending; the run stops after `events` timeouts have fired (the first argument, default
5,000,000). Only env.run() is timed; one JSON line of figures goes to standard output.
"""
import json
import random
import sys
import time

import simpy

PENDING = 10_000


def main() -> int:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000
    env = simpy.Environment()
    draw = random.Random(1).expovariate
    done = env.event()
    processed = 0

    def holder():
        nonlocal processed
        while True:
            yield env.timeout(draw(1.0))
            processed += 1
            if processed == events:
                done.succeed()

    for _ in range(PENDING):
        env.process(holder())
    # Start every process (one event each) before the clock starts, so that the timed run
    # begins, as msgsim's does, with 10,000 timeouts pending.
    for _ in range(PENDING):
        env.step()
    start = time.perf_counter()
    env.run(until=done)
    seconds = time.perf_counter() - start
    if processed != events:
        print(f"hold ran {processed} events, not {events}", file=sys.stderr)
        return 1
    print(json.dumps({"events": events, "seconds": seconds, "events_per_s": events / seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
