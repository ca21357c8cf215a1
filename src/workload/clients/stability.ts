/**
 * The exact stability of a grow-only set workload (broadcast, g-set): when each value is
 * first held by every program node. Jepsen's set-full analysis can only sample this with
 * the clients' reads; here the run itself is watched. After every step of a program node (a
 * handler or a timer callback), the probe asks the node with a shadow read
 * ({@link ProgramHost.shadowRequest}: its reply is captured, not recorded in the history, and
 * sends nothing on the network) and notes the first time each value is in the reply. A
 * value's exact stable time is the latest of those first times over the nodes, once every
 * program node has held it.
 *
 * The probe assumes what Maelstrom's read handlers are: without side effects, and replying
 * before they return. A read handler that changes state, sends or draws random numbers would
 * be changed by the probe; one that replies after an `await` is not seen (no values are
 * noted for it); a value a handler adds after an `await` is noted at the node's next step.
 * A node that restarts keeps the first times of its earlier incarnation.
 *
 * Cost: a node that already held every value clients have asked to add so far is not asked
 * (nothing new can be in it). The probe relies on the set only growing: a list as long as
 * the node's previous one is taken to hold nothing new (its last element is checked), and a
 * longer one is scanned from its end until as many unseen elements turned up as it grew by,
 * so that a set kept in insertion order costs a look-up per new element. A list that shrank,
 * or holds duplicates, is scanned whole.
 */
import type { MaelstromNode } from '../../messaging/maelstrom/node.js';
import type { Body } from '../../messaging/maelstrom/body.js';
import type { Clock } from '../../runtime/seam.js';
import type { ProgramHost } from '../program-host.js';
import type { HistoryEntry } from './history.js';
import type { ClientWorkload, Invocation, SetOperations } from './workload.js';

/** A value clients asked to add, and who has held it. */
interface ValueState {
  readonly value: unknown;
  /** Program nodes that have held it. */
  holders: number;
  /** When the last of them first held it (so far), in seconds. */
  latest: number;
}

/** What the probe knows of one program node. */
interface NodeState {
  /** Keys of every element its reads have held (see {@link valueKey}), asked for or not. */
  readonly seen: Set<unknown>;
  /** How many of those are values clients asked to add. */
  held: number;
  /** Length of its last read's list. */
  lastLength: number;
  /** The incarnation that list came from: a restarted node starts a new list. */
  incarnation: MaelstromNode | undefined;
}

/**
 * A value's key in the probe's maps: a number, boolean or null as itself (cheap, and a Map
 * keeps 1 and "1" apart), a string or a compound value as its JSON text.
 */
function valueKey(value: unknown): unknown {
  return typeof value === 'string' || (typeof value === 'object' && value !== null) ? JSON.stringify(value) : value;
}

/** Watches a set workload's nodes for when each value is on all of them; see the module comment. */
export class StabilityProbe {
  private readonly values = new Map<unknown, ValueState>();
  private readonly nodes = new Map<string, NodeState>();
  private readonly read: Invocation;
  private readonly readRequest: Body;
  private readonly ops: SetOperations;

  constructor(
    private readonly host: ProgramHost,
    private readonly workload: ClientWorkload,
    /** True time: the clients' clock, which the history's times are on. */
    private readonly clock: Clock,
  ) {
    if (workload.set === undefined) throw new Error(`StabilityProbe: the ${workload.name} workload is not a set workload`);
    this.ops = workload.set;
    this.read = { f: this.ops.read, value: null };
    this.readRequest = workload.request(this.read);
    for (const node of host.nodes) this.nodes.set(node, { seen: new Set(), held: 0, lastLength: 0, incarnation: undefined });
  }

  /** Learns of a value when a client invokes its add (a history listener). */
  onEntry(entry: HistoryEntry): void {
    if (entry.type !== 'invoke' || entry.f !== this.ops.add) return;
    const key = valueKey(entry.value);
    if (!this.values.has(key)) this.values.set(key, { value: entry.value, holders: 0, latest: 0 });
  }

  /** After a step of a program node: notes the values it holds for the first time. */
  afterStep(node: MaelstromNode): void {
    const state = this.nodes.get(node.id);
    if (state === undefined || state.held >= this.values.size) return;
    const elements = this.readOf(node);
    if (elements === undefined) return;
    if (state.incarnation !== node) {
      state.incarnation = node;
      state.lastLength = 0;
    }
    const length = elements.length;
    // A grow-only set that kept its length holds nothing new; its last element is checked
    // all the same, so that a set that swapped one value for another is noticed.
    if (length === state.lastLength && (length === 0 || state.seen.has(valueKey(elements[length - 1])))) return;
    const growth = length > state.lastLength ? length - state.lastLength : length;
    state.lastLength = length;
    const now = this.clock.now();
    // From the end, where a set that appends (a JavaScript Set) keeps its new elements, until
    // as many unseen elements turned up as the list grew by (every element, otherwise).
    let unseen = 0;
    for (let i = length - 1; i >= 0 && unseen < growth; i--) {
      const key = valueKey(elements[i]);
      if (state.seen.has(key)) continue;
      state.seen.add(key);
      unseen++;
      const value = this.values.get(key);
      // A value no client asked to add: the checker reports it as unexpected.
      if (value === undefined) continue;
      state.held++;
      value.holders++;
      value.latest = now;
    }
  }

  /**
   * When each value was first held by every program node, by the value's JSON text (as
   * the set-full analysis keys elements); values some node never held are absent.
   */
  stableTimes(): Map<string, number> {
    const times = new Map<string, number>();
    for (const state of this.values.values()) if (state.holders === this.nodes.size) times.set(JSON.stringify(state.value), state.latest);
    return times;
  }

  /** The node's set, read by a shadow request; undefined if it gave no well-formed reply at once. */
  private readOf(node: MaelstromNode): readonly unknown[] | undefined {
    const reply = this.host.shadowRequest(node, this.readRequest);
    if (reply === undefined || reply.type === 'error') return undefined;
    let elements: unknown;
    try {
      elements = this.workload.complete(this.read, reply);
    } catch (error) {
      if (error instanceof TypeError) return undefined;
      throw error;
    }
    return Array.isArray(elements) ? elements : undefined;
  }
}
