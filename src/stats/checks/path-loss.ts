/**
 * Loss along a route, for the checks whose formulas assume each transmission of a message is
 * an independent Bernoulli trial: the route between two nodes (as the run's delivered
 * messages took it) and the probability that one transmission is lost on it, 1 − Π (1 − loss)
 * over its link directions — defined only when nothing but Bernoulli loss can stop a message
 * there (no bounded queue, no duplication or corruption, no fault).
 */
import { Outcome } from '../../net/outcome.js';
import { hopsOf } from '../paths.js';
import type { RunContext } from './context.js';

const routesByRun = new WeakMap<RunContext, Map<number, readonly number[]>>();

/** The transmitters a delivered message from `src` to `dst` went through, or undefined if none was delivered. */
export function deliveredRoute(run: RunContext, src: number, dst: number): readonly number[] | undefined {
  let routes = routesByRun.get(run);
  if (routes === undefined) {
    routes = new Map();
    const { record, paths } = run;
    const journal = record.journal;
    const nodes = record.nodeNames.length;
    for (let id = 0; id < journal.length; id++) {
      if (journal.copyOf[id] !== -1 || journal.outcome[id] !== Outcome.Delivered) continue;
      const key = journal.src[id]! * nodes + journal.dst[id]!;
      if (!routes.has(key)) routes.set(key, [...hopsOf(paths, id)].map((hop) => record.hops.transmitter[hop]!));
    }
    routesByRun.set(run, routes);
  }
  return routes.get(src * run.record.nodeNames.length + dst);
}

/**
 * The probability that one transmission is lost on the route, 1 − Π (1 − loss), or undefined
 * when something other than Bernoulli loss could stop a message on it. Accumulated as
 * p ← p + loss − p·loss, so that a route with one lossy link loses exactly that link's `loss`
 * (as the formula has it), not 1 − (1 − loss) rounded twice.
 */
export function bernoulliLoss(run: RunContext, route: readonly number[]): number | undefined {
  let lost = 0;
  for (const index of route) {
    const transmitter = run.record.transmitters[index]!;
    const link = transmitter.link;
    const loss = link.loss ?? 0;
    if (typeof loss !== 'number' || link.queue !== undefined || (link.duplicate ?? 0) > 0 || (link.corrupt ?? 0) > 0) return undefined;
    if (transmitter.faultedAt !== Infinity) return undefined;
    if (loss > 0) lost = lost + loss - lost * loss;
  }
  return lost;
}

/** Loss probability of one transmission from node `src` to node `dst` (by name), if Bernoulli. */
export function lossBetween(run: RunContext, src: string, dst: string): number | undefined {
  const from = run.nodeIndex.get(src);
  const to = run.nodeIndex.get(dst);
  if (from === undefined || to === undefined) return undefined;
  const route = deliveredRoute(run, from, to);
  return route === undefined ? undefined : bernoulliLoss(run, route);
}
