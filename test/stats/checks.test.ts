import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fate } from '../../src/net/fates.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { allRows as rowsOf, checkRun, type CheckRow } from '../../src/stats/checks/index.js';
import { constant, flow, oneLinkScenario } from '../support/scenario.js';

const failures = (rows: readonly CheckRow[]): CheckRow[] => rows.filter((row) => !row.ok);
const allRows = (checks: ReturnType<typeof checkRun>): CheckRow[] => rowsOf(checks);

describe('formula checks', () => {
  it('pass for random flows sharing a link, with and without a bounded queue', async () => {
    const flowArb = fc.record({
      count: fc.integer({ min: 1, max: 80 }),
      sizeBytes: fc.integer({ min: 40, max: 3000 }),
      intervalSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 }).map((us) => us / 1e6)),
      startSeconds: fc.integer({ min: 0, max: 50 }).map((ms) => ms / 1000),
      reverse: fc.boolean(),
    });
    const scenarioArb = fc.record({
      flows: fc.array(flowArb, { minLength: 1, maxLength: 4 }),
      bandwidth: fc.integer({ min: 1, max: 1000 }).map((m) => m * 1e5),
      delay: fc.integer({ min: 0, max: 50_000 }).map((us) => us / 1e6),
      queue: fc.option(fc.oneof(fc.record({ messages: fc.integer({ min: 0, max: 20 }) }), fc.record({ bytes: fc.integer({ min: 0, max: 30_000 }) })), { nil: undefined }),
      until: fc.option(fc.integer({ min: 1, max: 500 }).map((ms) => ms / 1000), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const flows = s.flows.map((f, i) =>
          flow({ name: `f${i}`, count: f.count, size: constant(f.sizeBytes), interval: constant(f.intervalSeconds), startSeconds: f.startSeconds, ...(f.reverse ? { from: 'b', to: 'a' } : {}) }),
        );
        const scenario = oneLinkScenario(
          { bandwidthBitsPerSecond: s.bandwidth, delaySeconds: s.delay, ...(s.queue === undefined ? {} : { queue: s.queue }) },
          flows,
          s.until === undefined ? {} : { untilSeconds: s.until },
        );
        const report = checkRun(await runScenario(scenario));
        const rows = allRows(report);
        expect(failures(rows)).toEqual([]);
        for (const flow of report.flows) {
          if (flow.metrics.delivered > 0) expect(flow.rows.map((row) => row.metric)).toContain('delay_matched');
        }
      }),
    );
  });

  it('fail when a delivered message arrives even 1e-7 s off its schedule', async () => {
    const record = await runScenario(oneLinkScenario({}, [flow({ count: 50 })]));
    record.journal.receivedAt[17]! += 1e-7;
    const failed = failures(allRows(checkRun(record))).map((row) => row.metric);
    expect(failed).toContain('delay_matched');
    expect(failed).toContain('delay_mean');
  });

  it('fail when the first message does not take size/bandwidth + delay', async () => {
    const record = await runScenario(oneLinkScenario({}, [flow({ count: 5 })]));
    record.journal.receivedAt[0]! *= 1 + 1e-8;
    expect(failures(allRows(checkRun(record))).map((row) => row.metric)).toContain('delay_idle');
  });

  it('fail when the queue refuses other messages than drop-tail would', async () => {
    const scenario = oneLinkScenario({ queue: { messages: 2 } }, [flow({ count: 30, interval: constant(0) })]);
    const record = await runScenario(scenario);
    const refused = record.hops.fate.indexOf(Fate.QueueFull);
    expect(refused).toBeGreaterThan(0);
    record.hops.fate[refused] = Fate.Lost;
    expect(failures(allRows(checkRun(record))).map((row) => row.metric)).toContain('dropped');
  });

  it('fail when loss departs from the configured probability', async () => {
    const record = await runScenario(oneLinkScenario({ loss: 0.1 }, [flow({ count: 2000 })]));
    // Mark 5% more of the transmissions lost than the link lost.
    let marked = 0;
    for (let hop = 0; hop < record.hops.length && marked < 100; hop++) {
      if (record.hops.fate[hop] === Fate.Arrived) {
        record.hops.fate[hop] = Fate.Lost;
        marked++;
      }
    }
    expect(failures(allRows(checkRun(record))).map((row) => row.metric)).toEqual(['reliability']);
  });

  it('compare a saturated flow with n*s/(n*s/B + d), within 0.1% of B at 10,000 messages', async () => {
    const scenario = oneLinkScenario({ bandwidthBitsPerSecond: 10e6, delaySeconds: 0.001 }, [flow({ count: 10_000, interval: constant(0) })]);
    const throughput = allRows(checkRun(await runScenario(scenario))).find((row) => row.metric === 'throughput')!;
    expect(throughput.formula).toBe('n*size/(n*size/bandwidth + delay)');
    expect(throughput.ok).toBe(true);
    expect(Math.abs(throughput.measured / 10e6 - 1)).toBeLessThan(0.001);
  });

  it('raise a false reliability alarm in about 0.1% of runs, as a 99.9% interval should', async () => {
    const runs = 3000;
    let alarms = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const record = await runScenario(oneLinkScenario({ loss: 0.2 }, [flow({ count: 200 })], { seed }));
      const reliability = allRows(checkRun(record)).find((row) => row.metric === 'reliability')!;
      if (!reliability.ok) alarms++;
    }
    // Expected about 3 alarms; a Poisson(3) count exceeds 13 with probability < 1e-5.
    expect(alarms).toBeLessThanOrEqual(13);
  });
});
