/**
 * The story of a program's counterexample: what its clients saw (each history entry, with
 * the client and the node it talked to) and the faults, in time order, as report lines in
 * the manner of trace/explain.ts.
 */
import type { FaultEvent } from '../trace/events.js';
import { describeEvent } from '../trace/explain.js';
import type { HistoryEntry } from '../workload/clients/history.js';

/** The most lines a story shows; the replay file has the whole history. */
export const STORY_LINES = 40;

/** How clients map to nodes: thread i (process p, i = p mod concurrency) talks to nodes[i mod n]. */
export interface ClientPlacement {
  readonly concurrency: number;
  readonly nodes: readonly string[];
}

/** One history entry as a story line, without its time: `c1 → n0  ok read [0,1]`. */
export function describeEntry(entry: HistoryEntry, clients: ClientPlacement): string {
  const node = clients.nodes[(entry.process % clients.concurrency) % clients.nodes.length];
  const key = entry.key === undefined ? '' : ` ${JSON.stringify(entry.key)}`;
  const value = entry.value === null || entry.value === undefined ? '' : ` ${JSON.stringify(entry.value)}`;
  const error = entry.error === undefined ? '' : ` (${entry.error})`;
  return `c${entry.process + 1} → ${node}  ${entry.type.padEnd(6)} ${entry.f}${key}${value}${error}`;
}

/** The history and the faults in time order (faults first at equal times), at most {@link STORY_LINES} lines. */
export function programStory(history: readonly HistoryEntry[], faults: readonly FaultEvent[], clients: ClientPlacement): string[] {
  const lines: { t: number; order: number; text: string }[] = [
    ...faults.map((fault, order) => ({ t: fault.t, order, text: describeEvent(fault) })),
    ...history.map((entry, i) => ({ t: entry.time ?? 0, order: faults.length + i, text: describeEntry(entry, clients) })),
  ];
  lines.sort((a, b) => a.t - b.t || a.order - b.order);
  const shown = lines.slice(0, STORY_LINES).map(({ t, text }) => `t=${t.toFixed(6)}s  ${text}`);
  if (lines.length > STORY_LINES) shown.push(`… ${lines.length - STORY_LINES} more (the whole history is in the replay file)`);
  return shown;
}
