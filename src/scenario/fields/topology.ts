/**
 * The `topology` section: a generated set of links over the scenario's nodes (in the order
 * `nodes` lists them), every link made from one template.
 */
import * as z from 'zod';
import { linkTemplateSchema } from './link.js';
import { expected, name, probability, wholeNumber } from './values.js';

const kind = <K extends string>(value: K, description: string) =>
  z.literal(value, { error: expected(`a topology kind`) }).meta({ description });

const link = linkTemplateSchema;

/** One of the generated topologies. */
export const topologySchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: kind('line', 'n0 - n1 - … - n(N-1)'), link }),
      z.strictObject({ kind: kind('ring', 'a line closed into a ring'), link }),
      z.strictObject({
        kind: kind('star', 'every node joined to the centre'),
        center: name('node').optional().meta({ description: 'The centre. Default: the first node.' }),
        link,
      }),
      z.strictObject({ kind: kind('full-mesh', 'every pair of nodes joined'), link }),
      z.strictObject({
        kind: kind('grid', 'a width × height grid, row by row'),
        width: wholeNumber('a grid width (a whole number >= 1)', 1),
        height: wholeNumber('a grid height (a whole number >= 1)', 1),
        link,
      }),
      z.strictObject({
        kind: kind('tree', 'a complete tree: node i > 0 hangs under node floor((i-1)/branching)'),
        branching: wholeNumber('a branching factor (a whole number >= 1)', 1),
        link,
      }),
      z.strictObject({
        kind: kind('erdos-renyi', 'random G(n, p), then its components joined in a chain'),
        p: probability('edge probability'),
        link,
      }),
      z.strictObject({
        kind: kind('barabasi-albert', 'preferential attachment: each new node joins m existing ones'),
        m: wholeNumber('an attachment count m (a whole number >= 1)', 1),
        link,
      }),
    ],
    {
      error: (issue) => {
        const input = issue.input as { kind?: unknown } | undefined;
        return expected('a topology kind (line, ring, star, full-mesh, grid, tree, erdos-renyi, barabasi-albert)')({ input: input?.kind });
      },
    },
  )
  .meta({ description: 'Links generated over the nodes from one template.' });

/** A topology section as the schema returns it. */
export type TopologyInput = z.output<typeof topologySchema>;
