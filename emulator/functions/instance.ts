/** One warm instance of a cloud function: a child process that runs one invocation at a time. */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CloudCode, CloudError } from '../errors';
import type { InvokeMessage, RunnerMessage } from './protocol';

const RUNNER = path.join(__dirname, 'runner.ts');
// `--import tsx` lets the runner (and TypeScript function sources) load without a build step.
const TSX_LOADER = pathToFileURL(createRequire(__filename).resolve('tsx')).href;

export interface InstanceOptions {
  name: string;
  entry: string;
  /** The instance's memory (cloudbaserc.json `memorySize`): caps the V8 heap of its process. */
  memoryMb: number;
  env: NodeJS.ProcessEnv;
  startTimeoutMs: number;
  log: (line: string) => void;
}

export type Outcome = { ok: true; response: string } | { ok: false; error: CloudError };

function pipeLines(stream: NodeJS.ReadableStream | null, prefix: string, log: (line: string) => void): void {
  let pending = '';
  stream?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) log(`${prefix} ${line}`);
  });
}

export class FunctionInstance {
  readonly child: ChildProcess;
  lastUsed = Date.now();
  private exited = false;
  /** Set as SIGKILL is sent: the 'exit' event comes later, and the pool must not reuse it meanwhile. */
  private killed = false;
  private nextId = 1;
  private readonly options: InstanceOptions;

  constructor(options: InstanceOptions) {
    this.options = options;
    this.child = fork(RUNNER, [options.entry], {
      cwd: path.dirname(options.entry),
      env: options.env,
      // The heap cap stands in for the instance's memory: past it the process dies, as an instance
      // over its memory does (Buffers live outside the V8 heap, so this is a lower bound of the real cap).
      execArgv: ['--import', TSX_LOADER, `--max-old-space-size=${options.memoryMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.once('exit', () => (this.exited = true));
    // A message sent to an instance that died a moment ago (kill -9, over its memory) fails with EPIPE
    // as an 'error' event; unheard, that event would take the whole emulator down with it.
    this.child.on('error', (error) => {
      options.log(`[fn ${options.name}] instance process error: ${error.message}`);
      this.kill();
    });
    pipeLines(this.child.stdout, `[fn ${options.name}]`, options.log);
    pipeLines(this.child.stderr, `[fn ${options.name}]`, options.log);
  }

  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /** Resolves once the module is loaded; a module that fails to load is an execution failure. */
  ready(): Promise<void> {
    return this.await(
      (message, done) => {
        if (message.type === 'ready') done.resolve(undefined);
        if (message.type === 'load-error')
          done.reject(failure(`function ${this.options.name} failed to load: ${message.message}`));
      },
      this.options.startTimeoutMs,
      'start',
    ).then(() => undefined);
  }

  run(
    event: unknown,
    context: Record<string, unknown>,
    env: InvokeMessage['env'],
    timeoutMs: number,
  ): Promise<Outcome> {
    const id = this.nextId++;
    const message: InvokeMessage = { type: 'invoke', id, event, context, env };
    const outcome = this.await<Outcome>(
      (reply, done) => {
        if (reply.type !== 'result' || reply.id !== id) return;
        done.resolve(
          reply.ok ? { ok: true, response: reply.response } : { ok: false, error: failure(reply.message) },
        );
      },
      timeoutMs,
      'run',
    );
    this.child.send(message);
    return outcome.catch((error: CloudError) => ({ ok: false, error }));
  }

  kill(): void {
    this.killed = true;
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Waits for the message `onMessage` settles on, the process dying, or the time limit. */
  private await<T>(
    onMessage: (m: RunnerMessage, done: { resolve(v: T): void; reject(e: CloudError): void }) => void,
    timeoutMs: number,
    phase: 'start' | 'run',
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.child.off('message', listener);
        this.child.off('exit', onExit);
        this.child.off('error', onError);
      };
      const done = {
        resolve: (v: T) => (cleanup(), resolve(v)),
        reject: (e: CloudError) => (cleanup(), reject(e)),
      };
      const listener = (m: RunnerMessage) => onMessage(m, done);
      const onExit = (code: number | null, signal: string | null) =>
        done.reject(failure(exitReason(this.options, code, signal, phase)));
      const onError = (error: Error) =>
        done.reject(
          failure(`function ${this.options.name} instance failed during ${phase}: ${error.message}`),
        );
      const timer = setTimeout(() => {
        this.kill();
        const message =
          phase === 'run'
            ? `Invoking task timed out after ${timeoutMs} ms`
            : `function ${this.options.name} did not start within ${timeoutMs} ms`;
        done.reject(new CloudError(CloudCode.FUNCTIONS_TIME_LIMIT_EXCEEDED, message));
      }, timeoutMs);
      this.child.on('message', listener);
      this.child.once('exit', onExit);
      this.child.once('error', onError);
      if (this.exited) onExit(this.child.exitCode, this.child.signalCode);
    });
  }
}

/** Why an instance died; V8 aborts with SIGABRT (or code 134) when the heap cap is hit. */
function exitReason(options: InstanceOptions, code: number | null, signal: string | null, phase: string) {
  const how = signal ?? `code ${code}`;
  const oom = signal === 'SIGABRT' || code === 134;
  const why = oom ? `, probably over its ${options.memoryMb} MB memory` : '';
  return `function ${options.name} exited (${how}${why}) during ${phase}`;
}

function failure(message: string): CloudError {
  return new CloudError(CloudCode.FUNCTIONS_EXECUTE_FAIL, message);
}
