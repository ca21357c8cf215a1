/**
 * Helpers the scenario checks share: reporting a problem at a path, resolving node names,
 * and which nodes the links connect.
 */
import type { LinkConfig } from '../net/link.js';
import type { FieldPath } from './errors.js';

/** Reports a problem at a path; never returns. */
export type Fail = (path: FieldPath, detail: string) => never;

/** The index of a known node; reports an unknown one, listing (some of) the nodes. */
export function checkKnownNode(nodes: ReadonlyMap<string, number>, node: string, path: FieldPath, fail: Fail): number {
  const index = nodes.get(node);
  if (index === undefined) {
    const known = [...nodes.keys()];
    const list = known.length <= 10 ? known.join(', ') : `${known.slice(0, 10).join(', ')}, … (${known.length} in all)`;
    fail(path, `unknown node "${node}" (nodes: ${list})`);
  }
  return index;
}

/** Component label of every node over the static links. */
export function components(names: readonly string[], links: readonly LinkConfig[]): Int32Array {
  const index = new Map(names.map((node, i) => [node, i]));
  const parent = Int32Array.from({ length: names.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const link of links) parent[find(index.get(link.between[0])!)] = find(index.get(link.between[1])!);
  return parent.map((_, i) => find(i));
}

/** The same key for (a, b) and (b, a). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
