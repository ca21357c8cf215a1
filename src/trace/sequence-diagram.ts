/**
 * Message sequence diagrams of a trace, as standalone SVG: one lifeline per node, virtual time
 * running down, an arrow for every hop of every frame (ending in a red cross where the frame
 * was dropped), and the application's sends and deliveries, timers, faults and violations
 * marked where and when they happened. Pure and deterministic: same events, same bytes.
 */
import { scaleLinear } from 'd3-scale';
import type { DropCause, FaultEvent, TraceEvent } from './events.js';

/** How to draw a sequence diagram. */
export interface SequenceDiagramOptions {
  /** A heading drawn above the diagram (and the document's title). */
  readonly title?: string;
  /** Draw only the first this many events, noting how many there were. @default 2000 */
  readonly maxEvents?: number;
}

/** The default of {@link SequenceDiagramOptions.maxEvents}. */
export const DEFAULT_MAX_EVENTS = 2000;

// ---------------------------------------------------------------------------------------------
// Layout constants (pixels).

const PAD = 16;
const LABEL_SIZE = 10;
const NAME_SIZE = 12;
const HEADER_HEIGHT = 22;
/** Vertical distance between consecutive distinct event times: at least, typical, at most. */
const MIN_STEP = 16;
const TYPICAL_STEP = 30;
const MAX_STEP = 96;
const MIN_LANE_SPACING = 170;
const MAX_NAME_CHARS = 28;
const MAX_NOTE_CHARS = 72;
/** Diagrams with more rows than this height repeat the node names at the bottom. */
const LONG_DIAGRAM = 560;
/** How far towards its receiver a dropped frame's arrow gets, as a fraction of the lane gap. */
const DROP_REACH = 0.6;

const INK = '#222';
const RED = '#d11a1a';
const FLOW_COLORS = ['#1f4e9c', '#2a7f62', '#7a4fa3', '#8a6212', '#1f7a8c', '#9c3d7a', '#4d5b1f', '#5a5a5a'];
const NO_FLOW_COLOR = '#333';
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
const APP_COLORS = { app_send: '#1f6feb', app_deliver: '#2a7f62', app_reply: '#7a4fa3' } as const;

// ---------------------------------------------------------------------------------------------
// What the trace says, in virtual time.

/** One hop of a frame, from its sender's lifeline to its receiver's. */
interface Hop {
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
interface Cross {
  readonly frame: number;
  readonly node: string;
  readonly t: number;
  readonly cause: DropCause;
}

/** Something that happened on one node's lifeline. */
interface Mark {
  readonly node: string;
  readonly t: number;
  readonly kind: 'app_send' | 'app_deliver' | 'app_reply' | 'timer' | 'fault' | 'orphan';
  readonly label: string;
  readonly color: string;
}

/** Something drawn across the whole diagram: a network fault or a violation. */
interface Rule {
  readonly t: number;
  readonly kind: 'fault' | 'violation';
  readonly label: string;
  readonly color: string;
}

interface Story {
  readonly nodes: readonly string[];
  readonly times: readonly number[];
  readonly hops: readonly Hop[];
  readonly crosses: readonly Cross[];
  readonly marks: readonly Mark[];
  readonly rules: readonly Rule[];
  /** Per node, the intervals it was down: [crash, restart), the restart undefined if none came. */
  readonly down: ReadonlyMap<string, readonly (readonly [number, number | undefined])[]>;
}

interface FrameState {
  loc?: string;
  locT: number;
  flow?: string;
  copyOf?: number;
  hops: number;
  hop?: { from: string; to: string; start: number; queuedAt: number };
}

/**
 * The nodes in order of first activity: where an event happened (a frame was sent, took a hop,
 * arrived, a timer or fault struck), so a multi-hop path reads left to right; nodes only ever
 * named as a destination or partition member come after, in order of first mention.
 */
function nodeOrder(events: readonly TraceEvent[]): string[] {
  const active = new Set<string>();
  const mentioned = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'send':
        active.add(event.from);
        mentioned.add(event.to);
        break;
      case 'enqueue':
      case 'transmit':
        active.add(event.from);
        active.add(event.to);
        break;
      case 'deliver':
        active.add(event.node);
        mentioned.add(event.from);
        break;
      case 'arrive':
      case 'drop':
      case 'timer':
        active.add(event.node);
        break;
      case 'fault':
        if (event.node !== undefined) active.add(event.node);
        for (const group of event.groups ?? []) for (const node of group) mentioned.add(node);
        break;
      case 'app_send':
        active.add(event.node);
        mentioned.add(event.to);
        break;
      case 'app_deliver':
      case 'app_reply':
        active.add(event.node);
        mentioned.add(event.from);
        break;
      case 'violation':
        break;
    }
  }
  return [...active, ...[...mentioned].filter((node) => !active.has(node))];
}

/** Above this many nodes, lanes are arranged by local swaps instead of trying every order. */
const EXHAUSTIVE_LANES = 8;

/**
 * The lanes reordered so that hops are short: the order (of `initial`) with the least total
 * hop length, counting each hop as the number of lanes it spans. Every order is tried for a
 * few nodes, adjacent swaps improve it for more; ties keep the order closest to `initial`
 * (lexicographically by initial position), so a diagram with no hops keeps `initial`.
 */
function arrangeLanes(initial: readonly string[], hops: readonly Hop[]): string[] {
  const index = new Map(initial.map((node, i) => [node, i]));
  const size = initial.length;
  const weight: number[][] = initial.map(() => new Array<number>(size).fill(0));
  for (const hop of hops) {
    const a = index.get(hop.from);
    const b = index.get(hop.to);
    if (a === undefined || b === undefined || a === b) continue;
    weight[a]![b]!++;
    weight[b]![a]!++;
  }
  const edges: [number, number, number][] = [];
  for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) if (weight[a]![b]! > 0) edges.push([a, b, weight[a]![b]!]);
  if (edges.length === 0) return [...initial];
  const cost = (order: readonly number[]): number => {
    const position = new Array<number>(size);
    order.forEach((node, i) => (position[node] = i));
    let total = 0;
    for (const [a, b, w] of edges) total += w * Math.abs(position[a]! - position[b]!);
    return total;
  };
  let best = initial.map((_, i) => i);
  let bestCost = cost(best);
  if (size <= EXHAUSTIVE_LANES) {
    // Permutations in lexicographic order; only a strictly better one replaces the best.
    const order = [...best];
    for (;;) {
      let i = size - 2;
      while (i >= 0 && order[i]! >= order[i + 1]!) i--;
      if (i < 0) break;
      let j = size - 1;
      while (order[j]! <= order[i]!) j--;
      [order[i], order[j]] = [order[j]!, order[i]!];
      order.splice(i + 1, size - i - 1, ...order.slice(i + 1).reverse());
      const c = cost(order);
      if (c < bestCost) {
        best = [...order];
        bestCost = c;
      }
    }
  } else {
    for (let improved = true, passes = 0; improved && passes < size * 4; passes++) {
      improved = false;
      for (let i = 0; i + 1 < size; i++) {
        const swapped = [...best];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
        const c = cost(swapped);
        if (c < bestCost) {
          best = swapped;
          bestCost = c;
          improved = true;
        }
      }
    }
  }
  return best.map((i) => initial[i]!);
}

/** Reads the events into hops, crosses, marks and rules. */
function readStory(events: readonly TraceEvent[]): Story {
  const frames = new Map<number, FrameState>();
  const flowColors = new Map<string, string>();
  const hops: Hop[] = [];
  const crosses: Cross[] = [];
  const marks: Mark[] = [];
  const rules: Rule[] = [];
  const times = new Set<number>();
  const downSince = new Map<string, number>();
  const down = new Map<string, [number, number | undefined][]>();

  const colorOf = (flow: string | undefined): string => {
    if (flow === undefined) return NO_FLOW_COLOR;
    let color = flowColors.get(flow);
    if (color === undefined) {
      color = FLOW_COLORS[flowColors.size % FLOW_COLORS.length]!;
      flowColors.set(flow, color);
    }
    return color;
  };
  const stateOf = (frame: number, t: number): FrameState => {
    let state = frames.get(frame);
    if (state === undefined) {
      state = { locT: t, hops: 0 };
      frames.set(frame, state);
    }
    return state;
  };
  const hopLabel = (frame: number, state: FrameState): string => {
    let label = `#${frame}`;
    if (state.hops === 0) {
      if (state.flow !== undefined) label += ` ${state.flow}`;
      if (state.copyOf !== undefined) label += ` (copy of #${state.copyOf})`;
    }
    state.hops++;
    return label;
  };
  /** Ends the frame's current hop (or infers one) at `node`, time `t`. */
  const endHop = (frame: number, node: string, t: number, end: 'arrive' | 'deliver' | 'drop', cause?: DropCause): void => {
    const state = stateOf(frame, t);
    const hop = state.hop;
    const color = colorOf(state.flow);
    if (hop !== undefined) {
      hops.push({
        frame,
        from: hop.from,
        to: end === 'drop' ? hop.to : node,
        t1: hop.start,
        t2: t,
        end,
        ...(cause === undefined ? {} : { cause }),
        ...(hop.queuedAt < hop.start ? { queuedAt: hop.queuedAt } : {}),
        implicit: false,
        label: hopLabel(frame, state),
        color,
      });
    } else if (end === 'drop') {
      crosses.push({ frame, node: state.loc ?? node, t, cause: cause! });
    } else if (state.loc !== undefined) {
      hops.push({ frame, from: state.loc, to: node, t1: state.locT, t2: t, end, implicit: true, label: hopLabel(frame, state), color });
    } else {
      marks.push({ node, t, kind: 'orphan', label: `#${frame}`, color });
    }
    delete state.hop;
    state.loc = node;
    state.locT = t;
  };

  for (const event of events) {
    const t = event.t;
    if (event.type !== 'timer' || event.action === 'fire') times.add(t);
    switch (event.type) {
      case 'send': {
        const state = stateOf(event.frame, t);
        state.loc = event.from;
        state.locT = t;
        if (event.flow !== undefined) state.flow = event.flow;
        if (event.copyOf !== undefined) state.copyOf = event.copyOf;
        break;
      }
      case 'enqueue': {
        const state = stateOf(event.frame, t);
        state.hop = { from: event.from, to: event.to, start: t, queuedAt: t };
        break;
      }
      case 'transmit': {
        const state = stateOf(event.frame, t);
        const hop = state.hop;
        if (hop !== undefined && hop.from === event.from && hop.to === event.to) hop.start = t;
        else state.hop = { from: event.from, to: event.to, start: t, queuedAt: t };
        break;
      }
      case 'arrive':
        endHop(event.frame, event.node, t, 'arrive');
        break;
      case 'deliver':
        endHop(event.frame, event.node, t, 'deliver');
        frames.delete(event.frame);
        break;
      case 'drop':
        endHop(event.frame, event.node, t, 'drop', event.cause);
        frames.delete(event.frame);
        break;
      case 'timer':
        if (event.action === 'fire') marks.push({ node: event.node, t, kind: 'timer', label: '', color: '#d9822b' });
        break;
      case 'fault': {
        const color = FAULT_COLORS[event.fault] ?? '#8a8a8a';
        const onNode = event.node !== undefined && (event.fault === 'crash' || event.fault === 'restart' || event.fault === 'clock');
        if (onNode) {
          marks.push({ node: event.node!, t, kind: 'fault', label: event.fault, color });
          if (event.fault === 'crash' && !downSince.has(event.node!)) downSince.set(event.node!, t);
          if (event.fault === 'restart') {
            const since = downSince.get(event.node!);
            if (since !== undefined) {
              downSince.delete(event.node!);
              down.set(event.node!, [...(down.get(event.node!) ?? []), [since, t]]);
            }
          }
        } else {
          rules.push({ t, kind: 'fault', label: faultLabel(event), color });
        }
        break;
      }
      case 'app_send':
        marks.push({
          node: event.node,
          t,
          kind: 'app_send',
          label: `${event.request === true ? 'request' : 'send'} m${event.msg} → ${shorten(event.to, 16)}`,
          color: APP_COLORS.app_send,
        });
        break;
      case 'app_deliver':
        marks.push({ node: event.node, t, kind: 'app_deliver', label: `deliver m${event.msg} ← ${shorten(event.from, 16)}`, color: APP_COLORS.app_deliver });
        break;
      case 'app_reply':
        marks.push({ node: event.node, t, kind: 'app_reply', label: `reply m${event.msg} ← ${shorten(event.from, 16)}`, color: APP_COLORS.app_reply });
        break;
      case 'violation':
        rules.push({ t, kind: 'violation', label: `violation: ${event.invariant}: ${event.message}`, color: RED });
        break;
    }
  }

  const sorted = [...times].sort((a, b) => a - b);
  const last = sorted.length === 0 ? 0 : sorted[sorted.length - 1]!;
  // Hops still on the wire when the shown events end.
  for (const [frame, state] of frames) {
    if (state.hop === undefined) continue;
    const hop = state.hop;
    hops.push({
      frame,
      from: hop.from,
      to: hop.to,
      t1: hop.start,
      t2: last,
      end: 'open',
      ...(hop.queuedAt < hop.start ? { queuedAt: hop.queuedAt } : {}),
      implicit: false,
      label: hopLabel(frame, state),
      color: colorOf(state.flow),
    });
  }
  for (const [node, since] of downSince) down.set(node, [...(down.get(node) ?? []), [since, undefined]]);

  return { nodes: arrangeLanes(nodeOrder(events), hops), times: sorted, hops, crosses, marks, rules, down };
}

/** A network fault as a one-line note. */
function faultLabel(event: FaultEvent): string {
  let label: string = event.fault;
  if (event.oneWay === true) label += ' (one-way)';
  if (event.node !== undefined) label += ` ${event.node}`;
  if (event.link !== undefined) label += ` ${event.link}`;
  if (event.groups !== undefined) label += ` ${event.groups.map((group) => group.join(' ')).join(' | ')}`;
  return label;
}

// ---------------------------------------------------------------------------------------------
// Text: escaping, shortening, measuring.

/** Text safe inside an XML element or a double- or single-quoted attribute. */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** `text` cut to `max` characters (code points), with an ellipsis if cut. */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * An estimate of the width of `text` in a sans-serif font of `size` pixels, on the wide side
 * (DejaVu Sans), so labels fit in narrower fonts too.
 */
function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const char of text) {
    if ("il.,:;|!'`".includes(char)) em += 0.3;
    else if ('fjrt()[]- '.includes(char)) em += 0.4;
    else if ('mwMW@%'.includes(char)) em += 0.9;
    else if (char >= 'A' && char <= 'Z') em += 0.72;
    else if ('←→✕…'.includes(char)) em += 0.84;
    else if (char.codePointAt(0)! >= 0x2e80) em += 1;
    else em += 0.6;
  }
  return em * size * (bold ? 1.1 : 1);
}

/** A coordinate with at most two decimals, for deterministic and compact output. */
function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// ---------------------------------------------------------------------------------------------
// Time: rows for distinct times, and axis labels.

interface TimeAxis {
  /** Virtual time to y. */
  readonly y: (t: number) => number;
  /** The y of each distinct instant, in order. */
  readonly rows: readonly number[];
  /** Indices i where the gap before time i was shortened (drawn as an axis break). */
  readonly breaks: readonly number[];
  /** The label of each row, in order. */
  readonly labels: readonly string[];
}

/** Times closer than this, relative to their size, are one instant that rounding split. */
const SAME_INSTANT = 1e-12;

/**
 * The sorted distinct times with rounding noise merged: a time within SAME_INSTANT (relative)
 * of the one before shares its row (2 and 2.0000000000000013 are one instant).
 */
function instants(times: readonly number[]): number[] {
  const merged: number[] = [];
  for (const t of times) {
    const last = merged[merged.length - 1];
    if (last === undefined || t - last > SAME_INSTANT * Math.max(1, Math.abs(t))) merged.push(t);
  }
  return merged;
}

/**
 * A piecewise-linear time scale through the distinct event times: consecutive times are at
 * least MIN_STEP apart, gaps grow in proportion to their length (the median gap getting
 * TYPICAL_STEP) and are capped at MAX_STEP, so bursts stay legible and idle stretches short.
 * Rows are the distinct instants of {@link instants}.
 */
function timeAxis(distinct: readonly number[], top: number): TimeAxis {
  const times = instants(distinct);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
  const sortedGaps = [...gaps].sort((a, b) => a - b);
  const median = sortedGaps.length === 0 ? 0 : sortedGaps[Math.floor(sortedGaps.length / 2)]!;
  const perSecond = median > 0 ? TYPICAL_STEP / median : 0;
  const rows: number[] = [];
  const breaks: number[] = [];
  let y = top;
  for (let i = 0; i < times.length; i++) {
    if (i > 0) {
      const wanted = gaps[i - 1]! * perSecond;
      if (wanted > MAX_STEP * 1.5) breaks.push(i);
      y += Math.min(MAX_STEP, Math.max(MIN_STEP, wanted));
    }
    rows.push(y);
  }
  const domain = times.length >= 2 ? [...times] : times.length === 1 ? [times[0]!, times[0]! + 1] : [0, 1];
  const range = times.length >= 2 ? rows : [top, top + MIN_STEP];
  const scale = scaleLinear<number, number>().domain(domain).range(range).clamp(true);
  return { y: (t) => scale(t), rows, breaks, labels: timeLabels(times) };
}

/** Decimals used for all time labels at most; a label needs more only to differ from a neighbour. */
const COMMON_DECIMALS = 4;
const MAX_DECIMALS = 9;

/**
 * Labels for sorted distinct times, in one unit (s, ms or µs, by the largest) with the fewest
 * decimals (up to COMMON_DECIMALS) that tell all neighbours apart; a label that still equals a
 * neighbour's gets more decimals, up to MAX_DECIMALS.
 */
function timeLabels(times: readonly number[]): string[] {
  let largest = 0;
  for (const t of times) largest = Math.max(largest, Math.abs(t));
  const [unit, factor] = largest === 0 || largest >= 1 ? ['s', 1] : largest >= 1e-3 ? ['ms', 1e3] : ['µs', 1e6];
  const fixed = (t: number, decimals: number): string => {
    const text = (t * factor).toFixed(decimals);
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  };
  // Neighbours that no number of decimals tells apart (0.1 + 0.2 and 0.3) are left alike.
  const separable = (i: number, j: number): boolean => j < 0 || j >= times.length || fixed(times[i]!, MAX_DECIMALS) !== fixed(times[j]!, MAX_DECIMALS);
  const differs = (i: number, j: number, decimals: number): boolean => !separable(i, j) || fixed(times[i]!, decimals) !== fixed(times[j]!, decimals);
  const apart = (i: number, decimals: number): boolean => differs(i, i - 1, decimals) && differs(i, i + 1, decimals);
  let common = 0;
  while (common < COMMON_DECIMALS && !times.every((_, i) => apart(i, common))) common++;
  return times.map((t, i) => {
    let decimals = common;
    while (decimals < MAX_DECIMALS && !apart(i, decimals)) decimals++;
    return `${fixed(t, decimals)} ${unit}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Label placement: greedy, first candidate that overlaps nothing placed before.

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

interface Candidate {
  readonly x: number;
  /** The vertical centre of the text. */
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  /** How much worse this spot is than the first, in the units of overlap. */
  readonly penalty?: number;
}

interface PlacedLabel extends Candidate {
  readonly text: string;
  readonly size: number;
  readonly color: string;
  readonly bold: boolean;
  readonly box: Box;
  /** Full text for a tooltip when `text` was shortened. */
  readonly title?: string;
}

const BUCKET = 64;

/** What crossing a line costs a label, in square pixels of overlap. */
const SEGMENT_COST = 50;

/** A drawn line labels should rather not cover; `owner` may ignore its own. */
interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly owner: number;
}

/** Whether the segment crosses the box (Liang–Barsky clipping). */
function crosses(segment: Segment, box: Box): boolean {
  const dx = segment.x2 - segment.x1;
  const dy = segment.y2 - segment.y1;
  let low = 0;
  let high = 1;
  const sides: [number, number][] = [
    [-dx, segment.x1 - box.x0],
    [dx, box.x1 - segment.x1],
    [-dy, segment.y1 - box.y0],
    [dy, box.y1 - segment.y1],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) low = Math.max(low, r);
      else high = Math.min(high, r);
      if (low > high) return false;
    }
  }
  return true;
}

/** Boxes and lines already taken, bucketed by y for quick overlap queries. */
class Occupancy {
  private readonly buckets = new Map<number, Box[]>();
  private readonly lines = new Map<number, Segment[]>();

  addSegment(segment: Segment): void {
    const top = Math.min(segment.y1, segment.y2);
    const bottom = Math.max(segment.y1, segment.y2);
    for (let b = Math.floor(top / BUCKET); b <= Math.floor(bottom / BUCKET); b++) {
      let list = this.lines.get(b);
      if (list === undefined) this.lines.set(b, (list = []));
      list.push(segment);
    }
  }

  /** How many lines other than `owner`'s cross `box`, times SEGMENT_COST. */
  crossing(box: Box, owner: number): number {
    const seen = new Set<Segment>();
    let cost = 0;
    for (let b = Math.floor(box.y0 / BUCKET); b <= Math.floor(box.y1 / BUCKET); b++) {
      for (const segment of this.lines.get(b) ?? []) {
        if (segment.owner === owner || seen.has(segment)) continue;
        seen.add(segment);
        if (crosses(segment, box)) cost += SEGMENT_COST;
      }
    }
    return cost;
  }

  add(box: Box): void {
    for (let b = Math.floor(box.y0 / BUCKET); b <= Math.floor(box.y1 / BUCKET); b++) {
      let list = this.buckets.get(b);
      if (list === undefined) this.buckets.set(b, (list = []));
      list.push(box);
    }
  }

  /** Total area of `box` covered by taken boxes (double-counting shared ones is fine). */
  overlap(box: Box): number {
    let area = 0;
    const seen = new Set<Box>();
    for (let b = Math.floor(box.y0 / BUCKET); b <= Math.floor(box.y1 / BUCKET); b++) {
      for (const other of this.buckets.get(b) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        const w = Math.min(box.x1, other.x1) - Math.max(box.x0, other.x0);
        const h = Math.min(box.y1, other.y1) - Math.max(box.y0, other.y0);
        if (w > 0 && h > 0) area += w * h;
      }
    }
    return area;
  }
}

function labelBox(candidate: Candidate, width: number, size: number): Box {
  const x0 = candidate.anchor === 'start' ? candidate.x : candidate.anchor === 'end' ? candidate.x - width : candidate.x - width / 2;
  return { x0: x0 - 1.5, y0: candidate.y - size / 2 - 1.5, x1: x0 + width + 1.5, y1: candidate.y + size / 2 + 1.5 };
}

/** Places `text` at the first candidate free of taken boxes, else the least covered one. */
function place(
  taken: Occupancy,
  candidates: readonly Candidate[],
  text: string,
  style: { size: number; color: string; bold?: boolean; title?: string; owner?: number },
): PlacedLabel {
  const width = textWidth(text, style.size, style.bold);
  let best: { candidate: Candidate; box: Box; overlap: number } | undefined;
  for (const candidate of candidates) {
    const box = labelBox(candidate, width, style.size);
    const overlap = taken.overlap(box) + taken.crossing(box, style.owner ?? -1) + (candidate.penalty ?? 0);
    if (best === undefined || overlap < best.overlap) best = { candidate, box, overlap };
    if (overlap === 0) break;
  }
  const chosen = best!;
  taken.add(chosen.box);
  return {
    ...chosen.candidate,
    text,
    size: style.size,
    color: style.color,
    bold: style.bold ?? false,
    box: chosen.box,
    ...(style.title === undefined ? {} : { title: style.title }),
  };
}

function renderLabel(label: PlacedLabel): string {
  const { box } = label;
  const background = `<rect x="${n(box.x0)}" y="${n(box.y0)}" width="${n(box.x1 - box.x0)}" height="${n(box.y1 - box.y0)}" fill="#fff" fill-opacity="0.85"/>`;
  const weight = label.bold ? ' font-weight="bold"' : '';
  const anchor = label.anchor === 'start' ? '' : ` text-anchor="${label.anchor}"`;
  const text = `<text x="${n(label.x)}" y="${n(label.y + label.size * 0.35)}" font-size="${label.size}" fill="${label.color}"${anchor}${weight}>${escapeXml(label.text)}</text>`;
  const title = label.title === undefined ? '' : `<title>${escapeXml(label.title)}</title>`;
  return `<g class="label">${title}${background}${text}</g>`;
}

// ---------------------------------------------------------------------------------------------
// The diagram.

/**
 * A message sequence diagram of `events` as a standalone SVG 1.1 document.
 *
 * Nodes are vertical lifelines, left to right in order of first activity, named at the top
 * (and at the bottom too when the diagram is long). Virtual time runs down, with every
 * distinct event time on its own row (at least 16 px apart; gaps grow with their length up to
 * a cap, a shortened gap shown as a break on the time axis on the left). Every hop of a frame
 * is an arrow from its sender's lifeline when it was transmitted (or enqueued) to its
 * receiver's when it arrived, labelled with the frame id (and, on the first hop, the flow); a
 * wait in the link queue is a bar on the sender's lifeline. A dropped frame's arrow stops
 * short at the drop time in a red cross labelled with the cause; a frame dropped before any
 * hop is a red cross on the lifeline where it was. Application sends, deliveries and replies
 * are labelled dots, timer firings small clock marks, crashes and restarts labelled bars (the
 * lifeline dashed while the node is down), network faults dashed lines across the diagram and
 * a violation a red line, each with a note on the right.
 *
 * Elements carry classes for tools and tests: `lifeline` (one per node), `hop` (one per
 * hop), `drop-mark` (one per dropped frame), `app-mark`, `timer-mark`, `fault-mark`,
 * `fault-line`, `violation`.
 *
 * @param events - The trace, in the order it was written.
 * @param options - A title, and how many events to draw at most.
 * @returns The SVG document; equal inputs give equal strings.
 * @throws {RangeError} if `maxEvents` is not a positive integer.
 */
export function sequenceDiagramSvg(events: readonly TraceEvent[], options: SequenceDiagramOptions = {}): string {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new RangeError(`maxEvents must be a positive integer, got ${maxEvents}`);
  const shown = events.slice(0, maxEvents).filter((event) => Number.isFinite(event.t));
  const story = readStory(shown);
  const note =
    events.length > maxEvents
      ? `showing first ${maxEvents} of ${events.length} events`
      : shown.length === 0
        ? 'no events'
        : undefined;

  // Vertical layout: title, note, node names, then the rows.
  let y = PAD;
  const head: string[] = [];
  if (options.title !== undefined) {
    head.push(`<text class="title" x="${PAD}" y="${n(y + 15)}" font-size="16" font-weight="bold" fill="${INK}">${escapeXml(options.title)}</text>`);
    y += 26;
  }
  if (note !== undefined) {
    head.push(`<text class="note" x="${PAD}" y="${n(y + 11)}" font-size="11" font-style="italic" fill="#666">${escapeXml(note)}</text>`);
    y += 20;
  }
  const headerTop = y + 4;
  const headerBottom = headerTop + HEADER_HEIGHT;
  const axis = timeAxis(story.times, headerBottom + 26);
  const lastRow = axis.rows.length === 0 ? headerBottom + 26 : axis.rows[axis.rows.length - 1]!;
  const lifelineEnd = lastRow + 22;
  const long = lastRow - headerBottom > LONG_DIAGRAM;
  const height = (long ? lifelineEnd + HEADER_HEIGHT : lifelineEnd) + PAD;

  // Horizontal layout: time axis, lanes, notes.
  const tickLabels = axis.labels;
  let tickWidth = textWidth('time', LABEL_SIZE);
  for (const label of tickLabels) tickWidth = Math.max(tickWidth, textWidth(label, LABEL_SIZE));
  const axisX = PAD + tickWidth + 10;
  const names = story.nodes.map((node) => shorten(node, MAX_NAME_CHARS));
  const nameWidths = names.map((name) => textWidth(name, NAME_SIZE, true) + 16);
  let widest = 0;
  for (const width of nameWidths) widest = Math.max(widest, width);
  const spacing = Math.max(MIN_LANE_SPACING, widest + 40);
  // Room left of the first lifeline for a label or two.
  const firstLane = axisX + Math.max(110, (nameWidths[0] ?? 0) / 2 + 24);
  const laneX = new Map<string, number>(story.nodes.map((node, i) => [node, firstLane + i * spacing]));
  const lastLane = firstLane + Math.max(0, story.nodes.length - 1) * spacing;
  const notesX = lastLane + Math.max(96, (nameWidths[nameWidths.length - 1] ?? 0) / 2 + 24);
  const noteTexts = new Map<number, { text: string; color: string; bold: boolean }>();
  for (const rule of story.rules) {
    const previous = noteTexts.get(rule.t);
    noteTexts.set(rule.t, {
      text: previous === undefined ? rule.label : `${previous.text}; ${rule.label}`,
      color: rule.kind === 'violation' || previous?.color === RED ? RED : rule.color,
      bold: rule.kind === 'violation' || (previous?.bold ?? false),
    });
  }
  let notesWidth = 0;
  for (const { text, bold } of noteTexts.values()) notesWidth = Math.max(notesWidth, textWidth(shorten(text, MAX_NOTE_CHARS), LABEL_SIZE, bold));
  const headWidth = head.length === 0 ? 0 : PAD + Math.max(textWidth(options.title ?? '', 16, true), textWidth(note ?? '', 11)) + PAD;
  const baseWidth = Math.max(headWidth, (noteTexts.size > 0 ? notesX + notesWidth : lastLane + spacing / 2) + PAD);
  const x = (node: string): number => laneX.get(node) ?? firstLane;

  const taken = new Occupancy();
  // Keep labels off the time axis.
  taken.add({ x0: 0, y0: 0, x1: axisX + 2, y1: height });
  const labels: PlacedLabel[] = [];

  // Node name boxes (top, and bottom for long diagrams).
  const headers: string[] = [];
  const nameBoxes = (top: number): void => {
    story.nodes.forEach((node, i) => {
      const cx = x(node);
      const w = nameWidths[i]!;
      taken.add({ x0: cx - w / 2, y0: top, x1: cx + w / 2, y1: top + HEADER_HEIGHT });
      const title = names[i] === node ? '' : `<title>${escapeXml(node)}</title>`;
      headers.push(
        `<g class="node">${title}<rect x="${n(cx - w / 2)}" y="${n(top)}" width="${n(w)}" height="${HEADER_HEIGHT}" rx="4" fill="#eef2f7" stroke="#6b7a90"/>` +
          `<text x="${n(cx)}" y="${n(top + HEADER_HEIGHT / 2 + NAME_SIZE * 0.35)}" font-size="${NAME_SIZE}" font-weight="bold" text-anchor="middle" fill="${INK}">${escapeXml(names[i]!)}</text></g>`,
      );
    });
  };
  nameBoxes(headerTop);
  if (long) nameBoxes(lifelineEnd);

  // Grid and time axis.
  const grid: string[] = [];
  const axisParts: string[] = [];
  const gridEnd = noteTexts.size > 0 ? notesX - 8 : lastLane + spacing / 3;
  axis.rows.forEach((rowY, i) => {
    grid.push(`<line x1="${n(axisX)}" y1="${n(rowY)}" x2="${n(gridEnd)}" y2="${n(rowY)}" stroke="#f0f0f0"/>`);
    axisParts.push(`<line x1="${n(axisX - 4)}" y1="${n(rowY)}" x2="${n(axisX)}" y2="${n(rowY)}" stroke="#888"/>`);
    axisParts.push(`<text class="tick" x="${n(axisX - 6)}" y="${n(rowY + LABEL_SIZE * 0.35)}" font-size="${LABEL_SIZE}" text-anchor="end" fill="#555">${escapeXml(tickLabels[i]!)}</text>`);
  });
  const axisTop = headerBottom + 8;
  axisParts.push(`<line x1="${n(axisX)}" y1="${n(axisTop)}" x2="${n(axisX)}" y2="${n(lifelineEnd)}" stroke="#888"/>`);
  axisParts.push(`<text x="${n(axisX - 6)}" y="${n(axisTop + 4)}" font-size="${LABEL_SIZE}" text-anchor="end" font-style="italic" fill="#555">time</text>`);
  for (const i of axis.breaks) {
    const mid = (axis.rows[i - 1]! + axis.rows[i]!) / 2;
    axisParts.push(
      `<path class="axis-break" d="M${n(axisX - 5)} ${n(mid - 1)} L${n(axisX + 5)} ${n(mid - 5)} M${n(axisX - 5)} ${n(mid + 5)} L${n(axisX + 5)} ${n(mid + 1)}" stroke="#888" fill="none"/>`,
    );
    axisParts.push(`<rect x="${n(axisX - 5)}" y="${n(mid - 2)}" width="10" height="4" fill="#fff"/>`);
  }

  // Rules across the diagram, with their notes on the right.
  const ruleParts: string[] = [];
  for (const rule of story.rules) {
    const ry = axis.y(rule.t);
    const dash = rule.kind === 'violation' ? '' : ' stroke-dasharray="6 4"';
    ruleParts.push(`<line class="${rule.kind === 'violation' ? 'violation' : 'fault-line'}" x1="${n(axisX + 2)}" y1="${n(ry)}" x2="${n(gridEnd)}" y2="${n(ry)}" stroke="${rule.color}" stroke-width="${rule.kind === 'violation' ? 1.5 : 1.2}"${dash}/>`);
  }
  for (const [t, { text, color, bold }] of [...noteTexts].sort((a, b) => a[0] - b[0])) {
    const shortened = shorten(text, MAX_NOTE_CHARS);
    labels.push(
      place(taken, [{ x: notesX, y: axis.y(t), anchor: 'start' }], shortened, {
        size: LABEL_SIZE,
        color,
        bold,
        ...(shortened === text ? {} : { title: text }),
      }),
    );
  }

  // Lifelines, dashed where the node is down.
  const lifelines: string[] = [];
  for (const node of story.nodes) {
    const lx = n(x(node));
    const parts: string[] = [];
    let from = headerBottom;
    for (const [since, until] of story.down.get(node) ?? []) {
      const y0 = axis.y(since);
      const y1 = until === undefined ? lifelineEnd : axis.y(until);
      if (y0 > from) parts.push(`<line x1="${lx}" y1="${n(from)}" x2="${lx}" y2="${n(y0)}" stroke="#9aa3ad" stroke-width="1.5"/>`);
      parts.push(`<line x1="${lx}" y1="${n(y0)}" x2="${lx}" y2="${n(y1)}" stroke="${RED}" stroke-opacity="0.6" stroke-width="1.5" stroke-dasharray="2 4"/>`);
      from = Math.max(from, y1);
    }
    if (from < lifelineEnd) parts.push(`<line x1="${lx}" y1="${n(from)}" x2="${lx}" y2="${n(lifelineEnd)}" stroke="#9aa3ad" stroke-width="1.5"/>`);
    lifelines.push(`<g class="lifeline">${parts.join('')}</g>`);
  }

  // Marks on lifelines: symbols now, labels placed before the arrows' labels.
  const markParts: string[] = [];
  for (const mark of story.marks) {
    const mx = x(mark.node);
    const my = axis.y(mark.t);
    switch (mark.kind) {
      case 'app_send':
      case 'app_deliver':
      case 'app_reply':
        markParts.push(`<circle class="app-mark" cx="${n(mx)}" cy="${n(my)}" r="3.5" fill="${mark.color}" stroke="#fff"/>`);
        taken.add({ x0: mx - 4, y0: my - 4, x1: mx + 4, y1: my + 4 });
        break;
      case 'timer': {
        // A small clock just left of the lifeline, ticked to it.
        const cx = mx - 10;
        markParts.push(
          `<g class="timer-mark"><line x1="${n(cx + 4)}" y1="${n(my)}" x2="${n(mx)}" y2="${n(my)}" stroke="${mark.color}"/>` +
            `<circle cx="${n(cx)}" cy="${n(my)}" r="4" fill="#fff" stroke="${mark.color}" stroke-width="1.2"/>` +
            `<path d="M${n(cx)} ${n(my - 2.5)} L${n(cx)} ${n(my)} L${n(cx + 2)} ${n(my)}" stroke="${mark.color}" fill="none"/></g>`,
        );
        taken.add({ x0: cx - 4.5, y0: my - 4.5, x1: mx, y1: my + 4.5 });
        break;
      }
      case 'fault':
        markParts.push(`<rect class="fault-mark" x="${n(mx - 9)}" y="${n(my - 2)}" width="18" height="4" fill="${mark.color}"/>`);
        taken.add({ x0: mx - 9, y0: my - 2, x1: mx + 9, y1: my + 2 });
        break;
      case 'orphan':
        markParts.push(`<circle class="orphan" cx="${n(mx)}" cy="${n(my)}" r="2.5" fill="${mark.color}"/>`);
        break;
    }
  }
  // Drop crosses off any hop, and the geometry of every hop.
  const crossParts: string[] = [];
  const cross = (cx: number, cy: number): void => {
    crossParts.push(`<path class="drop-mark" d="M${n(cx - 4.5)} ${n(cy - 4.5)} L${n(cx + 4.5)} ${n(cy + 4.5)} M${n(cx - 4.5)} ${n(cy + 4.5)} L${n(cx + 4.5)} ${n(cy - 4.5)}" stroke="${RED}" stroke-width="2.2" stroke-linecap="round"/>`);
    taken.add({ x0: cx - 5, y0: cy - 5, x1: cx + 5, y1: cy + 5 });
  };
  const causeLabels: { x: number; y: number; text: string }[] = [];
  for (const drop of story.crosses) {
    const cx = x(drop.node);
    const cy = axis.y(drop.t);
    cross(cx, cy);
    causeLabels.push({ x: cx, y: cy, text: drop.cause });
  }

  const markers = new Map<string, string>();
  const markerId = (color: string): string => {
    let id = markers.get(color);
    if (id === undefined) markers.set(color, (id = `msgsim-arrow-${markers.size}`));
    return id;
  };
  const hopParts: string[] = [];
  const arrowLabels: { segment: readonly [number, number, number, number]; text: string; color: string; self: boolean }[] = [];
  for (const hop of story.hops) {
    const x1 = x(hop.from);
    const y1 = axis.y(hop.t1);
    // A hop still on the wire when the shown events end runs on below the last row.
    const y2 = hop.end === 'open' ? lifelineEnd - 6 : axis.y(hop.t2);
    const color = hop.end === 'drop' ? RED : hop.end === 'open' ? '#888' : hop.color;
    const dash = hop.end === 'open' || hop.implicit ? ' stroke-dasharray="5 3"' : hop.end === 'drop' ? ' stroke-dasharray="6 2"' : '';
    const head = hop.end === 'arrive' || hop.end === 'deliver' ? ` marker-end="url(#${markerId(color)})"` : '';
    if (hop.queuedAt !== undefined) {
      const yq = axis.y(hop.queuedAt);
      hopParts.push(`<rect class="queued" x="${n(x1 - 2.5)}" y="${n(yq)}" width="5" height="${n(y1 - yq)}" fill="${hop.color}" fill-opacity="0.35"/>`);
    }
    if (hop.from === hop.to) {
      // A frame to its own node: a small loop on the lifeline.
      const yEnd = Math.max(y2, y1 + 10);
      hopParts.push(`<path class="hop self" d="M${n(x1)} ${n(y1)} C${n(x1 + 26)} ${n(y1)} ${n(x1 + 26)} ${n(yEnd)} ${n(x1 + 1)} ${n(yEnd)}" fill="none" stroke="${color}" stroke-width="1.3"${dash}${head}/>`);
      taken.add({ x0: x1, y0: y1 - 1, x1: x1 + 21, y1: yEnd + 1 });
      arrowLabels.push({ segment: [x1 + 22, (y1 + yEnd) / 2, x1 + 22, (y1 + yEnd) / 2], text: hop.label, color, self: true });
      if (hop.end === 'drop') {
        cross(x1 + 1, yEnd);
        causeLabels.push({ x: x1 + 1, y: yEnd, text: hop.cause ?? 'fault' });
      }
      continue;
    }
    const x2Full = x(hop.to);
    const reach = hop.end === 'drop' ? DROP_REACH : hop.end === 'open' ? 0.5 : 1;
    const x2 = x1 + (x2Full - x1) * reach;
    // Stop the line where the arrowhead's tip should be (just short of the lifeline).
    const direction = Math.sign(x2 - x1);
    const tipX = reach === 1 ? x2 - direction * 1 : x2;
    hopParts.push(`<line class="hop${hop.end === 'drop' ? ' dropped' : hop.end === 'open' ? ' open' : ''}" x1="${n(x1)}" y1="${n(y1)}" x2="${n(tipX)}" y2="${n(y2)}" stroke="${color}" stroke-width="1.3"${dash}${head}/>`);
    if (head !== '') taken.add({ x0: Math.min(tipX, tipX - direction * 8), y0: y2 - 4.5, x1: Math.max(tipX, tipX - direction * 8), y1: y2 + 4.5 });
    if (hop.end === 'drop') {
      cross(x2, y2);
      causeLabels.push({ x: x2, y: y2, text: hop.cause ?? 'fault' });
    }
    taken.addSegment({ x1, y1, x2: tipX, y2, owner: arrowLabels.length });
    arrowLabels.push({ segment: [x1, y1, x2, y2], text: hop.label, color: hop.end === 'drop' ? '#a01010' : color, self: false });
  }

  // Labels: lifeline marks first (their place is fixed), then drop causes, then arrows.
  // Marks of one kind at one node and time share a label.
  const markLabels = new Map<string, { node: string; t: number; texts: string[]; color: string; fault: boolean }>();
  for (const mark of story.marks) {
    if (mark.label === '' || mark.kind === 'timer') continue;
    const fault = mark.kind === 'fault';
    const key = `${fault ? 'f' : 'a'} ${mark.t} ${mark.node}`;
    const group = markLabels.get(key);
    if (group === undefined) markLabels.set(key, { node: mark.node, t: mark.t, texts: [mark.label], color: fault ? mark.color : darker(mark.color), fault });
    else group.texts.push(mark.label);
  }
  for (const { node, t, texts, color, fault } of markLabels.values()) {
    const mx = x(node);
    const my = axis.y(t);
    // Off its row only if the row is crowded: a label between rows reads as the wrong time.
    const offsets: [number, number][] = [
      [0, 0],
      [7, 60],
      [-7, 60],
      [13, 400],
      [-13, 400],
    ];
    const candidates: Candidate[] = offsets.flatMap(([dy, penalty]) => [
      { x: mx + 10, y: my + dy, anchor: 'start' as const, penalty },
      { x: mx - 10, y: my + dy, anchor: 'end' as const, penalty },
    ]);
    const full = texts.join(', ');
    const text = shorten(full, MAX_NOTE_CHARS);
    labels.push(place(taken, candidates, text, { size: LABEL_SIZE, color, bold: fault, ...(text === full ? {} : { title: full }) }));
  }
  for (const cause of causeLabels) {
    const candidates: Candidate[] = [
      { x: cause.x + 8, y: cause.y, anchor: 'start' },
      { x: cause.x - 8, y: cause.y, anchor: 'end' },
      { x: cause.x, y: cause.y + 12, anchor: 'middle' },
      { x: cause.x, y: cause.y - 12, anchor: 'middle' },
      { x: cause.x + 8, y: cause.y + 10, anchor: 'start' },
      { x: cause.x - 8, y: cause.y + 10, anchor: 'end' },
    ];
    labels.push(place(taken, candidates, cause.text, { size: LABEL_SIZE - 0.5, color: RED, bold: true }));
  }
  for (const [owner, arrow] of arrowLabels.entries()) {
    const [x1, y1, x2, y2] = arrow.segment;
    const candidates: Candidate[] = arrow.self
      ? [0, -10, 10].map((dy) => ({ x: x1 + 4, y: y1 + dy, anchor: 'start' as const }))
      : [0.5, 0.35, 0.65, 0.22, 0.78, 0.42, 0.58, 0.3, 0.7].flatMap((f) => {
          const px = x1 + (x2 - x1) * f;
          const py = y1 + (y2 - y1) * f;
          return [{ x: px, y: py, anchor: 'middle' as const }];
        });
    if (!arrow.self) {
      // Failing all spots on the line, beside it.
      const px = (x1 + x2) / 2;
      const py = (y1 + y2) / 2;
      candidates.push({ x: px, y: py - 9, anchor: 'middle' }, { x: px, y: py + 9, anchor: 'middle' });
    }
    labels.push(place(taken, candidates, arrow.text, { size: LABEL_SIZE, color: arrow.color, owner }));
  }

  // Wide enough for every label, however it was placed.
  let width = baseWidth;
  for (const label of labels) width = Math.max(width, label.box.x1 + PAD);
  const defs = [...markers]
    .map(
      ([color, id]) =>
        `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="strokeWidth" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${color}"/></marker>`,
    )
    .join('');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="sans-serif">`,
    options.title === undefined ? '' : `<title>${escapeXml(options.title)}</title>`,
    defs === '' ? '' : `<defs>${defs}</defs>`,
    `<rect class="background" x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#fff"/>`,
    ...head,
    `<g class="grid">${grid.join('')}</g>`,
    `<g class="axis">${axisParts.join('')}</g>`,
    `<g class="rules">${ruleParts.join('')}</g>`,
    `<g class="lifelines">${lifelines.join('')}</g>`,
    `<g class="hops">${hopParts.join('')}</g>`,
    `<g class="marks">${markParts.join('')}${crossParts.join('')}</g>`,
    `<g class="labels">${labels.map(renderLabel).join('')}</g>`,
    `<g class="nodes">${headers.join('')}</g>`,
    '</svg>',
  ];
  return `${lines.filter((line) => line !== '').join('\n')}\n`;
}

/** A darker shade of a `#rrggbb` colour, for text on white. */
function darker(color: string): string {
  const value = Number.parseInt(color.slice(1), 16);
  const channel = (shift: number): string => Math.round(((value >> shift) & 0xff) * 0.75).toString(16).padStart(2, '0');
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}
