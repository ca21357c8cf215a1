/**
 * A laid-out sequence diagram written as SVG: one group per layer, bottom to top — grid,
 * time axis, rules, lifelines, arrows, marks, labels and, over everything, the node names —
 * with classes that tools and tests can count by. Only markup is decided here; every
 * position comes from the layout. Elements are template strings, as in the charts' writer:
 * a diagram has thousands, and templates are the fast way to write them.
 */
import { FONT_SIZE, HEADER_HEIGHT } from './sequence-frame.js';
import { TIMER_OFFSET, type DiagramLayout, type HopShape, type LifelineSegment, type MarkShape, type NameBox, type Point, type RuleLine } from './sequence-layout.js';
import type { PlacedLabel } from './sequence-labels.js';
import { RED } from './sequence-story.js';
import { AXIS, BACKGROUND, baseline, escapeXml, INK, MUTED, n, NOTE, svgDocument, tooltip } from './svg-text.js';

const GRID = '#f0f0f0';
const LIFELINE = '#9aa3ad';
const NAME_FILL = '#eef2f7';
const NAME_STROKE = '#6b7a90';

/** The document of a laid-out diagram, with `title` as its title if given. */
export function diagramSvg(layout: DiagramLayout, title: string | undefined): string {
  const { heading, grid } = layout;
  const markers = arrowMarkers(layout.hops);
  const body: string[] = [];
  if (heading.title !== undefined) {
    const { x, y, text } = heading.title;
    body.push(`<text class="title" x="${n(x)}" y="${n(y)}" font-size="${FONT_SIZE.title}" font-weight="bold" fill="${INK}">${escapeXml(text)}</text>`);
  }
  if (heading.note !== undefined) {
    const { x, y, text } = heading.note;
    body.push(`<text class="note" x="${n(x)}" y="${n(y)}" font-size="${FONT_SIZE.note}" font-style="italic" fill="${NOTE}">${escapeXml(text)}</text>`);
  }
  body.push(
    group('grid', layout.axis.ticks.map(({ y }) => line(grid.x1, y, grid.x2, y, GRID))),
    group('axis', axisParts(layout.axis)),
    group('rules', layout.rules.map(ruleLine)),
    group('lifelines', layout.lifelines.map(({ x, segments }) => group('lifeline', segments.map((segment) => lifelineSegment(x, segment))))),
    group('hops', layout.hops.map((hop) => hopSvg(hop, markers))),
    group('marks', [...layout.marks.map(markSvg), ...layout.crosses.map(crossSvg)]),
    group('labels', layout.labels.map(labelSvg)),
    group('nodes', layout.names.map(nameSvg)),
  );
  const defs = [...markers].map(([color, id]) => arrowMarker(id, color)).join('');
  return svgDocument(layout.width, layout.height, body, { ...(title === undefined ? {} : { title }), defs });
}

function group(className: string, parts: readonly string[]): string {
  return `<g class="${className}">${parts.join('')}</g>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, more = ''): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}"${more}/>`;
}

/** Whether a hop ends in an arrowhead (it arrived). */
function hasHead(hop: HopShape): boolean {
  return hop.end === 'arrive' || hop.end === 'deliver';
}

/** An id per colour of arrowhead, in order of first use. */
function arrowMarkers(hops: readonly HopShape[]): Map<string, string> {
  const markers = new Map<string, string>();
  for (const hop of hops) if (hasHead(hop) && !markers.has(hop.color)) markers.set(hop.color, `msgsim-arrow-${markers.size}`);
  return markers;
}

function arrowMarker(id: string, color: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="strokeWidth" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${color}"/></marker>`;
}

/** The time axis: a tick and a label per row, the axis line, its name, and its breaks. */
function axisParts(axis: DiagramLayout['axis']): string[] {
  const { x } = axis;
  const size = FONT_SIZE.label;
  const parts: string[] = [];
  for (const { y, label } of axis.ticks) {
    parts.push(line(x - 4, y, x, y, AXIS));
    parts.push(`<text class="tick" x="${n(x - 6)}" y="${n(baseline(y, size))}" font-size="${size}" text-anchor="end" fill="${MUTED}">${escapeXml(label)}</text>`);
  }
  parts.push(line(x, axis.top, x, axis.bottom, AXIS));
  parts.push(`<text x="${n(x - 6)}" y="${n(axis.top + 4)}" font-size="${size}" text-anchor="end" font-style="italic" fill="${MUTED}">time</text>`);
  for (const mid of axis.breaks) {
    const [left, right] = [n(x - 5), n(x + 5)];
    parts.push(`<path class="axis-break" d="M${left} ${n(mid - 1)} L${right} ${n(mid - 5)} M${left} ${n(mid + 5)} L${right} ${n(mid + 1)}" stroke="${AXIS}" fill="none"/>`);
    parts.push(`<rect x="${left}" y="${n(mid - 2)}" width="10" height="4" fill="${BACKGROUND}"/>`);
  }
  return parts;
}

/** A fault's dashed line, or a violation's solid red one. */
function ruleLine(rule: RuleLine): string {
  const violation = rule.kind === 'violation';
  const className = violation ? 'violation' : 'fault-line';
  const style = violation ? ' stroke-width="1.5"' : ' stroke-width="1.2" stroke-dasharray="6 4"';
  return `<line class="${className}" x1="${n(rule.x1)}" y1="${n(rule.y)}" x2="${n(rule.x2)}" y2="${n(rule.y)}" stroke="${rule.color}"${style}/>`;
}

/** A stretch of a lifeline: grey while up, dotted red while down. */
function lifelineSegment(x: number, segment: LifelineSegment): string {
  return segment.down
    ? line(x, segment.y0, x, segment.y1, RED, ' stroke-opacity="0.6" stroke-width="1.5" stroke-dasharray="2 4"')
    : line(x, segment.y0, x, segment.y1, LIFELINE, ' stroke-width="1.5"');
}

/** A hop: its queue bar if it waited, then its line (or loop), dashed if inferred, open or dropped. */
function hopSvg(hop: HopShape, markers: ReadonlyMap<string, string>): string {
  const { x1, y1, x2, y2, queued } = hop;
  const bar = queued === undefined ? '' : `<rect class="queued" x="${n(x1 - 2.5)}" y="${n(queued.y)}" width="5" height="${n(queued.height)}" fill="${queued.color}" fill-opacity="0.35"/>`;
  const dash = hop.end === 'open' || hop.implicit ? ' stroke-dasharray="5 3"' : hop.end === 'drop' ? ' stroke-dasharray="6 2"' : '';
  const head = hasHead(hop) ? ` marker-end="url(#${markers.get(hop.color)!})"` : '';
  const stroke = `stroke="${hop.color}" stroke-width="1.3"${dash}${head}`;
  if (hop.self) {
    const d = `M${n(x1)} ${n(y1)} C${n(x1 + 26)} ${n(y1)} ${n(x1 + 26)} ${n(y2)} ${n(x1 + 1)} ${n(y2)}`;
    return `${bar}<path class="hop self" d="${d}" fill="none" ${stroke}/>`;
  }
  const className = `hop${hop.end === 'drop' ? ' dropped' : hop.end === 'open' ? ' open' : ''}`;
  return `${bar}<line class="${className}" x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" ${stroke}/>`;
}

/** A mark's symbol: a dot for the application, a small clock for a timer, a bar for a fault. */
function markSvg(mark: MarkShape): string {
  const { x, y, color } = mark;
  switch (mark.kind) {
    case 'app':
      return `<circle class="app-mark" cx="${n(x)}" cy="${n(y)}" r="3.5" fill="${color}" stroke="${BACKGROUND}"/>`;
    case 'timer': {
      const cx = x - TIMER_OFFSET;
      return (
        `<g class="timer-mark">${line(cx + 4, y, x, y, color)}` +
        `<circle cx="${n(cx)}" cy="${n(y)}" r="4" fill="${BACKGROUND}" stroke="${color}" stroke-width="1.2"/>` +
        `<path d="M${n(cx)} ${n(y - 2.5)} L${n(cx)} ${n(y)} L${n(cx + 2)} ${n(y)}" stroke="${color}" fill="none"/></g>`
      );
    }
    case 'fault':
      return `<rect class="fault-mark" x="${n(x - 9)}" y="${n(y - 2)}" width="18" height="4" fill="${color}"/>`;
    case 'orphan':
      return `<circle class="orphan" cx="${n(x)}" cy="${n(y)}" r="2.5" fill="${color}"/>`;
  }
}

function crossSvg({ x, y }: Point): string {
  const d = `M${n(x - 4.5)} ${n(y - 4.5)} L${n(x + 4.5)} ${n(y + 4.5)} M${n(x - 4.5)} ${n(y + 4.5)} L${n(x + 4.5)} ${n(y - 4.5)}`;
  return `<path class="drop-mark" d="${d}" stroke="${RED}" stroke-width="2.2" stroke-linecap="round"/>`;
}

/** A label on a white patch, with its full text as a tooltip if shortened. */
function labelSvg(label: PlacedLabel): string {
  const { box } = label;
  const background = `<rect x="${n(box.x0)}" y="${n(box.y0)}" width="${n(box.x1 - box.x0)}" height="${n(box.y1 - box.y0)}" fill="${BACKGROUND}" fill-opacity="0.85"/>`;
  const anchor = label.anchor === 'start' ? '' : ` text-anchor="${label.anchor}"`;
  const weight = label.bold ? ' font-weight="bold"' : '';
  const text = `<text x="${n(label.x)}" y="${n(baseline(label.y, label.size))}" font-size="${label.size}" fill="${label.color}"${anchor}${weight}>${escapeXml(label.text)}</text>`;
  return `<g class="label">${label.title === undefined ? '' : tooltip(label.title)}${background}${text}</g>`;
}

/** A node's name in its box, the full name as a tooltip if shortened. */
function nameSvg(box: NameBox): string {
  const rect = `<rect x="${n(box.x - box.width / 2)}" y="${n(box.top)}" width="${n(box.width)}" height="${HEADER_HEIGHT}" rx="4" fill="${NAME_FILL}" stroke="${NAME_STROKE}"/>`;
  const y = baseline(box.top + HEADER_HEIGHT / 2, FONT_SIZE.name);
  const text = `<text x="${n(box.x)}" y="${n(y)}" font-size="${FONT_SIZE.name}" font-weight="bold" text-anchor="middle" fill="${INK}">${escapeXml(box.name)}</text>`;
  return `<g class="node">${box.name === box.node ? '' : tooltip(box.node)}${rect}${text}</g>`;
}
