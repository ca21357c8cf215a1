import { describe, expect, it } from 'vitest';
import { jsonCodec } from '../../src/messaging/codec.js';
import { DeliveryLedger } from '../../src/stats/ledger.js';
import { Endpoint } from '../../src/messaging/endpoint.js';
import { simulatedLine } from '../support/runtime.js';

describe('Endpoint', () => {
  it('delivers a decoded copy of the message with the sender name', async () => {
    const { sim, runtime } = simulatedLine(['client', 'server']);
    const client = new Endpoint(runtime.node('client'), jsonCodec);
    const server = new Endpoint(runtime.node('server'), jsonCodec);
    const received: unknown[] = [];
    server.onMessage((message, from) => void received.push({ message, from }));
    const message = { op: 'put', key: 'k', values: [1, 2, 3] };
    client.send('server', message);
    message.values.push(4);
    await sim.run();
    expect(received).toEqual([{ message: { op: 'put', key: 'k', values: [1, 2, 3] }, from: 'client' }]);
  });

  it('pads a message to exactly wireBytes and, through its observer, labels it with its flow', async () => {
    const { sim, network, runtime } = simulatedLine(['a', 'b'], undefined, { headerBytes: 20 });
    const a = new Endpoint(runtime.node('a'), jsonCodec, { observer: new DeliveryLedger(() => sim.now, runtime) });
    a.send('b', { n: 1 }, { wireBytes: 100, flow: 'f' });
    a.send('b', { n: 2 });
    await sim.run();
    expect(network.journal.bytes[0]).toBe(100);
    expect(network.journal.flowNames[network.journal.flow[0]!]).toBe('f');
    // A message travels as the frame ["m", message].
    expect(network.journal.bytes[1]).toBe(jsonCodec.encode(['m', { n: 2 }]).length + 20);
    expect(network.journal.flow[1]).toBe(-1);
  });

  it('sends bytes alone through the transport: without an observer, results have no label for them', async () => {
    const { sim, network, runtime } = simulatedLine(['a', 'b']);
    const a = new Endpoint(runtime.node('a'), jsonCodec);
    a.send('b', { n: 1 }, { flow: 'f' });
    await sim.run();
    expect(network.journal.length).toBe(1);
    expect(network.journal.flow[0]).toBe(-1);
    expect(network.journal.trace[0]).toBe(-1);
  });

  it('refuses to pad a message that is already larger than wireBytes', () => {
    const { runtime } = simulatedLine(['a', 'b'], undefined, { headerBytes: 20 });
    const a = new Endpoint(runtime.node('a'), jsonCodec);
    expect(() => a.send('b', { text: 'x'.repeat(100) }, { wireBytes: 50 })).toThrow(RangeError);
  });
});
