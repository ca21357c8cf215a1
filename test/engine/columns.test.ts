import { describe, expect, it } from 'vitest';
import { column, ColumnGroup, type ColumnsOf } from '../../src/engine/columns.js';

const schema = { count: column(Int32Array), at: column(Float64Array, NaN), code: column(Uint8Array), link: column(Int32Array, -1) };

describe('ColumnGroup', () => {
  it('creates every column with its fill, on the owner it is given', () => {
    const owner = {} as ColumnsOf<typeof schema>;
    const group = new ColumnGroup(schema, 3, owner);
    expect(group.owner).toBe(owner);
    expect([Array.from(owner.count), Array.from(owner.at), Array.from(owner.code), Array.from(owner.link)]).toEqual([
      [0, 0, 0],
      [NaN, NaN, NaN],
      [0, 0, 0],
      [-1, -1, -1],
    ]);
  });

  it('grows all columns together, keeping their values and filling the new entries', () => {
    const group = new ColumnGroup(schema, 2);
    const { owner } = group;
    for (let i = 0; i < 1000; i++) {
      group.fit(i);
      group.owner.count[i] = i;
      group.owner.at[i] = i / 4;
      group.owner.code[i] = i % 256;
    }
    expect(group.capacity).toBe(1024);
    expect(owner.count.length).toBe(1024);
    expect(owner.at.length).toBe(1024);
    expect(Array.from(owner.count.subarray(0, 1000))).toEqual([...Array(1000).keys()]);
    expect(Array.from(owner.at.subarray(0, 1000))).toEqual([...Array(1000).keys()].map((i) => i / 4));
    expect(Array.from(owner.code.subarray(0, 1000))).toEqual([...Array(1000).keys()].map((i) => i % 256));
    expect(Array.from(owner.at.subarray(1000))).toEqual(Array(24).fill(NaN));
    expect(Array.from(owner.link)).toEqual(Array(1024).fill(-1));
  });

  it('fits an entry far past the end in one step', () => {
    const group = new ColumnGroup(schema, 4);
    group.fit(100);
    expect(group.capacity).toBe(101);
    group.fit(100);
    expect(group.capacity).toBe(101);
  });

  it('reserves exactly what is asked for, and never shrinks', () => {
    const group = new ColumnGroup(schema, 4);
    group.owner.count[3] = 7;
    group.reserve(10);
    expect([group.capacity, group.owner.count.length, group.owner.count[3]]).toEqual([10, 10, 7]);
    group.reserve(5);
    expect(group.capacity).toBe(10);
  });
});
