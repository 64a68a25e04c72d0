/**
 * One call counter per fake service. Every method of a fake that would be a round trip to Google
 * (reading or writing the spreadsheet, the properties store, the lock, the session) records itself
 * here; builders that only assemble a value locally (rich text, conditional format rules, chart
 * specs) record into `local` instead, so "service calls per refresh" means round trips.
 */
export class CallCounter {
  readonly byMethod = new Map<string, number>();
  readonly local = new Map<string, number>();
  total = 0;

  constructor(readonly service: string) {}

  hit(method: string): void {
    this.total++;
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
  }

  hitLocal(method: string): void {
    this.local.set(method, (this.local.get(method) ?? 0) + 1);
  }

  count(method: string): number {
    return this.byMethod.get(method) ?? 0;
  }

  reset(): void {
    this.total = 0;
    this.byMethod.clear();
    this.local.clear();
  }

  /** Sorted `method → count` for readable assertion failures. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.byMethod.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
