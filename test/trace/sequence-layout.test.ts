/**
 * Where a sequence diagram puts things, as numbers: rows of time, labels that avoid what is
 * taken, and a layout whose arrows run between the lanes of their nodes at the rows of their
 * times, with every label inside the page.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace/events.js';
import { crosses, Occupancy, place } from '../../src/trace/sequence-labels.js';
import { layoutDiagram } from '../../src/trace/sequence-layout.js';
import { readStory } from '../../src/trace/sequence-story.js';
import { instants, MAX_STEP, MIN_STEP, timeAxis, timeLabels } from '../../src/trace/sequence-time.js';

describe('time axis', () => {
  it('gives every distinct instant a row, at least MIN_STEP and at most MAX_STEP below the one before', () => {
    const axis = timeAxis([0, 1e-9, 0.01, 0.02, 0.03, 50], 100);
    expect(axis.rows[0]).toBe(100);
    const steps = axis.rows.slice(1).map((y, i) => y - axis.rows[i]!);
    expect(steps).toHaveLength(5);
    for (const step of steps) {
      expect(step).toBeGreaterThanOrEqual(MIN_STEP);
      expect(step).toBeLessThanOrEqual(MAX_STEP);
    }
    // The median gap gets the typical step; the long idle stretch is capped and marked as a break.
    expect(steps[2]).toBeCloseTo(30, 9);
    expect(steps[4]).toBe(MAX_STEP);
    expect(axis.breaks).toEqual([5]);
    expect(axis.y(0.02)).toBeCloseTo(axis.rows[3]!, 9);
    expect(axis.y(25)).toBeGreaterThan(axis.rows[4]!);
  });

  it('merges times that only rounding tells apart', () => {
    expect(instants([0.3, 0.1 + 0.2, 0.4])).toEqual([0.3, 0.4]);
    expect(instants([2, 2.0000000000000013, 3])).toEqual([2, 3]);
  });

  it('labels rows in one unit, with the decimals that tell neighbours apart', () => {
    expect(timeLabels([0, 0.0108, 0.0216])).toEqual(['0 ms', '11 ms', '22 ms']);
    // Up to four decimals for all; more only where a neighbour needs them.
    expect(timeLabels([1, 1.00001, 2])).toEqual(['1.00000 s', '1.00001 s', '2.0000 s']);
    expect(timeLabels([0.5, 1, 1.5])).toEqual(['0.5 s', '1.0 s', '1.5 s']);
  });
});

describe('label placement', () => {
  it('takes the first spot that overlaps nothing, else the least covered one', () => {
    const taken = new Occupancy();
    taken.add({ x0: 0, y0: 0, x1: 100, y1: 20 });
    const spots = [
      { x: 10, y: 10, anchor: 'start' as const },
      { x: 10, y: 40, anchor: 'start' as const },
      { x: 10, y: 42, anchor: 'start' as const },
    ];
    const first = place(taken, spots, 'label', { size: 10, color: '#000' });
    expect(first.y).toBe(40);
    // The second label finds the first one's room taken.
    const second = place(taken, spots, 'label', { size: 10, color: '#000' });
    expect(second.y).toBe(42);
    expect(taken.overlap(second.box)).toBeGreaterThan(0);
  });

  it('avoids crossing lines, except those of its own arrow', () => {
    const taken = new Occupancy();
    taken.addSegment({ x1: 0, y1: 0, x2: 200, y2: 0, owner: 7 });
    const spots = [
      { x: 100, y: 0, anchor: 'middle' as const },
      { x: 100, y: 20, anchor: 'middle' as const },
    ];
    expect(place(taken, spots, 'x', { size: 10, color: '#000' }).y).toBe(20);
    expect(place(new Occupancy(), spots, 'x', { size: 10, color: '#000', owner: 7 }).y).toBe(0);
    expect(crosses({ x1: 0, y1: 0, x2: 10, y2: 10, owner: 0 }, { x0: 4, y0: 4, x1: 6, y1: 6 })).toBe(true);
    expect(crosses({ x1: 0, y1: 0, x2: 10, y2: 0, owner: 0 }, { x0: 4, y0: 1, x1: 6, y1: 6 })).toBe(false);
  });
});

describe('layoutDiagram', () => {
  const events: TraceEvent[] = [
    { t: 0, type: 'send', frame: 1, from: 'a', to: 'b', bytes: 1, flow: 'f' },
    { t: 0, type: 'transmit', frame: 1, link: 'ab', from: 'a', to: 'b', end: 0.001 },
    { t: 0.01, type: 'deliver', frame: 1, node: 'b', from: 'a' },
    { t: 0.02, type: 'send', frame: 2, from: 'b', to: 'a', bytes: 1 },
    { t: 0.02, type: 'transmit', frame: 2, link: 'ab', from: 'b', to: 'a', end: 0.021 },
    { t: 0.03, type: 'drop', frame: 2, cause: 'lost', node: 'a', link: 'ab' },
    { t: 0.04, type: 'fault', fault: 'heal' },
  ];
  const layout = layoutDiagram(readStory(events), 'T', undefined);
  const laneX = (node: string): number => layout.names.find((name) => name.node === node)!.x;

  it('runs an arrow from its sender lane to just short of its receiver lane, down from its start row to its end row', () => {
    const [delivered, dropped] = layout.hops;
    const rows = layout.axis.ticks.map((tick) => tick.y);
    expect(delivered!.x1).toBe(laneX('a'));
    expect(laneX('b') - delivered!.x2).toBe(1);
    expect([delivered!.y1, delivered!.y2]).toEqual([rows[0], rows[1]]);
    // A dropped frame gets 60% of the way, ending in a cross there.
    expect(dropped!.x2).toBeCloseTo(laneX('b') + (laneX('a') - laneX('b')) * 0.6, 9);
    expect(layout.crosses).toEqual([{ x: dropped!.x2, y: rows[3] }]);
  });

  it('puts every label inside the page and clear of the time axis', () => {
    expect(layout.labels.map((label) => label.text).sort()).toEqual(['#1 f', '#2', 'heal', 'lost']);
    for (const { box } of layout.labels) {
      expect(box.x0).toBeGreaterThan(layout.axis.x);
      expect(box.x1).toBeLessThanOrEqual(layout.width);
      expect(box.y1).toBeLessThanOrEqual(layout.height);
    }
    expect(layout.rules).toEqual([{ kind: 'fault', y: layout.axis.ticks[4]!.y, x1: layout.axis.x + 2, x2: layout.grid.x2, color: '#2a9d5b' }]);
  });

  it('draws lifelines from the names to below the last row, and names twice only on long diagrams', () => {
    expect(layout.lifelines.map((lifeline) => lifeline.segments)).toEqual([
      [{ y0: layout.names[0]!.top + 22, y1: layout.axis.bottom, down: false }],
      [{ y0: layout.names[0]!.top + 22, y1: layout.axis.bottom, down: false }],
    ]);
    expect(layout.names).toHaveLength(2);
    expect(layout.axis.bottom).toBeGreaterThan(layout.axis.ticks[layout.axis.ticks.length - 1]!.y);
    const many: TraceEvent[] = Array.from({ length: 40 }, (_, i) => ({ t: i, type: 'app_send', node: 'a', to: 'b', msg: i, seq: i }));
    expect(layoutDiagram(readStory(many), undefined, undefined).names).toHaveLength(4);
  });
});
