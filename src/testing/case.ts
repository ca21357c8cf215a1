/**
 * A generated test case in scenario-file form: the network, the application's script, the
 * fault timeline, the seed and how long to run. Being the very data a scenario file holds,
 * a case needs no translation to be run, written as YAML, or replayed by `msgsim run`.
 */

/** A link of a case, as a scenario file writes it (quantities as strings with units). */
export interface LinkData {
  between: [string, string];
  bandwidth: string;
  delay: string;
  loss?: number;
  jitter?: string;
  reorder?: boolean;
  duplicate?: number;
  queue?: number;
}

/** A fault of a case, as a scenario file writes it. */
export type FaultData =
  | { at: string; fault: 'partition'; groups: string[][] }
  | { at: string; fault: 'heal' }
  | { at: string; fault: 'crash' | 'restart'; node: string }
  | { at: string; fault: 'link-down' | 'link-up'; link: string }
  | { at: string; fault: 'degrade'; link: string; delay?: string; loss?: number };

/** One application send of a case. */
export interface SendData {
  at: string;
  from: string;
  to: string;
  request?: boolean;
}

/** A whole generated case. */
export interface ProtocolCase {
  seed: number;
  nodes: string[];
  links: LinkData[];
  faults: FaultData[];
  script: SendData[];
  /** How long the run goes on (a duration), long enough for recovery after the last fault. */
  until: string;
  /** A shuffled ordering of equal-time events, if the case explores orderings. */
  explore?: { seed: number; timer_noise: string };
}

/** The case's size, as counterexample reports quote it. */
export function caseSize(c: ProtocolCase): { nodes: number; links: number; messages: number; faults: number } {
  return { nodes: c.nodes.length, links: c.links.length, messages: c.script.length, faults: faultCount(c.faults) };
}

/** The faults of a timeline: a fault and the event that ends it (heal, restart, link-up, the degrade that restores the link) count as one. */
export function faultCount(faults: readonly FaultData[]): number {
  const starts = faults.filter((f) => f.fault === 'partition' || f.fault === 'crash' || f.fault === 'link-down').length;
  return starts + Math.ceil(faults.filter((f) => f.fault === 'degrade').length / 2);
}

/**
 * A whole number of microseconds as a duration string, in the largest unit that writes it
 * exactly ("5s", "77.9ms", "250us"). Every form reads back as the same float, `value / 1e6`:
 * the reader divides exact integers, and a correctly rounded quotient depends only on the
 * number, not on how it is written.
 */
export function micros(value: number): string {
  if (value % 1_000_000 === 0) return `${value / 1_000_000}s`;
  if (value >= 1000) return `${value / 1000}ms`;
  return `${value}us`;
}

/** A property's name as a scenario name and file stem: letters, digits, _ . - only. */
export function scenarioName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'property';
}
