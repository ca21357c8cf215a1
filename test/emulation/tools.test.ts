/**
 * The host checks. kernelHasNetem needs root (CI runs as root), as the network tests do.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processPrefix } from '../../src/emulation/addressing.js';
import { EmulationUnavailableError } from '../../src/emulation/errors.js';
import { checkEmulationHost, kernelHasNetem } from '../../src/emulation/tools.js';

describe('the host checks', () => {
  it('name every missing tool and the package that has it, in one line', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'msgsim-no-tools-'));
    const path = process.env['PATH'];
    process.env['PATH'] = empty;
    try {
      const error = await checkEmulationHost().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(EmulationUnavailableError);
      expect((error as Error).message).toBe(
        'emulation needs ip, tc and nft; not found: ip (Debian package iproute2), tc (Debian package iproute2), nft (Debian package nftables)',
      );
    } finally {
      process.env['PATH'] = path;
      rmSync(empty, { recursive: true });
    }
  });

  it('pass on this host, which the emulation tests need', async () => {
    await expect(checkEmulationHost()).resolves.toBeUndefined();
  });

  it('probe for netem in a namespace of their own, and remove it', async () => {
    expect(typeof (await kernelHasNetem())).toBe('boolean');
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toContain(`${processPrefix()}-`);
  });
});
