/**
 * How counterexample reports quote fast-check's path: whole when it is short or written
 * nowhere else, shortened (first and last steps, and how many) when the replay file has it.
 */
import { describe, expect, it } from 'vitest';
import { reportedPath } from '../../src/testing/counterexample-files.js';

describe('reported fast-check paths', () => {
  const long = Array.from({ length: 300 }, (_, i) => String(i % 7)).join(':');

  it('quote a short path whole', () => {
    expect(reportedPath('2:0:0:1:12', 'out/x.replay.json')).toBe('"2:0:0:1:12"');
  });

  it('shorten a long one to its first and last steps, saying how many there are and where it is whole', () => {
    expect(reportedPath(long, 'out/x.replay.json')).toBe('"0:1:2:3:4:5:6:0:…:5:6:0:1:2:3:4:5" (300 steps; whole in out/x.replay.json)');
  });

  it('quote a long path whole when no file holds it', () => {
    expect(reportedPath(long, undefined)).toBe(`"${long}"`);
  });
});
