/**
 * The package as a user gets it: `npm pack`, then installed from the tarball into a fresh ESM
 * project outside this repository. `msgsim` (and its command) must import, run and
 * type-check with no fast-check installed; with the user's own fast-check and TypeScript
 * added, `msgsim/testing` must type-check and run the property of docs/testing.md compiled
 * to plain JavaScript, under the user's fast-check global settings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.js';

/** npm's install and pack work well within this, from the local cache. */
const INSTALL_TIMEOUT_MS = 120_000;

const root = resolve('.');
const dir = tempDir();
const project = join(dir, 'user-project');

/** The version of a package this repository tests with, so that npm finds it in its cache. */
function ourVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs a command in the user's project; fails the test with its output unless it exits 0. */
function run(command: string, args: readonly string[], cwd = project): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  expect(result.status, `${command} ${args.join(' ')}\n${result.stdout}${result.stderr}${String(result.error ?? '')}`).toBe(0);
  return result.stdout;
}

/** `npm install` as quietly and as offline as it goes. Lifecycle scripts are not needed. */
function npmInstall(...specs: string[]): void {
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...specs]);
}

/** The TypeScript blocks of docs/testing.md. */
const guide = [...readFileSync('docs/testing.md', 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

/** A user's tsconfig: strict, ESM, and library declarations checked too (skipLibCheck off). */
const TSCONFIG = {
  compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: false, types: [], outDir: 'out' },
};

beforeAll(() => {
  // dist/ was built by the global setup, so packing needs no `prepare`.
  const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root)) as { filename: string }[];
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  npmInstall(join(dir, packed[0]!.filename), `typescript@${ourVersion('typescript')}`);
}, INSTALL_TIMEOUT_MS);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed msgsim, installed in a fresh ESM project', () => {
  it('imports, runs and type-checks as the simulator alone, with no fast-check installed', () => {
    // fast-check is an optional peer dependency: npm leaves it out.
    expect(existsSync(join(project, 'node_modules', 'fast-check'))).toBe(false);
    expect(readdirSync(join(project, 'node_modules', 'msgsim'))).not.toContain('src');
    writeFileSync(
      join(project, 'sim.ts'),
      `import { Network, Simulator, type Protocol } from 'msgsim';
const sim = new Simulator(1);
const network = new Network(sim);
const [a, b] = [network.addNode('a'), network.addNode('b')];
network.addLink({ name: 'a-b', between: ['a', 'b'], bandwidthBitsPerSecond: 8e6, delaySeconds: 0.01 });
const silent: Protocol = () => ({ send: () => undefined });
network.send(a, b, 1000, undefined);
await sim.run();
console.log(sim.now, typeof silent);
`,
    );
    run(join('node_modules', '.bin', 'tsc'), ['-p', '.']);
    // 1000 B at 8 Mbit/s, then 10 ms.
    expect(run(process.execPath, [join('out', 'sim.js')]).trim()).toBe('0.011 function');
    run(join('node_modules', '.bin', 'msgsim'), ['validate', join('node_modules', 'msgsim', 'scenarios')]);
    // The kit says what it is missing.
    const kit = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('msgsim/testing')"], { cwd: project, encoding: 'utf8' });
    expect(kit.status).not.toBe(0);
    expect(kit.stderr).toContain("Cannot find package 'fast-check'");
  });

  it("type-checks and runs the guide's property with the user's fast-check, whose global settings apply", () => {
    npmInstall(`fast-check@${ourVersion('fast-check')}`);
    // One copy, the project's: npm sees msgsim as an optional peer of it.
    const [explained] = JSON.parse(run('npm', ['explain', 'fast-check', '--json'])) as { dependents: { type: string; from: { name?: string } }[] }[];
    expect(explained!.dependents.map((d) => `${d.from.name ?? 'project'} ${d.type}`).sort()).toEqual(['msgsim peerOptional', 'project prod']);
    expect(existsSync(join(project, 'node_modules', 'msgsim', 'node_modules', 'fast-check'))).toBe(false);
    const [protocol] = guide;
    const property = guide.find((block) => block.includes('fc.asyncProperty(protocolCase()'))!.trim();
    writeFileSync(join(project, 'at-least-once.ts'), protocol!);
    writeFileSync(
      join(project, 'property.ts'),
      `import fc from 'fast-check';
import { checkProtocol, everyMessageDelivered, noDuplicates, protocolCase, simulate } from 'msgsim/testing';
import { atLeastOnce as protocol } from './at-least-once.js';

const invariants = [everyMessageDelivered, noDuplicates];
fc.configureGlobal({ seed: 7, numRuns: 12 });
let cases = 0;
await fc.assert(fc.asyncProperty(fc.constant(null), () => void cases++));
await fc.assert(${property});
const kit = await checkProtocol({ name: 'guide', protocol, invariants, outDir: undefined });
console.log(JSON.stringify({ cases, failed: kit.failed, numRuns: kit.numRuns, seed: kit.seed }));
`,
    );
    run(join('node_modules', '.bin', 'tsc'), ['-p', '.']);
    const result = JSON.parse(run(process.execPath, [join('out', 'property.js')]).trim()) as unknown;
    // checkProtocol ran under the same settings as the user's own fc.assert.
    expect(result).toEqual({ cases: 12, failed: false, numRuns: 12, seed: 7 });
  });
});
