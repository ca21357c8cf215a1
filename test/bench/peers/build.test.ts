import { describe, expect, it } from 'vitest';
import { binaryPath, usableFlags } from '../../../src/bench/peers/build.js';

describe('usableFlags', () => {
  it('drops include and library directories and absolute files that are not there, keeps the rest', () => {
    const there = new Set(['/usr/include/libxml2', '/usr/lib/x86_64-linux-gnu/libsqlite3.so']);
    const tokens = ['-I/usr\\;', '-I/usr/include/libxml2', '-lns3-core', '/usr/lib/x86_64-linux-gnu/libsqlite3.so', '/usr/lib/x86_64-linux-gnu/libgsl.so', '-L/nowhere', '-pthread'];
    expect(usableFlags(tokens, (path) => there.has(path))).toEqual(['-I/usr/include/libxml2', '-lns3-core', '/usr/lib/x86_64-linux-gnu/libsqlite3.so', '-pthread']);
  });
});

describe('binaryPath', () => {
  it('names a binary by its source and compile command, so a change to either builds it again', () => {
    const path = binaryPath('/cache', 'hold', 'int main() {}', 'g++', ['-lns3-core']);
    expect(path).toMatch(/^\/cache\/hold-[0-9a-f]{16}$/);
    expect(binaryPath('/cache', 'hold', 'int main() {}', 'g++', ['-lns3-core'])).toBe(path);
    expect(binaryPath('/cache', 'hold', 'int main() { }', 'g++', ['-lns3-core'])).not.toBe(path);
    expect(binaryPath('/cache', 'hold', 'int main() {}', 'clang++', ['-lns3-core'])).not.toBe(path);
    expect(binaryPath('/cache', 'hold', 'int main() {}', 'g++', ['-lns3-network'])).not.toBe(path);
  });
});
