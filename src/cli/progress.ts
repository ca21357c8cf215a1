/**
 * Progress of a long sweep on stderr: a bar with runs done, rate and time left when stderr is
 * a terminal (cli-progress), and otherwise one plain line per tenth of the way, so logs stay
 * short.
 */
import { SingleBar } from 'cli-progress';

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
