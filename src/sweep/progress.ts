/**
 * Progress of a long batch: a bar (cli-progress: done/total, rate, ETA) on an interactive terminal, plain
 * lines at most every `every` seconds (and at the end) when stderr is not a TTY or CI is set.
 */
import { SingleBar } from "cli-progress";

export interface Progress {
  tick(done: number): void;
  stop(): void;
}

export function createProgress(
  label: string,
  total: number,
  options: { quiet?: boolean; every?: number; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || total === 0) return { tick() {}, stop() {} };
  const started = Date.now();
  if (stream.isTTY && !process.env.CI) {
    const bar = new SingleBar({
      stream,
      format: `${label} [{bar}] {value}/{total} units | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
    });
    bar.start(total, 0, { rate: "0.0" });
    return {
      tick(done) {
        bar.update(done, { rate: (done / Math.max(1e-3, (Date.now() - started) / 1000)).toFixed(1) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  const every = (options.every ?? 10) * 1000;
  let last = started;
  const line = (done: number) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = done / Math.max(1e-3, seconds);
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    stream.write(
      `${label}: ${done}/${total} units (${Math.floor((100 * done) / total)}%), ${rate.toFixed(2)}/s, ETA ${eta}s\n`,
    );
  };
  return {
    tick(done) {
      const now = Date.now();
      if (now - last >= every || done === total) {
        last = now;
        line(done);
      }
    },
    // The last tick (done === total) already printed the final line.
    stop() {},
  };
}
