/** A listener list with the on/off semantics of wx: `off(fn)` removes one, `off()` removes all. */
export class ListenerSet<T> {
  private readonly listeners: Array<(value: T) => void> = [];

  add = (listener: (value: T) => void): void => {
    if (typeof listener === 'function') this.listeners.push(listener);
  };

  remove = (listener?: (value: T) => void): void => {
    if (!listener) {
      this.listeners.length = 0;
      return;
    }
    const index = this.listeners.indexOf(listener);
    if (index >= 0) this.listeners.splice(index, 1);
  };

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  get size(): number {
    return this.listeners.length;
  }

  clear(): void {
    this.listeners.length = 0;
  }
}
