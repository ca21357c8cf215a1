/**
 * msgsim's Automerge Repo adapters pass Automerge Repo's own acceptance suites: the storage
 * adapter on a node's durable store, and the network adapter on byte channels of msgsim's
 * real runtime (the suite waits in real time), over TCP and over UDP on 127.0.0.1.
 */
import { runNetworkAdapterTests } from '@automerge/automerge-repo/helpers/tests/network-adapter-tests.js';
import { runStorageAdapterTests } from '@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js';
import { ChannelNetworkAdapter, DurableStorageAdapter } from '../../src/automerge.js';
import { libraryChannel } from '../../src/libraries/channel.js';
import { msgpackCodec } from '../../src/messaging/codec.js';
import { Endpoint } from '../../src/messaging/endpoint.js';
import { MemoryDurableStore } from '../../src/runtime/durable-store.js';
import { loopbackHosts } from '../../src/runtime/real/hosts.js';
import { RealRuntime } from '../../src/runtime/real/real-runtime.js';
import { LINK_OPENERS } from '../../src/runtime/real/transports.js';
import type { TransportKind } from '../../src/runtime/real/link.js';

runStorageAdapterTests(() => Promise.resolve({ adapter: new DurableStorageAdapter(new MemoryDurableStore()) }), 'msgsim durable store');

/** Three nodes of a real runtime on 127.0.0.1, each with an adapter on its channel, running until torn down. */
function realPeers(transport: TransportKind) {
  return async () => {
    const nodes = ['alice', 'bob', 'charlie'];
    const runtime = await RealRuntime.open({ nodes, hosts: loopbackHosts(nodes), openLink: LINK_OPENERS[transport] });
    const adapters = nodes.map((node) => new ChannelNetworkAdapter(libraryChannel(new Endpoint(runtime.node(node), msgpackCodec), { flow: 'automerge' })));
    const stop = new AbortController();
    const running = runtime.run({ stopWhenIdle: false, untilSeconds: 60, signal: stop.signal });
    return {
      adapters: adapters as [ChannelNetworkAdapter, ChannelNetworkAdapter, ChannelNetworkAdapter],
      teardown: () => {
        stop.abort();
        void running.finally(() => runtime.close());
      },
    };
  };
}

for (const transport of ['tcp', 'udp'] as const) runNetworkAdapterTests(realPeers(transport), `msgsim ${transport} channel`);
