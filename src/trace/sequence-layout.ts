/**
 * The layout of a sequence diagram: every shape and label of a story at its place on the
 * page, in plain numbers, ready to be written out. Shapes go first and take their room;
 * labels then go where they cover the least — notes, lifeline marks' labels, drop causes,
 * arrows' labels, in that order, so the labels whose place matters most choose first.
 */
import { diagramFrame, FONT_SIZE, HEADER_HEIGHT, MAX_NOTE_CHARS, PAD, type Frame, type Heading } from './sequence-frame.js';
import { Occupancy, place, type Candidate, type PlacedLabel } from './sequence-labels.js';
import { RED, type Hop, type Mark, type Story } from './sequence-story.js';
import { shorten } from './svg-text.js';

/** How far towards its receiver a dropped frame's arrow gets, as a fraction of the lane gap. */
const DROP_REACH = 0.6;
/** How far towards its receiver an arrow still on the wire at the end gets. */
const OPEN_REACH = 0.5;
/** How far left of its lifeline a timer's clock is drawn. */
export const TIMER_OFFSET = 10;
/** The colour of an arrow still on the wire, and of a dropped arrow's label. */
const OPEN_COLOR = '#888';
const DROPPED_LABEL_COLOR = '#a01010';

/** A point in pixels. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A node's name in its box. */
export interface NameBox {
  /** The box's centre. */
  readonly x: number;
  readonly top: number;
  readonly width: number;
  /** The name as shown, and in full. */
  readonly name: string;
  readonly node: string;
}

/** A row of the time axis. */
export interface TimeTick {
  readonly y: number;
  readonly label: string;
}

/** A line across the diagram at a fault or violation. */
export interface RuleLine {
  readonly kind: 'fault' | 'violation';
  readonly y: number;
  readonly x1: number;
  readonly x2: number;
  readonly color: string;
}

/** A stretch of a lifeline, `down` while its node is. */
export interface LifelineSegment {
  readonly y0: number;
  readonly y1: number;
  readonly down: boolean;
}

/** A symbol on a lifeline. */
export interface MarkShape extends Point {
  readonly kind: 'app' | 'timer' | 'fault' | 'orphan';
  readonly color: string;
}

/** A hop's arrow: a line between lanes, or a loop back to its own lane (`self`). */
export interface HopShape {
  readonly self: boolean;
  readonly end: Hop['end'];
  /** Dashed: inferred without an enqueue or transmit. */
  readonly implicit: boolean;
  readonly x1: number;
  readonly y1: number;
  /** A line's end (its arrowhead's tip); a loop ends back at x1. */
  readonly x2: number;
  readonly y2: number;
  readonly color: string;
  /** The wait in the link's queue before it left: a bar on the sender's lifeline. */
  readonly queued?: { readonly y: number; readonly height: number; readonly color: string };
}

/** Everything on the page, in pixels. */
export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly heading: Heading;
  readonly names: readonly NameBox[];
  readonly grid: { readonly x1: number; readonly x2: number };
  readonly axis: { readonly x: number; readonly top: number; readonly bottom: number; readonly ticks: readonly TimeTick[]; readonly breaks: readonly number[] };
  readonly rules: readonly RuleLine[];
  /** One per lane, in lane order. */
  readonly lifelines: readonly { readonly x: number; readonly segments: readonly LifelineSegment[] }[];
  readonly hops: readonly HopShape[];
  readonly marks: readonly MarkShape[];
  /** Red crosses where frames were dropped. */
  readonly crosses: readonly Point[];
  readonly labels: readonly PlacedLabel[];
}

/** An arrow's label waiting for its place: the arrow's segment (a point for a loop). */
interface ArrowLabel {
  readonly segment: readonly [number, number, number, number];
  readonly text: string;
  readonly color: string;
  readonly self: boolean;
}

/** What the shapes leave for the labels: crosses drawn, their causes and the arrows' labels. */
interface Pending {
  readonly crosses: Point[];
  readonly causes: (Point & { readonly text: string })[];
  readonly arrows: ArrowLabel[];
}

/** The layout of `story` under a title and a note, if given. */
export function layoutDiagram(story: Story, title: string | undefined, note: string | undefined): DiagramLayout {
  const frame = diagramFrame(story, title, note);
  const { axis, axisX } = frame;
  const taken = new Occupancy();
  // Keep labels off the time axis.
  taken.add({ x0: 0, y0: 0, x1: axisX + 2, y1: frame.height });
  const names = nameBoxes(frame, frame.headerTop, taken);
  if (frame.long) names.push(...nameBoxes(frame, frame.lifelineEnd, taken));
  const labels = [...frame.notes]
    .sort((a, b) => a.t - b.t)
    .map(({ t, text, color, bold }) => {
      const shortened = shorten(text, MAX_NOTE_CHARS);
      return place(taken, [{ x: frame.notesX, y: axis.y(t), anchor: 'start' }], shortened, { size: FONT_SIZE.label, color, bold, ...(shortened === text ? {} : { title: text }) });
    });
  const marks = story.marks.map((mark) => markShape(mark, frame, taken));
  const pending: Pending = { crosses: [], causes: [], arrows: [] };
  for (const drop of story.crosses) addCross(pending, taken, { x: frame.laneX(drop.node), y: axis.y(drop.t) }, drop.cause);
  const hops = story.hops.map((hop) => hopShape(hop, frame, taken, pending));
  labels.push(...markLabels(story.marks, frame, taken), ...causeLabels(pending, taken), ...arrowLabels(pending, taken));
  // Wide enough for every label, however it was placed.
  let width = frame.baseWidth;
  for (const label of labels) width = Math.max(width, label.box.x1 + PAD);
  return {
    width,
    height: frame.height,
    heading: frame.heading,
    names,
    grid: { x1: axisX, x2: frame.gridEnd },
    axis: { x: axisX, top: frame.headerBottom + 8, bottom: frame.lifelineEnd, ticks: axis.rows.map((y, i) => ({ y, label: axis.labels[i]! })), breaks: axis.breaks.map((i) => (axis.rows[i - 1]! + axis.rows[i]!) / 2) },
    rules: story.rules.map((rule) => ({ kind: rule.kind, y: axis.y(rule.t), x1: axisX + 2, x2: frame.gridEnd, color: rule.color })),
    lifelines: frame.lanes.map((lane) => ({ x: lane.x, segments: lifeline(story.down.get(lane.node) ?? [], frame) })),
    hops,
    marks,
    crosses: pending.crosses,
    labels,
  };
}

/** The row of name boxes with its top at `top`, taking their room. */
function nameBoxes(frame: Frame, top: number, taken: Occupancy): NameBox[] {
  return frame.lanes.map((lane) => {
    taken.add({ x0: lane.x - lane.width / 2, y0: top, x1: lane.x + lane.width / 2, y1: top + HEADER_HEIGHT });
    return { x: lane.x, top, width: lane.width, name: lane.name, node: lane.node };
  });
}

/** A lifeline's stretches from the names down, down while the node was. */
function lifeline(down: readonly (readonly [number, number | undefined])[], frame: Frame): LifelineSegment[] {
  const segments: LifelineSegment[] = [];
  let from = frame.headerBottom;
  for (const [since, until] of down) {
    const y0 = frame.axis.y(since);
    const y1 = until === undefined ? frame.lifelineEnd : frame.axis.y(until);
    if (y0 > from) segments.push({ y0: from, y1: y0, down: false });
    segments.push({ y0, y1, down: true });
    from = Math.max(from, y1);
  }
  if (from < frame.lifelineEnd) segments.push({ y0: from, y1: frame.lifelineEnd, down: false });
  return segments;
}

/** A mark's symbol on its lifeline, taking its room (an orphan's dot is small enough to share). */
function markShape(mark: Mark, frame: Frame, taken: Occupancy): MarkShape {
  const x = frame.laneX(mark.node);
  const y = frame.axis.y(mark.t);
  switch (mark.kind) {
    case 'app_send':
    case 'app_deliver':
    case 'app_reply':
      taken.add({ x0: x - 4, y0: y - 4, x1: x + 4, y1: y + 4 });
      return { kind: 'app', x, y, color: mark.color };
    case 'timer':
      // A small clock just left of the lifeline, ticked to it.
      taken.add({ x0: x - TIMER_OFFSET - 4.5, y0: y - 4.5, x1: x, y1: y + 4.5 });
      return { kind: 'timer', x, y, color: mark.color };
    case 'fault':
      taken.add({ x0: x - 9, y0: y - 2, x1: x + 9, y1: y + 2 });
      return { kind: 'fault', x, y, color: mark.color };
    case 'orphan':
      return { kind: 'orphan', x, y, color: mark.color };
  }
}

/** A red cross at `at`, taking its room, its cause to be labelled. */
function addCross(pending: Pending, taken: Occupancy, at: Point, cause: string): void {
  pending.crosses.push(at);
  taken.add({ x0: at.x - 5, y0: at.y - 5, x1: at.x + 5, y1: at.y + 5 });
  pending.causes.push({ ...at, text: cause });
}

/**
 * A hop's arrow, taking the room of its arrowhead (or loop) and its line; a dropped one ends
 * short of its receiver in a cross, one still on the wire at the end runs on below the rows.
 */
function hopShape(hop: Hop, frame: Frame, taken: Occupancy, pending: Pending): HopShape {
  const x1 = frame.laneX(hop.from);
  const y1 = frame.axis.y(hop.t1);
  const y2 = hop.end === 'open' ? frame.lifelineEnd - 6 : frame.axis.y(hop.t2);
  const color = hop.end === 'drop' ? RED : hop.end === 'open' ? OPEN_COLOR : hop.color;
  const yq = hop.queuedAt === undefined ? undefined : frame.axis.y(hop.queuedAt);
  const common = { end: hop.end, implicit: hop.implicit, x1, y1, color, ...(yq === undefined ? {} : { queued: { y: yq, height: y1 - yq, color: hop.color } }) };
  if (hop.from === hop.to) {
    // A frame to its own node: a small loop on the lifeline.
    const yEnd = Math.max(y2, y1 + 10);
    taken.add({ x0: x1, y0: y1 - 1, x1: x1 + 21, y1: yEnd + 1 });
    pending.arrows.push({ segment: [x1 + 22, (y1 + yEnd) / 2, x1 + 22, (y1 + yEnd) / 2], text: hop.label, color, self: true });
    if (hop.end === 'drop') addCross(pending, taken, { x: x1 + 1, y: yEnd }, hop.cause ?? 'fault');
    return { self: true, ...common, x2: x1, y2: yEnd };
  }
  const reach = hop.end === 'drop' ? DROP_REACH : hop.end === 'open' ? OPEN_REACH : 1;
  const x2 = x1 + (frame.laneX(hop.to) - x1) * reach;
  // Stop the line where the arrowhead's tip should be (just short of the lifeline).
  const direction = Math.sign(x2 - x1);
  const tipX = reach === 1 ? x2 - direction * 1 : x2;
  if (hop.end === 'arrive' || hop.end === 'deliver') taken.add({ x0: Math.min(tipX, tipX - direction * 8), y0: y2 - 4.5, x1: Math.max(tipX, tipX - direction * 8), y1: y2 + 4.5 });
  if (hop.end === 'drop') addCross(pending, taken, { x: x2, y: y2 }, hop.cause ?? 'fault');
  taken.addSegment({ x1, y1, x2: tipX, y2, owner: pending.arrows.length });
  pending.arrows.push({ segment: [x1, y1, x2, y2], text: hop.label, color: hop.end === 'drop' ? DROPPED_LABEL_COLOR : color, self: false });
  return { self: false, ...common, x2: tipX, y2 };
}

/** Spots beside a lifeline mark, on its row first: a label between rows reads as the wrong time. */
const MARK_OFFSETS: readonly (readonly [dy: number, penalty: number])[] = [
  [0, 0],
  [7, 60],
  [-7, 60],
  [13, 400],
  [-13, 400],
];

/** The labels of lifeline marks; marks of one kind at one node and time share a label. */
function markLabels(marks: readonly Mark[], frame: Frame, taken: Occupancy): PlacedLabel[] {
  const groups = new Map<string, { node: string; t: number; texts: string[]; color: string; fault: boolean }>();
  for (const mark of marks) {
    if (mark.label === '' || mark.kind === 'timer') continue;
    const fault = mark.kind === 'fault';
    const key = `${fault ? 'f' : 'a'} ${mark.t} ${mark.node}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { node: mark.node, t: mark.t, texts: [mark.label], color: fault ? mark.color : darker(mark.color), fault });
    else group.texts.push(mark.label);
  }
  return [...groups.values()].map(({ node, t, texts, color, fault }) => {
    const x = frame.laneX(node);
    const y = frame.axis.y(t);
    const candidates: Candidate[] = MARK_OFFSETS.flatMap(([dy, penalty]) => [
      { x: x + 10, y: y + dy, anchor: 'start' as const, penalty },
      { x: x - 10, y: y + dy, anchor: 'end' as const, penalty },
    ]);
    const full = texts.join(', ');
    const text = shorten(full, MAX_NOTE_CHARS);
    return place(taken, candidates, text, { size: FONT_SIZE.label, color, bold: fault, ...(text === full ? {} : { title: full }) });
  });
}

/** The causes beside their crosses. */
function causeLabels(pending: Pending, taken: Occupancy): PlacedLabel[] {
  return pending.causes.map(({ x, y, text }) => {
    const candidates: Candidate[] = [
      { x: x + 8, y, anchor: 'start' },
      { x: x - 8, y, anchor: 'end' },
      { x, y: y + 12, anchor: 'middle' },
      { x, y: y - 12, anchor: 'middle' },
      { x: x + 8, y: y + 10, anchor: 'start' },
      { x: x - 8, y: y + 10, anchor: 'end' },
    ];
    return place(taken, candidates, text, { size: FONT_SIZE.label - 0.5, color: RED, bold: true });
  });
}

/** Where along its arrow a label may sit, as fractions of the way, best first. */
const ALONG_ARROW = [0.5, 0.35, 0.65, 0.22, 0.78, 0.42, 0.58, 0.3, 0.7];

/** The arrows' labels: on the arrow where room is, else just above or below its middle. */
function arrowLabels(pending: Pending, taken: Occupancy): PlacedLabel[] {
  return pending.arrows.map((arrow, owner) => {
    const [x1, y1, x2, y2] = arrow.segment;
    const candidates: Candidate[] = arrow.self
      ? [0, -10, 10].map((dy) => ({ x: x1 + 4, y: y1 + dy, anchor: 'start' as const }))
      : ALONG_ARROW.map((f) => ({ x: x1 + (x2 - x1) * f, y: y1 + (y2 - y1) * f, anchor: 'middle' as const }));
    if (!arrow.self) {
      const px = (x1 + x2) / 2;
      const py = (y1 + y2) / 2;
      candidates.push({ x: px, y: py - 9, anchor: 'middle' }, { x: px, y: py + 9, anchor: 'middle' });
    }
    return place(taken, candidates, arrow.text, { size: FONT_SIZE.label, color: arrow.color, owner });
  });
}

/** A darker shade of a `#rrggbb` colour, for text on white. */
export function darker(color: string): string {
  const value = Number.parseInt(color.slice(1), 16);
  const channel = (shift: number): string => Math.round(((value >> shift) & 0xff) * 0.75).toString(16).padStart(2, '0');
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}
