/**
 * Traces for people: one line per event, and the short excerpt a counterexample report
 * shows — the application events of the messages a violation names, the faults, the
 * frames exchanged between the nodes involved and what became of them, and those nodes'
 * timers.
 */
import type { TraceEvent } from './events.js';

/** Seconds with microsecond resolution, aligned. */
function time(t: number): string {
  return `t=${t.toFixed(6)}s`;
}

/** One event as a line of text. */
export function describeEvent(event: TraceEvent): string {
  switch (event.type) {
    case 'send':
      return `${event.from} → ${event.to}  frame #${event.frame} sent (${event.bytes} B${event.flow === undefined ? '' : `, ${event.flow}`}${event.copyOf === undefined ? '' : `, copy of #${event.copyOf}`})`;
    case 'enqueue':
      return `${event.from} → ${event.to}  frame #${event.frame} queued on ${event.link}`;
    case 'transmit':
      return `${event.from} → ${event.to}  frame #${event.frame} on the wire until ${time(event.end)}`;
    case 'arrive':
      return `${event.node}  frame #${event.frame} arrived, forwarded`;
    case 'deliver':
      return `${event.from} → ${event.node}  frame #${event.frame} delivered`;
    case 'drop':
      return `${event.node}  frame #${event.frame} DROPPED (${event.cause}${event.link === undefined ? '' : ` on ${event.link}`})`;
    case 'timer':
      return `${event.node}  timer ${event.timer} ${event.action}${event.due === undefined ? '' : ` (due ${time(event.due)})`}`;
    case 'fault': {
      const what = event.groups !== undefined ? ` ${event.groups.map((g) => `[${g.join(', ')}]`).join(' | ')}${event.oneWay === true ? ' one-way' : ''}` : '';
      return `FAULT ${event.fault}${event.node === undefined ? '' : ` ${event.node}`}${event.link === undefined ? '' : ` ${event.link}`}${what}`;
    }
    case 'app_send':
      return `${event.node}  app sends m${event.msg} to ${event.to} (#${event.seq}${event.request === true ? ', request' : ''})`;
    case 'app_deliver':
      return `${event.node}  app receives m${event.msg} from ${event.from} (#${event.seq})`;
    case 'app_reply':
      return `${event.node}  app gets the reply to m${event.msg} from ${event.from}`;
    case 'violation':
      return `VIOLATION of ${event.invariant}: ${event.message}`;
  }
}

/** Events as text, one per line, with their times. */
export function formatEvents(events: readonly TraceEvent[]): string {
  return events.map((event) => `${time(event.t)}  ${describeEvent(event)}`).join('\n');
}

/**
 * The timers (as "node/timer") with which the application's script sends: each fires right
 * into an `app_send` of its node. They say nothing about the protocol.
 */
function scriptTimers(events: readonly TraceEvent[]): Set<string> {
  const timers = new Set<string>();
  for (let i = 0; i + 1 < events.length; i++) {
    const event = events[i]!;
    const next = events[i + 1]!;
    if (event.type === 'timer' && event.action === 'fire' && next.type === 'app_send' && next.node === event.node && next.t === event.t) {
      timers.add(`${event.node}/${event.timer}`);
    }
  }
  return timers;
}

/**
 * The events that tell the story of a violation. The nodes involved are the two ends of the
 * messages it names (of all messages if it names none); the story has their application
 * events, every fault, every frame sent between them with its fate (delivered, or dropped
 * wherever it was), their timers from the first message between them on (a retransmission
 * timer that fired, or that was never set, is often the point; the timers with which the
 * application's script sends are left out), and the violation. At most
 * `limit` events: the last ones, which lead up to the violation.
 */
export function excerpt(events: readonly TraceEvent[], messages: readonly number[] | undefined, limit = 40): TraceEvent[] {
  const named = messages === undefined || messages.length === 0 ? undefined : new Set(messages);
  const nodes = new Set<string>();
  for (const event of events) {
    if (event.type === 'app_send' && (named === undefined || named.has(event.msg))) {
      nodes.add(event.node);
      nodes.add(event.to);
    }
  }
  const between = (a: string, b: string): boolean => nodes.has(a) && nodes.has(b);
  const since = events.find((event) => event.type === 'app_send' && between(event.node, event.to))?.t ?? Infinity;
  const script = scriptTimers(events);
  /** Frames sent between the nodes involved, filled in as the trace goes (a frame is sent before anything else happens to it). */
  const frames = new Set<number>();
  const picked = events.filter((event) => {
    switch (event.type) {
      case 'app_send':
        return named === undefined || named.has(event.msg) || between(event.node, event.to);
      case 'app_deliver':
      case 'app_reply':
        return named === undefined || named.has(event.msg) || between(event.from, event.node);
      case 'fault':
      case 'violation':
        return true;
      case 'send':
        if (between(event.from, event.to)) frames.add(event.frame);
        return frames.has(event.frame);
      case 'deliver':
      case 'drop':
        return frames.has(event.frame);
      case 'timer':
        return nodes.has(event.node) && event.t >= since && !script.has(`${event.node}/${event.timer}`);
      default:
        return false;
    }
  });
  return picked.length <= limit ? picked : picked.slice(picked.length - limit);
}
