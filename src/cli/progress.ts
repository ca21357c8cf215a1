/**
 * Progress on stderr, in the form that suits where stderr goes: of a long sweep, a bar with
 * runs done, rate and time left on a terminal (cli-progress), and otherwise one plain line
 * per tenth of the way, so logs stay short; of a long run, a line with virtual time, events
 * and their rate.
 */
import { SingleBar } from 'cli-progress';
import { formatQuantity } from '../scenario/units.js';

/** Reports progress; call `update` after every run and `stop` at the end. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** Progress for `label` on stderr, in the form that suits where stderr goes. */
export function progressOn(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY === true) {
    const bar = new SingleBar({
      stream,
      format: `${label} [{bar}] {value}/{total} runs | {rate} runs/s | ETA {eta_formatted}`,
      barsize: 30,
      hideCursor: true,
      etaBuffer: 50,
    });
    const start = Date.now();
    let started = false;
    return {
      update(done, total) {
        const rate = (done / Math.max(1e-3, (Date.now() - start) / 1000)).toFixed(1);
        if (!started) {
          bar.start(total, done, { rate });
          started = true;
        } else {
          bar.update(done, { rate });
        }
      },
      stop: () => bar.stop(),
    };
  }
  let reported = -1;
  return {
    update(done, total) {
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth === reported) return;
      reported = tenth;
      stream.write(`${label}: ${done}/${total} runs (${tenth * 10}%)\n`);
    },
    stop: () => undefined,
  };
}

/** How far a run has got: virtual time and events (see engine/simulator.ts). */
export interface RunProgressStatus {
  readonly now: number;
  readonly events: number;
}

/** Reports a run's progress; `stop` clears what it drew. */
export interface RunProgress {
  update(status: RunProgressStatus): void;
  stop(): void;
}

/** Runs shorter than this, in wall-clock milliseconds, show no progress at all. */
const QUIET_MS = 1000;
/** How often a terminal line is redrawn, and (without `until`) a log line written, in ms. */
const REDRAW_MS = 200;
const LOG_EVERY_MS = 10_000;

/**
 * Progress of one long run on stderr: on a terminal, one line redrawn in place with virtual
 * time, events, events per second and, when `until` is known, the share done and an ETA;
 * otherwise a plain line per tenth of `until` (every 10 s without one). Runs that finish
 * within a second print nothing.
 */
export function runProgressOn(
  label: string,
  untilSeconds: number | undefined,
  stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'> = process.stderr,
  clockMs: () => number = Date.now,
): RunProgress {
  const start = clockMs();
  let lastDraw = 0;
  let drawn = false;
  let reportedTenth = 0;
  const describe = ({ now, events }: RunProgressStatus, elapsedMs: number): string => {
    const rate = events / Math.max(1e-3, elapsedMs / 1000);
    const parts = [`${label}: t=${formatQuantity(now, 'duration', 4)}`];
    if (untilSeconds !== undefined) parts[0] += ` of ${formatQuantity(untilSeconds, 'duration', 4)} (${Math.floor((100 * now) / untilSeconds)}%)`;
    parts.push(`${count(events)} events`, `${count(rate)} events/s`);
    if (untilSeconds !== undefined && now > 0) parts.push(`ETA ${Math.ceil(((untilSeconds - now) / now) * (elapsedMs / 1000))}s`);
    return parts.join(' | ');
  };
  return {
    update(status) {
      const elapsed = clockMs() - start;
      if (elapsed < QUIET_MS) return;
      if (stream.isTTY === true) {
        if (elapsed - lastDraw < REDRAW_MS) return;
        lastDraw = elapsed;
        const line = describe(status, elapsed);
        stream.write(`\r\u001b[2K${(stream.columns ?? 0) > 0 ? line.slice(0, stream.columns - 1) : line}`);
        drawn = true;
        return;
      }
      if (untilSeconds !== undefined && untilSeconds > 0) {
        const tenth = Math.floor((10 * status.now) / untilSeconds);
        if (tenth <= reportedTenth) return;
        reportedTenth = tenth;
      } else {
        if (elapsed - lastDraw < LOG_EVERY_MS) return;
        lastDraw = elapsed;
      }
      stream.write(`${describe(status, elapsed)}\n`);
    },
    stop() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}

/** A count in a few digits: 950, 12.3k, 4.56M. */
function count(value: number): string {
  if (value < 1e3) return value.toFixed(0);
  return value < 1e6 ? `${(value / 1e3).toPrecision(3)}k` : `${(value / 1e6).toPrecision(3)}M`;
}
