/**
 * `msgsim linearizable`: exit 0 for a linearizable history, 1 for one that is not (with the
 * counterexample), 2 for a history or option that cannot be used; the README shows its help
 * as the command prints it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineError, msgsim, tempDir } from '../support/cli.js';

const ETCD = 'test/fixtures/jepsen/jepsen-etcd';
const KV = 'test/fixtures/jepsen/kv';

function historyFile(name: string, lines: readonly object[] | string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, typeof lines === 'string' ? lines : lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return file;
}

const writeThenRead = (read: unknown): object[] => [
  { process: 0, type: 'invoke', f: 'write', value: 1, time: 0 },
  { process: 0, type: 'ok', f: 'write', value: 1, time: 0.1 },
  { process: 1, type: 'invoke', f: 'read', value: null, time: 0.2 },
  { process: 1, type: 'ok', f: 'read', value: read, time: 0.3 },
];

describe('msgsim linearizable', () => {
  it('checks a register model per key when the history names keys, as a lin-kv workload writes it', () => {
    // Key 0 holds 1 and key 1 holds 2: fine per key; as one register the read of 1 after the write of 2 is not.
    const keyed = [
      { process: 0, type: 'invoke', f: 'write', key: 0, value: 1, time: 0 },
      { process: 0, type: 'ok', f: 'write', key: 0, value: 1, time: 0.1 },
      { process: 1, type: 'invoke', f: 'write', key: 1, value: 2, time: 0.2 },
      { process: 1, type: 'ok', f: 'write', key: 1, value: 2, time: 0.3 },
      { process: 0, type: 'invoke', f: 'read', key: 0, value: null, time: 0.4 },
      { process: 0, type: 'ok', f: 'read', key: 0, value: 1, time: 0.5 },
    ];
    const perKey = msgsim('linearizable', historyFile('keyed.jsonl', keyed), '--model', 'cas-register');
    expect(perKey.status, perKey.stdout + perKey.stderr).toBe(0);
    expect(perKey.stdout).toMatch(/linearizable under the cas-register per key model \(3 operations, 0 with unknown outcome, 2 keys;/);
    const stale = [...keyed.slice(0, 4), { ...keyed[4]!, key: 1 }, { ...keyed[5]!, key: 1 }];
    expect(msgsim('linearizable', historyFile('stale.jsonl', stale), '--model', 'register').status).toBe(1);
  });

  it('exits 0 for a linearizable Jepsen etcd log, checked as a cas register', () => {
    const result = msgsim('linearizable', join(ETCD, 'etcd_045.log'));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^test\/fixtures\/jepsen\/jepsen-etcd\/etcd_045\.log: linearizable under the cas-register model \(84 operations, 15 with unknown outcome; \d+ search steps\)\n$/);
  });

  it('exits 1 for one that is not, with the end of the longest linearizable prefix and what cannot follow it', () => {
    const result = msgsim('linearizable', join(ETCD, 'etcd_000.log'));
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/etcd_000\.log: not linearizable under the cas-register model/);
    expect(lines[1]).toMatch(/^  longest linearizable prefix: \d+ of 85 operations; its last 8:$/);
    expect(lines).toContain('  then the state is 0, and none of these can be linearized next:');
    expect(lines.at(-1)).toMatch(/^    process 11 read -> 2 +lines 85-86 +refused in this state$/);
  });

  it('checks an EDN kv history as kv, and names the key that fails', () => {
    expect(msgsim('linearizable', join(KV, 'c10-ok.txt')).status).toBe(0);
    const bad = msgsim('linearizable', join(KV, 'c10-bad.txt'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/c10-bad\.txt: not linearizable under the kv model at key "0"/);
  });

  it('checks a msgsim history.jsonl against the --model named', () => {
    expect(msgsim('linearizable', historyFile('good.jsonl', writeThenRead(1)), '--model', 'register').status).toBe(0);
    const stale = msgsim('linearizable', historyFile('stale.jsonl', writeThenRead(null)), '--model', 'register');
    expect(stale.status).toBe(1);
    expect(stale.stdout).toMatch(/process 1 read -> null +lines 3-4, t=0\.2-0\.3 s +refused in this state/);
  });

  it('exits 2 with one line for a history or option it cannot use', () => {
    const good = historyFile('good.jsonl', writeThenRead(1));
    expectOneLineError(msgsim('linearizable', good), /good\.jsonl: --model: missing; a msgsim history needs one of: register, cas-register, kv$/);
    expectOneLineError(msgsim('linearizable', good, '--model', 'queue'), /--model: unknown model "queue"; expected one of: register, cas-register, kv$/);
    expectOneLineError(msgsim('linearizable', good, '--model', 'kv'), /good\.jsonl:1: f: "write" is not an operation of the kv model; expected one of: get, put, append$/);
    expectOneLineError(msgsim('linearizable', good, '--max-steps', '0'), /--max-steps: 0 is not a count/);
    expectOneLineError(msgsim('linearizable', join(tempDir(), 'none.jsonl')), /none\.jsonl: cannot read \(no such file\)$/);
    const broken = historyFile('broken.jsonl', '{"process":0,"type":"invoke","f":"read","value":null}\n{"process":0,"type":"ok"\n');
    expectOneLineError(msgsim('linearizable', broken, '--model', 'register'), /broken\.jsonl:2: not JSON; expected one entry of msgsim history\.jsonl/);
    const unknownF = historyFile('incr.jsonl', [{ process: 0, type: 'invoke', f: 'incr', value: 1 }]);
    expectOneLineError(msgsim('linearizable', unknownF, '--model', 'register'), /incr\.jsonl:1: f: "incr" is not an operation of the register model; expected one of: read, write$/);
    expectOneLineError(msgsim('linearizable', historyFile('x.csv', 'a,b\n1,2\n')), /x\.csv: not a history; expected msgsim history\.jsonl/);
  });

  it('exits 1, undecided, when the search runs out of steps', () => {
    const result = msgsim('linearizable', join(ETCD, 'etcd_002.log'), '--max-steps', '10');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/undecided under the cas-register model: the search ran out of steps/);
  });

  it('has its help in the README as the command prints it, and its line among the commands', () => {
    const readme = readFileSync('README.md', 'utf8');
    const help = msgsim('linearizable', '--help').stdout;
    // The README writes an option without a short alias at the margin, its text where it was.
    const options = help
      .slice(help.indexOf('Options:\n') + 'Options:\n'.length)
      .trimEnd()
      .split('\n')
      .filter((line) => !/--(version|help)\b/.test(line))
      .map((line) => line.replace(/^ {6}(--\S+)/, (_, name: string) => `  ${name}    `));
    const block = readme.slice(readme.indexOf('Options of linearizable:\n') + 'Options of linearizable:\n'.length).split(/\n\n|\n```/)[0]!.split('\n');
    expect(block).toEqual(options);
    const commands = (text: string): string => text.slice(text.indexOf('Commands:'), text.indexOf('\n\n', text.indexOf('Commands:')));
    expect(commands(readme)).toBe(commands(msgsim('--help').stdout));
  });
});
