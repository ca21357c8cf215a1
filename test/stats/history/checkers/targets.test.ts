/**
 * Workload targets: a target turns the informational rows of its metric into verdicts (a
 * challenge's "fewer than 30 messages per operation"), from the scenario file to
 * `msgsim check`'s rows; a file that names a target its workload has no rows for is told so.
 */
import { describe, expect, it } from 'vitest';
import { infoRow, withEvidence } from '../../../../src/stats/checks/rows.js';
import { applyTargets } from '../../../../src/stats/history/checkers/targets.js';
import { checkRun } from '../../../../src/stats/checks/index.js';
import { parseScenario } from '../../../../src/scenario/load.js';
import { flooding, runProgram } from '../../../support/program.js';

const SUBJECT = 'workload:broadcast';

/** Reads scenario text as the file t.yaml. */
const parse = (yaml: string) => () => parseScenario(yaml, 't.yaml');

describe('workload targets', () => {
  it('judge the rows they bound, below or at least the target, and leave the others informational', () => {
    const rows = [
      infoRow(SUBJECT, 'msgs_per_op', 29.5, 'frames / operations'),
      infoRow(SUBJECT, 'availability', 0.99, 'ok / operations'),
      withEvidence(infoRow(SUBJECT, 'stable_latency_read_max', 0.61, 'read-sampled'), 'value 7'),
      infoRow(SUBJECT, 'stable_latency_exact_max', 0.6, 'exact'),
      infoRow(SUBJECT, 'stable_latency_exact_p50', NaN, 'exact'),
      infoRow(SUBJECT, 'operations', 100, 'operations'),
    ];
    const judged = applyTargets(rows, { msgs_per_op: 30, availability: 1, stable_latency_max: 0.6, stable_latency_p50: 0.4 });
    expect(judged.map((row) => [row.metric, row.ok, row.tolerance, row.expected])).toEqual([
      ['msgs_per_op', true, '<30', 30],
      ['availability', false, '>=1', 1],
      ['stable_latency_read_max', false, '<0.6', 0.6],
      // Less than: equal misses.
      ['stable_latency_exact_max', false, '<0.6', 0.6],
      // Nothing measured: nothing to judge, so no failure (a shrunk case without broadcasts
      // must fail on something it shows).
      ['stable_latency_exact_p50', true, '<0.4', 0.4],
      ['operations', true, 'informational', NaN],
    ]);
    expect(judged[2]!.evidence).toBe('value 7');
    expect(judged[4]!.evidence).toBe('nothing measured');
    expect(judged[0]!.formula).toBe('frames / operations; target');
    expect(applyTargets(rows, undefined)).toEqual(rows);
  });

  it('come from workload.targets, durations in seconds, and fail msgsim check when missed', async () => {
    const data = {
      nodes: 5,
      topology: { kind: 'full-mesh', link: { bandwidth: '1Gbps', delay: '100ms' } },
      workload: { kind: 'broadcast', topology: 'line', targets: { msgs_per_op: 1.5, stable_latency_max: '450ms' } },
      clients: { rate: 20, duration: '3s', recovery: '1s' },
    };
    const rows = new Map(checkRun(await runProgram(data, flooding)).workload.map((row) => [row.metric, row]));
    // The flood on a line of five: N − 1 = 4 frames per broadcast, about half the operations.
    expect(rows.get('msgs_per_op')).toMatchObject({ ok: false, expected: 1.5, tolerance: '<1.5' });
    // At most four hops of 100 ms from an end to the other end: under 450 ms.
    expect(rows.get('stable_latency_exact_max')).toMatchObject({ ok: true, expected: 0.45 });
    expect(rows.get('stable_latency_read_max')).toMatchObject({ ok: true, expected: 0.45 });
    expect(rows.get('stable_latency_exact_p95')!.tolerance).toBe('informational');
  });

  it('refuse a target the workload has no rows for, or a value of the wrong kind', () => {
    const base = 'name: t\nnodes: 1\nprogram: { module: ./x.ts }\n';
    expect(parse(`${base}workload: { kind: echo, targets: { stable_latency_p50: 1s } }\n`)).toThrow(
      /^t\.yaml:4: workload\.targets\.stable_latency_p50: unknown key; expected one of: availability, msgs_per_op$/,
    );
    expect(parse(`${base}workload: { kind: broadcast, targets: { stable_latency_p50: 400 } }\n`)).toThrow(/^t\.yaml:4: workload\.targets\.stable_latency_p50: 400 is not a duration/);
    expect(parse(`${base}workload: { kind: broadcast, targets: { availability: 2 } }\n`)).toThrow(/^t\.yaml:4: workload\.targets\.availability: 2 is not a share from 0 to 1$/);
    expect(parseScenario(`${base}workload: { kind: broadcast, targets: { stable_latency_p99: 1.5s, msgs_per_op: 20 } }\n`, 't.yaml').program!.workload).toMatchObject({
      targets: { stable_latency_p99: 1.5, msgs_per_op: 20 },
    });
  });
});
