/**
 * One TCP link connection's writing, on a real connection on 127.0.0.1: a turn's records,
 * batched or written alone by size, leave whole and in order; what was written before an
 * end leaves before it; and what Node held for the kernel is counted.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_BYTES, Connection, type ConnectionEvents } from '../../src/runtime/real/tcp-connection.js';
import { RECORD_HEADER_BYTES, RecordReader } from '../../src/runtime/real/tcp-records.js';
import { waitFor } from '../support/links.js';

const EVENTS: ConnectionEvents = { onHandshake: () => {}, onDatagram: () => {}, onMalformed: () => {}, onEnded: () => {}, onClosed: () => {} };

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup) step();
  cleanup = [];
});

/** A connection from a dialed socket to a server on 127.0.0.1, and what the server reads off it. */
async function pair(): Promise<{ connection: Connection; records: Uint8Array[]; ended: () => boolean }> {
  const records: Uint8Array[] = [];
  let ended = false;
  let accepted: net.Socket | undefined;
  const server = net.createServer((socket) => {
    accepted = socket;
    const reader = new RecordReader(false, () => {}, (record) => void records.push(Buffer.from(record)));
    socket.on('data', (chunk: Buffer) => expect(reader.push(chunk)).toBeUndefined());
    socket.on('end', () => (ended = true));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = net.connect({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port });
  await new Promise((resolve) => socket.once('connect', resolve));
  await waitFor(() => accepted !== undefined, 'the server to accept');
  cleanup.push(() => {
    socket.destroy();
    accepted?.destroy();
    server.close();
  });
  return { connection: new Connection(socket, 'far', true, EVENTS), records, ended: () => ended };
}

/** A datagram of `bytes` bytes, each `n`. */
function filled(bytes: number, n: number): Uint8Array {
  return new Uint8Array(bytes).fill(n);
}

describe('TCP connection', () => {
  it('writes a turn of small and large records whole and in order', async () => {
    const { connection, records } = await pair();
    // Small ones are batched, one exactly fills a batch, large ones go alone, in between.
    const sizes = [100, 1024, BATCH_BYTES - RECORD_HEADER_BYTES, 5, BATCH_BYTES, 3 * BATCH_BYTES, 1024, 1024, 70_000, 0, 17];
    sizes.forEach((bytes, n) => connection.write(filled(bytes, n)));
    await waitFor(() => records.length === sizes.length, 'every record');
    expect(records.map((record) => record.length)).toEqual(sizes);
    expect(records.every((record, n) => record.every((byte) => byte === n))).toBe(true);
  });

  it('sends what was written before an end in the same turn, then ends', async () => {
    const { connection, records, ended } = await pair();
    for (let n = 0; n < 3; n++) connection.write(filled(1000, n));
    connection.end();
    await waitFor(ended, 'the end of the stream');
    expect(records.map((record) => record[0])).toEqual([0, 1, 2]);
  });

  it('counts the most bytes Node held for the kernel past the mark', async () => {
    const { connection, records } = await pair();
    expect(connection.peakHeldBytes).toBe(0);
    const count = 20_000;
    for (let n = 0; n < count; n++) connection.write(filled(1036, n & 0xff));
    // The whole turn is held until it ends (the socket is corked).
    await new Promise((resolve) => setImmediate(resolve));
    expect(connection.peakHeldBytes).toBe(count * (RECORD_HEADER_BYTES + 1036));
    await waitFor(() => records.length === count, 'every record', 10_000);
  });
});
