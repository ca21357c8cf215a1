/**
 * Test helpers: a simulated runtime over a network of named nodes in a line.
 */
import { Simulator } from '../../src/engine/simulator.js';
import { Network } from '../../src/net/network.js';
import { SimulatedRuntime } from '../../src/runtime/simulated.js';

/** Nodes joined in a line by identical links (a-b, b-c, …). */
export function simulatedLine(
  nodes: readonly string[],
  link: { bandwidthBitsPerSecond: number; delaySeconds: number; loss?: number } = { bandwidthBitsPerSecond: 8e6, delaySeconds: 0.01 },
  options: { headerBytes?: number; seed?: number } = {},
): { sim: Simulator; network: Network; runtime: SimulatedRuntime } {
  const sim = new Simulator(options.seed ?? 1);
  const network = new Network(sim);
  for (const node of nodes) network.addNode(node);
  for (let i = 1; i < nodes.length; i++) {
    network.addLink({ name: `${nodes[i - 1]}-${nodes[i]}`, between: [nodes[i - 1]!, nodes[i]!], ...link });
  }
  const runtime = new SimulatedRuntime(sim, network, { headerBytes: options.headerBytes ?? 0 });
  return { sim, network, runtime };
}
