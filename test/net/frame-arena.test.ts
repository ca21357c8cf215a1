import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameArena, MAX_ARENA_FRAME } from '../../src/net/frame-arena.js';
import { Fate } from '../../src/net/fates.js';
import { networkOf } from '../support/graph.js';

describe('the frame arena', () => {
  it('gives back every frame as it was put, whatever order frames leave in, and lets slabs go', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: MAX_ARENA_FRAME }), { minLength: 1, maxLength: 300 }),
        fc.infiniteStream(fc.boolean()),
        (frames, takeNow) => {
          const arena = new FrameArena();
          const held: { place: number; frame: Uint8Array }[] = [];
          const draws = takeNow[Symbol.iterator]();
          for (const frame of frames) {
            held.push({ place: arena.put(frame), frame: frame.slice() });
            // Now and then the oldest or newest frame leaves, so frames leave out of order.
            if (draws.next().value === true) {
              const { place, frame: expected } = draws.next().value === true ? held.shift()! : held.pop()!;
              expect(arena.take(place)).toEqual(expected);
            }
          }
          for (const { place, frame } of held) expect(arena.view(place)).toEqual(frame);
          for (const { place, frame } of held) expect(arena.take(place)).toEqual(frame);
          // Only the slab being written stays once every frame has left.
          expect(arena.slabCount).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('frames in flight', () => {
  it('arrive as they were sent, though the sender reuses its buffer, and a duplicate is a copy of its own', async () => {
    const { sim, network } = networkOf({ n: 2, edges: [[0, 1]] }, { bandwidthBitsPerSecond: 1e6, delaySeconds: 0.01, duplicate: 0.5 });
    const arrived: Uint8Array[] = [];
    network.onDeliver(1, (payload) => arrived.push(payload as Uint8Array));
    const buffer = new Uint8Array(100);
    const large = new Uint8Array(MAX_ARENA_FRAME + 1).fill(7);
    sim.scheduleAt(0, () => {
      for (let i = 0; i < 50; i++) {
        buffer.fill(i);
        network.send(0, 1, 100, buffer);
      }
      network.send(0, 1, large.length, large);
    });
    await sim.run();
    const copies = network.transmitters[0]!.stats.duplicated;
    expect(copies).toBeGreaterThan(0);
    expect(arrived).toHaveLength(51 + copies);
    const small = arrived.filter((frame) => frame.length === 100);
    // In order on one wire: each message, then its copy if it had one.
    let previous = -1;
    for (const frame of small) {
      expect(frame.every((byte) => byte === frame[0])).toBe(true);
      expect(frame[0]).toBeGreaterThanOrEqual(previous);
      previous = frame[0]!;
    }
    expect(new Set(small.map((frame) => frame[0])).size).toBe(50);
    // Changing one arrival changes no other (the copies are copies).
    small[0]!.fill(255);
    expect(small[1]!.every((byte) => byte === 255)).toBe(false);
    expect(network.journal.fate.subarray(0, network.journal.length).every((fate) => fate === Fate.Arrived || fate === Fate.Delivered)).toBe(true);
    const bigOnes = arrived.filter((frame) => frame.length === large.length);
    expect(bigOnes.length).toBeGreaterThanOrEqual(1);
    for (const frame of bigOnes) expect(frame.every((byte) => byte === 7)).toBe(true);
  });
});
