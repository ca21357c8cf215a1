/**
 * simulate() and the trace it records: events in time order that agree with the delay
 * formula hop by hop, the same hash for the same case, a trace cut at the first violation,
 * and a recorder that watches a run without changing it.
 */
import { describe, expect, it } from 'vitest';
import { messagesCsv } from '../../src/experiment/results.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/simulation.js';
import { everyMessageDelivered, noDuplicates } from '../../src/trace/invariants.js';
import type { EnqueueEvent, TraceEvent, TransmitEvent } from '../../src/trace/events.js';
import type { ProtocolCase } from '../../src/testing/case.js';
import { simulate } from '../../src/testing/simulate.js';
import { atLeastOnceDeduplicated, atLeastOnceNoDedupe } from '../protocols/retransmit.js';
import { readFileSync } from 'node:fs';

/** Three nodes in a line, messages both ways, a partition that heals. */
const lineCase: ProtocolCase = {
  seed: 5,
  nodes: ['n0', 'n1', 'n2'],
  links: [
    { between: ['n0', 'n1'], bandwidth: '8Mbps', delay: '2ms' },
    { between: ['n1', 'n2'], bandwidth: '4Mbps', delay: '3ms', loss: 0.3 },
  ],
  faults: [
    { at: '20ms', fault: 'partition', groups: [['n2']] },
    { at: '90ms', fault: 'heal' },
  ],
  script: [
    { at: '0us', from: 'n0', to: 'n2' },
    { at: '1ms', from: 'n2', to: 'n0' },
    { at: '25ms', from: 'n0', to: 'n2' },
    { at: '25ms', from: 'n0', to: 'n1' },
  ],
  until: '2s',
};

describe('simulate', () => {
  it('records a trace in time order whose idle hops follow delay = size/bandwidth + propagation exactly', async () => {
    const result = await simulate({ protocol: atLeastOnceDeduplicated, case: lineCase, invariants: [everyMessageDelivered, noDuplicates] });
    expect(result.violation).toBeUndefined();
    const trace = result.trace;
    for (let i = 1; i < trace.length; i++) expect(trace[i]!.t).toBeGreaterThanOrEqual(trace[i - 1]!.t);
    expect(result.metrics.appSent).toBe(4);
    expect(result.metrics.appDelivered).toBe(4);
    expect(result.metrics.framesSent).toBe(trace.filter((e) => e.type === 'send').length);
    const bandwidth: Record<string, number> = { 'n0-n1': 8e6, 'n1-n2': 4e6 };
    const delay: Record<string, number> = { 'n0-n1': 0.002, 'n1-n2': 0.003 };
    const bytes = new Map(trace.flatMap((e) => (e.type === 'send' ? [[e.frame, e.bytes] as const] : [])));
    let idleHops = 0;
    trace.forEach((event, i) => {
      if (event.type !== 'enqueue') return;
      const transmit = trace.find((e, j) => j >= i && e.type === 'transmit' && e.frame === event.frame && e.link === event.link) as TransmitEvent;
      expect(transmit.end - transmit.t).toBeCloseTo((bytes.get(event.frame)! * 8) / bandwidth[event.link]!, 15);
      const end = trace.find((e, j) => j > i && (e.type === 'arrive' || e.type === 'deliver' || e.type === 'drop') && e.frame === event.frame)!;
      if (transmit.t === event.t && end.type !== 'drop') {
        idleHops++;
        expect(end.t).toBe(event.t + (bytes.get(event.frame)! * 8) / bandwidth[event.link]! + delay[event.link]!);
      }
    });
    expect(idleHops).toBeGreaterThan(4);
    // Every frame ends once: delivered or dropped (nothing is left in flight).
    const ends = trace.filter((e) => e.type === 'deliver' || e.type === 'drop').map((e) => (e as { frame: number }).frame);
    expect(new Set(ends).size).toBe(ends.length);
    expect(ends.length).toBe(result.metrics.framesSent);
    const causes = new Set(trace.flatMap((e) => (e.type === 'drop' ? [e.cause] : [])));
    expect([...causes].sort()).toEqual(['lost', 'no_route']);
  });

  it('is deterministic: the same case gives the same trace and hash; another seed another hash', async () => {
    const a = await simulate({ protocol: atLeastOnceDeduplicated, case: lineCase });
    const b = await simulate({ protocol: atLeastOnceDeduplicated, case: lineCase });
    expect(b.trace).toEqual(a.trace);
    expect(b.hash).toBe(a.hash);
    const c = await simulate({ protocol: atLeastOnceDeduplicated, case: { ...lineCase, seed: 6 } });
    expect(c.hash).not.toBe(a.hash);
    const unkept = await simulate({ protocol: atLeastOnceDeduplicated, case: lineCase, keepTrace: false });
    expect(unkept.trace).toEqual([]);
    expect(unkept.hash).toBe(a.hash);
  });

  it('stops the run at the first violation and ends the trace with it', async () => {
    const lossy: ProtocolCase = { ...lineCase, faults: [], links: [{ between: ['n0', 'n1'], bandwidth: '8Mbps', delay: '30ms' }, lineCase.links[1]!] };
    const result = await simulate({ protocol: atLeastOnceNoDedupe, case: lossy, invariants: [noDuplicates] });
    const last = result.trace[result.trace.length - 1]!;
    expect(last).toMatchObject({ type: 'violation', invariant: 'no_duplicates' });
    expect(result.violation?.t).toBe(last.t);
    expect(result.record.stopReason).toBe('stopped');
    expect(result.record.endTime).toBe(last.t);
    expect(result.trace.filter((e: TraceEvent) => e.type === 'app_deliver').length).toBeGreaterThanOrEqual(2);
  });

  it('watches a scenario run without changing it: the same messages.csv with and without a trace', async () => {
    const scenario = parseScenario(readFileSync('scenarios/partition-heals.yaml', 'utf8'), 'scenarios/partition-heals.yaml');
    const plain = await runScenario(scenario);
    const traced = await runScenario(scenario, { trace: {} });
    expect([...messagesCsv(traced)].join('')).toBe([...messagesCsv(plain)].join(''));
    expect(plain.trace).toBeUndefined();
    const trace = traced.trace!;
    expect(trace.counts.send).toBe(traced.journal.length);
    expect(trace.counts.fault).toBeGreaterThan(0);
    const enqueues = trace.events.filter((e): e is EnqueueEvent => e.type === 'enqueue').length;
    expect(enqueues).toBe(traced.hops.length);
  });
});
