/**
 * The fault state of one link direction: a small state machine driven by the network's
 * fault functions, and the log that lets frames be judged lazily against it.
 *
 * A direction is `up` when no condition holds. Each condition is entered and left by its
 * own fault, and several may hold at once (a link can be down while a partition also cuts
 * it and its sender has crashed), so the state is the set of conditions that hold:
 *
 * | condition       | entered by                  | left by                          | frames on the direction when it is entered         | frames arriving while it holds |
 * | --------------- | --------------------------- | -------------------------------- | -------------------------------------------------- | ------------------------------ |
 * | `link_down`     | `setLinkUp(link, false)`    | `setLinkUp(link, true)`          | all that have not arrived: `link_down`             | none (nothing is admitted)     |
 * | `partitioned`   | a partition that cuts it    | `heal`, or a partition that does not cut it | all that have not arrived: `partitioned` | none (nothing is admitted)     |
 * | `sender_down`   | `setNodeUp(from, false)`    | `setNodeUp(from, true)`          | those not fully serialised: `sender_crashed`; the rest propagate on | none (nothing is admitted) |
 * | `receiver_down` | `setNodeUp(to, false)`      | `setNodeUp(to, true)`            | none at once                                       | `receiver_down` (a node back up by then receives them) |
 * | `held`          | `setHeld(link, true)`       | `setHeld(link, false)`           | none at once                                       | kept at the far end; at release they arrive, in order, judged then |
 *
 * Routing uses a direction only while no condition but `held` holds, so nothing is admitted
 * to it otherwise. A held direction still admits frames: they serialise and propagate as
 * usual and wait at its far end, as turmoil's `hold` keeps a link's messages until `release`.
 * Degrading a link is not a state: it changes bandwidth, delay or loss for the frames
 * admitted from then on and leaves reachability alone.
 *
 * Why a log: a fault must not cost work per frame on the wire. Entering a condition that
 * destroys frames appends a *cut* (its time and the fate it deals) to the direction's log;
 * a frame notes the log's length when it is admitted (its mark) and, when its hop comes
 * due (or the run ends), is judged against the cuts logged since: the first that destroys
 * it gives its fate.
 */
import { Fate, type FateCode } from './fates.js';

/** The conditions that can hold on a link direction (bits of {@link LinkState.conditions}). */
export const Condition = {
  /** Its link was taken down. */
  LinkDown: 1,
  /** A partition cuts it. */
  Partitioned: 2,
  /** Its sending node is down. */
  SenderDown: 4,
  /** Its receiving node is down. */
  ReceiverDown: 8,
  /** Its traffic is held: frames wait at the far end until it is released. */
  Held: 16,
} as const;

/** The conditions that stop a direction from carrying frames (all but {@link Condition.Held}). */
const BLOCKING = Condition.LinkDown | Condition.Partitioned | Condition.SenderDown | Condition.ReceiverDown;

/** One of the {@link Condition} bits. */
export type ConditionBit = (typeof Condition)[keyof typeof Condition];

/** Condition names as documented, in bit order. */
export const CONDITION_NAMES = ['link_down', 'partitioned', 'sender_down', 'receiver_down', 'held'] as const;

/** The fate a cut deals to the frames it destroys, by condition. */
function cutFateOf(condition: ConditionBit): FateCode | undefined {
  if (condition === Condition.LinkDown) return Fate.LinkDown;
  if (condition === Condition.Partitioned) return Fate.Partitioned;
  if (condition === Condition.SenderDown) return Fate.SenderCrashed;
  return undefined;
}

/** The fault state of one link direction. */
export class LinkState {
  /** The conditions that hold, as {@link Condition} bits; 0 when the direction is up. */
  conditions = 0;
  /** The number of cuts so far: what a frame admitted now notes as its mark. */
  mark = 0;
  /** The cuts so far, in order (made on the first: most directions are never cut). */
  private cuts: { readonly time: number; readonly fate: FateCode }[] | undefined;

  /** Whether the direction may carry frames: no condition holds but perhaps `held`. */
  get isUp(): boolean {
    return (this.conditions & BLOCKING) === 0;
  }

  /** Whether `condition` holds. */
  has(condition: ConditionBit): boolean {
    return (this.conditions & condition) !== 0;
  }

  /** The state's name: `up`, or the conditions that hold joined by `+` (e.g. `link_down+sender_down`). */
  get name(): string {
    if (this.conditions === 0) return 'up';
    return CONDITION_NAMES.filter((_, bit) => (this.conditions & (1 << bit)) !== 0).join('+');
  }

  /**
   * Enters `condition` at `now`. Returns true when that cuts the direction (a condition
   * that destroys frames, newly entered): the caller empties its queue.
   */
  enter(condition: ConditionBit, now: number): boolean {
    if (this.has(condition)) return false;
    this.conditions |= condition;
    const fate = cutFateOf(condition);
    if (fate === undefined) return false;
    (this.cuts ??= []).push({ time: now, fate });
    this.mark = this.cuts.length;
    return true;
  }

  /** Leaves `condition` (nothing happens to frames here; a release is the network's to carry out). */
  leave(condition: ConditionBit): void {
    this.conditions &= ~condition;
  }

  /**
   * The fate dealt by the first cut since `mark` that destroys a frame whose serialisation
   * ends at `finish`, or {@link Fate.InFlight} when no cut since did.
   */
  cutFate(mark: number, finish: number): FateCode {
    for (let i = mark; i < this.mark; i++) {
      const cut = this.cuts![i]!;
      if (destroys(cut.fate, cut.time, finish)) return cut.fate;
    }
    return Fate.InFlight;
  }
}

/** A broken wire destroys everything on it; a crashed sender only what it had not finished sending. */
function destroys(fate: FateCode, cutAt: number, finish: number): boolean {
  return fate !== Fate.SenderCrashed || finish > cutAt;
}
