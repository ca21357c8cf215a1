/**
 * Checks of shares and counts of random trials: their intervals stay inside what a share can
 * be ([0, 1], or [0, trials] for a count), and their expected values are what the formula
 * gives, not that plus the rounding of a long sum.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { allRows, checkRun, type CheckRow } from '../../src/stats/checks/index.js';

async function rows(yaml: string): Promise<CheckRow[]> {
  return allRows(checkRun(await runScenario(parseScenario(yaml, 'test.yaml'))));
}

function row(all: readonly CheckRow[], flow: string, metric: string): CheckRow {
  const found = all.find((r) => r.flow === flow && r.metric === metric);
  if (found === undefined) throw new Error(`no ${metric} row for ${flow} in ${all.map((r) => `${r.flow}/${r.metric}`).join(', ')}`);
  return found;
}

/** The interval a row's tolerance text gives, e.g. "99.9% Wilson [0.944678, 0.958744]". */
function bounds(checked: CheckRow): [number, number] {
  const match = /\[([^,\]]+), ([^\]]+)\]/.exec(checked.tolerance);
  if (match === null) throw new Error(`no interval in "${checked.tolerance}"`);
  return [Number(match[1]), Number(match[2])];
}

function expectShareInterval(checked: CheckRow): void {
  const [low, high] = bounds(checked);
  expect(checked.tolerance).toMatch(/Wilson/);
  expect(low).toBeGreaterThanOrEqual(0);
  expect(high).toBeLessThanOrEqual(1);
  expect(low).toBeLessThanOrEqual(high);
}

const line = (loss1: number, loss2: number, count: number): string => `
name: mixed
seed: 3
nodes: [a, b, c]
links:
  - {between: [a, b], bandwidth: 10Mbps, delay: 1ms, loss: ${loss1}}
  - {between: [b, c], bandwidth: 10Mbps, delay: 1ms, loss: ${loss2}}
flows:
  - {name: data, pattern: p2p, from: a, to: c, count: ${count}, size: 200B, interval: 1ms}
`;

describe('checks of shares', () => {
  it('give reliability over hops with different loss a Wilson interval inside [0, 1]', async () => {
    // Hops over a-b survive with 0.9999, over b-c with 1: nothing is lost, the share is 1.
    const reliability = row(await rows(line(0.0001, 0, 300)), 'data', 'reliability');
    expect(reliability.measured).toBe(1);
    expectShareInterval(reliability);
    expect(reliability.ok).toBe(true);
  });

  it('give corruption over hops with different corruption a Wilson interval inside [0, 1]', async () => {
    const all = await rows(`
name: corrupting
seed: 5
nodes: [a, b, c]
links:
  - {between: [a, b], bandwidth: 10Mbps, delay: 1ms, corrupt: 0.001}
  - {between: [b, c], bandwidth: 10Mbps, delay: 1ms}
flows:
  - {name: data, pattern: p2p, from: a, to: c, count: 300, size: 200B, interval: 1ms}
`);
    expectShareInterval(row(all, 'data', 'corruption'));
  });

  it('give a bursty loss rate a Wilson interval inside [0, 1], however few the losses', async () => {
    const all = await rows(`
name: bursty
seed: 2
nodes: [a, b]
links:
  - {between: [a, b], bandwidth: 10Mbps, delay: 1ms, loss: {model: gilbert-elliott, p: 0.01, r: 0.5, loss_good: 0, loss_bad: 0.5}}
flows:
  - {name: data, pattern: p2p, from: a, to: b, count: 300, size: 200B, interval: 1ms}
`);
    const loss = row(all, 'link:a-b:a>b', 'loss_rate');
    expectShareInterval(loss);
    expect(loss.ok).toBe(true);
  });

  it('give gossip coverage a Wilson interval inside [0, 1] when nearly every node is reached', async () => {
    const all = await rows(`
name: gossip
seed: 4
nodes: 10
topology: {kind: full-mesh, link: {bandwidth: 100Mbps, delay: 1ms}}
flows:
  - {name: rumour, pattern: broadcast, method: gossip, fanout: 3, rounds: 5, from: n0, count: 50, size: 200B, interval: 20ms}
`);
    const coverage = row(all, 'rumour', 'coverage');
    expect(coverage.measured).toBeGreaterThan(0.9);
    expect(coverage.measured).toBeLessThan(1);
    expectShareInterval(coverage);
  });

  it('give the deliveries of a pub/sub flow a Wilson interval inside [0, events]', async () => {
    const all = await rows(`
name: fanout
seed: 6
nodes: [pub, s1, s2]
links:
  - {between: [pub, s1], bandwidth: 10Mbps, delay: 1ms, loss: 0.001}
  - {between: [pub, s2], bandwidth: 10Mbps, delay: 1ms}
flows:
  - name: news
    pattern: pubsub
    from: pub
    topics: [t]
    subscribers: [{node: s1, topic: t}, {node: s2, topic: t}]
    count: 300
    size: 200B
    interval: 1ms
    start: 10ms
`);
    const deliveries = row(all, 'news', 'deliveries');
    const [low, high] = bounds(deliveries);
    expect(deliveries.tolerance).toMatch(/Wilson/);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThanOrEqual(600);
    expect(deliveries.ok).toBe(true);
  });
});

describe('expected values of shares', () => {
  it('expect exactly 1 - loss from a link that loses 5%, over 10,000 transmissions', async () => {
    const reliability = row(await rows(line(0.05, 0, 10_000).replace('to: c', 'to: b')), 'data', 'reliability');
    expect(reliability.expected).toBe(0.95);
  });

  it('expect exactly 1 - p^(r+1) delivered from a reliable flow over a link losing 10%', async () => {
    const all = await rows(`
name: retried
seed: 7
nodes: [a, b]
links:
  - {between: [a, b], bandwidth: 10Mbps, delay: 1ms, loss: 0.1}
flows:
  - {name: data, pattern: p2p, delivery: at-least-once, from: a, to: b, count: 2000, size: 200B, interval: 1ms, retry: {timeout: 10ms, max_retries: 5}}
`);
    const delivered = row(all, 'data', 'delivered_ratio');
    expect(delivered.expected).toBe(1 - 0.1 ** 6);
    expectShareInterval(delivered);
  });
});
