/**
 * The checker against outside histories with known verdicts: every Jepsen etcd log and kv
 * history in test/fixtures/jepsen/ (Porcupine's test data) gets the verdict recorded for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from '../../../src/stats/history/check.js';
import { casRegisterModel, kvModel } from '../../../src/stats/history/models.js';
import { readHistory } from '../../../src/stats/history/read.js';

const ROOT = 'test/fixtures/jepsen';

function etcdVerdicts(): [string, boolean][] {
  const rows = readFileSync(join(ROOT, 'jepsen-etcd/verdicts.csv'), 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => {
    const [file, verdict] = row.split(',');
    return [file!, verdict === 'true'];
  });
}

function verdictOf(path: string, model: typeof casRegisterModel | typeof kvModel): string {
  const history = readHistory(readFileSync(path, 'utf8'), path);
  return checkLinearizable(history.entries, model).verdict;
}

describe('the Jepsen etcd histories', () => {
  const verdicts = etcdVerdicts();

  it('are all listed in verdicts.csv', () => {
    const files = readdirSync(join(ROOT, 'jepsen-etcd')).filter((name) => name.endsWith('.log')).sort();
    expect(verdicts.map(([file]) => file).sort()).toEqual(files);
  });

  it.each(verdicts)('%s: linearizable = %s, as recorded', (file, linearizable) => {
    expect(verdictOf(join(ROOT, 'jepsen-etcd', file), casRegisterModel), file).toBe(linearizable ? 'linearizable' : 'not-linearizable');
  });
});

describe('the kv histories', () => {
  const files = readdirSync(join(ROOT, 'kv')).filter((name) => name.endsWith('.txt')).sort();

  it('are there, each named -ok or -bad', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/-(ok|bad)\.txt$/);
  });

  it.each(files)('%s gets the verdict its name says', (file) => {
    expect(verdictOf(join(ROOT, 'kv', file), kvModel), file).toBe(file.endsWith('-ok.txt') ? 'linearizable' : 'not-linearizable');
  });
});
