/**
 * Library byte channels: bytes between replicas on a node's endpoint, at most once or as an
 * exactly-once ordered stream per pair of incarnations, so that neither a restarted sender
 * nor a restarted receiver meets a stream the other end's earlier incarnation left half done.
 */
import { describe, expect, it } from 'vitest';
import { libraryChannel, type LibraryChannelOptions } from '../../src/libraries/channel.js';
import { msgpackCodec } from '../../src/messaging/codec.js';
import { Endpoint } from '../../src/messaging/endpoint.js';
import { simulatedLine } from '../support/runtime.js';
import { createSimulation } from '../../src/scenario/builder.js';

const text = new TextEncoder();
const words = new TextDecoder();

/** Two nodes a and b, 1 ms apart; a sends `sends` (at their times) to b over a channel with `options`; returns what b's incarnations received. */
async function exchange(options: LibraryChannelOptions, sends: readonly [number, string][], faults: (sim: ReturnType<typeof createSimulation>) => void): Promise<{ received: string[][]; flows: string[] }> {
  const sim = createSimulation({ nodes: ['a', 'b'], links: [{ between: ['a', 'b'], bandwidth: '10Mbps', delay: '1ms' }] });
  const received: string[][] = [];
  sim.node('a', ({ context, endpoint }) => {
    const channel = libraryChannel(endpoint, options);
    for (const [at, word] of sends) context.clock.setTimer(at, () => channel.send('b', text.encode(word)));
  });
  sim.node('b', ({ endpoint }) => {
    const mine: string[] = [];
    received.push(mine);
    libraryChannel(endpoint, options).onReceive((bytes) => void mine.push(words.decode(bytes)));
  });
  faults(sim);
  const results = await sim.run({ until: 10 });
  return { received, flows: [...new Set(results.messages.map((frame) => frame.flow))] };
}

const STREAM: LibraryChannelOptions = { flow: 'lib', delivery: 'exactly-once', ordered: true };

describe('libraryChannel', () => {
  it('hands a restarted receiver what is sent to it once it is back, though its last incarnation held frames out of order', async () => {
    // m0 is cut off and waits for its retransmission; b takes m1 and m2 (acknowledged, held
    // for m0) and crashes with them; m3 is sent to b's next incarnation while m0 is pending.
    const { received, flows } = await exchange(STREAM, [[0, 'm0'], [0.05, 'm1'], [0.05, 'm2'], [0.17, 'm3']], (sim) => {
      sim.at(0, () => sim.partition([['a'], ['b']])).at(0.01, () => sim.heal());
      sim.at(0.1, () => sim.crash('b')).at(0.15, () => sim.restart('b'));
    });
    expect(received).toEqual([[], ['m3', 'm0']]);
    // b's new incarnation announced itself on a stream of its own; a answered on a new stream to it.
    expect(flows).toEqual(['lib', 'lib:ack', 'lib@1', 'lib@1:ack', 'lib/1', 'lib/1:ack']);
  });

  it('keeps the order and loses nothing across a partition, with no restart', async () => {
    const { received } = await exchange(STREAM, [[0, 'm0'], [0.05, 'm1'], [0.05, 'm2'], [2, 'm3']], (sim) => sim.at(0, () => sim.partition([['a'], ['b']])).at(1, () => sim.heal()));
    expect(received).toEqual([['m0', 'm1', 'm2', 'm3']]);
  });

  it('at most once, loses what the network loses and announces nothing', async () => {
    const { received, flows } = await exchange({ flow: 'lib' }, [[0, 'm0'], [0.05, 'm1'], [0.2, 'm2']], (sim) => {
      sim.at(0, () => sim.partition([['a'], ['b']])).at(0.01, () => sim.heal());
      sim.at(0.1, () => sim.crash('b')).at(0.15, () => sim.restart('b'));
    });
    expect(received).toEqual([['m1'], ['m2']]);
    expect(flows).toEqual(['lib']);
  });

  it('refuses a second channel on one endpoint, whose frames would reach only one of them', () => {
    const { runtime } = simulatedLine(['a', 'b']);
    const endpoint = new Endpoint(runtime.node('a'), msgpackCodec);
    libraryChannel(endpoint, { flow: 'automerge' });
    expect(() => libraryChannel(endpoint, { flow: 'yjs' })).toThrow(/already carries a library channel/);
    expect(() => libraryChannel(new Endpoint(runtime.node('b'), msgpackCodec), { flow: 'yjs' })).not.toThrow();
  });
});
