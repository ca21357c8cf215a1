/**
 * The frame of a sequence diagram's page, in pixels: the heading, the row of node names, the
 * time axis down the left, one lane per node, the column of notes on the right, and how wide
 * and tall all that is. Everything else on the page is placed inside this frame.
 */
import { RED, type Rule, type Story } from './sequence-story.js';
import { timeAxis, type TimeAxis } from './sequence-time.js';
import { shorten, textWidth } from './svg-text.js';

/** Margin round the page. */
export const PAD = 16;
/** Font sizes, in pixels. */
export const FONT_SIZE = { title: 16, note: 11, name: 12, label: 10 } as const;
/** Height of a node's name box. */
export const HEADER_HEIGHT = 22;
const MIN_LANE_SPACING = 170;
const MAX_NAME_CHARS = 28;
/** Notes and lifeline labels longer than this are shortened (the full text a tooltip). */
export const MAX_NOTE_CHARS = 72;
/** Diagrams with more rows than this height repeat the node names at the bottom. */
const LONG_DIAGRAM = 560;

/** A line of text at its baseline's left end. */
export interface TextLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** What is written above the diagram. */
export interface Heading {
  readonly title?: TextLine;
  /** Why not all events are shown, or that there are none. */
  readonly note?: TextLine;
}

/** A node's lane. */
export interface Lane {
  readonly node: string;
  /** Where its lifeline runs. */
  readonly x: number;
  /** Its name as shown (shortened if long). */
  readonly name: string;
  /** The width of its name box. */
  readonly width: number;
}

/** The note right of the diagram at one time: the labels of its rules, joined. */
export interface Note {
  readonly t: number;
  readonly text: string;
  readonly color: string;
  readonly bold: boolean;
}

/** The page's frame. */
export interface Frame {
  readonly heading: Heading;
  /** The top and bottom of the row of node names. */
  readonly headerTop: number;
  readonly headerBottom: number;
  readonly axis: TimeAxis;
  /** The x of the time axis. */
  readonly axisX: number;
  /** Where lifelines end (and, in a long diagram, the names are repeated). */
  readonly lifelineEnd: number;
  /** Whether the names are repeated at the bottom. */
  readonly long: boolean;
  readonly height: number;
  readonly lanes: readonly Lane[];
  /** The x of a node's lifeline. */
  readonly laneX: (node: string) => number;
  /** Where the grid and the rules across end on the right. */
  readonly gridEnd: number;
  /** The left edge of the notes' column. */
  readonly notesX: number;
  /** Notes, in the order their rules first came. */
  readonly notes: readonly Note[];
  /** The page's width before labels that stick out widen it. */
  readonly baseWidth: number;
}

/** The frame of a diagram of `story`, with a title and a note above it if given. */
export function diagramFrame(story: Story, title: string | undefined, note: string | undefined): Frame {
  let y = PAD;
  let heading: Heading = {};
  if (title !== undefined) {
    heading = { title: { text: title, x: PAD, y: y + 15 } };
    y += 26;
  }
  if (note !== undefined) {
    heading = { ...heading, note: { text: note, x: PAD, y: y + 11 } };
    y += 20;
  }
  const headerTop = y + 4;
  const headerBottom = headerTop + HEADER_HEIGHT;
  const axis = timeAxis(story.times, headerBottom + 26);
  const lastRow = axis.rows.length === 0 ? headerBottom + 26 : axis.rows[axis.rows.length - 1]!;
  const lifelineEnd = lastRow + 22;
  const long = lastRow - headerBottom > LONG_DIAGRAM;
  const height = (long ? lifelineEnd + HEADER_HEIGHT : lifelineEnd) + PAD;
  return { heading, headerTop, headerBottom, axis, lifelineEnd, long, height, ...columns(story, axis, heading) };
}

/** The frame's columns, left to right: time axis, lanes, notes; and the width they need. */
function columns(story: Story, axis: TimeAxis, heading: Heading): Pick<Frame, 'axisX' | 'lanes' | 'laneX' | 'gridEnd' | 'notesX' | 'notes' | 'baseWidth'> {
  let tickWidth = textWidth('time', FONT_SIZE.label);
  for (const label of axis.labels) tickWidth = Math.max(tickWidth, textWidth(label, FONT_SIZE.label));
  const axisX = PAD + tickWidth + 10;
  const names = story.nodes.map((node) => shorten(node, MAX_NAME_CHARS));
  const nameWidths = names.map((name) => textWidth(name, FONT_SIZE.name, true) + 16);
  let widest = 0;
  for (const width of nameWidths) widest = Math.max(widest, width);
  const spacing = Math.max(MIN_LANE_SPACING, widest + 40);
  // Room left of the first lifeline for a label or two.
  const firstLane = axisX + Math.max(110, (nameWidths[0] ?? 0) / 2 + 24);
  const lanes = story.nodes.map((node, i): Lane => ({ node, x: firstLane + i * spacing, name: names[i]!, width: nameWidths[i]! }));
  const laneXs = new Map<string, number>(lanes.map((lane) => [lane.node, lane.x]));
  const lastLane = firstLane + Math.max(0, story.nodes.length - 1) * spacing;
  const notesX = lastLane + Math.max(96, (nameWidths[nameWidths.length - 1] ?? 0) / 2 + 24);
  const notes = mergedNotes(story.rules);
  let notesWidth = 0;
  for (const { text, bold } of notes) notesWidth = Math.max(notesWidth, textWidth(shorten(text, MAX_NOTE_CHARS), FONT_SIZE.label, bold));
  const { title, note } = heading;
  const headWidth = title === undefined && note === undefined ? 0 : PAD + Math.max(textWidth(title?.text ?? '', FONT_SIZE.title, true), textWidth(note?.text ?? '', FONT_SIZE.note)) + PAD;
  return {
    axisX,
    lanes,
    laneX: (node) => laneXs.get(node) ?? firstLane,
    gridEnd: notes.length > 0 ? notesX - 8 : lastLane + spacing / 3,
    notesX,
    notes,
    baseWidth: Math.max(headWidth, (notes.length > 0 ? notesX + notesWidth : lastLane + spacing / 2) + PAD),
  };
}

/** One note per time with rules: their labels joined, red and bold if one is a violation. */
function mergedNotes(rules: readonly Rule[]): Note[] {
  const notes = new Map<number, Note>();
  for (const rule of rules) {
    const previous = notes.get(rule.t);
    notes.set(rule.t, {
      t: rule.t,
      text: previous === undefined ? rule.label : `${previous.text}; ${rule.label}`,
      color: rule.kind === 'violation' || previous?.color === RED ? RED : rule.color,
      bold: rule.kind === 'violation' || (previous?.bold ?? false),
    });
  }
  return [...notes.values()];
}
