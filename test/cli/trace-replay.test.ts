/**
 * The trace and replay side of the command line: run --trace writes a JSON Lines trace that
 * `msgsim trace` draws; --verify-determinism runs twice; check writes a replay file when a
 * run fails and `msgsim replay` reproduces it, or says where it no longer does; protocol
 * scenarios report their invariants; a program's replay file keeps its clients' history,
 * which the replay compares entry for entry; mistakes get one line and exit code 2.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../src/trace/jsonl.js';
import { msgsim, tempDir } from '../support/cli.js';

const PROTOCOLS = resolve('test/protocols/retransmit.ts');
const PROGRAMS = resolve('test/programs/broadcast.ts');

/** A protocol scenario: n0 sends 3 messages to n1 over a link that loses acks; `exported` picks the protocol. */
function protocolScenario(dir: string, exported: string): string {
  const path = join(dir, `${exported}.yaml`);
  writeFileSync(
    path,
    `name: ${exported}
seed: 3
until: 2s
nodes: [n0, n1]
links:
  - { between: [n0, n1], bandwidth: 1Mbps, delay: 5ms, loss: 0.4 }
protocol: { module: ${PROTOCOLS}, export: ${exported} }
script:
  - { at: 0, from: n0, to: n1 }
  - { at: 1ms, from: n0, to: n1 }
  - { at: 2ms, from: n0, to: n1 }
invariants: [delivered, no_duplicates]
`,
  );
  return path;
}

function expectUserError(result: ReturnType<typeof msgsim>, pattern: RegExp): void {
  expect(result.status).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('msgsim run --trace and msgsim trace', () => {
  it('writes every event of a run to trace.jsonl and draws it as an SVG sequence diagram', () => {
    const out = tempDir();
    const run = msgsim('run', 'scenarios/crash-restart.yaml', '--out', out, '--trace');
    expect(run.status, run.stderr).toBe(0);
    const file = join(out, 'crash-restart', 'trace.jsonl');
    const events = parseTrace(readFileSync(file, 'utf8'), file);
    const messages = readFileSync(join(out, 'crash-restart', 'messages.csv'), 'utf8').trimEnd().split('\n').length - 1;
    expect(events.filter((e) => e.type === 'send')).toHaveLength(messages);
    expect(events.some((e) => e.type === 'fault' && e.fault === 'crash')).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i]!.t).toBeGreaterThanOrEqual(events[i - 1]!.t);
    const draw = msgsim('trace', file, '--max-events', '300');
    expect(draw.status, draw.stderr).toBe(0);
    expect(draw.stdout).toMatch(/events -> .*trace\.svg \(first 300 drawn\)/);
    const svg = readFileSync(join(out, 'crash-restart', 'trace.svg'), 'utf8');
    expect(svg).toMatch(/^<\?xml [^>]*\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('>client<');
    expect(svg).toContain('>server<');
  });

  it('runs twice with --verify-determinism and reports the same hash chain', () => {
    const run = msgsim('run', 'scenarios/partition-heals.yaml', '--out', tempDir(), '--verify-determinism');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/determinism: two runs gave the same \d+ events \(hash [0-9a-f]{16}\)/);
  });

  it('gives one line and exit code 2 for a file that is not a trace', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.jsonl'), '{"t": 0, "type": "send"}\n');
    expectUserError(msgsim('trace', join(dir, 'bad.jsonl')), /^msgsim: .*bad\.jsonl:1: /);
  });

  it('refuses an empty file, or one that is no msgsim trace, in one line that says what was expected', () => {
    const dir = tempDir();
    const file = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const expected = '\\(JSON Lines written by msgsim run --trace, one event a line\\)';
    for (const empty of [file('empty.jsonl', ''), file('blank.jsonl', '\n  \n\n')]) {
      expectUserError(msgsim('trace', empty), new RegExp(`^msgsim: .*${empty.replace(/.*\//, '')}: the file has no events; expected a msgsim trace ${expected}$`));
      expect(existsSync(empty.replace(/\.jsonl$/, '.svg'))).toBe(false);
    }
    const foreign = [
      file('results.csv', 'flow,sent\nf,3\n'),
      file('object.json', '{\n  "format": "msgsim-replay/1"\n}\n'),
      file('other.jsonl', '{"level":"info","msg":"started"}\n{"level":"warn","msg":"slow"}\n'),
      file('numbers.jsonl', '1\n2\n'),
    ];
    for (const path of foreign) {
      expectUserError(msgsim('trace', path), new RegExp(`^msgsim: .*${path.replace(/.*\//, '').replace('.', '\\.')}:1: not a msgsim trace ${expected}: line 1 (is not valid JSON|has no numeric "t" and known "type")`));
    }
  });
});

describe('protocol scenarios, check and replay', () => {
  it('runs a protocol from its module, checks its invariants, and reports that they held', () => {
    const out = tempDir();
    const run = msgsim('run', protocolScenario(tempDir(), 'atLeastOnceDeduplicated'), '--out', out);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('invariants: all held (3 messages sent, 3 delivered, 0 replies)');
    expect(existsSync(join(out, 'atLeastOnceDeduplicated', 'replay.json'))).toBe(false);
  });

  it('writes replay.json when check fails, and replay reproduces the run hash for hash', () => {
    const out = tempDir();
    const check = msgsim('check', protocolScenario(tempDir(), 'atLeastOnceNoDedupe'), '--out', out);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/invariants: VIOLATED: no_duplicates: message m\d from n0 was delivered to n1 twice/);
    expect(check.stdout).toContain('VIOLATION of no_duplicates');
    const file = join(out, 'atLeastOnceNoDedupe', 'replay.json');
    const replay = msgsim('replay', file);
    expect(replay.status, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain('hash chain: matches the recording, event for event');
    expect(replay.stdout).toContain('violation: reproduced: no_duplicates');
    // A recording that does not match the run is reported, with where they part.
    const recorded = JSON.parse(readFileSync(file, 'utf8')) as { hash: string; events: number };
    writeFileSync(file, JSON.stringify({ ...recorded, hash: '0000000000000000' }));
    const differs = msgsim('replay', file);
    expect(differs.status).toBe(1);
    expect(differs.stdout).toMatch(new RegExp(`hash chain: DIFFERS from the recording within events \\d+-${recorded.events - 1} .*, though every event is the same as recorded`));
    // An event of the recording that is no event is a mistake in the file.
    writeFileSync(file, JSON.stringify({ ...recorded, trace: [{ t: 0, type: 'send' }] }));
    expectUserError(msgsim('replay', file), /^msgsim: .*replay\.json: trace\[0\]: a "send" event needs an integer "frame"$/);
  });

  it('writes replay.json for any run with --replay, which replays to the same events', () => {
    const out = tempDir();
    expect(msgsim('run', 'scenarios/p2p-lossy.yaml', '--out', out, '--replay', '--no-messages').status).toBe(0);
    const replay = msgsim('replay', join(out, 'p2p-lossy', 'replay.json'));
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/p2p-lossy: replayed with seed \d+: \d+ events/);
    // Too long a run for the file to hold its events: the hash chain alone decides.
    expect(replay.stdout).toMatch(/hash chain: matches the recording \(\d+ events, hash [0-9a-f]{16}\)/);
  });

  it('names the first event that differs from a recording, with its number, time and both versions', () => {
    const out = tempDir();
    expect(msgsim('run', protocolScenario(tempDir(), 'atLeastOnceDeduplicated'), '--out', out, '--replay', '--no-messages').status).toBe(0);
    const file = join(out, 'atLeastOnceDeduplicated', 'replay.json');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    // The recording's events, one a line; alter one of them (a frame's size) in the middle.
    const recorded = lines.filter((line) => line.startsWith('    {"t":'));
    expect(recorded.length).toBe((JSON.parse(text) as { events: number }).events);
    const at = recorded.findIndex((line, i) => i >= recorded.length / 2 && line.includes('"type":"send"'));
    const original = recorded[at]!.trim().replace(/,$/, '');
    const altered = original.replace(/"bytes":(\d+)/, (_, bytes: string) => `"bytes":${Number(bytes) + 1}`);
    writeFileSync(file, text.replace(original, altered));
    const replay = msgsim('replay', file);
    expect(replay.status, replay.stderr).toBe(1);
    const t = (JSON.parse(original) as { t: number }).t;
    expect(replay.stdout).toContain(`  hash chain: DIFFERS from the recording: the first event that differs is event ${at + 1}, at t=${t}s:\n`);
    expect(replay.stdout).toContain(`    recorded: ${altered}\n    replayed: ${original}\n`);
  });

  it('names the first event that differs when a protocol is not deterministic, in a replay and with --verify-determinism', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'flaky.mjs'),
      `// Waits a random while before it sends: a run is no longer a function of its seed.
export const flaky = (node) => {
  const { clock, transport } = node.context;
  transport.onReceive((bytes) => node.deliver(JSON.parse(new TextDecoder().decode(bytes))));
  return { send: (message) => clock.setTimer(Math.random() / 1000, () => transport.send(message.to, new TextEncoder().encode(JSON.stringify(message)))) };
};
`,
    );
    writeFileSync(
      join(dir, 'flaky.yaml'),
      `name: flaky
seed: 1
until: 1s
nodes: [n0, n1]
links: [{ between: [n0, n1], bandwidth: 1Mbps, delay: 5ms }]
protocol: { module: ./flaky.mjs, export: flaky }
script:
  - { at: 0, from: n0, to: n1 }
  - { at: 1ms, from: n0, to: n1 }
invariants: [delivered]
`,
    );
    const out = tempDir();
    const run = msgsim('run', join(dir, 'flaky.yaml'), '--out', out, '--replay', '--trace', '--verify-determinism');
    expect(run.status, run.stderr).toBe(1);
    // The first run is the one traced; the runs part at the timer the first send sets.
    const trace = readFileSync(join(out, 'flaky', 'trace.jsonl'), 'utf8').trimEnd().split('\n');
    const at = trace.findIndex((line) => line.includes('"type":"app_send"')) + 1;
    expect(trace[at]).toMatch(/^\{"t":0,"type":"timer","node":"n0","action":"set",/);
    const sameUntilDue = (line: string): RegExp => new RegExp(`${line.replace(/"due":[^,}]+[,}].*$/, '').replace(/[{}[\]().+*?^$|\\]/g, '\\$&')}"due":`);
    expect(run.stdout).toContain(`  determinism: FAILED: the first event that differs is event ${at + 1}, at t=0s:\n    first run:  ${trace[at]}\n    second run: `);
    const second = /second run: (.*)/.exec(run.stdout)![1]!;
    expect(second).not.toBe(trace[at]);
    expect(second).toMatch(sameUntilDue(trace[at]!));
    const replay = msgsim('replay', join(out, 'flaky', 'replay.json'));
    expect(replay.status).toBe(1);
    expect(replay.stdout).toContain(`  hash chain: DIFFERS from the recording: the first event that differs is event ${at + 1}, at t=0s:\n    recorded: ${trace[at]}\n    replayed: `);
    expect(/replayed: (.*)/.exec(replay.stdout)![1]).toMatch(sameUntilDue(trace[at]!));
  });

  it('compares a long run with the trace of its recording, which its replay file is too small to hold', () => {
    const out = tempDir();
    expect(msgsim('run', 'scenarios/p2p-lossy.yaml', '--out', out, '--replay', '--trace', '--no-messages').status).toBe(0);
    const file = join(out, 'p2p-lossy', 'replay.json');
    expect(readFileSync(file, 'utf8')).not.toContain('{"t":');
    const traceFile = join(out, 'p2p-lossy', 'trace.jsonl');
    const trace = readFileSync(traceFile, 'utf8').split('\n');
    const at = 41234;
    const altered = trace[at]!.replace(/^\{"t":([^,]+),/, (_, t: string) => `{"t":${Number(t) + 1e-9},`);
    expect(altered).not.toBe(trace[at]);
    writeFileSync(traceFile, trace.map((line, i) => (i === at ? altered : line)).join('\n'));
    const replay = msgsim('replay', file, '--trace', traceFile);
    expect(replay.status, replay.stderr).toBe(1);
    expect(replay.stdout).toContain(`the first event that differs is event ${at + 1}, at t=${(JSON.parse(altered) as { t: number }).t}s:\n    recorded: ${altered}\n    replayed: ${trace[at]}\n`);
    // Without the trace, the replay file's hash chain still locates the stretch, and says what would tell more.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"hash": "[0-9a-f]+"/, '"hash": "0000000000000000"'));
    const alone = msgsim('replay', file);
    expect(alone.status).toBe(1);
    expect(alone.stdout).toMatch(/hash chain: DIFFERS from the recording within events \d+-\d+ \(.*\); give the recording's trace \(--trace\) to find the event/);
  });

  it("keeps a program's history in its replay file, and names the first entry of a replay's history that differs", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'flood.yaml'),
      `name: flood
nodes: 3
topology: { kind: full-mesh, link: { bandwidth: 1Gbps, delay: 10ms } }
program: { module: ${PROGRAMS}, export: flooding }
workload: { kind: broadcast, topology: total }
clients: { concurrency: 2, rate: 10, duration: 1s, recovery: 1s }
`,
    );
    const out = tempDir();
    expect(msgsim('run', join(dir, 'flood.yaml'), '--out', out, '--replay').status).toBe(0);
    const file = join(out, 'flood', 'replay.json');
    const text = readFileSync(file, 'utf8');
    // The entries are history.jsonl's lines, one a line in the file.
    const history = readFileSync(join(out, 'flood', 'history.jsonl'), 'utf8').trimEnd().split('\n');
    for (const line of history) expect(text).toContain(`\n      ${line}`);
    const recorded = JSON.parse(text) as { history: { count: number; hash: string } };
    expect(recorded.history.count).toBe(history.length);
    const replay = msgsim('replay', file);
    expect(replay.status, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain(`history: matches the recording, entry for entry (${history.length} entries, hash ${recorded.history.hash})`);
    expect(replay.stdout).toMatch(/workload:broadcast +lost +0 +0 +ok/);
    // One entry altered: the replay names it, with both versions.
    const at = history.findIndex((line) => line.includes('"type":"ok"'));
    const altered = history[at]!.replace(/"time":([^}]+)/, (_, t: string) => `"time":${Number(t) + 1}`);
    writeFileSync(file, text.replace(history[at]!, altered));
    const differs = msgsim('replay', file);
    expect(differs.status).toBe(1);
    expect(differs.stdout).toContain(`  history: DIFFERS from the recording: the first entry that differs is entry ${at + 1}:\n    recorded: ${altered}\n    replayed: ${history[at]}\n`);
    // A digest alone (a history too long for the file) is compared by its hash.
    writeFileSync(file, JSON.stringify({ ...JSON.parse(text), history: { count: recorded.history.count, hash: '0000000000000000' } }));
    const digest = msgsim('replay', file);
    expect(digest.status).toBe(1);
    expect(digest.stdout).toContain(`  history: DIFFERS from the recording: ${history.length} entries, hash ${recorded.history.hash} (recorded ${history.length} entries, hash 0000000000000000)`);
    // An entry that is no history entry is a mistake in the file.
    writeFileSync(file, JSON.stringify({ ...JSON.parse(text), history: { count: 1, hash: recorded.history.hash, entries: [{ process: -1 }] } }));
    expectUserError(msgsim('replay', file), /^msgsim: .*replay\.json: history\.entries\[0\]: process: -1; expected the client process/);
  });

  it('gives one line and exit code 2 for a bad replay file or a protocol module that is not there', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.json'), '{"format": "something else"}');
    expectUserError(msgsim('replay', join(dir, 'r.json')), /^msgsim: .*r\.json: format: not a replay file/);
    const scenario = protocolScenario(dir, 'atLeastOnceDeduplicated').replace(/\.yaml$/, '.yaml');
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace(PROTOCOLS, './nowhere.ts'));
    expectUserError(msgsim('run', scenario, '--out', tempDir()), /^msgsim: .*\.yaml: protocol\.module: .*nowhere\.ts does not exist/);
    expectUserError(msgsim('validate', scenario), /^msgsim: .*\.yaml: protocol\.module: .*nowhere\.ts does not exist/);
    // Modules are loaded before anything runs: a good scenario before the bad one writes nothing.
    const out = tempDir();
    expectUserError(msgsim('run', 'scenarios/p2p-basic.yaml', scenario, '--out', out), /nowhere\.ts does not exist/);
    expect(existsSync(join(out, 'p2p-basic'))).toBe(false);
  });
});
