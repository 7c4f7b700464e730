/**
 * The warm instances of one function, as on the platform: each instance runs one request at a time,
 * up to `maxInstances` run side by side, further requests wait their turn, idle ones are reaped.
 */
import { CloudCode, CloudError } from '../errors';
import { FunctionInstance, type InstanceOptions, type Outcome } from './instance';
import type { InvokeMessage } from './protocol';

export interface PoolOptions extends InstanceOptions {
  maxInstances: number;
  idleMs: number;
}

export class FunctionPool {
  private readonly options: PoolOptions;
  private readonly idle: FunctionInstance[] = [];
  private readonly busy = new Set<FunctionInstance>();
  private readonly waiters: Array<{ resolve(i: FunctionInstance): void; reject(e: unknown): void }> = [];
  private readonly reaper: NodeJS.Timeout;
  private closed = false;

  constructor(options: PoolOptions) {
    this.options = options;
    this.reaper = setInterval(() => this.reap(), Math.max(1000, Math.min(options.idleMs, 30000)));
    this.reaper.unref();
  }

  get size(): number {
    return this.idle.length + this.busy.size;
  }

  async invoke(
    event: unknown,
    context: Record<string, unknown>,
    env: InvokeMessage['env'],
    timeoutMs: number,
  ): Promise<Outcome> {
    let instance: FunctionInstance;
    try {
      instance = await this.acquire();
    } catch (error) {
      return { ok: false, error: error as CloudError };
    }
    try {
      return await instance.run(event, context, env, timeoutMs);
    } finally {
      this.release(instance);
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.reaper);
    const closing = new CloudError(CloudCode.FUNCTIONS_REQUEST_FAIL, 'the emulator is shutting down');
    for (const waiter of this.waiters.splice(0)) waiter.reject(closing);
    for (const instance of [...this.idle, ...this.busy]) instance.kill();
    this.idle.length = 0;
    this.busy.clear();
  }

  private async acquire(): Promise<FunctionInstance> {
    while (this.idle.length > 0) {
      const instance = this.idle.pop() as FunctionInstance;
      if (instance.alive) return this.claim(instance);
    }
    if (this.size < this.options.maxInstances) {
      const instance = this.claim(new FunctionInstance(this.options));
      try {
        await instance.ready();
      } catch (err) {
        instance.kill();
        this.busy.delete(instance);
        this.handOver();
        throw err;
      }
      return instance;
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private claim(instance: FunctionInstance): FunctionInstance {
    this.busy.add(instance);
    return instance;
  }

  private release(instance: FunctionInstance): void {
    this.busy.delete(instance);
    instance.lastUsed = Date.now();
    if (this.closed) {
      instance.kill();
      return;
    }
    if (instance.alive) this.idle.push(instance);
    this.handOver();
  }

  /** Gives a freed (or newly allowed) instance to the longest-waiting request. */
  private handOver(): void {
    const waiter = this.waiters.shift();
    if (!waiter) return;
    this.acquire().then(waiter.resolve, waiter.reject);
  }

  private reap(): void {
    const cutoff = Date.now() - this.options.idleMs;
    for (const instance of this.idle.filter((i) => i.lastUsed < cutoff || !i.alive)) {
      instance.kill();
      this.idle.splice(this.idle.indexOf(instance), 1);
    }
  }
}
