/**
 * A laid-out sequence diagram written as SVG: one group per layer, bottom to top — grid,
 * time axis, rules, lifelines, arrows, marks, labels and, over everything, the node names —
 * with classes that tools and tests can count by. Only markup is decided here; every
 * position comes from the layout.
 */
import { FONT_SIZE, HEADER_HEIGHT } from './sequence-frame.js';
import { TIMER_OFFSET, type DiagramLayout, type HopShape, type MarkShape, type NameBox, type Point } from './sequence-layout.js';
import type { PlacedLabel } from './sequence-labels.js';
import { RED } from './sequence-story.js';
import { AXIS, BACKGROUND, baseline, element, escapeXml, INK, MUTED, n, NOTE, svgDocument, tooltip } from './svg-text.js';

const GRID = '#f0f0f0';
const LIFELINE = '#9aa3ad';
const NAME_FILL = '#eef2f7';
const NAME_STROKE = '#6b7a90';

/** The document of a laid-out diagram, with `title` as its title if given. */
export function diagramSvg(layout: DiagramLayout, title: string | undefined): string {
  const { heading } = layout;
  const markers = arrowMarkers(layout.hops);
  const body = [
    ...(heading.title === undefined
      ? []
      : [element('text', { class: 'title', x: heading.title.x, y: heading.title.y, 'font-size': FONT_SIZE.title, 'font-weight': 'bold', fill: INK }, escapeXml(heading.title.text))]),
    ...(heading.note === undefined
      ? []
      : [element('text', { class: 'note', x: heading.note.x, y: heading.note.y, 'font-size': FONT_SIZE.note, 'font-style': 'italic', fill: NOTE }, escapeXml(heading.note.text))]),
    group('grid', layout.axis.ticks.map(({ y }) => element('line', { x1: layout.grid.x1, y1: y, x2: layout.grid.x2, y2: y, stroke: GRID }))),
    group('axis', axisParts(layout.axis)),
    group('rules', layout.rules.map(ruleLine)),
    group('lifelines', layout.lifelines.map(({ x, segments }) => group('lifeline', segments.map((segment) => lifelineSegment(x, segment))))),
    group('hops', layout.hops.map((hop) => hopSvg(hop, markers))),
    group('marks', [...layout.marks.map(markSvg), ...layout.crosses.map(crossSvg)]),
    group('labels', layout.labels.map(labelSvg)),
    group('nodes', layout.names.map(nameSvg)),
  ];
  const defs = [...markers].map(([color, id]) => arrowMarker(id, color)).join('');
  return svgDocument(layout.width, layout.height, body, { ...(title === undefined ? {} : { title }), defs });
}

function group(className: string, parts: readonly string[]): string {
  return element('g', { class: className }, parts.join(''));
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
  const attributes = { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, markerUnits: 'strokeWidth', orient: 'auto' };
  return element('marker', attributes, element('path', { d: 'M0 0 L10 5 L0 10 z', fill: color }));
}

/** The time axis: a tick and a label per row, the axis line, its name, and its breaks. */
function axisParts(axis: DiagramLayout['axis']): string[] {
  const parts: string[] = [];
  for (const { y, label } of axis.ticks) {
    parts.push(element('line', { x1: axis.x - 4, y1: y, x2: axis.x, y2: y, stroke: AXIS }));
    parts.push(element('text', { class: 'tick', x: axis.x - 6, y: baseline(y, FONT_SIZE.label), 'font-size': FONT_SIZE.label, 'text-anchor': 'end', fill: MUTED }, escapeXml(label)));
  }
  parts.push(element('line', { x1: axis.x, y1: axis.top, x2: axis.x, y2: axis.bottom, stroke: AXIS }));
  parts.push(element('text', { x: axis.x - 6, y: axis.top + 4, 'font-size': FONT_SIZE.label, 'text-anchor': 'end', 'font-style': 'italic', fill: MUTED }, 'time'));
  for (const mid of axis.breaks) {
    const [left, right] = [n(axis.x - 5), n(axis.x + 5)];
    parts.push(element('path', { class: 'axis-break', d: `M${left} ${n(mid - 1)} L${right} ${n(mid - 5)} M${left} ${n(mid + 5)} L${right} ${n(mid + 1)}`, stroke: AXIS, fill: 'none' }));
    parts.push(element('rect', { x: axis.x - 5, y: mid - 2, width: 10, height: 4, fill: BACKGROUND }));
  }
  return parts;
}

function ruleLine(rule: DiagramLayout['rules'][number]): string {
  const violation = rule.kind === 'violation';
  return element('line', {
    class: violation ? 'violation' : 'fault-line',
    x1: rule.x1,
    y1: rule.y,
    x2: rule.x2,
    y2: rule.y,
    stroke: rule.color,
    'stroke-width': violation ? 1.5 : 1.2,
    'stroke-dasharray': violation ? undefined : '6 4',
  });
}

/** A stretch of a lifeline: grey while up, dotted red while down. */
function lifelineSegment(x: number, segment: DiagramLayout['lifelines'][number]['segments'][number]): string {
  const line = { x1: x, y1: segment.y0, x2: x, y2: segment.y1 };
  return segment.down
    ? element('line', { ...line, stroke: RED, 'stroke-opacity': 0.6, 'stroke-width': 1.5, 'stroke-dasharray': '2 4' })
    : element('line', { ...line, stroke: LIFELINE, 'stroke-width': 1.5 });
}

/** A hop: its queue bar if it waited, then its line (or loop), dashed if inferred, open or dropped. */
function hopSvg(hop: HopShape, markers: ReadonlyMap<string, string>): string {
  const queued = hop.queued === undefined ? '' : element('rect', { class: 'queued', x: hop.x1 - 2.5, y: hop.queued.y, width: 5, height: hop.queued.height, fill: hop.queued.color, 'fill-opacity': 0.35 });
  const dash = hop.end === 'open' || hop.implicit ? '5 3' : hop.end === 'drop' ? '6 2' : undefined;
  const head = hasHead(hop) ? `url(#${markers.get(hop.color)!})` : undefined;
  const stroke = { stroke: hop.color, 'stroke-width': 1.3, 'stroke-dasharray': dash, 'marker-end': head };
  if (hop.self) {
    const { x1, y1, y2 } = hop;
    const d = `M${n(x1)} ${n(y1)} C${n(x1 + 26)} ${n(y1)} ${n(x1 + 26)} ${n(y2)} ${n(x1 + 1)} ${n(y2)}`;
    return queued + element('path', { class: 'hop self', d, fill: 'none', ...stroke });
  }
  const className = `hop${hop.end === 'drop' ? ' dropped' : hop.end === 'open' ? ' open' : ''}`;
  return queued + element('line', { class: className, x1: hop.x1, y1: hop.y1, x2: hop.x2, y2: hop.y2, ...stroke });
}

/** A mark's symbol: a dot for the application, a small clock for a timer, a bar for a fault. */
function markSvg(mark: MarkShape): string {
  const { x, y, color } = mark;
  switch (mark.kind) {
    case 'app':
      return element('circle', { class: 'app-mark', cx: x, cy: y, r: 3.5, fill: color, stroke: BACKGROUND });
    case 'timer': {
      const cx = x - TIMER_OFFSET;
      return group('timer-mark', [
        element('line', { x1: cx + 4, y1: y, x2: x, y2: y, stroke: color }),
        element('circle', { cx, cy: y, r: 4, fill: BACKGROUND, stroke: color, 'stroke-width': 1.2 }),
        element('path', { d: `M${n(cx)} ${n(y - 2.5)} L${n(cx)} ${n(y)} L${n(cx + 2)} ${n(y)}`, stroke: color, fill: 'none' }),
      ]);
    }
    case 'fault':
      return element('rect', { class: 'fault-mark', x: x - 9, y: y - 2, width: 18, height: 4, fill: color });
    case 'orphan':
      return element('circle', { class: 'orphan', cx: x, cy: y, r: 2.5, fill: color });
  }
}

function crossSvg({ x, y }: Point): string {
  const d = `M${n(x - 4.5)} ${n(y - 4.5)} L${n(x + 4.5)} ${n(y + 4.5)} M${n(x - 4.5)} ${n(y + 4.5)} L${n(x + 4.5)} ${n(y - 4.5)}`;
  return element('path', { class: 'drop-mark', d, stroke: RED, 'stroke-width': 2.2, 'stroke-linecap': 'round' });
}

/** A label on a white patch, with its full text as a tooltip if shortened. */
function labelSvg(label: PlacedLabel): string {
  const { box } = label;
  const background = element('rect', { x: box.x0, y: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0, fill: BACKGROUND, 'fill-opacity': 0.85 });
  const text = element(
    'text',
    { x: label.x, y: baseline(label.y, label.size), 'font-size': label.size, fill: label.color, 'text-anchor': label.anchor === 'start' ? undefined : label.anchor, 'font-weight': label.bold ? 'bold' : undefined },
    escapeXml(label.text),
  );
  return group('label', [label.title === undefined ? '' : tooltip(label.title), background, text]);
}

/** A node's name in its box, the full name as a tooltip if shortened. */
function nameSvg(box: NameBox): string {
  const rect = element('rect', { x: box.x - box.width / 2, y: box.top, width: box.width, height: HEADER_HEIGHT, rx: 4, fill: NAME_FILL, stroke: NAME_STROKE });
  const attributes = { x: box.x, y: baseline(box.top + HEADER_HEIGHT / 2, FONT_SIZE.name), 'font-size': FONT_SIZE.name, 'font-weight': 'bold', 'text-anchor': 'middle', fill: INK };
  return group('node', [box.name === box.node ? '' : tooltip(box.node), rect, element('text', attributes, escapeXml(box.name))]);
}
