/**
 * Properties of the checker over generated histories: clients drive a real sequential
 * cas register, each operation taking effect at one instant between its invocation and its
 * completion (or, when its outcome is unknown, possibly never), so every history is
 * linearizable by construction; and a read changed to return a value no write produced
 * never is. Seeds are fixed (test/support/setup.ts); a failure prints its seed and path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../../src/stats/history/check.js';
import type { HistoryEntry } from '../../../src/stats/history/entry.js';
import { casRegisterModel } from '../../../src/stats/history/models.js';

/**
 * One step of one process: invoke, take effect, or complete. Writes write values of their
 * own (the step's number), so a read tells which write it saw; a cas compares with one of
 * the last values written (`back` writes ago) and sets a value of its own.
 */
interface Step {
  readonly process: number;
  readonly f: 'read' | 'write' | 'cas';
  readonly back: number;
  /** How the operation this step invokes will end; unknown ones may also never take effect. */
  readonly end: 'ok' | 'info' | 'missing';
  readonly takesEffect: boolean;
}

const step: fc.Arbitrary<Step> = fc.record({
  process: fc.nat(4),
  f: fc.constantFrom('read', 'write', 'cas'),
  back: fc.nat(3),
  end: fc.constantFrom('ok', 'ok', 'ok', 'info', 'missing'),
  takesEffect: fc.boolean(),
});

interface Pending {
  readonly step: Step;
  readonly argument: unknown;
  /** What is left to do, in order: take effect, write the completion entry. */
  readonly todo: ('apply' | 'complete')[];
  result?: { type: 'ok' | 'fail'; value: unknown };
}

/** An operation's phases after its invocation: an `info` may be written before the effect, which may then still come. */
function phases(step: Step): ('apply' | 'complete')[] {
  if (step.end === 'ok') return ['apply', 'complete'];
  if (step.end === 'info') return step.takesEffect ? ['complete', 'apply'] : ['complete'];
  return step.takesEffect ? ['apply'] : [];
}

/** Runs the steps against one register, recording each process's entries as they happen. */
function runRegister(steps: readonly Step[]): HistoryEntry[] {
  let register: number | null = null;
  const written: (number | null)[] = [null];
  const pending = new Map<number, Pending>();
  const entries: HistoryEntry[] = [];
  const apply = (open: Pending): void => {
    const { f } = open.step;
    if (f === 'read') open.result = { type: 'ok', value: register };
    else if (f === 'write') {
      register = open.argument as number;
      written.push(register);
      open.result = { type: 'ok', value: register };
    } else {
      const [from, to] = open.argument as [number | null, number];
      open.result = { type: register === from ? 'ok' : 'fail', value: open.argument };
      if (register === from) written.push((register = to));
    }
  };
  steps.forEach((s, index) => {
    const open = pending.get(s.process);
    if (open === undefined) {
      const fresh = index + 1;
      const argument = s.f === 'read' ? null : s.f === 'write' ? fresh : [written[Math.max(0, written.length - 1 - s.back)]!, fresh];
      pending.set(s.process, { step: s, argument, todo: phases(s) });
      entries.push({ process: s.process, type: 'invoke', f: s.f, value: argument });
      return;
    }
    const phase = open.todo.shift();
    if (phase === 'apply') apply(open);
    else if (phase === 'complete' && open.step.end === 'info') entries.push({ process: s.process, type: 'info', f: open.step.f, value: null });
    else if (phase === 'complete') entries.push({ process: s.process, type: open.result!.type, f: open.step.f, value: open.result!.value });
    // A process whose operation ended (or was left without completion) invokes anew at its next step.
    if (open.todo.length === 0) pending.delete(s.process);
  });
  return entries;
}

describe('checkLinearizable on histories of a real register', () => {
  it('finds every history linearizable', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120, size: 'max' }), (steps) => {
        expect(checkLinearizable(runRegister(steps), casRegisterModel).verdict).toBe('linearizable');
      }),
    );
  });

  it('finds none linearizable once a read returns a value no write produced', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120, size: 'max' }), fc.nat(), (steps, pick) => {
        const history = runRegister(steps);
        const reads = history.flatMap((entry, index) => (entry.type === 'ok' && entry.f === 'read' ? [index] : []));
        fc.pre(reads.length > 0);
        const mutated = history.map((entry, index) => (index === reads[pick % reads.length] ? { ...entry, value: -1 } : entry));
        expect(checkLinearizable(mutated, casRegisterModel).verdict).toBe('not-linearizable');
      }),
    );
  });
});
