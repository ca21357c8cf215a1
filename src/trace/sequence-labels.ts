/**
 * Where a sequence diagram's labels go: each label has a few candidate spots, and the first
 * that overlaps nothing taken before it wins (else the one least covered, counting lines it
 * would cross). What is taken — boxes of drawn things and placed labels, lines of arrows —
 * is bucketed by y, so a diagram of thousands of labels is placed in near-linear time.
 */
import { textWidth } from './svg-text.js';

/** A rectangle in pixels. */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A spot a label may take. */
export interface Candidate {
  readonly x: number;
  /** The vertical centre of the text. */
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  /** How much worse this spot is than the first, in the units of overlap. */
  readonly penalty?: number;
}

/** A label at the spot it took. */
export interface PlacedLabel extends Candidate {
  readonly text: string;
  readonly size: number;
  readonly color: string;
  readonly bold: boolean;
  /** The room it takes, a little more than its text. */
  readonly box: Box;
  /** Full text for a tooltip when `text` was shortened. */
  readonly title?: string;
}

/** How a label is written, and whose line it may cross for free. */
export interface LabelStyle {
  readonly size: number;
  readonly color: string;
  readonly bold?: boolean;
  readonly title?: string;
  /** The owner of the line this label belongs to (see {@link Segment}). */
  readonly owner?: number;
}

/** A drawn line labels should rather not cover; `owner` may ignore its own. */
export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly owner: number;
}

/** Height of a bucket of taken things, in pixels. */
const BUCKET = 64;
/** What crossing a line costs a label, in square pixels of overlap. */
const SEGMENT_COST = 50;
/** Room kept round a label's text. */
const LABEL_MARGIN = 1.5;

/** Whether the segment crosses the box (Liang–Barsky clipping). */
export function crosses(segment: Segment, box: Box): boolean {
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

/** The buckets a vertical extent falls in. */
function bucketsOf(top: number, bottom: number): number[] {
  const buckets: number[] = [];
  for (let b = Math.floor(top / BUCKET); b <= Math.floor(bottom / BUCKET); b++) buckets.push(b);
  return buckets;
}

/** Boxes and lines already taken, bucketed by y for quick overlap queries. */
export class Occupancy {
  private readonly buckets = new Map<number, Box[]>();
  private readonly lines = new Map<number, Segment[]>();

  /** Takes a line: labels crossing it pay SEGMENT_COST, unless they are its owner's. */
  addSegment(segment: Segment): void {
    for (const b of bucketsOf(Math.min(segment.y1, segment.y2), Math.max(segment.y1, segment.y2))) {
      let list = this.lines.get(b);
      if (list === undefined) this.lines.set(b, (list = []));
      list.push(segment);
    }
  }

  /** How many lines other than `owner`'s cross `box`, times SEGMENT_COST. */
  crossing(box: Box, owner: number): number {
    const seen = new Set<Segment>();
    let cost = 0;
    for (const b of bucketsOf(box.y0, box.y1)) {
      for (const segment of this.lines.get(b) ?? []) {
        if (segment.owner === owner || seen.has(segment)) continue;
        seen.add(segment);
        if (crosses(segment, box)) cost += SEGMENT_COST;
      }
    }
    return cost;
  }

  /** Takes a box. */
  add(box: Box): void {
    for (const b of bucketsOf(box.y0, box.y1)) {
      let list = this.buckets.get(b);
      if (list === undefined) this.buckets.set(b, (list = []));
      list.push(box);
    }
  }

  /** Total area of `box` covered by taken boxes (double-counting shared ones is fine). */
  overlap(box: Box): number {
    let area = 0;
    const seen = new Set<Box>();
    for (const b of bucketsOf(box.y0, box.y1)) {
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

/** The room a label of `width` × `size` takes at `candidate`. */
export function labelBox(candidate: Candidate, width: number, size: number): Box {
  const x0 = candidate.anchor === 'start' ? candidate.x : candidate.anchor === 'end' ? candidate.x - width : candidate.x - width / 2;
  return { x0: x0 - LABEL_MARGIN, y0: candidate.y - size / 2 - LABEL_MARGIN, x1: x0 + width + LABEL_MARGIN, y1: candidate.y + size / 2 + LABEL_MARGIN };
}

/** Places `text` at the first candidate free of taken boxes, else the least covered one, and takes its box. */
export function place(taken: Occupancy, candidates: readonly Candidate[], text: string, style: LabelStyle): PlacedLabel {
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
