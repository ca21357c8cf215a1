/**
 * Invariants over a trace: the properties a protocol under test must keep, checked event by
 * event as the run goes (online), so a run can stop at the first violation, and once more at
 * the end for properties about what must eventually have happened.
 *
 * The built-in ones read the application's events (app_send, app_deliver, app_reply) and
 * faults: every message delivered, no duplicates, FIFO per channel, no delivery across a
 * partition, replies matched to requests. {@link invariant} makes one of your own.
 */
import type { AppSendEvent, TraceEvent } from './events.js';

/** What an invariant found wrong. */
export interface Violation {
  /** One line saying what went wrong. */
  readonly message: string;
  /** The application messages involved (for the short trace of a counterexample). */
  readonly messages?: readonly number[];
}

/** One run's checker of an invariant. */
export interface InvariantChecker {
  /** Sees every event in order; returns a violation, or undefined if all is well so far. */
  event?(event: TraceEvent): Violation | string | undefined;
  /** Called once when the run ended (not when it was cut short); the same returns. */
  end?(): Violation | string | undefined;
}

/** A named property of runs; {@link Invariant.start} makes a fresh checker per run. */
export interface Invariant {
  readonly name: string;
  start(): InvariantChecker;
}

/** Makes an invariant from a name and a factory of per-run checkers. */
export function invariant(name: string, start: () => InvariantChecker): Invariant {
  return { name, start };
}

/** The violation a checker returned, normalised; undefined if none. */
export function asViolation(result: Violation | string | undefined): Violation | undefined {
  return typeof result === 'string' ? { message: result } : result;
}

/** A time for messages: seconds to 9 significant digits. */
function at(t: number): string {
  return `t=${Number(t.toPrecision(9))}s`;
}

/** Who is up, and which partition is in force, as the fault events tell it. */
class FaultState {
  readonly down = new Set<string>();
  /** Per node that crashed: the time of its last crash. */
  readonly crashedAt = new Map<string, number>();
  groupOf = new Map<string, number>();
  /** Number of the group of nodes in no group. */
  otherGroup = 0;
  oneWay = false;
  partitionSince = -1;

  see(event: TraceEvent): void {
    if (event.type !== 'fault') return;
    if (event.fault === 'crash' && event.node !== undefined) {
      this.down.add(event.node);
      this.crashedAt.set(event.node, event.t);
    } else if (event.fault === 'restart' && event.node !== undefined) {
      this.down.delete(event.node);
    } else if (event.fault === 'partition') {
      this.groupOf = new Map((event.groups ?? []).flatMap((group, g) => group.map((node) => [node, g] as const)));
      this.otherGroup = event.groups?.length ?? 0;
      this.oneWay = event.oneWay === true;
      this.partitionSince = event.t;
    } else if (event.fault === 'heal') {
      this.partitionSince = -1;
    }
  }

  /** Whether the partition in force keeps `from` from reaching `to`. */
  separates(from: string, to: string): boolean {
    if (this.partitionSince < 0) return false;
    const a = this.groupOf.get(from) ?? this.otherGroup;
    const b = this.groupOf.get(to) ?? this.otherGroup;
    return this.oneWay ? a < b : a !== b;
  }

  /** Whether `node` crashed after time `t` (losing what it held then). */
  crashedSince(node: string, t: number): boolean {
    const at = this.crashedAt.get(node);
    return at !== undefined && at >= t;
  }
}

/**
 * Every message is eventually delivered to the application of its destination, unless its
 * sender crashed after sending it (taking the protocol's state with it) or its destination
 * is down at the end. Checked at the end: let the run go on long enough after the last fault
 * heals for the protocol to recover.
 */
export const everyMessageDelivered: Invariant = invariant('delivered', () => {
  const faults = new FaultState();
  const pending = new Map<number, AppSendEvent>();
  return {
    event(event) {
      faults.see(event);
      if (event.type === 'app_send') pending.set(event.msg, event);
      else if (event.type === 'app_deliver' && pending.get(event.msg)?.to === event.node) pending.delete(event.msg);
      return undefined;
    },
    end() {
      const missing = [...pending.values()].filter((send) => !faults.crashedSince(send.node, send.t) && !faults.down.has(send.to));
      if (missing.length === 0) return undefined;
      const first = missing[0]!;
      const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : '';
      return { message: `message m${first.msg} from ${first.node} to ${first.to} (sent at ${at(first.t)}) was never delivered${more}`, messages: missing.map((send) => send.msg) };
    },
  };
});

/** No message is handed to the application of a node twice. */
export const noDuplicates: Invariant = invariant('no_duplicates', () => {
  const delivered = new Map<string, number>();
  return {
    event(event) {
      if (event.type !== 'app_deliver') return undefined;
      const key = `${event.node}\u0000${event.msg}`;
      const first = delivered.get(key);
      if (first === undefined) {
        delivered.set(key, event.t);
        return undefined;
      }
      return { message: `message m${event.msg} from ${event.from} was delivered to ${event.node} twice (at ${at(first)} and ${at(event.t)})`, messages: [event.msg] };
    },
  };
});

/** Messages from one node to another reach the application in the order they were sent. */
export const fifoPerChannel: Invariant = invariant('fifo', () => {
  const last = new Map<string, { seq: number; msg: number }>();
  return {
    event(event) {
      if (event.type !== 'app_deliver') return undefined;
      const key = `${event.from}\u0000${event.node}`;
      const previous = last.get(key);
      if (previous !== undefined && event.seq < previous.seq) {
        return {
          message: `${event.node} got message m${event.msg} (#${event.seq} from ${event.from}) after m${previous.msg} (#${previous.seq}): out of order`,
          messages: [previous.msg, event.msg],
        };
      }
      if (previous === undefined || event.seq > previous.seq) last.set(key, { seq: event.seq, msg: event.msg });
      return undefined;
    },
  };
});

/**
 * No message sent while a partition separates its sender from its destination is delivered
 * before the partition heals: nothing crosses a partition.
 */
export const noDeliveryAcrossPartition: Invariant = invariant('no_delivery_across_partition', () => {
  const faults = new FaultState();
  const sentAt = new Map<number, number>();
  return {
    event(event) {
      faults.see(event);
      if (event.type === 'app_send') sentAt.set(event.msg, event.t);
      if (event.type !== 'app_deliver' || !faults.separates(event.from, event.node)) return undefined;
      const sent = sentAt.get(event.msg);
      if (sent === undefined || sent < faults.partitionSince) return undefined;
      return { message: `message m${event.msg} from ${event.from} reached ${event.node} across the partition that began at ${at(faults.partitionSince)}`, messages: [event.msg] };
    },
  };
});

/**
 * Every reply answers a request its receiver made, and answers it once; and every request
 * gets its reply, unless the requester or the server crashed after it was sent, or one of
 * them is down at the end.
 */
export const repliesMatched: Invariant = invariant('replies_matched', () => {
  const faults = new FaultState();
  const open = new Map<number, AppSendEvent>();
  const answered = new Set<number>();
  return {
    event(event) {
      faults.see(event);
      if (event.type === 'app_send' && event.request === true) open.set(event.msg, event);
      if (event.type !== 'app_reply') return undefined;
      if (answered.has(event.msg)) return { message: `${event.node} got a second reply to request m${event.msg}`, messages: [event.msg] };
      const request = open.get(event.msg);
      if (request === undefined || request.node !== event.node) {
        return { message: `${event.node} got a reply to m${event.msg}, which is not a request it made`, messages: [event.msg] };
      }
      open.delete(event.msg);
      answered.add(event.msg);
      return undefined;
    },
    end() {
      // A server that crashed after the request may have lost the reply with its state.
      const missing = [...open.values()].filter(
        (send) => !faults.crashedSince(send.node, send.t) && !faults.crashedSince(send.to, send.t) && !faults.down.has(send.to) && !faults.down.has(send.node),
      );
      if (missing.length === 0) return undefined;
      const first = missing[0]!;
      return { message: `request m${first.msg} from ${first.node} to ${first.to} (sent at ${at(first.t)}) never got a reply`, messages: missing.map((send) => send.msg) };
    },
  };
});

/** The built-in invariants by the names scenario files use. */
export const BUILTIN_INVARIANTS: ReadonlyMap<string, Invariant> = new Map(
  [everyMessageDelivered, noDuplicates, fifoPerChannel, noDeliveryAcrossPartition, repliesMatched].map((inv) => [inv.name, inv]),
);
