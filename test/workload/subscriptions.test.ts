/**
 * Subscriptions of a pub/sub flow are sent reliably, so a lossy link cannot cut a subscriber
 * off unnoticed; the checks count every subscriber the scenario declares; and a publication
 * that reaches the fan-out point before a subscription is recorded as `not_subscribed` for
 * that subscriber instead of vanishing.
 */
import { describe, expect, it } from 'vitest';
import { Settlement } from '../../src/messaging/observer.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { allRows, checkRun } from '../../src/stats/checks/index.js';
import type { CheckRow } from '../../src/stats/checks/rows.js';

const SUBSCRIBERS = 20;

function scenario(options: { loss: number; start: string; broker: boolean; count: number }): string {
  const subscribers = Array.from({ length: SUBSCRIBERS }, (_, i) => `s${i}`);
  const hub = options.broker ? 'broker' : 'pub';
  const links = subscribers.map((s) => `  - { between: [${hub}, ${s}], bandwidth: 10Mbps, delay: 1ms, loss: ${options.loss} }`);
  if (options.broker) links.push('  - { between: [pub, broker], bandwidth: 10Mbps, delay: 1ms }');
  return `
name: subscriptions
seed: 4
nodes: [pub, ${options.broker ? 'broker, ' : ''}${subscribers.join(', ')}]
links:
${links.join('\n')}
flows:
  - name: f
    pattern: pubsub
    from: pub
${options.broker ? '    broker: broker\n' : ''}    count: ${options.count}
    size: 100B
    interval: 1ms
    start: ${options.start}
    topics: [t]
    subscribers: [${subscribers.map((s) => `{ node: ${s}, topic: t }`).join(', ')}]
`;
}

async function check(yaml: string) {
  const record = await runScenario(parseScenario(yaml, 'subscriptions.yaml'));
  const rows = allRows(checkRun(record));
  const row = (metric: string): CheckRow | undefined => rows.find((r) => r.flow === 'f' && r.metric === metric);
  return { record, row };
}

describe('pub/sub subscriptions', () => {
  for (const broker of [false, true]) {
    const where = broker ? 'through a broker' : 'brokerless';
    it(`${where}: every declared subscription arrives over links losing 40%, and deliveries count every subscriber`, async () => {
      const count = 200;
      // Publishing starts after the last retransmission a subscription can need (0.2 + 0.4 + … + 3.2 s).
      const { record, row } = await check(scenario({ loss: 0.4, start: '8s', broker, count }));
      expect(row('subscriptions')).toMatchObject({ measured: SUBSCRIBERS, expected: SUBSCRIBERS, ok: true });
      // Subscribe frames were lost on the way, and retransmitted.
      const journal = record.journal;
      const label = journal.findFlow('f:subscribe');
      let lost = 0;
      for (let id = 0; id < journal.length; id++) if (journal.flow[id] === label && journal.outcome[id] !== 0) lost++;
      expect(lost).toBeGreaterThan(0);
      // messages × subscribers × (1 − p), over all 20 declared subscribers.
      const deliveries = row('deliveries')!;
      expect(deliveries.expected).toBeCloseTo(count * SUBSCRIBERS * 0.6, 6);
      expect(deliveries.ok).toBe(true);
      expect(row('not_subscribed')).toMatchObject({ measured: 0 });
    });
  }

  it('records publications that reach the publisher before a subscription as not_subscribed', async () => {
    const count = 30;
    const { record, row } = await check(scenario({ loss: 0, start: '0', broker: false, count }));
    const ledger = record.ledger;
    const flow = ledger.flowNames.indexOf('f');
    let publications = 0;
    let events = 0;
    let notSubscribed = 0;
    for (let r = 0; r < ledger.length; r++) {
      if (ledger.flow[r] !== flow) continue;
      if (ledger.group[r]! < 0) publications++;
      else if (ledger.settlement[r] === Settlement.NotSubscribed) notSubscribed++;
      else events++;
    }
    // Subscriptions need 1 ms + 80 µs to arrive, so the publications at 0 and 1 ms miss every subscriber.
    expect(publications).toBe(count);
    expect(notSubscribed).toBe(2 * SUBSCRIBERS);
    expect(events + notSubscribed).toBe(count * SUBSCRIBERS);
    expect(row('not_subscribed')).toMatchObject({ measured: 2 * SUBSCRIBERS, ok: true, tolerance: 'informational' });
    expect(row('deliveries')).toMatchObject({ measured: (count - 2) * SUBSCRIBERS, expected: (count - 2) * SUBSCRIBERS, ok: true });
  });
});
