import { afterEach, describe, expect, it } from 'vitest';
import type { SocketFactory } from '../../src/runtime/real/sockets.js';
import { LOCAL_SOCKETS } from '../../src/runtime/real/sockets.js';
import { MAX_UDP_DATAGRAM, openUdpLink, type UdpLink } from '../../src/runtime/real/udp-link.js';
import { WIRE_HEADER_BYTES } from '../../src/runtime/real/wire.js';
import { datagramOf, isDatagramOf, handlesBackTo, liveHandles, type LinkNode, numbersFrom, openNodes, RecordingSockets, upTo, waitFor } from '../support/links.js';

let opened: LinkNode<UdpLink>[] = [];
const baseline = liveHandles();

async function nodes(names: readonly string[], sockets: SocketFactory = LOCAL_SOCKETS): Promise<LinkNode<UdpLink>[]> {
  const { nodes } = await openNodes(openUdpLink, names, { sockets });
  opened.push(...nodes);
  return nodes;
}

afterEach(async () => {
  await Promise.all(opened.map((node) => node.link.close()));
  opened = [];
});

describe('UDP link', () => {
  it('carries datagrams both ways, padding included, from the port the kernel chose', async () => {
    const [a, b] = await nodes(['a', 'b']);
    expect(a!.link.address.host).toBe('127.0.0.1');
    expect(a!.link.address.port).toBeGreaterThan(0);
    expect(a!.link.send('b', datagramOf(0, 0, 100, 900))).toBe(true);
    await waitFor(() => b!.received.length === 1, 'b to receive');
    expect(b!.link.send('a', datagramOf(1, 0, 5, 0))).toBe(true);
    await waitFor(() => a!.received.length === 1, 'a to receive the answer');
    expect(isDatagramOf(b!.received[0]!, 0, 0, 100, 900)).toBe(true);
    expect(isDatagramOf(a!.received[0]!, 1, 0, 5, 0)).toBe(true);
    expect([...a!.troubles, ...b!.troubles]).toEqual([]);
  });

  it('connects three nodes each to each', async () => {
    const three = await nodes(['a', 'b', 'c']);
    for (const [i, from] of three.entries()) {
      for (const to of three) if (to !== from) for (const n of upTo(50)) from.link.send(to.name, datagramOf(i, n));
    }
    await waitFor(() => three.every((node) => node.received.length === 100), 'all 300 datagrams');
    for (const [i, node] of three.entries()) {
      for (const sender of [0, 1, 2].filter((other) => other !== i)) expect(numbersFrom(node.received, sender).sort((x, y) => x - y)).toEqual(upTo(50));
    }
  });

  it('refuses a datagram larger than a UDP datagram can be, and sends the largest that fits', async () => {
    const [a, b] = await nodes(['a', 'b']);
    const largest = MAX_UDP_DATAGRAM - WIRE_HEADER_BYTES;
    expect(a!.link.send('b', datagramOf(0, 0, largest + 1))).toBe(false);
    expect(a!.link.send('b', datagramOf(0, 1, 1000, largest - 999))).toBe(false);
    expect(a!.link.send('b', datagramOf(0, 2, largest))).toBe(true);
    await waitFor(() => b!.received.length === 1, 'the largest datagram');
    expect(isDatagramOf(b!.received[0]!, 0, 2, largest, 0)).toBe(true);
  });

  it('says when each datagram reached the kernel: after the turn that sent it, in order, not for a refused one', async () => {
    const [a, b] = await nodes(['a', 'b']);
    const handed: number[] = [];
    for (const n of upTo(3)) expect(a!.link.send('b', datagramOf(0, n), () => handed.push(n))).toBe(true);
    expect(a!.link.send('b', datagramOf(0, 3, MAX_UDP_DATAGRAM), () => handed.push(3))).toBe(false);
    // Node makes the sendmsg on the next tick, so nothing has been handed over in this one.
    expect(handed).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handed).toEqual([0, 1, 2]);
    await waitFor(() => b!.received.length === 3, 'the three datagrams');
  });

  it('reports a send to a node without an address, and returns false', async () => {
    const [a] = await nodes(['a']);
    expect(a!.link.send('nowhere', datagramOf(0, 0))).toBe(false);
    expect(a!.troubles).toEqual(['a: no address for nowhere; datagram dropped']);
  });

  it('reports a send the kernel refuses and carries on', async () => {
    const sockets = new RecordingSockets();
    const [a, b] = await nodes(['a', 'b'], sockets);
    // As a filter in the output path makes sendto fail: the error comes back to the send's callback.
    const socket = sockets.udpSockets[0]!;
    const send = socket.send.bind(socket);
    let refuse = true;
    (socket as { send: unknown }).send = (message: Uint8Array, port: number, host: string, callback: (error: Error | null) => void) => {
      if (!refuse) return send(message, port, host, callback);
      process.nextTick(callback, Object.assign(new Error(`send EPERM ${host}:${port}`), { code: 'EPERM' }));
    };
    expect(a!.link.send('b', datagramOf(0, 0))).toBe(true);
    await waitFor(() => a!.troubles.length === 1, 'the refusal to be reported');
    expect(a!.troubles[0]).toMatch(/^a: UDP send failed: send EPERM 127\.0\.0\.1:\d+$/);
    refuse = false;
    expect(a!.link.send('b', datagramOf(0, 1))).toBe(true);
    await waitFor(() => b!.received.length === 1, 'the next datagram');
    expect(numbersFrom(b!.received, 0)).toEqual([1]);
  });

  it('reports a send that throws (a bad port) and returns false', async () => {
    const { nodes: [a], peers } = await openNodes(openUdpLink, ['a']);
    opened.push(a!);
    peers.set('b', { host: '127.0.0.1', port: 0 });
    expect(a!.link.send('b', datagramOf(0, 0))).toBe(false);
    expect(a!.troubles).toHaveLength(1);
    expect(a!.troubles[0]).toMatch(/^a: UDP send to b at 127\.0\.0\.1:0 failed: /);
  });

  it('grows its socket buffers', async () => {
    const [a] = await nodes(['a']);
    // Linux reports twice what it grants; a host whose net.core limits are lower reports it as trouble.
    const capped = a!.troubles.length > 0;
    if (!capped) expect(a!.link.receiveBufferBytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    else expect(a!.troubles.every((message) => /buffer is \d+ bytes, below/.test(message))).toBe(true);
    expect(a!.link.sendBufferBytes).toBeGreaterThan(0);
  });

  it('closes its socket: nothing is left open, nothing arrives, sends return false', async () => {
    await handlesBackTo(baseline);
    const before = liveHandles();
    const sockets = new RecordingSockets();
    const [a, b] = await nodes(['a', 'b'], sockets);
    expect(liveHandles().UDPWrap).toBe(before.UDPWrap! + 2);
    a!.link.send('b', datagramOf(0, 0));
    await waitFor(() => b!.received.length === 1, 'one datagram');
    await b!.link.close();
    await b!.link.close();
    expect(a!.link.send('b', datagramOf(0, 1))).toBe(true); // UDP cannot know nobody listens
    expect(b!.link.send('a', datagramOf(1, 0))).toBe(false);
    await a!.link.close();
    await handlesBackTo(before);
    expect(() => sockets.udpSockets[0]!.address()).toThrow();
    expect(b!.received).toHaveLength(1);
  });
});
