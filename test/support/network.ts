/**
 * Test helpers: a two-node network with one link, and messages sent at given times.
 */
import { Simulator } from '../../src/engine/simulator.js';
import type { LinkConfig } from '../../src/net/link.js';
import { Network } from '../../src/net/network.js';

/** Link parameters with everything but the name and ends. */
export type LinkParams = Omit<LinkConfig, 'name' | 'between'>;

/** A network of nodes "a" and "b" joined by one link. */
export function twoNodes(params: LinkParams, seed = 1): { sim: Simulator; network: Network } {
  const sim = new Simulator(seed);
  const network = new Network(sim);
  network.addNode('a');
  network.addNode('b');
  network.addLink({ name: 'a-b', between: ['a', 'b'], ...params });
  return { sim, network };
}

/** A message to send: when, how big, which way. */
export interface Send {
  time: number;
  bytes: number;
  /** 0 sends a → b, 1 sends b → a. @default 0 */
  direction?: 0 | 1;
}

/** Schedules the sends (in order) on the two-node network. */
export function scheduleSends(sim: Simulator, network: Network, sends: readonly Send[]): void {
  for (const send of sends) {
    const [src, dst] = send.direction === 1 ? [1, 0] : [0, 1];
    sim.scheduleAt(send.time, () => {
      network.send(src, dst, send.bytes, null, 0);
    });
  }
}
