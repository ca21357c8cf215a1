/**
 * Mistakes users make, as the command line reports them: one line each naming the file, the
 * field and what was expected, exit code 2, no stack trace — alias bombs, duplicate keys,
 * bad Gilbert–Elliott parameters, negative durations, misspelt keys, limits, files too big,
 * protocol modules that are missing, not modules or do not compile — every bad file of a
 * directory at once; warnings for faults and topics that do nothing; and a protocol that
 * throws, named by node, time and event with its own stack frames and exit code 4.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msgsim, tempDir } from '../support/cli.js';

const LINK = '  - { between: [a, b], bandwidth: 1Mbps, delay: 1ms }';
const scenario = (name: string, rest = ''): string => `name: ${name}\nnodes: [a, b]\nlinks:\n${LINK}\n${rest}`;
const withLoss = (name: string, loss: string): string => `name: ${name}\nnodes: [a, b]\nlinks:\n  - { between: [a, b], bandwidth: 1Mbps, delay: 1ms, loss: ${loss} }\n`;

/** An alias bomb: each level repeats the one before ten times. */
function aliasBomb(): string {
  const levels = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  return `name: bomb\nnodes: [a, b]\n${levels.join('\n')}\n`;
}

/** Bad files and the line each must get from validate. */
const BAD: Record<string, [text: string, line: RegExp]> = {
  'bomb.yaml': [aliasBomb(), /^msgsim: .*bomb\.yaml: YAML aliases expand too far \(more than 1000 aliased nodes; the limit guards against alias bombs\)$/],
  'duplicate.yaml': ['name: dup\nnodes: [a, b]\nnodes: [c]\n', /duplicate\.yaml:3: invalid YAML: the key "nodes" appears twice in one mapping$/],
  'ge-missing.yaml': [withLoss('ge1', '{ model: gilbert-elliott, p: 0.1 }'), /ge-missing\.yaml:4: links\[0\]\.loss\.r: missing; expected a transition probability \(Bad to Good\)/],
  'ge-value.yaml': [withLoss('ge2', '{ model: gilbert-elliott, p: x, r: 0.1 }'), /ge-value\.yaml:4: links\[0\]\.loss\.p: "x" is not a transition probability \(Good to Bad\)/],
  'ge-stuck.yaml': [withLoss('ge3', '{ model: gilbert-elliott, p: 0, r: 0 }'), /ge-stuck\.yaml:4: links\[0\]\.loss\.p: p and r cannot both be 0/],
  'ge-key.yaml': [withLoss('ge4', '{ model: gilbert-elliott, p: 0.1, r: 0.2, loss_bda: 1 }'), /links\[0\]\.loss\.loss_bda: unknown key \(did you mean "loss_bad"\?\); expected one of: model, p, r, loss_good, loss_bad$/],
  'negative.yaml': [`name: neg\nnodes: [a, b]\nlinks:\n  - { between: [a, b], bandwidth: 1Mbps, delay: -1ms }\n`, /negative\.yaml:4: links\[0\]\.delay: "-1ms" must be ≥ 0$/],
  'typo.yaml': [
    scenario('typo', 'flows:\n  - { name: f, pattern: p2p, from: a, to: b, count: 5, size: 100B, delivery: at-least-once, retry: { max_retry: 3 } }\n'),
    /typo\.yaml:6: flows\[0\]\.retry\.max_retry: unknown key \(did you mean "max_retries"\?\)/,
  ],
  'count.yaml': [scenario('count', 'flows:\n  - { name: f, pattern: p2p, from: a, to: b, count: 100000000000, size: 100B }\n'), /flows\[0\]\.count: 100000000000 is not a message count \(a whole number from 0 to 100,000,000\)$/],
  'dense.yaml': ['name: dense\nnodes: 100000\ntopology: { kind: erdos-renyi, p: 0.5, link: { bandwidth: 1Mbps, delay: 1ms } }\n', /dense\.yaml:3: topology\.p: G\(n = 100000, p = 0\.5\) makes about 2,499,975,000 links, more than the limit of 2,000,000$/],
  'replications.yaml': [scenario('reps', 'sweep:\n  grid:\n    links[0].delay: [1ms, 2ms]\n  replications: 100000000\n'), /sweep\.replications: 100000000 is not a replication count \(a whole number from 1 to 10,000\)$/],
  'runs.yaml': [
    scenario('runs', `sweep:\n  grid:\n    links[0].delay: [${Array.from({ length: 100 }, (_, i) => `${i + 1}ms`).join(', ')}]\n    links[0].loss: [${Array.from({ length: 100 }, (_, i) => i / 1000).join(', ')}]\n  replications: 20\n`),
    /runs\.yaml: sweep: 10000 points × 20 replications make 200000 runs, more than the limit of 100,000$/,
  ],
  'no-module.yaml': [scenario('nomod', 'protocol: { module: ./missing.ts }\n'), /no-module\.yaml: protocol\.module: .*missing\.ts does not exist$/],
  'text-module.yaml': [scenario('textmod', 'protocol: { module: ./notes.txt }\n'), /text-module\.yaml: protocol\.module: .*notes\.txt: not a JavaScript or TypeScript module/],
  'broken-module.yaml': [scenario('broken', 'protocol: { module: ./broken.ts }\n'), /broken-module\.yaml: protocol\.module: .*broken\.ts: syntax error at 1:\d+: /],
};

describe('user mistakes', () => {
  it('validate reports every bad file of a directory, one line each, and exits 2', () => {
    const dir = tempDir();
    for (const [file, [text]] of Object.entries(BAD)) writeFileSync(join(dir, file), text);
    writeFileSync(join(dir, 'notes.txt'), 'not a module\n');
    writeFileSync(join(dir, 'broken.ts'), 'export default function (node) { return { send( } }\n');
    writeFileSync(join(dir, 'good.yaml'), scenario('good'));
    const result = msgsim('validate', dir);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(Object.keys(BAD).length);
    for (const [file, [, line]] of Object.entries(BAD)) expect(lines.find((l) => l.includes(file)), file).toMatch(line);
    expect(result.stdout).toMatch(/^ok {2}.*good\.yaml/m);
  });

  it('refuses a file over the size limit at once', () => {
    const file = join(tempDir(), 'huge.yaml');
    writeFileSync(file, `name: huge\nnodes: [a, b]\ndescription: |\n${`  ${'x'.repeat(98)}\n`.repeat(500_000)}`);
    const started = performance.now();
    const result = msgsim('validate', file);
    expect(result.stderr.trimEnd()).toMatch(/huge\.yaml: is 48\.2 MiB; scenario files are limited to 16 MiB$/);
    expect(result.status).toBe(2);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('says what a seed is when --seed is not one', () => {
    const result = msgsim('run', 'scenarios/p2p-basic.yaml', '--seed', 'abc', '--out', tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd()).toBe(
      'msgsim: --seed: "abc" is not a seed: a seed is a whole number from 0 to 9007199254740991 from which every random stream of the run is derived (e.g. --seed 7)',
    );
  });

  it('warns of a heal with no partition, a release of a link not held, and of topics and subscriptions that never meet', () => {
    const file = join(tempDir(), 'idle.yaml');
    writeFileSync(
      file,
      scenario(
        'idle',
        'flows:\n  - { name: f, pattern: pubsub, from: a, count: 5, size: 100B, topics: [x.y, z.w], subscribers: [{ node: b, topic: z.# }, { node: b, topic: q.* }] }\n' +
          'faults:\n  - { at: 1s, fault: heal }\n  - { at: 2s, fault: partition, groups: [[a]] }\n  - { at: 3s, fault: heal }\n  - { at: 4s, fault: restart, node: b }\n' +
          '  - { at: 5s, fault: hold, link: a-b }\n  - { at: 6s, fault: release, link: a-b }\n  - { at: 7s, fault: release, link: a-b }\n',
      ),
    );
    const result = msgsim('validate', file);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `msgsim: warning: ${file}:6: flows[0].topics[0]: "x.y" matches no subscriber's topic: its publications reach no one`,
      `msgsim: warning: ${file}:6: flows[0].subscribers[1].topic: "q.*" matches none of the flow's topics: b will get nothing`,
      `msgsim: warning: ${file}:8: faults[0]: heal with no partition in force at that time: it changes nothing`,
      `msgsim: warning: ${file}:11: faults[3]: restart of "b", which has not crashed: it changes nothing`,
      `msgsim: warning: ${file}:14: faults[6]: release of "a-b", which is not held at that time: it changes nothing`,
    ]);
  });

  it('names the node, time and event of a protocol that throws, with its own stack frames and exit code 4', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'app', 'proto.ts'),
      [
        'function handle(bytes: Uint8Array): void {',
        "  if (bytes.length > 0) throw new Error('cannot handle this frame');",
        '}',
        'export const throwing = (node: any) => {',
        '  node.context.transport.onReceive((bytes: Uint8Array) => handle(bytes));',
        '  return { send: (message: any) => node.context.transport.send(message.to, new Uint8Array([1, 2, 3])) };',
        '};',
        '',
      ].join('\n'),
    );
    const file = join(dir, 'app', 'throws.yaml');
    writeFileSync(file, `${scenario('throws', 'protocol: { module: ./proto.ts, export: throwing }\nscript:\n  - { at: 1ms, from: a, to: b }\n')}`);
    const result = msgsim('run', file, '--out', join(dir, 'out'));
    expect(result.status).toBe(4);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^msgsim: protocol code on node "b" failed at t=0\.00\d+s handling a frame from a: Error: cannot handle this frame$/);
    expect(lines.slice(1)).toEqual([`    at handle (${join(dir, 'app', 'proto.ts')}:2:31)`, expect.stringMatching(new RegExp(`^    at .*proto\\.ts:5:\\d+\\)$`))]);
  });
});
