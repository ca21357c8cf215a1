/**
 * The linearizability benchmark: every Jepsen etcd history and every kv history of
 * test/fixtures/jepsen/ read and checked (as `msgsim linearizable` does), each timed, in one
 * process; the figures are the total over the etcd logs, the slowest of them, and each kv
 * history's time. Each verdict must be the one recorded for the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkLinearizable } from '../stats/history/check.js';
import { casRegisterModel, kvModel } from '../stats/history/models.js';
import type { Model } from '../stats/history/model.js';
import { readHistory } from '../stats/history/read.js';

const ROOT = new URL('../../test/fixtures/jepsen/', import.meta.url);
const ETCD = new URL('jepsen-etcd/', ROOT);
const KV = new URL('kv/', ROOT);

/** The kv histories, by file name (the benchmark's metrics are named after them). */
export const KV_FILES: readonly string[] = readdirSync(KV).filter((name) => name.endsWith('.txt')).sort();

/** Seconds to read and check one file; throws when the verdict is not the expected one. */
function timeFile(url: URL, model: Model, linearizable: boolean): number {
  const start = performance.now();
  const history = readHistory(readFileSync(url, 'utf8'), url.pathname);
  const { verdict } = checkLinearizable(history.entries, model);
  const seconds = (performance.now() - start) / 1000;
  if (verdict !== (linearizable ? 'linearizable' : 'not-linearizable')) throw new Error(`${url.pathname}: ${verdict}, expected linearizable = ${linearizable}`);
  return seconds;
}

/** Runs the benchmark once. */
export function lincheck(): Record<string, number> {
  const verdicts = readFileSync(new URL('verdicts.csv', ETCD), 'utf8').trim().split('\n').slice(1).map((row) => row.split(','));
  const etcd = verdicts.map(([file, linearizable]) => timeFile(new URL(file!, ETCD), casRegisterModel, linearizable === 'true'));
  const figures: Record<string, number> = { etcd_total_s: etcd.reduce((a, b) => a + b, 0), etcd_max_s: Math.max(...etcd) };
  for (const file of KV_FILES) figures[`${file.replace(/\.txt$/, '')}_s`] = timeFile(new URL(file, KV), kvModel, file.endsWith('-ok.txt'));
  return figures;
}
