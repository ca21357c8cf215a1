/**
 * The emulated network on a real kernel: needs root, ip, tc and nft (CI has them). Without
 * them every test here fails with checkEmulationHost's message; nothing is skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import type dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processPrefix, runPrefix } from '../../src/emulation/addressing.js';
import { removeOrphanedEmulations, removeStaleEmulation } from '../../src/emulation/cleanup.js';
import { EmulatedNetwork } from '../../src/emulation/network.js';
import { planEmulation, type EmulationPlan } from '../../src/emulation/plan.js';
import { checkEmulationHost } from '../../src/emulation/tools.js';
import { parseScenario } from '../../src/scenario/load.js';
import { wilsonInterval } from '../../src/stats/intervals.js';

const PAIR = parseScenario('name: pair\nnodes: [a, b]\nlinks:\n  - { name: a-b, between: [a, b], bandwidth: 10Mbps, delay: 0ms }\n', 'pair.yaml');
const LINE = parseScenario(
  `name: line
nodes: [a, b, c]
links:
  - { name: a-b, between: [a, b], bandwidth: 100Mbps, delay: 0ms }
  - { name: b-c, between: [b, c], bandwidth: 200kbps, delay: 0ms, queue: 10 }
`,
  'line.yaml',
);

/** UDP, IP and Ethernet header bytes around a datagram on a veth. */
const FRAME_OVERHEAD_BYTES = 42;

/** The names of the host's interfaces and of the namespaces it has. */
const hostInterfaces = () => execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).split('\n').map((line) => line.split(':')[1]?.trim()).filter(Boolean);
const namespaces = () => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });

/** Datagrams arriving at a socket, with the monotonic time each was read. */
function collect(socket: dgram.Socket) {
  const arrivals: { at: bigint; data: Buffer; from: string }[] = [];
  socket.on('message', (data, from) => arrivals.push({ at: process.hrtime.bigint(), data, from: from.address }));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    arrivals,
    /** Waits until `count` have arrived or `timeoutMs` passed; resolves to how many arrived. */
    async until(count: number, timeoutMs: number): Promise<number> {
      const end = Date.now() + timeoutMs;
      while (arrivals.length < count && Date.now() < end) await sleep(5);
      return arrivals.length;
    },
    /** Waits until nothing has arrived for `ms`. */
    async quiet(ms: number): Promise<number> {
      for (let seen = -1; seen !== arrivals.length; ) {
        seen = arrivals.length;
        await sleep(ms);
      }
      return arrivals.length;
    },
  };
}

/** Sends a datagram; resolves to the error the kernel gave at once, if any. */
function send(socket: dgram.Socket, data: Buffer, host: string, port: number): Promise<Error | null> {
  return new Promise((resolve) => socket.send(data, port, host, (error) => resolve(error)));
}

describe('an emulated network', () => {
  const interfacesBefore = hostInterfaces();
  let pair: EmulatedNetwork | undefined;
  let line: EmulatedNetwork | undefined;
  let linePlan: EmulationPlan;
  const sockets: dgram.Socket[] = [];
  const udp = async (network: EmulatedNetwork, node: string) => {
    const socket = await network.sockets.udp(node, { host: network.addressOf(node), port: 0 });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    await checkEmulationHost();
    pair = await EmulatedNetwork.create(planEmulation(PAIR, { prefix: runPrefix(), netem: false }));
    linePlan = planEmulation(LINE, { prefix: runPrefix(), netem: false });
    line = await EmulatedNetwork.create(linePlan);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await pair?.destroy();
    await line?.destroy();
  });

  it('delivers UDP between the ends of a 2-node network', async () => {
    const [a, b] = [await udp(pair!, 'a'), await udp(pair!, 'b')];
    const atB = collect(b);
    expect(await send(a, Buffer.from('hello'), pair!.addressOf('b'), b.address().port)).toBeNull();
    expect(await atB.until(1, 2000)).toBe(1);
    expect(atB.arrivals[0]!.data.toString()).toBe('hello');
    expect(atB.arrivals[0]!.from).toBe(pair!.addressOf('a'));
  });

  it('measures the base latency of each link by ping-pong', async () => {
    const latency = (await pair!.measureBaseLatency({ samples: 50 })).get('a-b')!;
    expect(latency.samples + latency.lost).toBe(50);
    expect(latency.lost).toBe(0);
    expect(latency.oneWaySeconds).toBeGreaterThan(0);
    expect(latency.oneWaySeconds).toBeLessThan(0.05);
    expect(latency.rttP99Seconds).toBeGreaterThanOrEqual(latency.rttP50Seconds);
  });

  it('spaces a burst of datagrams at the link bandwidth', async () => {
    // 300 datagrams of 1000 bytes, back to back, through 10 Mbit/s: 8·(1000 + 42)/1e7 = 833.6 µs apart.
    const [a, b] = [await udp(pair!, 'a'), await udp(pair!, 'b')];
    const atB = collect(b);
    const payload = Buffer.alloc(1000);
    await Promise.all(Array.from({ length: 300 }, () => send(a, payload, pair!.addressOf('b'), b.address().port)));
    expect(await atB.until(300, 5000)).toBe(300);
    // The sending loop keeps this process from reading the first arrivals on time, and a busy
    // machine may delay any read: take the median of spans of 100 gaps, from the 20th on.
    const times = atB.arrivals.map((arrival) => Number(arrival.at) / 1e9);
    const spans: number[] = [];
    for (let i = 20; i + 100 < times.length; i++) spans.push((times[i + 100]! - times[i]!) / 100);
    spans.sort((x, y) => x - y);
    const spacing = spans[spans.length >> 1]!;
    const expected = (8 * (1000 + FRAME_OVERHEAD_BYTES)) / 10e6;
    expect(Math.abs(spacing - expected) / expected).toBeLessThan(0.01);
  });

  it('loses about the share a degraded link asks for, counting each loss', async () => {
    await pair!.applyFault({ at: 0, kind: 'degrade', link: 'a-b', loss: 0.2 });
    const [a, b] = [await udp(pair!, 'a'), await udp(pair!, 'b')];
    const atB = collect(b);
    const lostBefore = (await pair!.filterStats())[0]!.lost;
    const n = 2000;
    for (let i = 0; i < n; i += 100) {
      await Promise.all(Array.from({ length: 100 }, () => send(a, Buffer.alloc(50), pair!.addressOf('b'), b.address().port)));
    }
    const received = await atB.quiet(300);
    const lost = (await pair!.filterStats())[0]!.lost - lostBefore;
    expect(received + lost).toBe(n);
    const [low, high] = wilsonInterval(lost, n);
    expect(0.2).toBeGreaterThanOrEqual(low);
    expect(0.2).toBeLessThanOrEqual(high);
  });

  it('forwards through the middle of a 3-node line, from the address of the sender', async () => {
    const [a, c] = [await udp(line!, 'a'), await udp(line!, 'c')];
    const atC = collect(c);
    expect(await send(a, Buffer.from('via b'), line!.addressOf('c'), c.address().port)).toBeNull();
    expect(await atC.until(1, 2000)).toBe(1);
    expect(atC.arrivals[0]!.from).toBe(line!.addressOf('a'));
  });

  it('connects TCP across the line', async () => {
    const server = await line!.sockets.tcpServer('c', { host: line!.addressOf('c'), port: 0 });
    try {
      server.once('connection', (connection) => {
        connection.once('data', (data) => connection.end(`pong ${data.toString()} from ${connection.remoteAddress}`));
      });
      const client = await line!.sockets.tcpConnect('a', { host: line!.addressOf('c'), port: (server.address() as { port: number }).port });
      client.write('ping');
      const reply = await new Promise<string>((resolve) => client.once('data', (data) => resolve(data.toString())));
      client.destroy();
      expect(reply).toBe(`pong ping from ${line!.addressOf('a')}`);
    } finally {
      server.close();
    }
  });

  it('drops what does not fit the queue: all but the one in transmission, the limit, and the burst', async () => {
    const [b, c] = [await udp(line!, 'b'), await udp(line!, 'c')];
    const atC = collect(c);
    const direction = linePlan.directions.find((d) => d.link === 1 && d.from === 1)!;
    const before = (await line!.qdiscStats())[direction.index]!;
    // 200 kbit/s: a 1042-byte frame takes 41.7 ms, far longer than 60 back-to-back sends.
    const frame = 1000 + FRAME_OVERHEAD_BYTES;
    const sent = 60;
    await Promise.all(Array.from({ length: sent }, () => send(b, Buffer.alloc(1000), line!.addressOf('c'), c.address().port)));
    // The shaper lets one frame go at once and then ⌊burst / frame⌋ more on its tokens; the
    // queue holds its limit of waiting frames; the rest are dropped.
    const passed = 1 + Math.floor(direction.shaper.burstBytes / frame) + direction.shaper.queue.limit;
    expect(await atC.until(passed, 5000)).toBe(passed);
    const after = (await line!.qdiscStats())[direction.index]!;
    expect(after.dropped - before.dropped).toBe(sent - passed);
    expect(after.sentPackets - before.sentPackets).toBe(passed);
    expect(await atC.quiet(100)).toBe(passed);
  });

  it('blocks traffic across a partition, one way or both, and heals', async () => {
    const [a, c] = [await udp(line!, 'a'), await udp(line!, 'c')];
    const [atA, atC] = [collect(a), collect(c)];
    const aToC = () => send(a, Buffer.from('a'), line!.addressOf('c'), c.address().port);
    const cToA = () => send(c, Buffer.from('c'), line!.addressOf('a'), a.address().port);
    await line!.applyFault({ at: 0, kind: 'partition', groups: [['a']], oneWay: false });
    // Routes across the partition are blackholes: the sender is told at once.
    expect((await aToC())?.message).toMatch(/EINVAL/);
    expect((await cToA())?.message).toMatch(/EINVAL/);
    await line!.applyFault({ at: 1, kind: 'partition', groups: [['a']], oneWay: true });
    expect(await cToA()).toBeNull();
    expect(await atA.until(1, 2000)).toBe(1);
    expect((await aToC())?.message).toMatch(/EINVAL/);
    await line!.applyFault({ at: 2, kind: 'heal' });
    expect(await aToC()).toBeNull();
    expect(await atC.until(1, 2000)).toBe(1);
    expect(await atA.quiet(100)).toBe(1);
  });

  it('drops what arrives over a link that is down, until it is up', async () => {
    const [b, c] = [await udp(line!, 'b'), await udp(line!, 'c')];
    const atC = collect(c);
    const cut = async () => (await line!.filterStats())[2]!.cut;
    const cutBefore = await cut();
    // The first goes at once; the second waits 8·10042 / 200 kbit/s = 0.4 s in b's shaper,
    // time enough (even on a busy machine) for the link to go down before it leaves.
    const big = Buffer.alloc(10_000);
    await send(b, big, line!.addressOf('c'), c.address().port);
    await send(b, big, line!.addressOf('c'), c.address().port);
    await line!.applyFault({ at: 0, kind: 'link-down', link: 'b-c' });
    expect((await send(b, Buffer.from('x'), line!.addressOf('c'), c.address().port))?.message).toMatch(/EINVAL/);
    for (const end = Date.now() + 3000; (await cut()) === cutBefore && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 20));
    await line!.applyFault({ at: 1, kind: 'link-up', link: 'b-c' });
    expect(atC.arrivals.length).toBe(1);
    expect((await cut()) - cutBefore).toBe(1);
    expect(await send(b, Buffer.from('y'), line!.addressOf('c'), c.address().port)).toBeNull();
    expect(await atC.until(2, 3000)).toBe(2);
    expect(atC.arrivals[1]!.data.toString()).toBe('y');
  });

  it('removes what it made when building fails', async () => {
    const plan = planEmulation(PAIR, { prefix: runPrefix(), netem: false });
    const broken = { ...plan, directions: plan.directions.map((d) => ({ ...d, shaper: { ...d.shaper, queue: { ...d.shaper.queue, limit: -1 } } })) };
    await expect(EmulatedNetwork.create(broken)).rejects.toThrow(/tc/);
    expect(namespaces()).not.toContain(plan.prefix);
  });

  it('leaves no namespace and no interface behind when destroyed', async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await Promise.all([pair!.destroy(), line!.destroy()]);
    await pair!.destroy();
    expect(namespaces()).not.toContain(pair!.plan.prefix);
    expect(namespaces()).not.toContain(linePlan.prefix);
    expect(hostInterfaces()).toEqual(interfacesBefore);
    await expect(pair!.sockets.udp('a', { host: pair!.addressOf('a'), port: 0 })).rejects.toThrow(/destroyed/);
  });

  it('removes by prefix what this process left, and what a process that is gone left', async () => {
    const gone = spawnSync('true').pid!;
    const [ours, orphan] = [`${runPrefix()}-0`, `${processPrefix(gone)}-0.0-0`];
    try {
      execFileSync('ip', ['netns', 'add', ours]);
      execFileSync('ip', ['netns', 'add', orphan]);
      expect(await removeOrphanedEmulations()).toContain(orphan);
      expect(await removeStaleEmulation(processPrefix())).toContain(ours);
      expect(namespaces()).not.toContain(ours);
    } finally {
      for (const name of [ours, orphan]) spawnSync('ip', ['netns', 'delete', name]);
    }
  });
});
