import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countsByOutcome, DROP_FATE_NAMES, Fate, FATE_NAMES, FATE_OUTCOME, FATES, isDrop, NO_OUTCOME, type FateCode } from '../../src/net/fates.js';
import type { LinkConfig } from '../../src/net/link.js';
import { Outcome, OUTCOME_NAMES } from '../../src/net/outcome.js';
import type { DropEvent } from '../../src/trace/events.js';
import { TraceRecorder } from '../../src/trace/recorder.js';
import { networkOf } from '../support/graph.js';

type Network = ReturnType<typeof networkOf>['network'];
type Sim = ReturnType<typeof networkOf>['sim'];

/** The methods of src/net/network.ts that end a frame with a drop. */
type Site = 'send' | 'forward' | 'admit' | 'endHop' | 'deliverLocal' | 'finishRun';

/** One way for frame 0 of a line 0 – 1 – 2 (8 kbps, 0.5 s: 1000 B take 1 s to serialise) to be destroyed. */
interface DropCase {
  readonly name: string;
  /** The drop site it reaches. */
  readonly site: Site;
  /** What destroys it, in words: cases of one cause must give one fate. */
  readonly cause: string;
  readonly link?: Partial<LinkConfig>;
  readonly until?: number;
  /** Sends and faults, scheduled on the line. */
  readonly setup: (sim: Sim, network: Network) => void;
  readonly fate: FateCode;
  /** Where the drop happens: a node, and the link direction it was on (none off any hop). */
  readonly node: string;
  readonly on?: string;
}

const send = (sim: Sim, network: Network, time: number, src: number, dst: number): void => void sim.scheduleAt(time, () => void network.send(src, dst, 1000, null, 0));
const at = (sim: Sim, time: number, fault: () => void): void => void sim.scheduleAt(time, fault);

const CASES: readonly DropCase[] = [
  {
    name: 'a send from a node that is down',
    site: 'send',
    cause: 'sender down',
    setup: (sim, n) => (at(sim, 0, () => n.setNodeUp(0, false)), send(sim, n, 0, 0, 1)),
    fate: Fate.SenderDown,
    node: '0',
  },
  {
    name: 'a local send to a node that goes down before the hand-over',
    site: 'deliverLocal',
    cause: 'receiver down',
    setup: (sim, n) => (send(sim, n, 0, 1, 1), at(sim, 0, () => n.setNodeUp(1, false))),
    fate: Fate.ReceiverDown,
    node: '1',
  },
  {
    name: 'a send to a destination that is down (so no route leads there)',
    site: 'forward',
    cause: 'receiver down',
    setup: (sim, n) => (at(sim, 0, () => n.setNodeUp(2, false)), send(sim, n, 0, 0, 2)),
    fate: Fate.ReceiverDown,
    node: '0',
  },
  {
    name: 'a frame at an intermediate node whose destination went down meanwhile',
    site: 'forward',
    cause: 'receiver down',
    setup: (sim, n) => (send(sim, n, 0, 0, 2), at(sim, 0.2, () => n.setNodeUp(2, false))),
    fate: Fate.ReceiverDown,
    node: '1',
  },
  {
    name: 'an arrival over a link at a node that went down while the frame was on it',
    site: 'endHop',
    cause: 'receiver down',
    setup: (sim, n) => (send(sim, n, 0, 0, 1), at(sim, 0.2, () => n.setNodeUp(1, false))),
    fate: Fate.ReceiverDown,
    node: '1',
    on: '0-1',
  },
  {
    name: 'a send with no usable path to a destination that is up',
    site: 'forward',
    cause: 'no route',
    setup: (sim, n) => (at(sim, 0, () => n.setLinkUp(1, false)), send(sim, n, 0, 0, 2)),
    fate: Fate.NoRoute,
    node: '0',
  },
  {
    name: 'a frame offered to a full queue',
    site: 'admit',
    cause: 'queue full',
    link: { queue: { messages: 0 } },
    setup: (sim, n) => (send(sim, n, 0, 0, 1), send(sim, n, 0, 0, 1)),
    fate: Fate.QueueFull,
    node: '0',
    on: '0-1',
  },
  { name: 'a frame lost by the loss model', site: 'endHop', cause: 'loss', link: { loss: 1 }, setup: (sim, n) => send(sim, n, 0, 0, 1), fate: Fate.Lost, node: '1', on: '0-1' },
  { name: 'a frame damaged on the hop', site: 'endHop', cause: 'corruption', link: { corrupt: 1 }, setup: (sim, n) => send(sim, n, 0, 0, 1), fate: Fate.Corrupted, node: '1', on: '0-1' },
  {
    name: 'a frame propagating on a link that goes down',
    site: 'endHop',
    cause: 'link down',
    setup: (sim, n) => (send(sim, n, 0, 0, 1), at(sim, 1.2, () => n.setLinkUp(0, false))),
    fate: Fate.LinkDown,
    node: '1',
    on: '0-1',
  },
  {
    name: 'a frame on a link that goes down, the run ending before its arrival',
    site: 'finishRun',
    cause: 'link down',
    until: 1.3,
    setup: (sim, n) => (send(sim, n, 0, 0, 1), at(sim, 1.2, () => n.setLinkUp(0, false))),
    fate: Fate.LinkDown,
    node: '1',
    on: '0-1',
  },
  {
    name: 'a frame propagating on a direction a partition cuts',
    site: 'endHop',
    cause: 'partition',
    setup: (sim, n) => (send(sim, n, 0, 0, 1), at(sim, 1.2, () => n.setPartition({ groups: [[0]] }))),
    fate: Fate.Partitioned,
    node: '1',
    on: '0-1',
  },
  {
    name: 'a frame still serialising when its sender crashes',
    site: 'endHop',
    cause: 'sender crashed',
    setup: (sim, n) => (send(sim, n, 0, 0, 1), at(sim, 0.5, () => n.setNodeUp(0, false))),
    fate: Fate.SenderCrashed,
    node: '1',
    on: '0-1',
  },
  {
    name: 'a frame serialising behind one that had left when its sender crashes, the run ending before its arrival',
    site: 'finishRun',
    cause: 'sender crashed',
    until: 2,
    setup: (sim, n) => (send(sim, n, 0, 0, 1), send(sim, n, 0, 0, 1), at(sim, 1.2, () => n.setNodeUp(0, false))),
    fate: Fate.SenderCrashed,
    node: '1',
    on: '0-1',
  },
];

/** Runs a case; returns the network, the drop events of the trace and the id of the frame it is about (the last sent). */
async function run(c: DropCase): Promise<{ network: Network; drops: DropEvent[]; id: number }> {
  const { sim, network } = networkOf({ n: 3, edges: [[0, 1], [1, 2]] }, { bandwidthBitsPerSecond: 8000, delaySeconds: 0.5, ...c.link });
  const recorder = new TraceRecorder(network, () => sim.now);
  network.observe(recorder);
  c.setup(sim, network);
  await sim.run(c.until === undefined ? {} : { until: c.until });
  network.finishRun();
  recorder.finish(sim.now);
  const drops = recorder.events.filter((e): e is DropEvent => e.type === 'drop');
  return { network, drops, id: network.journal.length - 1 };
}

/** The last hop journal row of message `id`, or -1. */
function lastHop(network: Network, id: number): number {
  for (let h = network.hops.length - 1; h >= 0; h--) if (network.hops.message[h] === id) return h;
  return -1;
}

describe('the table of fates', () => {
  it('numbers its fates 0, 1, … in order, with distinct keys and names', () => {
    expect(FATES.map((row) => row.code)).toEqual(FATES.map((_, i) => i));
    expect(new Set(FATES.map((row) => row.key)).size).toBe(FATES.length);
    expect(new Set(FATE_NAMES).size).toBe(FATES.length);
    for (const row of FATES) {
      expect(Fate[row.key]).toBe(row.code);
      expect(row.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it('puts every fate a message can have under one coarse outcome, and every outcome has a fate', () => {
    for (const row of FATES) {
      expect(row.outcome === undefined).toBe(row.scope === 'hop');
      expect(FATE_OUTCOME[row.code]).toBe(row.outcome === undefined ? NO_OUTCOME : OUTCOME_NAMES.indexOf(row.outcome));
    }
    for (const outcome of OUTCOME_NAMES) expect(FATES.some((row) => row.outcome === outcome)).toBe(true);
    // The fates of an outcome keep its name where there is only one (so `reason` refines `outcome`).
    expect(FATES.filter((row) => row.outcome === 'dropped_fault').map((row) => row.name)).toEqual([
      'link_down',
      'partitioned',
      'sender_crashed',
      'receiver_down',
      'sender_down',
      'no_route',
    ]);
  });

  it('names as drops exactly the fates that destroy a frame', () => {
    const drops = FATES.filter((row) => isDrop(row.code)).map((row) => row.name);
    expect(DROP_FATE_NAMES).toEqual(drops);
    expect(drops).not.toContain('in_flight');
    expect(drops).not.toContain('delivered');
    expect(drops).not.toContain('arrived');
  });

  it('is the table README (messages.csv) and docs/architecture.md print, row for row', () => {
    /** The rows of the first table after `heading` in `file`, as the groups of `pattern`. */
    const rows = (file: string, heading: string, pattern: RegExp): (string | undefined)[][] => {
      const text = readFileSync(file, 'utf8');
      const table = /\n(\|[^\n]*\n)+/.exec(text.slice(text.indexOf(heading)))![0];
      return [...table.matchAll(pattern)].map((m) => m.slice(1));
    };
    const readme = rows('README.md', 'The fates of messages (`reason`)', /^\| `([a-z_]+)` \| `([a-z_]+)` \| [A-Z].*\|$/gm);
    expect(readme).toEqual(FATES.filter((row) => row.scope !== 'hop').map((row) => [row.name, row.outcome]));
    const architecture = rows('docs/architecture.md', '### Frame fates', /^\| (\d+) \| `([a-z_]+)` \| (?:`([a-z_]+)`|—) \| ([a-z, ]+) \|/gm);
    expect(architecture).toEqual(
      FATES.map((row) => [String(row.code), row.name, row.outcome, row.scope === 'both' ? 'message, hop' : row.scope]),
    );
  });

  it('sums counts per fate by outcome', () => {
    const perFate = FATES.map((row) => row.code + 1);
    const expected = OUTCOME_NAMES.map((outcome) => FATES.filter((row) => row.outcome === outcome).reduce((sum, row) => sum + row.code + 1, 0));
    expect(countsByOutcome(perFate)).toEqual(expected);
    expect(countsByOutcome([0, 0, 5])).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('every drop site', () => {
  for (const c of CASES) {
    it(`records ${FATE_NAMES[c.fate]} for ${c.name}`, async () => {
      const { network, drops, id } = await run(c);
      expect(FATE_NAMES[network.journal.fate[id]!]).toBe(FATE_NAMES[c.fate]);
      expect(network.journal.outcome[id]).toBe(FATE_OUTCOME[c.fate]);
      expect(drops.filter((d) => d.frame === id)).toEqual([
        expect.objectContaining({ frame: id, cause: FATE_NAMES[c.fate], node: c.node, ...(c.on === undefined ? {} : { link: c.on }) }),
      ]);
      if (c.on === undefined) expect(drops.find((d) => d.frame === id)).not.toHaveProperty('link');
      const hop = lastHop(network, id);
      if (c.on === undefined) {
        // Off any hop: the last hop (if any) arrived, and no direction counted the drop.
        if (hop >= 0) expect(network.hops.fate[hop]).toBe(Fate.Arrived);
        for (const t of network.transmitters) expect(t.stats.drops[c.fate]).toBe(0);
      } else {
        expect(FATE_NAMES[network.hops.fate[hop]!]).toBe(FATE_NAMES[c.fate]);
        const t = network.transmitters[network.hops.transmitter[hop]!]!;
        expect(`${t.link.name}`).toBe(c.on);
        expect(t.stats.drops[c.fate]).toBe(1);
      }
    });
  }

  it('gives one cause one fate on every path', () => {
    const byCause = new Map<string, Set<FateCode>>();
    for (const c of CASES) byCause.set(c.cause, (byCause.get(c.cause) ?? new Set<FateCode>()).add(c.fate));
    for (const [cause, fates] of byCause) expect([...fates], cause).toHaveLength(1);
    expect(CASES.filter((c) => c.cause === 'receiver down').map((c) => c.site)).toEqual(['deliverLocal', 'forward', 'forward', 'endHop']);
  });

  it('covers every place in the network that ends a frame, and every fate that destroys one', () => {
    // Each method of network.ts that calls drop() is a drop site; a new one needs a case here.
    const source = readFileSync('src/net/network.ts', 'utf8').split('\n');
    const sites = new Set<string>();
    let method = '';
    for (const line of source) {
      const header = /^ {2}(?:private |async )*(\w+)\(.*\)(?:: [\w<>| ]+)? \{$/.exec(line);
      if (header !== null) method = header[1]!;
      if (line.includes('this.drop(')) sites.add(method);
    }
    expect([...sites].sort()).toEqual([...new Set(CASES.map((c) => c.site))].sort());
    // No other code in net/ gives a message its fate.
    expect(source.filter((line) => line.includes('journal.markFate('))).toHaveLength(1);
    const covered = new Set(CASES.map((c) => FATE_NAMES[c.fate]));
    for (const name of DROP_FATE_NAMES) expect(covered.has(name), name).toBe(true);
  });

  it('leaves a frame in flight whose sender crashed after it had fully left, and delivers one to a node back up in time', async () => {
    const crashedLate = await run({ ...CASES[0]!, setup: (sim, n) => (send(sim, n, 0, 0, 1), at(sim, 1.2, () => n.setNodeUp(0, false))) });
    expect(crashedLate.network.journal.fate[0]).toBe(Fate.Delivered);
    const backInTime = await run({ ...CASES[0]!, setup: (sim, n) => (send(sim, n, 0, 0, 1), at(sim, 0.2, () => n.setNodeUp(1, false)), at(sim, 1.2, () => n.setNodeUp(1, true))) });
    expect(backInTime.network.journal.fate[0]).toBe(Fate.Delivered);
    expect(backInTime.drops).toEqual([]);
  });

  it('counts the outcome of every message under the outcome of its fate', async () => {
    for (const c of CASES) {
      const { network } = await run(c);
      const counts = network.journal.outcomeCounts();
      const fromFates = OUTCOME_NAMES.map((_, outcome) => [...network.journal.fate.subarray(0, network.journal.length)].filter((f) => FATE_OUTCOME[f] === outcome).length);
      expect(counts).toEqual(fromFates);
      expect(counts[Outcome.InFlight]! + counts[Outcome.Delivered]! + counts[Outcome.DroppedFault]! + counts[Outcome.Dropped]! + counts[Outcome.Lost]! + counts[Outcome.Corrupted]!).toBe(network.journal.length);
    }
  });
});
