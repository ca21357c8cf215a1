/**
 * Flow fields of a scenario: the traffic, one entry per flow, by pattern.
 */
import * as z from 'zod';
import { distribution, duration, expected, name, wholeNumber } from './values.js';

const p2pFlowSchema = z
  .strictObject({
    name: name('flow').meta({ description: 'Flow name, unique in the scenario.' }),
    pattern: z.literal('p2p').meta({ description: 'Point-to-point: one sender, one receiver.' }),
    from: name('node').meta({ description: 'Sending node.' }),
    to: name('node').meta({ description: 'Receiving node.' }),
    count: wholeNumber('a message count', 0).meta({ description: 'Number of messages to send.' }),
    size: distribution('size').meta({
      description: 'Size of each message on the wire (padded to it), e.g. "1000B" or "exp(1000B)", "uniform(100B, 1500B)".',
    }),
    interval: distribution('duration')
      .default({ kind: 'constant', value: 0 })
      .meta({ description: 'Time between sends, e.g. "2ms", or "exp(2ms)" for Poisson arrivals; 0 sends all at once. Default 0.' }),
    start: duration.default(0).meta({ description: 'Time of the first send (first gap, if random). Default 0.' }),
  })
  .meta({ description: 'A point-to-point flow.' });

/** A flow, by its pattern. */
export const flowSchema = z.discriminatedUnion('pattern', [p2pFlowSchema], {
  error: (issue) => {
    const input = issue.input;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return expected('a flow (a mapping)')(issue);
    return expected('a pattern (p2p)')({ input: (input as { pattern?: unknown }).pattern });
  },
});

/** A flow as the schema returns it. */
export type FlowInput = z.output<typeof flowSchema>;
