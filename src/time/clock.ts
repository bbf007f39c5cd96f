/** Every rule reads time through a Clock, so tests and the sandbox can move it. */
export interface Clock {
  now(): Date;
  /** Called after the time is set by hand (sandbox), so due jobs can fire at once. */
  onChange(listener: () => void): () => void;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
  onChange(): () => void {
    return () => {};
  }
}

/** A clock that can be set; it keeps running from the time it was set to unless frozen. */
export class SettableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(start?: Date, options: { frozen?: boolean } = {}) {
    if (start) this.set(start, options);
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  set(at: Date, options: { frozen?: boolean } = {}): void {
    if (options.frozen) {
      this.frozenAt = at.getTime();
    } else {
      this.frozenAt = null;
      this.offsetMs = at.getTime() - Date.now();
    }
    for (const listener of this.listeners) listener();
  }

  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms), { frozen: this.frozenAt !== null });
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
