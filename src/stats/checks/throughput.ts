/**
 * The throughput check of a flow: delivered bits / (last arrival − first send), against
 * the closed form n·s/(n·s/B + d) for a lone back-to-back flow over one link, or the same
 * ratio on the hop schedule otherwise.
 */
import { isBackToBack } from '../../workload/flow.js';
import { backToBackThroughput } from '../formulas.js';
import { hopsOf } from '../paths.js';
import { carriesOnly, type FlowContext } from './context.js';
import { predictedDelay } from './delay.js';
import { exactRow, type CheckRow } from './rows.js';

/** The throughput row, when every delivered message was predicted. */
export function throughputRows(flow: FlowContext): CheckRow[] {
  const { record } = flow.run;
  const journal = record.journal;
  if (flow.delivered.length === 0) return [];
  const closed = closedForm(flow);
  if (closed !== undefined) {
    return [exactRow(flow.name, 'throughput', flow.metrics.throughputBitsPerSecond, closed, 'n*size/(n*size/bandwidth + delay)')];
  }
  let bits = 0;
  let lastArrival = -Infinity;
  for (const id of flow.delivered) {
    const delay = predictedDelay(flow.run, id);
    if (Number.isNaN(delay)) return [];
    bits += journal.bytes[id]! * 8;
    lastArrival = Math.max(lastArrival, journal.sentAt[id]! + delay);
  }
  const expected = bits / (lastArrival - journal.sentAt[flow.originals[0]!]!);
  return [exactRow(flow.name, 'throughput', flow.metrics.throughputBitsPerSecond, expected, 'bits/(last_arrival - first_send) (hop schedule)')];
}

/**
 * m·s/(k·s/B + d) when the flow is back to back with a constant size, every message went
 * over one link direction that carried nothing else, and no fault, jitter or refusal got in
 * the way: m delivered, the last of them the k-th sent.
 */
function closedForm(flow: FlowContext): number | undefined {
  const { record, paths, schedule } = flow.run;
  if (!flow.scheduled || !isBackToBack(flow.spec) || flow.spec.size.kind !== 'constant' || flow.metrics.dropped > 0) return undefined;
  if (flow.ids.length !== flow.originals.length) return undefined;
  let transmitter = -1;
  for (const id of flow.originals) {
    const hops = hopsOf(paths, id);
    if (hops.length !== 1 || Number.isNaN(schedule.arrival[hops[0]!]!)) return undefined;
    const t = record.hops.transmitter[hops[0]!]!;
    if (transmitter !== -1 && t !== transmitter) return undefined;
    transmitter = t;
  }
  if (transmitter < 0 || !carriesOnly(flow.run, transmitter, flow.index)) return undefined;
  const link = record.transmitters[transmitter]!.link;
  const last = flow.originals.indexOf(flow.delivered[flow.delivered.length - 1]!) + 1;
  return backToBackThroughput(flow.delivered.length, last, flow.spec.size.value, link.bandwidthBitsPerSecond, link.delaySeconds);
}
