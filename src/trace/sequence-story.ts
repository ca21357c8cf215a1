/**
 * What a sequence diagram tells, read from a trace: every hop of every frame (from which
 * node to which, when it left and when it ended, and how), the drops off any hop, the marks
 * on lifelines (application events, timers, crashes), the rules across the diagram (network
 * faults, violations) and when each node was down. Pure data in virtual time, with the colour
 * each thing is drawn in; where it goes on the page is the layout's business.
 */
import type { AppEvent, DropCause, FaultEvent, TraceEvent } from './events.js';
import { arrangeLanes, nodeOrder } from './sequence-lanes.js';
import { shorten } from './svg-text.js';

/** Drops, violations and crashes. */
export const RED = '#d11a1a';
const FLOW_COLORS = ['#1f4e9c', '#2a7f62', '#7a4fa3', '#8a6212', '#1f7a8c', '#9c3d7a', '#4d5b1f', '#5a5a5a'];
const NO_FLOW_COLOR = '#333';
const TIMER_COLOR = '#d9822b';
const FAULT_COLORS: Readonly<Record<FaultEvent['fault'], string>> = {
  crash: RED,
  restart: '#2a9d5b',
  'link-down': '#d9822b',
  'link-up': '#2a9d5b',
  hold: '#d9822b',
  release: '#2a9d5b',
  partition: '#d9822b',
  heal: '#2a9d5b',
  degrade: '#8a8a8a',
  clock: '#8a8a8a',
};
const APP_COLORS: Readonly<Record<AppEvent['type'], string>> = { app_send: '#1f6feb', app_deliver: '#2a7f62', app_reply: '#7a4fa3' };
/** How many characters of a peer's name an application event's label shows. */
const PEER_CHARS = 16;

/** One hop of a frame, from its sender's lifeline to its receiver's. */
export interface Hop {
  readonly frame: number;
  readonly from: string;
  readonly to: string;
  /** When it left (transmit, else enqueue). */
  readonly t1: number;
  /** When it arrived, was dropped, or (for `open`) the end of the diagram. */
  readonly t2: number;
  readonly end: 'arrive' | 'deliver' | 'drop' | 'open';
  readonly cause?: DropCause;
  /** When it was enqueued, if it then waited for the transmitter. */
  readonly queuedAt?: number;
  /** Inferred without an enqueue/transmit event (a duplicate's copy, a frame to itself). */
  readonly implicit: boolean;
  readonly label: string;
  readonly color: string;
}

/** A drop that happened off any hop: a cross on a lifeline. */
export interface Cross {
  readonly frame: number;
  readonly node: string;
  readonly t: number;
  readonly cause: DropCause;
}

/** Something that happened on one node's lifeline. */
export interface Mark {
  readonly node: string;
  readonly t: number;
  readonly kind: 'app_send' | 'app_deliver' | 'app_reply' | 'timer' | 'fault' | 'orphan';
  readonly label: string;
  readonly color: string;
}

/** Something drawn across the whole diagram: a network fault or a violation. */
export interface Rule {
  readonly t: number;
  readonly kind: 'fault' | 'violation';
  readonly label: string;
  readonly color: string;
}

/** A node's time down: [crash, restart), the restart undefined if none came. */
export type DownInterval = readonly [number, number | undefined];

/** Everything a sequence diagram shows, in virtual time. */
export interface Story {
  /** The lanes, left to right. */
  readonly nodes: readonly string[];
  /** The distinct event times, ascending. */
  readonly times: readonly number[];
  readonly hops: readonly Hop[];
  readonly crosses: readonly Cross[];
  readonly marks: readonly Mark[];
  readonly rules: readonly Rule[];
  /** Per node, the intervals it was down. */
  readonly down: ReadonlyMap<string, readonly DownInterval[]>;
}

/** Where a frame is, as the events so far tell. */
interface FrameState {
  loc?: string;
  locT: number;
  flow?: string;
  copyOf?: number;
  hops: number;
  hop?: { from: string; to: string; start: number; queuedAt: number };
}

/** Reads the events (in trace order) into a story. */
export function readStory(events: readonly TraceEvent[]): Story {
  const reader = new StoryReader();
  for (const event of events) reader.read(event);
  return reader.finish(events);
}

/** A network fault as a one-line note. */
export function faultLabel(event: FaultEvent): string {
  let label: string = event.fault;
  if (event.oneWay === true) label += ' (one-way)';
  if (event.node !== undefined) label += ` ${event.node}`;
  if (event.link !== undefined) label += ` ${event.link}`;
  if (event.groups !== undefined) label += ` ${event.groups.map((group) => group.join(' ')).join(' | ')}`;
  return label;
}

/** The label of an application event's mark. */
function appLabel(event: AppEvent): string {
  switch (event.type) {
    case 'app_send':
      return `${event.request === true ? 'request' : 'send'} m${event.msg} → ${shorten(event.to, PEER_CHARS)}`;
    case 'app_deliver':
      return `deliver m${event.msg} ← ${shorten(event.from, PEER_CHARS)}`;
    case 'app_reply':
      return `reply m${event.msg} ← ${shorten(event.from, PEER_CHARS)}`;
  }
}

/** The story so far, one event at a time. */
class StoryReader {
  private readonly frames = new Map<number, FrameState>();
  private readonly flowColors = new Map<string, string>();
  private readonly hops: Hop[] = [];
  private readonly crosses: Cross[] = [];
  private readonly marks: Mark[] = [];
  private readonly rules: Rule[] = [];
  private readonly times = new Set<number>();
  private readonly downSince = new Map<string, number>();
  private readonly down = new Map<string, DownInterval[]>();

  read(event: TraceEvent): void {
    const t = event.t;
    if (event.type !== 'timer' || event.action === 'fire') this.times.add(t);
    switch (event.type) {
      case 'send': {
        const state = this.stateOf(event.frame, t);
        state.loc = event.from;
        state.locT = t;
        if (event.flow !== undefined) state.flow = event.flow;
        if (event.copyOf !== undefined) state.copyOf = event.copyOf;
        break;
      }
      case 'enqueue':
        this.stateOf(event.frame, t).hop = { from: event.from, to: event.to, start: t, queuedAt: t };
        break;
      case 'transmit': {
        const state = this.stateOf(event.frame, t);
        const hop = state.hop;
        if (hop !== undefined && hop.from === event.from && hop.to === event.to) hop.start = t;
        else state.hop = { from: event.from, to: event.to, start: t, queuedAt: t };
        break;
      }
      case 'arrive':
        this.endHop(event.frame, event.node, t, 'arrive');
        break;
      case 'deliver':
        this.endHop(event.frame, event.node, t, 'deliver');
        this.frames.delete(event.frame);
        break;
      case 'drop':
        this.endHop(event.frame, event.node, t, 'drop', event.cause);
        this.frames.delete(event.frame);
        break;
      case 'timer':
        if (event.action === 'fire') this.marks.push({ node: event.node, t, kind: 'timer', label: '', color: TIMER_COLOR });
        break;
      case 'fault':
        this.fault(event);
        break;
      case 'app_send':
      case 'app_deliver':
      case 'app_reply':
        this.marks.push({ node: event.node, t, kind: event.type, label: appLabel(event), color: APP_COLORS[event.type] });
        break;
      case 'violation':
        this.rules.push({ t, kind: 'violation', label: `violation: ${event.invariant}: ${event.message}`, color: RED });
        break;
    }
  }

  /** The story: hops still on the wire end with the last event, nodes still down stay down. */
  finish(events: readonly TraceEvent[]): Story {
    const times = [...this.times].sort((a, b) => a - b);
    const last = times.length === 0 ? 0 : times[times.length - 1]!;
    for (const [frame, state] of this.frames) {
      if (state.hop === undefined) continue;
      const hop = state.hop;
      this.hops.push({
        frame,
        from: hop.from,
        to: hop.to,
        t1: hop.start,
        t2: last,
        end: 'open',
        ...(hop.queuedAt < hop.start ? { queuedAt: hop.queuedAt } : {}),
        implicit: false,
        label: this.hopLabel(frame, state),
        color: this.colorOf(state.flow),
      });
    }
    for (const [node, since] of this.downSince) this.addDown(node, [since, undefined]);
    const { hops, crosses, marks, rules, down } = this;
    return { nodes: arrangeLanes(nodeOrder(events), hops), times, hops, crosses, marks, rules, down };
  }

  /** Each flow's colour, in order of first appearance. */
  private colorOf(flow: string | undefined): string {
    if (flow === undefined) return NO_FLOW_COLOR;
    let color = this.flowColors.get(flow);
    if (color === undefined) {
      color = FLOW_COLORS[this.flowColors.size % FLOW_COLORS.length]!;
      this.flowColors.set(flow, color);
    }
    return color;
  }

  private stateOf(frame: number, t: number): FrameState {
    let state = this.frames.get(frame);
    if (state === undefined) {
      state = { locT: t, hops: 0 };
      this.frames.set(frame, state);
    }
    return state;
  }

  /** The frame id on every hop; on the first, also its flow and what it is a copy of. */
  private hopLabel(frame: number, state: FrameState): string {
    let label = `#${frame}`;
    if (state.hops === 0) {
      if (state.flow !== undefined) label += ` ${state.flow}`;
      if (state.copyOf !== undefined) label += ` (copy of #${state.copyOf})`;
    }
    state.hops++;
    return label;
  }

  /** Ends the frame's current hop (or infers one) at `node`, time `t`. */
  private endHop(frame: number, node: string, t: number, end: 'arrive' | 'deliver' | 'drop', cause?: DropCause): void {
    const state = this.stateOf(frame, t);
    const hop = state.hop;
    const color = this.colorOf(state.flow);
    if (hop !== undefined) {
      this.hops.push({
        frame,
        from: hop.from,
        to: end === 'drop' ? hop.to : node,
        t1: hop.start,
        t2: t,
        end,
        ...(cause === undefined ? {} : { cause }),
        ...(hop.queuedAt < hop.start ? { queuedAt: hop.queuedAt } : {}),
        implicit: false,
        label: this.hopLabel(frame, state),
        color,
      });
    } else if (end === 'drop') {
      this.crosses.push({ frame, node: state.loc ?? node, t, cause: cause! });
    } else if (state.loc !== undefined) {
      this.hops.push({ frame, from: state.loc, to: node, t1: state.locT, t2: t, end, implicit: true, label: this.hopLabel(frame, state), color });
    } else {
      this.marks.push({ node, t, kind: 'orphan', label: `#${frame}`, color });
    }
    delete state.hop;
    state.loc = node;
    state.locT = t;
  }

  /** A crash, restart or clock fault marks its node; any other fault is a rule across. */
  private fault(event: FaultEvent): void {
    const t = event.t;
    const color = FAULT_COLORS[event.fault] ?? '#8a8a8a';
    const node = event.node;
    if (node === undefined || !(event.fault === 'crash' || event.fault === 'restart' || event.fault === 'clock')) {
      this.rules.push({ t, kind: 'fault', label: faultLabel(event), color });
      return;
    }
    this.marks.push({ node, t, kind: 'fault', label: event.fault, color });
    if (event.fault === 'crash' && !this.downSince.has(node)) this.downSince.set(node, t);
    if (event.fault === 'restart') {
      const since = this.downSince.get(node);
      if (since !== undefined) {
        this.downSince.delete(node);
        this.addDown(node, [since, t]);
      }
    }
  }

  private addDown(node: string, interval: DownInterval): void {
    this.down.set(node, [...(this.down.get(node) ?? []), interval]);
  }
}
