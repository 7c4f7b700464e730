/** Messages between the emulator and a function instance (a child process running runner.ts). */

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  event: unknown;
  context: Record<string, unknown>;
  /** Per-invocation environment (WX_OPENID, …) that getWXContext() reads; null removes a variable (JSON drops undefined). */
  env: Record<string, string | null>;
}

export type RunnerMessage =
  | { type: 'ready' }
  | { type: 'load-error'; message: string }
  | { type: 'result'; id: number; ok: true; response: string }
  | { type: 'result'; id: number; ok: false; message: string };
