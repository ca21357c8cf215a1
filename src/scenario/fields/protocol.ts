/**
 * The fields of a scenario that runs a protocol of your own: `protocol` (the module that
 * exports it), `script` (the application's sends that drive it), `invariants` (what must hold,
 * checked as the run goes) and `explore` (a shuffled ordering of equal-time events). Property
 * tests write their counterexamples in this form, so `msgsim run` replays them.
 */
import * as z from 'zod';
import { duration, expected, name, wholeNumber } from './values.js';

/** A module and the name of one of its exports. */
export const moduleExport = z
  .strictObject({
    module: z
      .string({ error: expected('a module path (e.g. "./my-protocol.ts"), relative to the scenario file') })
      .min(1, { error: expected('a module path') })
      .meta({ description: 'Path of a TypeScript or JavaScript module, relative to the scenario file.' }),
    export: z
      .string({ error: expected('the name of an export of the module') })
      .min(1, { error: expected('the name of an export of the module') })
      .default('default')
      .meta({ description: 'Name of the export. Default "default".' }),
  })
  .meta({ description: 'An export of a module.' });

/** The built-in invariants' names. */
export const INVARIANT_NAMES = ['delivered', 'no_duplicates', 'fifo', 'no_delivery_across_partition', 'replies_matched'] as const;

export const protocolFields = {
  protocol: moduleExport
    .optional()
    .meta({ description: 'A protocol of your own (a function node => endpoint), run on every node and driven by `script`.' }),
  script: z
    .array(
      z.strictObject({
        at: duration.meta({ description: "When the application sends (the sender's clock)." }),
        from: name('node'),
        to: name('node'),
        request: z.boolean({ error: expected('true or false') }).default(false).meta({ description: 'A request expecting a reply. Default false.' }),
        payload: z.json({ error: expected('a value (a number, text, true/false, null, a list or a mapping)') }).optional().meta({ description: "The message's content, any value; a reply carries it back." }),
      }),
      { error: expected('a list of sends, e.g. [{ at: 1ms, from: a, to: b }]') },
    )
    .default([])
    .meta({ description: "The application's messages, sent through the protocol." }),
  invariants: z
    .array(
      z.union([z.enum(INVARIANT_NAMES), moduleExport], {
        error: expected(`an invariant (${INVARIANT_NAMES.join(', ')}) or { module, export }`),
      }),
      { error: expected('a list of invariants') },
    )
    .default([])
    .meta({ description: 'Properties checked after every event; the run stops at the first violation (exit 1).' }),
  explore: z
    .strictObject({
      seed: wholeNumber('a seed (a whole number >= 0)', 0).meta({ description: 'Seed of the shuffled order.' }),
      timer_noise: duration.default(0).meta({ description: 'Timers fire up to this much late, at random. Default 0.' }),
    })
    .optional()
    .meta({ description: 'Run equal-time events in a shuffled order (and timers a little late), reproducibly.' }),
};
