/**
 * msgsim/yjs: Yjs documents synced by y-protocols over byte channels of the simulated network
 * converge, their awareness states reach every replica, and a restarted node recovers from
 * its durable store and catches up both ways; the g-set program on it passes its scenario
 * and fails the lossy one (a lost update is never sent again), deterministically, and the
 * same holds under generated cases, with a shrunk counterexample that replays.
 */
// msgsim/yjs first: it installs the virtual globals before Yjs and lib0 load.
import { connectYjs, persistYjs, type YjsConnection } from '../../src/yjs.js';
import * as Y from 'yjs';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { libraryChannel } from '../../src/libraries/channel.js';
import { MemoryDurableStore } from '../../src/runtime/durable-store.js';
import { uninstallVirtualGlobals } from '../../src/runtime/virtual/globals.js';
import { virtualGlobals } from '../../src/runtime/virtual/program.js';
import { createSimulation, type SimulationNode } from '../../src/scenario/builder.js';
import { checkProgram, programCase, type ProgramCaseOptions } from '../../src/testing/index.js';
import { reliable, unordered } from '../../scenarios/libraries/yjs-set.js';
import { msgsim, tempDir } from '../support/cli.js';

afterAll(() => uninstallVirtualGlobals());

const NODES = ['n0', 'n1', 'n2'];

/** The latest incarnation of a node's replica, as the test sees it after the run. */
interface Replica {
  readonly doc: Y.Doc;
  readonly connection: YjsConnection;
  /** The document's items right after loading from storage, before any sync. */
  readonly loaded: string[];
}

/** Three nodes in a full mesh whose links lose, jitter and reorder frames. */
function hostileMesh() {
  return createSimulation({
    seed: 3,
    nodes: NODES,
    topology: { kind: 'full-mesh', link: { bandwidth: '10Mbps', delay: '5ms', loss: 0.1, jitter: 'uniform(0ms, 10ms)', reorder: true, duplicate: 0.05 } },
  });
}

/**
 * Runs a replica of one document on every node, over the exactly-once ordered stream, kept in
 * the node's durable store; `act` runs on each node as it starts (inside its virtual globals).
 */
function replicate(sim: ReturnType<typeof createSimulation>, act: (node: SimulationNode, doc: Y.Doc, connection: YjsConnection) => void): Map<string, Replica> {
  const replicas = new Map<string, Replica>();
  for (const name of NODES) {
    sim.node(
      name,
      virtualGlobals((node: SimulationNode) => {
        const doc = new Y.Doc();
        persistYjs(doc, node.context.storage, 'doc');
        const loaded = doc.getArray<string>('items').toArray();
        const connection = connectYjs(doc, libraryChannel(node.endpoint, { flow: 'yjs', delivery: 'exactly-once', ordered: true }));
        replicas.set(name, { doc, connection, loaded });
        act(node, doc, connection);
      }),
    );
  }
  return replicas;
}

const sorted = (items: readonly string[]): string[] => [...items].sort();

describe('connectYjs', () => {
  it('makes three replicas converge over lossy, reordering links and a partition', async () => {
    const sim = hostileMesh();
    const replicas = replicate(sim, (node, doc) => {
      const items = doc.getArray<string>('items');
      const text = doc.getText('text');
      for (let i = 0; i < 5; i++) {
        setTimeout(() => {
          items.push([`${node.name}-${i}`]);
          text.insert(Math.floor(Math.random() * (text.length + 1)), node.name);
        }, 200 * i + 50);
      }
    });
    sim.at(0.3, () => sim.partition([['n0'], ['n1', 'n2']])).at(1.5, () => sim.heal());
    await sim.run({ until: 20 });
    const expected = NODES.flatMap((node) => [0, 1, 2, 3, 4].map((i) => `${node}-${i}`)).sort();
    const [first, ...others] = NODES.map((node) => replicas.get(node)!.doc);
    expect(sorted(first!.getArray<string>('items').toArray())).toEqual(expected);
    expect(first!.getText('text').length).toBe(30);
    for (const doc of others) {
      expect(doc.getArray('items').toJSON()).toEqual(first!.getArray('items').toJSON());
      expect(doc.getText('text').toString()).toBe(first!.getText('text').toString());
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(first!));
    }
  });

  it('carries every replica’s awareness state to the others, and its removal when it disconnects', async () => {
    const sim = hostileMesh();
    const replicas = replicate(sim, (node, _doc, connection) => {
      connection.awareness.setLocalStateField('user', node.name);
      setTimeout(() => connection.awareness.setLocalStateField('cursor', 7), 1000);
      if (node.name === 'n2') setTimeout(() => connection.destroy(), 3000);
    });
    const states = (node: string): unknown[] => [...replicas.get(node)!.connection.awareness.getStates().values()].sort((a, b) => String(a['user']).localeCompare(String(b['user'])));
    let during: unknown[] = [];
    sim.at(2.5, () => (during = states('n0')));
    await sim.run({ until: 10 });
    expect(during).toEqual([
      { user: 'n0', cursor: 7 },
      { user: 'n1', cursor: 7 },
      { user: 'n2', cursor: 7 },
    ]);
    expect(states('n0')).toEqual([
      { user: 'n0', cursor: 7 },
      { user: 'n1', cursor: 7 },
    ]);
    expect(states('n1')).toEqual(states('n0'));
  });

  it('restarts a node from its durable store and catches up both ways, also with what only it had stored', async () => {
    const sim = hostileMesh();
    const replicas = replicate(sim, (node, doc) => {
      const items = doc.getArray<string>('items');
      const runs = (node.context.storage.get<number>('runs') ?? 0) + 1;
      node.context.storage.set('runs', runs);
      // n1 adds while cut off, then crashes: its stream dies with it, so only its store has the item.
      if (node.name === 'n1' && runs === 1) setTimeout(() => items.push(['n1-while-cut-off']), 1000);
      if (node.name === 'n0') setTimeout(() => items.push(['n0-while-n1-down']), 2500);
    });
    sim.at(0.5, () => sim.partition([['n1'], ['n0', 'n2']]));
    sim.at(2, () => sim.crash('n1'));
    sim.at(2.2, () => sim.heal());
    sim.at(3, () => sim.restart('n1'));
    await sim.run({ until: 20 });
    expect(replicas.get('n1')!.loaded).toEqual(['n1-while-cut-off']);
    for (const node of NODES) expect(sorted(replicas.get(node)!.doc.getArray<string>('items').toArray()), node).toEqual(['n0-while-n1-down', 'n1-while-cut-off']);
  });
});

describe('persistYjs', () => {
  it('appends each update and compacts them into one snapshot; a new document loads the same state', () => {
    const storage = new MemoryDurableStore();
    const doc = new Y.Doc();
    const persistence = persistYjs(doc, storage, 'doc', { compactAfterUpdates: 4 });
    expect(persistence.restored).toBe(false);
    const items = doc.getArray<number>('items');
    for (let i = 0; i < 10; i++) items.push([i]);
    // Two compactions (after updates 4 and 8), then two appended updates.
    expect(storage.keys().sort()).toEqual(['doc', 'doc\u00008', 'doc\u00009']);
    const again = new Y.Doc();
    expect(persistYjs(again, storage, 'doc').restored).toBe(true);
    expect(again.getArray('items').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    persistence.destroy();
    items.push([10]);
    expect(storage.keys()).toHaveLength(3);
  });
});

describe('the Yjs g-set program', () => {
  it('passes its scenario and fails the lossy one, each deterministically', () => {
    const run = msgsim('run', 'scenarios/libraries/yjs-set.yaml', 'scenarios/libraries/yjs-unordered.yaml', '--verify-determinism', '--out', tempDir());
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const [reliableRun, unorderedRun] = run.stdout.split(/^(?=yjs-unordered:)/m);
    expect(reliableRun).toMatch(/^yjs-set: /);
    expect(reliableRun).toMatch(/checks: 3 passed, 0 failed/);
    expect(reliableRun).toMatch(/determinism: two runs gave the same \d+ events/);
    expect(unorderedRun).toMatch(/incomplete_final_reads +1 +0 +FAIL +process 1 missed 4/);
    expect(unorderedRun).toMatch(/determinism: two runs gave the same \d+ events/);
  });
});

describe('the Yjs g-set program under generated cases', () => {
  const module = new URL('../../scenarios/libraries/yjs-set.ts', import.meta.url).href;
  /**
   * Three replicas or fewer, on links that lose, reorder and duplicate, while partitions and
   * crashes come and go; 5 s before the final reads, as a link losing 20% may take its
   * retransmissions, up to 1 s apart, a few tries for a frame that holds the stream back.
   */
  const hostile: ProgramCaseOptions = {
    workload: { kind: 'g-set' },
    network: { kind: 'full-mesh', minNodes: 2, maxNodes: 3, link: { bandwidthMbps: [1, 100], maxLoss: 0.2, delayMicros: [100, 20_000], maxJitterMicros: 10_000, reorder: true, maxDuplicate: 0.1 } },
    clients: { rate: [5, 20], durationMicros: [500_000, 3_000_000], recoveryMicros: 5_000_000 },
    faults: { kinds: ['partition', 'crash'], maxFaults: 3, maxLengthMicros: 1_000_000 },
  };

  it('converges and keeps every acknowledged element over the exactly-once ordered stream', async () => {
    const result = await checkProgram({ name: 'yjs reliable', program: reliable, module: { module, export: 'reliable' }, cases: programCase(hostile), numRuns: 100, seed: 1, outDir: undefined });
    expect(result.failed, result.report).toBe(false);
  });

  it('over the network as it is, loses an element to loss alone; the shrunk case replays from its scenario file', async () => {
    const lossy: ProgramCaseOptions = { ...hostile, faults: { maxFaults: 0 } };
    const result = await checkProgram({ name: 'yjs unordered', program: unordered, module: { module, export: 'unordered' }, cases: programCase(lossy), numRuns: 30, seed: 7, outDir: tempDir() });
    expect(result.failed, result.report).toBe(true);
    const counterexample = result.counterexample!;
    expect(counterexample.failures[0]!.check, result.report).toMatch(/lost|incomplete_final_reads/);
    expect(counterexample.size.nodes, result.report).toBe(2);
    // It is the case shipped as scenarios/libraries/yjs-unordered.yaml.
    const settings = (yaml: string): string[] => yaml.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('program:'));
    expect(settings(readFileSync(counterexample.scenarioFile!, 'utf8'))).toEqual(settings(readFileSync('scenarios/libraries/yjs-unordered.yaml', 'utf8')));
    const run = msgsim('run', counterexample.scenarioFile!, '--out', tempDir());
    expect(run.stdout, run.stdout + run.stderr).toMatch(/incomplete_final_reads +[1-9]\d* +0 +FAIL/);
    const check = msgsim('check', counterexample.scenarioFile!, '--out', tempDir());
    expect(check.status, check.stdout + check.stderr).toBe(1);
  });
});
