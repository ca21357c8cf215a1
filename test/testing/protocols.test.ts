/**
 * The property-testing kit on example protocols (test/protocols/retransmit.ts): a correct
 * one holds over thousands of generated cases; deliberately buggy ones are caught, shrunk to
 * a small case, and the written scenario and replay file reproduce the violation through
 * the msgsim command.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { everyMessageDelivered, fifoPerChannel, noDeliveryAcrossPartition, noDuplicates, parseScenario, repliesMatched } from '../../src/index.js';
import { checkProtocol, protocolCase, type CounterexampleReplayFile, type ProtocolCheckResult, type ProtocolPropertyOptions } from '../../src/testing/index.js';
import { ackBeforePersist, atLeastOnceDeduplicated, atLeastOnceNoDedupe, orderedOffByOne, retransmitOnce } from '../protocols/retransmit.js';
import { msgsim, tempDir } from '../support/cli.js';

const MODULE = new URL('../protocols/retransmit.ts', import.meta.url).href;
const ALL = [everyMessageDelivered, noDuplicates, noDeliveryAcrossPartition, repliesMatched];

/**
 * Asserts that a property failed with one of `invariants`, on a case of at most `messages`
 * messages and `faults` faults, and that both written files replay to the same violation.
 */
function expectCaughtAndReplayed(result: ProtocolCheckResult, invariants: string[], bounds: { messages: number; faults: number }): void {
  expect(result.failed, result.report).toBe(true);
  const c = result.counterexample!;
  expect(invariants).toContain(c.violation.invariant);
  expect(c.size.messages).toBeLessThanOrEqual(bounds.messages);
  expect(c.size.faults).toBeLessThanOrEqual(bounds.faults);
  // The report quotes the path (shortened when long); the replay file has it whole.
  expect(result.report).toContain(`seed ${result.seed}, path "${result.path!.split(':').slice(0, 8).join(':')}`);
  expect(result.report).toContain(c.violation.message);
  expect((JSON.parse(readFileSync(c.replayFile!, 'utf8')) as CounterexampleReplayFile).fastCheck).toEqual({ seed: result.seed, path: result.path });
  // The scenario file is a valid scenario that `msgsim run` replays to the same violation.
  const scenario = parseScenario(readFileSync(c.scenarioFile!, 'utf8'), c.scenarioFile!);
  expect(scenario.script).toHaveLength(c.size.messages);
  const out = tempDir();
  const run = msgsim('run', c.scenarioFile!, '--out', out);
  expect(run.status, run.stderr).toBe(1);
  expect(run.stdout).toContain(`invariants: VIOLATED: ${c.violation.invariant}: ${c.violation.message}`);
  // The replay file reruns to the same hash chain and the same violation.
  const replay = msgsim('replay', c.replayFile!);
  expect(replay.status, replay.stdout + replay.stderr).toBe(0);
  expect(replay.stdout).toContain('hash chain: matches the recording');
  expect(replay.stdout).toContain(`violation: reproduced: ${c.violation.invariant}`);
}

describe('example protocols under the property-testing kit', () => {
  it('at-least-once with durable de-duplication keeps every invariant over 2,000 generated cases', async () => {
    const result = await checkProtocol({
      name: 'dedupe holds',
      protocol: atLeastOnceDeduplicated,
      invariants: ALL,
      // Loss up to 10% per link, so that 80 retransmissions over a 4-hop path cannot all fail.
      cases: protocolCase({ topology: { link: { maxLoss: 0.1 } }, script: { requests: true } }),
      numRuns: 2000,
      outDir: tempDir(),
    });
    expect(result.failed, result.report).toBe(false);
    expect(result.numRuns).toBe(2000);
  });

  it('catches retransmission without de-duplication, shrinks it to 1 message and at most 1 fault, and replays it', async () => {
    const result = await checkProtocol({
      name: 'no dedupe',
      protocol: atLeastOnceNoDedupe,
      module: { module: MODULE, export: 'atLeastOnceNoDedupe' },
      invariants: ALL,
      outDir: tempDir(),
    });
    expectCaughtAndReplayed(result, ['no_duplicates'], { messages: 1, faults: 1 });
  });

  it('catches a sender that gives up after one retransmission, shrinks it to 2 nodes, 1 link and 1 message, and finds it again by its path', async () => {
    const options: ProtocolPropertyOptions = {
      name: 'retransmit once',
      protocol: retransmitOnce,
      module: { module: MODULE, export: 'retransmitOnce' },
      invariants: ALL,
      // Links that lose nothing by themselves: only a fault can lose both copies.
      cases: protocolCase({ topology: { link: { maxLoss: 0 } } }),
      outDir: tempDir(),
    };
    const result = await checkProtocol(options);
    expectCaughtAndReplayed(result, ['delivered'], { messages: 1, faults: 1 });
    const c = result.counterexample!;
    expect(c.size, result.report).toMatchObject({ nodes: 2, links: 1, messages: 1 });
    // The story has the retransmission timer that fired, after which nothing was sent again.
    expect(result.report).toMatch(/n0 {2}timer \d+ fire\n.*n0 → n1 {2}frame #1 sent/);
    // fast-check's seed and path lead straight to the same case.
    const again = await checkProtocol({ ...options, ...(JSON.parse(readFileSync(c.replayFile!, 'utf8')) as CounterexampleReplayFile).fastCheck, outDir: undefined });
    expect(again.counterexample!.case).toEqual(c.case);
  });

  it('catches the off-by-one reorder buffer, shrinks it to at most 3 messages and 1 fault, and replays it', async () => {
    const result = await checkProtocol({
      name: 'ordered off by one',
      protocol: orderedOffByOne,
      module: { module: MODULE, export: 'orderedOffByOne' },
      invariants: [...ALL, fifoPerChannel],
      outDir: tempDir(),
    });
    expectCaughtAndReplayed(result, ['delivered', 'fifo'], { messages: 3, faults: 1 });
  });

  it('finds with ordering exploration a bug that the fixed order of equal-time events hides', async () => {
    const crashes = { faults: { kinds: ['crash'] as const, maxFaults: 1 } };
    const fixed = await checkProtocol({ name: 'ack before persist', protocol: ackBeforePersist, invariants: ALL, cases: protocolCase(crashes), numRuns: 300, outDir: undefined });
    expect(fixed.failed, fixed.report).toBe(false);
    const explored = await checkProtocol({
      name: 'ack before persist explored',
      protocol: ackBeforePersist,
      module: { module: MODULE, export: 'ackBeforePersist' },
      invariants: ALL,
      cases: protocolCase({ ...crashes, exploreTimerNoiseMicros: 5000 }),
      numRuns: 300,
      outDir: tempDir(),
    });
    expectCaughtAndReplayed(explored, ['delivered'], { messages: 3, faults: 1 });
    expect(explored.counterexample!.case.explore).toBeDefined();
    expect(readFileSync(explored.counterexample!.scenarioFile!, 'utf8')).toMatch(/^explore: \{seed: \d+, timer_noise: 5ms\}$/m);
  });
});
