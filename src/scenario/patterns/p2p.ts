/**
 * The point-to-point pattern: one sender sends `count` messages to one receiver.
 */
import { guaranteeRows, retryRows } from '../../stats/checks/guarantees.js';
import { p2pFrames, startP2pFlow, type P2pFlowSpec } from '../../workload/p2p.js';
import { name } from '../fields/values.js';
import { definePattern, framesPerMessage } from './definition.js';

const fields = {
  to: name('node').meta({ description: 'Receiving node.' }),
};

/** Point-to-point flows. */
export const p2pPattern = definePattern<P2pFlowSpec, typeof fields>({
  name: 'p2p',
  title: 'Point-to-point: one sender, one receiver.',
  description: 'A point-to-point flow.',
  fields,
  reference: { keys: '`to`', does: 'One sender sends `count` messages to one receiver.' },
  spec(input, base, flow) {
    flow.reachable(input.to, flow.path('to'));
    return { ...base, pattern: 'p2p', to: input.to };
  },
  // At-most-once unordered messages get no ledger row: the journal describes them fully.
  expectedTraffic: (spec) => ({ frames: spec.count * framesPerMessage(spec), rows: spec.delivery === 'at-most-once' && !spec.ordered ? 0 : spec.count }),
  sizedFrames: p2pFrames,
  start: startP2pFlow,
  firstReceivers: (spec) => [spec.to],
  oncePerSend: () => true,
  checks: [retryRows, guaranteeRows],
});
