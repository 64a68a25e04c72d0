/**
 * A one-line progress bar on stderr: `parse   [██████░░░░░░░░░░]  41%`. Drawn only on a TTY, and only
 * for big inputs or once the run has taken over a second, so quick runs and logs stay clean.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

const BAR = 24;
const REDRAW_MS = 80;

export class ProgressBar {
  private phaseLabel = '';
  private shown = false;
  private lastDraw = 0;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly opts: { enabled: boolean; eager: boolean; delayMs?: number; now?: () => number },
  ) {
    this.started = this.now();
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private get active(): boolean {
    return this.opts.enabled && this.stream.isTTY === true;
  }

  phase(label: string, fraction = 0): void {
    this.phaseLabel = label;
    this.update(fraction, true);
  }

  update(fraction: number, force = false): void {
    if (!this.active) return;
    const t = this.now();
    if (!this.shown && !this.opts.eager && t - this.started < (this.opts.delayMs ?? 1000)) return;
    if (!force && t - this.lastDraw < REDRAW_MS && fraction < 1) return;
    this.lastDraw = t;
    this.shown = true;
    const f = Math.max(0, Math.min(1, fraction));
    const filled = Math.round(f * BAR);
    const line = `${this.phaseLabel.padEnd(8)} [${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%`;
    this.stream.write(`\r${line}`);
  }

  /** Clears the bar so the next output starts on a clean line. */
  done(): void {
    if (this.shown) this.stream.write(`\r${' '.repeat(Math.min(this.stream.columns ?? 60, 60))}\r`);
    this.shown = false;
  }
}
