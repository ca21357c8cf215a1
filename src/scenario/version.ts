/**
 * The version of msgsim, as package.json gives it: what replay files and stored sweep runs
 * are stamped with, and what `msgsim --version` prints.
 */
import { readFileSync } from 'node:fs';

/** The version of this msgsim. */
export const MSGSIM_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
