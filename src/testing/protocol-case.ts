/**
 * `protocolCase()`: whole generated cases — a network, a script over it, a fault timeline, a
 * seed and a run length. The parts are drawn side by side in one record rather than chained
 * on the network, so that fast-check keeps shrinking all of them, in turn, as long as the
 * case still fails: a node or link can still go after the messages and faults have shrunk,
 * and the messages and faults that named it follow (see arbitraries.ts).
 */
import fc from 'fast-check';
import {
  faultDraws,
  networkOf,
  nodeBounds,
  scriptDraws,
  scriptOf,
  timelineOf,
  topologyDraws,
  type FaultOptions,
  type ScriptOptions,
  type TopologyOptions,
} from './arbitraries.js';
import { micros, type ProtocolCase } from './case.js';
import { withCaseShrinks, type CaseDraws } from './case-shrink.js';
import { seedDraw } from './shrinks.js';

/** Bounds of generated cases. */
export interface CaseOptions {
  /** The network; however far it shrinks, it keeps the first of `script.senders`. */
  topology?: TopologyOptions;
  script?: ScriptOptions;
  faults?: FaultOptions;
  /** Run this long in all, in microseconds (after the last fault ends, to recover). @default 5000000 */
  untilMicros?: number;
  /** Also explore orderings: shuffled equal-time events, timers up to this late (µs). @default off */
  exploreTimerNoiseMicros?: number;
}

/** Whole cases: a network, a script over it, a fault timeline, a seed. */
export function protocolCase(options: CaseOptions = {}): fc.Arbitrary<ProtocolCase> {
  const senders = options.script?.senders;
  // The first sender stays in the network however far it shrinks.
  const neededNodes = senders === undefined || senders.length === 0 ? 2 : Math.min(...senders) + 1;
  const bounds = nodeBounds(options.topology);
  const topology = { ...options.topology, minNodes: Math.max(bounds.minNodes, neededNodes), maxNodes: Math.max(bounds.maxNodes, neededNodes) };
  const { minNodes, maxNodes } = nodeBounds(topology);
  const seed = seedDraw();
  const draws: fc.Arbitrary<CaseDraws> = fc.record({
    network: topologyDraws(topology),
    script: scriptDraws(maxNodes, options.script),
    faults: faultDraws(maxNodes, options.faults),
    // Seeds do not shrink: no seed is simpler than another (shrinks.ts tries others only
    // for smaller cases).
    seed,
    explore: options.exploreTimerNoiseMicros === undefined ? fc.constant(undefined) : seed,
  });
  const minimum = { treeEntries: minNodes - 1, messages: options.script?.minMessages ?? 1 };
  const caseOf = ({ network: networkDraws, script, faults, seed, explore }: CaseDraws): ProtocolCase => {
    const network = networkOf(networkDraws, options.topology);
    return {
      seed,
      nodes: network.nodes,
      links: network.links,
      faults: timelineOf(faults, network, options.faults),
      script: scriptOf(script, network.nodes, senders),
      until: micros(options.untilMicros ?? 5_000_000),
      ...(explore === undefined ? {} : { explore: { seed: explore, timer_noise: micros(options.exploreTimerNoiseMicros!) } }),
    };
  };
  return withCaseShrinks(draws, minimum, caseOf).map(caseOf);
}
