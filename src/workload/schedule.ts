/**
 * The sending schedule every workload shares: `count` sends from `startSeconds` on the
 * sender's clock, a fixed or random gap apart, each padded to a size drawn from the flow's
 * size distribution. Progress lives in the workload, not in the node: after a crash and
 * restart the schedule carries on, skipping the sends that fell due while the node was down.
 */
import { sample } from '../engine/distributions.js';
import { modeBits } from '../messaging/delivery.js';
import { dataEnvelopeOverhead } from '../messaging/envelope.js';
import type { Frame } from '../messaging/frames.js';
import type { Codec } from '../messaging/codec.js';
import type { NodeContext } from '../runtime/seam.js';
import type { FlowBase } from './flow.js';

/** A flow's progress: how many sends have happened or been skipped. */
export interface Progress {
  sent: number;
  /** Set once the schedule first ran: later runs are resumptions after a restart. */
  resumed?: boolean;
}

/** Runs (or resumes) a flow's schedule on a node; `sendOne(seq, wireBytes)` sends message `seq`. */
export function runSchedule(flow: FlowBase, progress: Progress, context: NodeContext, minimumBytes: number, sendOne: (seq: number, wireBytes: number) => void): void {
  const clock = context.clock;
  const sizes = context.random(`flow/${flow.name}/size`);
  const gaps = context.random(`flow/${flow.name}/interval`);
  const fixed = flow.interval.kind === 'constant' ? flow.interval.value : undefined;
  const sendNext = (): void => {
    const drawn = flow.size.kind === 'constant' ? flow.size.value : Math.round(sample(flow.size, sizes));
    sendOne(progress.sent, Math.max(minimumBytes, drawn));
    progress.sent++;
    if (progress.sent < flow.count) clock.setTimer(fixed ?? sample(flow.interval, gaps), sendNext);
  };
  if (progress.sent >= flow.count) return;
  const resuming = progress.resumed === true;
  progress.resumed = true;
  const now = clock.now();
  if (fixed === undefined) {
    clock.setTimer(Math.max(0, flow.startSeconds - now) + sample(flow.interval, gaps), sendNext);
    return;
  }
  // A fixed schedule: the next send is the first one not yet due (sends due while down are
  // skipped). The first run skips nothing: on a real clock it starts a moment after time 0.
  const due = fixed === 0 || !resuming || now <= flow.startSeconds ? progress.sent : Math.max(progress.sent, Math.ceil((now - flow.startSeconds) / fixed));
  if (due >= flow.count) return;
  progress.sent = due;
  clock.setTimer(Math.max(0, flow.startSeconds + due * fixed - now), sendNext);
}

/** The largest size a message can be given: a drawn size may be any that bytes on the wire can count. */
const LARGEST_DRAWN_BYTES = 0xffff_ffff;

/**
 * The largest size on the wire a flow's messages can have, as frames that carry their size
 * write it (see messaging/frames.ts): the flow's size when constant, else the largest count
 * of bytes a message can have.
 */
export function largestSize(flow: FlowBase): number {
  return flow.size.kind === 'constant' ? flow.size.value : LARGEST_DRAWN_BYTES;
}

/** The longest label a flow's frames travel under (its own name plus a role, see README). */
const LONGEST_ROLE = ':subscribe';

/**
 * Bytes on the wire of the largest of a flow's `frames`, header included, and with the
 * envelope of the flow's delivery guarantee around it (sized for its longest stream label
 * and largest sequence number, so no frame of the flow can need more).
 */
export function largestWireBytes(codec: Codec<unknown>, headerBytes: number, frames: readonly Frame[], flow: FlowBase): number {
  const encoded = Math.max(...frames.map((frame) => codec.encode(frame).length));
  const mode = modeBits(flow.delivery, flow.ordered);
  const envelope = mode === 0 ? 0 : dataEnvelopeOverhead(utf8Length(flow.name + LONGEST_ROLE), Math.max(0, flow.count - 1));
  return encoded + envelope + headerBytes;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The send options of a flow's main messages: its label and its delivery guarantee. */
export function flowSendOptions(flow: FlowBase): { flow: string; delivery: FlowBase['delivery']; ordered: boolean; retry: FlowBase['retry'] } {
  return { flow: flow.name, delivery: flow.delivery, ordered: flow.ordered, retry: flow.retry };
}
