/**
 * Traces for people: one line per event, and the short excerpt a counterexample report
 * shows — the application events of the messages a violation names, the faults, and the
 * frames exchanged between the nodes involved.
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
 * The events that tell the story of a violation: application events between the nodes the
 * named messages travel between (all application events if none are named), every fault,
 * frames sent, delivered or dropped between those nodes, and the violation. At most `limit`
 * events (the last ones, which lead up to the violation).
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
        return between(event.from, event.to);
      case 'deliver':
        return between(event.from, event.node);
      case 'drop':
        return nodes.has(event.node);
      default:
        return false;
    }
  });
  return picked.length <= limit ? picked : picked.slice(picked.length - limit);
}
