/**
 * Things in a valid scenario that are probably not what its author meant: a fault that
 * changes nothing when its time comes (a heal with no partition in force, a link brought up
 * that is not down, a restart of a node that is running), and what a flow's pattern warns
 * of (pub/sub topics and subscriptions that can never meet). They are reported, not refused.
 */
import type { FieldPath } from './errors.js';
import { patternOf } from './patterns/index.js';
import type { Scenario } from './scenario.js';

/** A warning about a scenario: where, and what. */
export interface ScenarioWarning {
  readonly path: FieldPath;
  readonly detail: string;
}

/** The warnings about a validated scenario, in the order of the file. */
export function scenarioWarnings(scenario: Scenario): ScenarioWarning[] {
  return [...flowWarnings(scenario), ...faultWarnings(scenario)];
}

/** Faults that find nothing to undo, taken in timeline order (equal times in list order). */
function faultWarnings(scenario: Scenario): ScenarioWarning[] {
  const order = scenario.faults.map((fault, index) => ({ fault, index })).sort((a, b) => a.fault.at - b.fault.at || a.index - b.index);
  const warnings: ScenarioWarning[] = [];
  let partitioned = false;
  const down = new Set<string>();
  const held = new Set<string>();
  const crashed = new Set<string>();
  for (const { fault, index } of order) {
    const warn = (detail: string): void => void warnings.push({ path: ['faults', index], detail });
    switch (fault.kind) {
      case 'partition':
        partitioned = true;
        break;
      case 'heal':
        if (!partitioned) warn('heal with no partition in force at that time: it changes nothing');
        partitioned = false;
        break;
      case 'link-down':
        down.add(fault.link);
        break;
      case 'link-up':
        if (!down.delete(fault.link)) warn(`link-up of "${fault.link}", which is not down at that time: it changes nothing`);
        break;
      case 'hold':
        held.add(fault.link);
        break;
      case 'release':
        if (!held.delete(fault.link)) warn(`release of "${fault.link}", which is not held at that time: it changes nothing`);
        break;
      case 'crash':
        crashed.add(fault.node);
        break;
      case 'restart':
        if (!crashed.delete(fault.node)) warn(`restart of "${fault.node}", which has not crashed: it changes nothing`);
        break;
    }
  }
  return warnings.sort((a, b) => (a.path[1] as number) - (b.path[1] as number));
}

/** What each flow's pattern warns of (pub/sub: topics and subscriptions that never meet). */
function flowWarnings(scenario: Scenario): ScenarioWarning[] {
  return scenario.flows.flatMap((flow, f) =>
    (patternOf(flow.pattern).warnings?.(flow) ?? []).map(({ path, detail }) => ({ path: ['flows', f, ...path], detail })),
  );
}
