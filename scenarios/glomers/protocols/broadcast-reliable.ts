/**
 * Challenge 3c, fault-tolerant broadcast: flood each new value over the suggested
 * topology as 3b does, but as an rpc to each neighbour, tried again after every timeout
 * (`retryRPC`, 1 s) until the neighbour acknowledges it. A partition only delays a value:
 * the retries carry it across once the partition heals. Without faults that is
 * 2 (Σ_v deg(v) − (N − 1)) frames per broadcast, each forward and its acknowledgement.
 * On 25 nodes of a grid with 100 ms links (3d) that is too many frames and too slow.
 */
import { floodWith } from './broadcast-flood.js';

/** Floods each value once over the suggested topology, each forward retried until acknowledged. */
export default floodWith((node, peer, body) => void node.retryRPC(peer, body));
