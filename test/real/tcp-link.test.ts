import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TCP_RECORD_BYTES, openTcpLink, type TcpLink, type TcpLinkOptions } from '../../src/runtime/real/tcp-link.js';
import {
  datagramOf,
  handlesBackTo,
  isDatagramOf,
  liveHandles,
  type LinkNode,
  numbersFrom,
  openNode,
  openNodes,
  RecordingSockets,
  upTo,
  waitFor,
} from '../support/links.js';

let opened: LinkNode<TcpLink>[] = [];
const baseline = liveHandles();

async function nodes(names: readonly string[], extra: Partial<TcpLinkOptions> = {}) {
  const { nodes, peers } = await openNodes(openTcpLink, names, extra);
  opened.push(...nodes);
  return { nodes: nodes as [LinkNode<TcpLink>, ...LinkNode<TcpLink>[]], peers };
}

afterEach(async () => {
  await Promise.all(opened.map((node) => node.link.close()));
  opened = [];
});

/** Sends frames `numbers` from node index `sender` to `to`, all in this turn of the event loop. */
function sendAll(from: LinkNode<TcpLink>, sender: number, to: string, numbers: readonly number[], bytes = 16): void {
  expect(numbers.every((n) => from.link.send(to, datagramOf(sender, n, bytes)))).toBe(true);
}

describe('TCP link', () => {
  it('carries datagrams both ways, padding included, on the one connection the first sender dialed', async () => {
    const sockets = new RecordingSockets();
    const { nodes: [a, b] } = await nodes(['a', 'b'], { sockets });
    expect(a.link.send('b', datagramOf(0, 0, 100, 900))).toBe(true);
    await waitFor(() => b!.received.length === 1, 'b to receive');
    expect(b!.link.send('a', datagramOf(1, 0, 5, 0))).toBe(true);
    await waitFor(() => a.received.length === 1, 'a to receive the answer');
    expect(isDatagramOf(b!.received[0]!, 0, 0, 100, 900)).toBe(true);
    expect(isDatagramOf(a.received[0]!, 1, 0, 5, 0)).toBe(true);
    expect(sockets.dialed.map(({ node }) => node)).toEqual(['a']);
    expect([a.link.stats().connections, b!.link.stats().connections]).toEqual([1, 1]);
    expect([...a.troubles, ...b!.troubles]).toEqual([]);
  });

  it('keeps the order of 10,000 frames, sent before and after the connection is made', async () => {
    const { nodes: [a, b] } = await nodes(['a', 'b']);
    sendAll(a, 0, 'b', upTo(5000));
    await waitFor(() => b!.received.length > 0, 'the first frames');
    sendAll(a, 0, 'b', upTo(10000).slice(5000));
    await waitFor(() => b!.received.length === 10000, 'all 10,000 frames');
    expect(numbersFrom(b!.received, 0)).toEqual(upTo(10000));
    expect(b!.received.every((datagram, n) => isDatagramOf(datagram, 0, n, 16, 0))).toBe(true);
  });

  it('carries frames of 1 MB whole', async () => {
    const { nodes: [a, b] } = await nodes(['a', 'b']);
    const megabyte = 1 << 20;
    sendAll(a, 0, 'b', upTo(20), megabyte);
    await waitFor(() => b!.received.length === 20, '20 frames of 1 MB');
    expect(b!.received.every((datagram, n) => isDatagramOf(datagram, 0, n, megabyte, 0))).toBe(true);
    expect(a.link.send('b', new Uint8Array(MAX_TCP_RECORD_BYTES + 1))).toBe(false);
  });

  it('connects three nodes each to each, one connection a pair', async () => {
    const { nodes: three } = await nodes(['a', 'b', 'c']);
    for (const [i, from] of three.entries()) for (const to of three) if (to !== from) sendAll(from, i, to.name, upTo(200));
    await waitFor(() => three.every((node) => node.received.length === 400), 'all 1200 frames');
    await waitFor(() => three.every((node) => node.link.stats().connections === 2), 'two connections on each node');
    for (const [i, node] of three.entries()) for (const sender of [0, 1, 2].filter((other) => other !== i)) expect(numbersFrom(node.received, sender)).toEqual(upTo(200));
  });

  it('ends a simultaneous open with one connection, nothing lost and nothing reordered', async () => {
    const sockets = new RecordingSockets();
    const { nodes: [a, b] } = await nodes(['a', 'b'], { sockets });
    sendAll(a, 0, 'b', upTo(1000));
    sendAll(b!, 1, 'a', upTo(1000));
    await waitFor(() => a.received.length === 1000 && b!.received.length === 1000, 'both sides to receive');
    await waitFor(() => a.link.stats().connections === 1 && b!.link.stats().connections === 1, 'one connection on each side');
    expect(numbersFrom(b!.received, 0)).toEqual(upTo(1000));
    expect(numbersFrom(a.received, 1)).toEqual(upTo(1000));
    // Both dialed; the connection a dialed ('a' sorts first) is the one kept.
    expect(sockets.dialed.map(({ node }) => node).sort()).toEqual(['a', 'b']);
    expect(sockets.dialed.map(({ node, socket }) => [node, socket.destroyed]).sort()).toEqual([['a', false], ['b', true]]);
    expect([...a.troubles, ...b!.troubles]).toEqual([]);
  });

  it('hands over from a connection already written on, keeping its sender\'s order', async () => {
    const sockets = new RecordingSockets();
    // a's dial waits until b's connection carries frames: b must then move to a's connection.
    let releaseA = (): void => {};
    const aMayDial = new Promise<void>((resolve) => (releaseA = resolve));
    sockets.beforeDial = (node) => (node === 'a' ? aMayDial : Promise.resolve());
    const { nodes: [a, b] } = await nodes(['a', 'b'], { sockets });
    sendAll(b!, 1, 'a', upTo(500));
    sendAll(a, 0, 'b', upTo(500));
    await waitFor(() => a.received.length === 500, 'b\'s first frames on its own connection');
    // a stops reading b's connection, so the next frames b writes on it wait there.
    const bConnection = sockets.accepted.find(({ node }) => node === 'a')!.socket;
    bConnection.pause();
    sendAll(b!, 1, 'a', upTo(600).slice(500));
    releaseA();
    await waitFor(() => b!.received.length === 500, 'a\'s frames on a\'s connection');
    sendAll(b!, 1, 'a', upTo(1000).slice(600)); // these must not overtake 500…599
    await new Promise((resolve) => setTimeout(resolve, 50));
    bConnection.resume();
    await waitFor(() => a.received.length === 1000, 'b\'s later frames');
    await waitFor(() => a.link.stats().connections === 1 && b!.link.stats().connections === 1, 'one connection on each side');
    expect(numbersFrom(a.received, 1)).toEqual(upTo(1000));
    expect(sockets.dialed.find(({ node }) => node === 'b')!.socket.destroyed).toBe(true);
    expect(sockets.dialed.find(({ node }) => node === 'a')!.socket.destroyed).toBe(false);
    expect([...a.troubles, ...b!.troubles]).toEqual([]);
  });

  it('loses what it sent while the peer was down, reconnects when it is back, and delivers what follows', async () => {
    const { nodes: [a, b], peers } = await nodes(['a', 'b'], { backoffMinMs: 5, backoffMaxMs: 40 });
    sendAll(a, 0, 'b', upTo(10));
    await waitFor(() => b!.received.length === 10, 'the first frames');
    const port = b!.link.address.port;
    await b!.link.close();
    await waitFor(() => a.troubles.some((message) => message.startsWith('a: connection with b closed')), 'a to see the connection close');
    sendAll(a, 0, 'b', upTo(15).slice(10));
    await waitFor(() => a.troubles.some((message) => /^a: cannot connect to b at 127\.0\.0\.1:\d+: .*; 5 queued frames lost$/.test(message)), 'the 5 frames to be lost');
    expect(a.link.stats().queuedFramesLost).toBe(5);
    const again = await openNode(openTcpLink, 'b', peers, { address: { host: '127.0.0.1', port } });
    opened.push(again);
    expect(again.link.address.port).toBe(port);
    // Whatever waits its backoff is sent when it ends: frames from 15 on go once a frame has made it.
    let n = 15;
    await waitFor(() => {
      if (again.received.length === 0) a.link.send('b', datagramOf(0, n++));
      return again.received.length > 0;
    }, 'a to reconnect');
    const first = n;
    sendAll(a, 0, 'b', [first, first + 1, first + 2]);
    await waitFor(() => numbersFrom(again.received, 0).at(-1) === first + 2, 'the frames after the reconnection');
    const numbers = numbersFrom(again.received, 0);
    expect(numbers.every((m) => m >= 15)).toBe(true);
    expect(numbers.slice(-3)).toEqual([first, first + 1, first + 2]);
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
  });

  it('refuses frames beyond its queue while a connection is being made, and sends those it holds', async () => {
    const sockets = new RecordingSockets();
    let release = (): void => {};
    sockets.beforeDial = () => new Promise((resolve) => (release = resolve));
    const { nodes: [a, b] } = await nodes(['a', 'b'], { sockets, queueFrames: 10, queueBytes: 10_000 });
    const accepted = upTo(12).map((n) => a.link.send('b', datagramOf(0, n)));
    expect(accepted).toEqual([...Array<boolean>(10).fill(true), false, false]);
    expect(a.link.send('b', datagramOf(0, 12))).toBe(false);
    expect(a.link.stats().framesRefused).toBe(3);
    expect(a.troubles).toEqual(['a: queue for b is full (10 frames or 10000 bytes); frames refused']);
    release();
    await waitFor(() => b!.received.length === 10, 'the 10 queued frames');
    expect(numbersFrom(b!.received, 0)).toEqual(upTo(10));
    expect(a.link.send('b', datagramOf(0, 13, 20_000))).toBe(true); // a connection has no bound of its own
  });

  it('gives up an attempt that takes too long, losing what waited, and ignores its late connection', async () => {
    const sockets = new RecordingSockets();
    let release = (): void => {};
    const late = new Promise<void>((resolve) => (release = resolve));
    sockets.beforeDial = () => late;
    const { nodes: [a, b] } = await nodes(['a', 'b'], { sockets, connectTimeoutMs: 30, backoffMinMs: 5 });
    sendAll(a, 0, 'b', upTo(3));
    await waitFor(() => a.troubles.length === 1, 'the attempt to time out');
    expect(a.troubles[0]).toMatch(/^a: connecting to b at 127\.0\.0\.1:\d+ took over 30 ms; 3 queued frames lost$/);
    sockets.beforeDial = () => Promise.resolve();
    release();
    await waitFor(() => sockets.dialed.length === 1 && sockets.dialed[0]!.socket.destroyed, 'the late connection to be dropped');
    sendAll(a, 0, 'b', [3]);
    await waitFor(() => b!.received.length === 1, 'a frame on a new connection');
    expect(numbersFrom(b!.received, 0)).toEqual([3]);
  });

  it('closes a connection that does not start with a handshake', async () => {
    const { nodes: [a] } = await nodes(['a']);
    const net = await import('node:net');
    const stray = net.connect(a.link.address.port, '127.0.0.1');
    stray.write('GET / HTTP/1.1\r\n\r\n');
    await new Promise((resolve) => stray.once('close', resolve));
    expect(a.troubles).toEqual(['a: connection accepted: the connection did not start with a msgsim handshake; closed']);
  });

  it('closes everything: no socket, server or timer is left, and nothing fires after', async () => {
    await handlesBackTo(baseline);
    const timers = liveHandles(['Timeout']);
    const sockets = new RecordingSockets();
    // A backoff long enough that a timer close() forgot would still be there.
    const { nodes: three, peers } = await nodes(['a', 'b', 'c'], { sockets, backoffMinMs: 60_000 });
    const [a, b, c] = three;
    sendAll(a, 0, 'b', upTo(10));
    sendAll(b!, 1, 'c', upTo(10));
    await waitFor(() => b!.received.length === 10 && c!.received.length === 10, 'the frames');
    // A peer that is not there: a's attempt fails and leaves a backoff timer.
    peers.set('d', { host: '127.0.0.1', port: await closedPort() });
    a.link.send('d', datagramOf(0, 99));
    await waitFor(() => a.troubles.length === 1, 'the attempt on d to fail');
    sendAll(c!, 2, 'a', upTo(100)); // in flight while everything closes
    await Promise.all(three.map((node) => node.link.close()));
    const received = three.map((node) => node.received.length);
    const troubles = three.map((node) => node.troubles.length);
    await handlesBackTo(baseline);
    await handlesBackTo(timers);
    expect(sockets.servers.every((server) => !server.listening)).toBe(true);
    expect(sockets.dialed.every(({ socket }) => socket.destroyed)).toBe(true);
    expect(three.map((node) => node.link.send('a', datagramOf(9, 0)))).toEqual([false, false, false]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(three.map((node) => node.received.length)).toEqual(received);
    expect(three.map((node) => node.troubles.length)).toEqual(troubles);
  });
});

/** A port on 127.0.0.1 that nothing listens on (a server's, after it closed). */
async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
