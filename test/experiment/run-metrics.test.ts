import { describe, expect, it } from 'vitest';
import { runMetrics, type RunMetric } from '../../src/experiment/run-metrics.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { checkRun } from '../../src/stats/checks/index.js';
import type { RunRecord } from '../../src/stats/record.js';

async function run(yaml: string): Promise<{ record: RunRecord; metrics: RunMetric[] }> {
  const record = await runScenario(parseScenario(yaml, 'test.yaml'));
  return { record, metrics: runMetrics(record, checkRun(record)) };
}

function value(metrics: readonly RunMetric[], flow: string, metric: string): number | undefined {
  return metrics.find((m) => m.flow === flow && m.metric === metric)?.value;
}

const RELIABLE = `
name: reliable
seed: 9
nodes: [a, b]
links:
  - {between: [a, b], bandwidth: 10Mbps, delay: 1ms, loss: 0.2}
flows:
  - {name: data, pattern: p2p, delivery: at-least-once, from: a, to: b, count: 1000, size: 200B, interval: 1ms, retry: {timeout: 50ms, backoff: 1, max_retries: 8, jitter: 0}}
  - {name: plain, pattern: p2p, from: b, to: a, count: 100, size: 200B, interval: 1ms}
`;

describe('sweep metrics of a run', () => {
  it('give a reliable flow the mean and percentiles of its logical delay, first send to first hand-over', async () => {
    const { record, metrics } = await run(RELIABLE);
    const ledger = record.ledger;
    const delays: number[] = [];
    for (let row = 0; row < ledger.length; row++) if (ledger.copies[row]! > 0) delays.push(ledger.deliveredAt[row]! - ledger.openedAt[row]!);
    delays.sort((x, y) => x - y);
    expect(delays.length).toBeGreaterThan(990);
    const mean = value(metrics, 'data', 'logical_delay_mean')!;
    expect(mean).toBeCloseTo(delays.reduce((sum, d) => sum + d, 0) / delays.length, 15);
    expect(value(metrics, 'data', 'logical_delay_p50')).toBe(delays[Math.ceil(0.5 * delays.length) - 1]);
    expect(value(metrics, 'data', 'logical_delay_p95')).toBe(delays[Math.ceil(0.95 * delays.length) - 1]);
    expect(value(metrics, 'data', 'logical_delay_p99')).toBe(delays[Math.ceil(0.99 * delays.length) - 1]);
  });

  it('tell the logical delay, retransmissions included, from the delay of single frames', async () => {
    const { metrics } = await run(RELIABLE);
    // One frame takes about 1.2 ms; a message whose first copy was lost waits 50 ms more.
    expect(value(metrics, 'data', 'delay_p99')!).toBeLessThan(0.002);
    expect(value(metrics, 'data', 'logical_delay_p99')!).toBeGreaterThan(0.05);
    expect(value(metrics, 'data', 'logical_delay_mean')!).toBeGreaterThan(0.2 * 0.05);
  });

  it('give no logical delay to an at-most-once point-to-point flow, which has no logical messages', async () => {
    const { metrics } = await run(RELIABLE);
    expect(value(metrics, 'plain', 'delay_p50')).toBeDefined();
    expect(metrics.filter((m) => m.flow === 'plain' && m.metric.startsWith('logical_'))).toEqual([]);
  });

  it('give a request/reply flow the logical delay of its requests to the server', async () => {
    const { record, metrics } = await run(`
name: rpc
seed: 2
nodes: [c, s]
links:
  - {between: [c, s], bandwidth: 10Mbps, delay: 2ms}
flows:
  - {name: calls, pattern: request-reply, from: c, to: s, count: 50, size: 200B, interval: 5ms, service: 1ms}
`);
    // Every request found the link idle: 200 B at 10 Mbps + 2 ms.
    expect(value(metrics, 'calls', 'logical_delay_p99')).toBeCloseTo(0.00216, 12);
    expect(value(metrics, 'calls', 'logical_delay_mean')).toBeCloseTo(0.00216, 12);
    expect(record.ledger.length).toBe(50);
  });
});
