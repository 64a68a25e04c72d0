/**
 * Peak RSS during a synchronous phase. The main thread is busy while the engine runs, so a worker
 * thread samples the process RSS (process-wide, read from the OS) every millisecond or two and keeps
 * the maximum in shared memory. Native and typed-array memory are included, unlike heap figures.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const peakKb = new Int32Array(workerData);
setInterval(() => {
  const kb = Math.round(process.memoryUsage.rss() / 1024);
  if (kb > Atomics.load(peakKb, 0)) Atomics.store(peakKb, 0, kb);
}, 1);
`;

export class RssSampler {
  private readonly peakKb = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.peakKb.buffer });
    this.worker.unref();
  }

  /** Starts a phase: the peak restarts from the current RSS. */
  reset(): number {
    const kb = Math.round(process.memoryUsage.rss() / 1024);
    Atomics.store(this.peakKb, 0, kb);
    return kb;
  }

  /** Highest RSS (KB) seen since the last reset, this moment included. */
  peak(): number {
    const now = Math.round(process.memoryUsage.rss() / 1024);
    return Math.max(now, Atomics.load(this.peakKb, 0));
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
