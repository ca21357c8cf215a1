/**
 * Message sequence diagrams of a trace, as standalone SVG: one lifeline per node, virtual time
 * running down, an arrow for every hop of every frame (ending in a red cross where the frame
 * was dropped), and the application's sends and deliveries, timers, faults and violations
 * marked where and when they happened. Drawn in three steps, each a module of its own: the
 * story the events tell (`sequence-story.ts`), its layout on the page (`sequence-layout.ts`)
 * and the SVG written from that (`sequence-svg.ts`). Pure and deterministic: same events,
 * same bytes.
 */
import type { TraceEvent } from './events.js';
import { layoutDiagram } from './sequence-layout.js';
import { readStory } from './sequence-story.js';
import { diagramSvg } from './sequence-svg.js';

/** How to draw a sequence diagram. */
export interface SequenceDiagramOptions {
  /** A heading drawn above the diagram (and the document's title). */
  readonly title?: string;
  /** Draw only the first this many events, noting how many there were. @default 2000 */
  readonly maxEvents?: number;
}

/** The default of {@link SequenceDiagramOptions.maxEvents}. */
export const DEFAULT_MAX_EVENTS = 2000;

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
  const note =
    events.length > maxEvents
      ? `showing first ${maxEvents} of ${events.length} events`
      : shown.length === 0
        ? 'no events'
        : undefined;
  return diagramSvg(layoutDiagram(readStory(shown), options.title, note), options.title);
}
