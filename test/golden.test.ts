/**
 * Golden results: each shipped scenario, at its own seed, must keep producing the same
 * summary.csv and links.csv (compared as text) and the same messages.csv, deliveries.csv and
 * broadcasts.csv (compared by SHA-256); each shipped sweep the same aggregate.csv (as text)
 * and runs.csv (by SHA-256). A change
 * that moves any result shows up here; if it is intended, update with `npx vitest -u`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { broadcastsCsv, deliveriesCsv } from '../src/experiment/delivery-results.js';
import { linksCsv, messagesCsv, summaryCsv } from '../src/experiment/results.js';
import { parseScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/scenario/simulation.js';
import { checkRun } from '../src/stats/checks/index.js';
import { runSweep } from '../src/sweep/runner.js';
import { tempDir } from './support/cli.js';

describe('golden results of shipped scenarios', () => {
  for (const file of readdirSync('scenarios').filter((name) => name.endsWith('.yaml')).sort()) {
    it(`reproduces ${file}`, async () => {
      const scenario = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
      const record = await runScenario(scenario);
      const digest = (chunks: Iterable<string>): string => {
        const hash = createHash('sha256');
        for (const chunk of chunks) hash.update(chunk);
        return hash.digest('hex');
      };
      const digests = [
        `${digest(messagesCsv(record))}  messages.csv`,
        `${digest(deliveriesCsv(record))}  deliveries.csv`,
        `${digest([broadcastsCsv(record)])}  broadcasts.csv`,
      ];
      await expect(summaryCsv(checkRun(record))).toMatchFileSnapshot(`golden/${scenario.name}.summary.csv`);
      await expect(linksCsv(record)).toMatchFileSnapshot(`golden/${scenario.name}.links.csv`);
      await expect(`${digests.join('\n')}\n`).toMatchFileSnapshot(`golden/${scenario.name}.sha256`);
    });
  }
});

describe('golden results of shipped sweeps', () => {
  for (const file of readdirSync('scenarios/sweeps').filter((name) => name.endsWith('.yaml')).sort()) {
    it(`reproduces sweeps/${file}`, async () => {
      const out = tempDir();
      const { sweep } = await runSweep({ text: readFileSync(`scenarios/sweeps/${file}`, 'utf8'), file: `scenarios/sweeps/${file}`, out });
      await expect(readFileSync(join(out, sweep.name, 'aggregate.csv'), 'utf8')).toMatchFileSnapshot(`golden/sweeps/${sweep.name}.aggregate.csv`);
      const runs = createHash('sha256').update(readFileSync(join(out, sweep.name, 'runs.csv'))).digest('hex');
      await expect(`${runs}  runs.csv\n`).toMatchFileSnapshot(`golden/sweeps/${sweep.name}.sha256`);
    });
  }
});
