/**
 * The kafka checker: a good history passes; each anomaly, made by hand from it, fails the
 * row of that anomaly (and, where it implies another, that one too), with evidence; from
 * a scenario, an in-memory log passes and one that forgets messages fails.
 */
import { describe, expect, it } from 'vitest';
import { checkKafka } from '../../../../src/stats/history/checkers/kafka.js';
import { workloadRows } from '../../../../src/stats/history/checkers/index.js';
import type { HistoryEntry } from '../../../../src/workload/clients/history.js';
import { forgetfulLog, memoryLog } from '../../../fixtures/programs/kafka.js';
import { runProgram } from '../../../support/program.js';
import { failed, input, op, rowOf, timeline } from './support.js';

const send = (process: number, key: string, msg: number, t: number, offset: number): HistoryEntry[] => op(process, 'send', msg, t, t + 0.1, offset, { key });
const poll = (process: number, from: Record<string, number>, t: number, msgs: Record<string, [number, unknown][]>): HistoryEntry[] => op(process, 'poll', from, t, t + 0.1, msgs);
const list = (process: number, keys: string[], t: number, offsets: Record<string, number>): HistoryEntry[] => op(process, 'list_committed_offsets', keys, t, t + 0.1, offsets);
const commit = (process: number, offsets: Record<string, number>, t: number): HistoryEntry[] => op(process, 'commit_offsets', offsets, t, t + 0.1);

/** Two messages on key a, polled by process 1, committed, then listed by process 2 who polls on. */
const BASE: Readonly<Record<string, HistoryEntry[]>> = {
  send1: send(0, 'a', 1, 0, 0),
  list1: list(1, ['a'], 0.5, {}),
  send2: send(0, 'a', 2, 1, 1),
  poll1: poll(1, { a: 0 }, 2, { a: [[0, 1], [1, 2]] }),
  listEarly: list(3, ['a'], 2.9, {}),
  commit1: commit(1, { a: 1 }, 3),
  list2: list(2, ['a'], 4, { a: 1 }),
  poll2: poll(2, { a: 2 }, 5, {}),
};

/** The rows that fail for the base history with some parts replaced or added. */
function failing(changes: Record<string, HistoryEntry[]>): string[] {
  return failed(checkKafka(input(timeline(...Object.values({ ...BASE, ...changes })), 'kafka')));
}

describe('kafka checker', () => {
  it('passes a history without anomalies', () => {
    const rows = checkKafka(input(timeline(...Object.values(BASE)), 'kafka'));
    expect(failed(rows)).toEqual([]);
    expect(rowOf(rows, 'acknowledged_sends').measured).toBe(2);
    expect(rowOf(rows, 'polled_messages').measured).toBe(2);
  });

  it('fails two messages at one offset (one of them lost) and one message at two offsets', () => {
    expect(failing({ send3: send(3, 'a', 9, 1.5, 1) })).toEqual(['inconsistent_offsets=1', 'lost_writes=1']);
    expect(failing({ poll1: poll(1, { a: 0 }, 2, { a: [[0, 1], [1, 2], [2, 1]] }) })).toEqual(['duplicates=1']);
  });

  it('fails an acknowledged send polls passed over as lost, and one no poll reached as unseen', () => {
    const lost = checkKafka(input(timeline(...Object.values({ ...BASE, poll1: poll(1, { a: 1 }, 2, { a: [[1, 2]] }) })), 'kafka'));
    expect(failed(lost)).toEqual(['lost_writes=1']);
    expect(rowOf(lost, 'lost_writes').evidence).toBe('key "a" offset 0 (message 1, sent by process 0 at t=0): never polled, though polls reached offset 1');
    expect(failing({ poll1: poll(1, { a: 0 }, 2, { a: [[0, 1]] }), commit1: commit(1, { a: 0 }, 3) })).toEqual(['unseen=1']);
  });

  it('fails polls that go back before the offset asked for, or within themselves', () => {
    expect(failing({ poll2: poll(2, { a: 2 }, 5, { a: [[1, 2]] }) })).toEqual(['nonmonotonic_polls=1']);
    expect(failing({ poll1: poll(1, { a: 0 }, 2, { a: [[0, 1], [1, 2], [1, 2]] }) })).toEqual(['internal_nonmonotonic_polls=1']);
  });

  it('fails polls that skip a known offset, at their start or between two they returned', () => {
    const skip = { poll1: poll(1, { a: 0 }, 2, { a: [[1, 2]] }), poll3: poll(3, { a: 0 }, 6, { a: [[0, 1], [1, 2]] }) };
    expect(failing(skip)).toEqual(['poll_skips=1']);
    const inner = { poll1: poll(1, { a: 0 }, 2, { a: [[0, 1], [2, 3]] }), poll3: poll(3, { a: 1 }, 6, { a: [[1, 2]] }) };
    const rows = checkKafka(input(timeline(...Object.values({ ...BASE, ...inner })), 'kafka'));
    expect(failed(rows)).toEqual(['internal_poll_skips=1']);
    expect(rowOf(rows, 'internal_poll_skips').evidence).toBe('process 1 at t=2 polled key "a": 0 then 2, skipping 1');
  });

  it("fails a process's sends to a key whose offsets go down", () => {
    const sends = { send5: send(0, 'b', 5, 1.2, 3), send6: send(0, 'b', 6, 1.4, 2), poll3: poll(3, { b: 0 }, 6, { b: [[2, 6], [3, 5]] }) };
    expect(failing(sends)).toEqual(['nonmonotonic_sends=1']);
  });

  it('fails a listing of committed offsets below, or without, a commit acknowledged before it', () => {
    const rows = checkKafka(input(timeline(...Object.values({ ...BASE, list2: list(2, ['a'], 4, { a: 0 }) })), 'kafka'));
    expect(failed(rows)).toEqual(['committed_offset_regressions=1']);
    expect(rowOf(rows, 'committed_offset_regressions').evidence).toBe('process 2 at t=4 listed key "a" at 0, below 1 committed by process 1 at t=3');
    expect(failing({ list2: list(2, ['a'], 4, {}) })).toEqual(['committed_offset_regressions=1']);
  });

  it('from a scenario: passes an in-memory log, fails one that forgets messages it acknowledged', async () => {
    const data = { nodes: 1, workload: { kind: 'kafka' }, clients: { concurrency: 2, rate: 40, duration: '3s', recovery: '1s' } };
    const good = await runProgram(data, memoryLog);
    const rows = workloadRows(good);
    expect(failed(rows)).toEqual([]);
    expect(rowOf(rows, 'acknowledged_sends').measured).toBeGreaterThan(30);
    expect(rowOf(rows, 'polled_messages').measured).toBe(rowOf(rows, 'acknowledged_sends').measured);
    // Clients commit and list committed offsets, and the final polls read from offset 0.
    const fs = new Set(good.history!.map((entry) => entry.f));
    expect(fs).toEqual(new Set(['send', 'poll', 'commit_offsets', 'list_committed_offsets']));
    expect(good.history!.some((entry) => entry.f === 'poll' && entry.type === 'invoke' && entry.time! >= 4 && Object.values(entry.value as object).every((o) => o === 0))).toBe(true);
    // A forgotten message's offset goes to the next send too: two messages at one offset, one never polled.
    const bad = failed(workloadRows(await runProgram(data, forgetfulLog))).map((row) => row.split('=')[0]);
    expect(bad).toEqual(expect.arrayContaining(['inconsistent_offsets', 'lost_writes', 'nonmonotonic_sends']));
  });
});
