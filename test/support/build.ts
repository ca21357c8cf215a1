/**
 * Global setup: compile src/ to dist/ once before the tests, so that tests which spawn the
 * real `msgsim` command run the code under test, not a stale build.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
