/**
 * The process inside one function instance: loads the function module once (a warm instance keeps it),
 * then runs `main(event, context)` for each invocation the emulator sends, one at a time, with that
 * caller's WeChat context in process.env as the platform does.
 */
import { pathToFileURL } from 'node:url';
import type { InvokeMessage, RunnerMessage } from './protocol';

type Main = (event: unknown, context: unknown) => unknown;

function send(message: RunnerMessage, then?: () => void): void {
  process.send?.(message, undefined, undefined, then);
}

async function loadMain(entry: string): Promise<Main> {
  const mod = (await import(pathToFileURL(entry).href)) as { main?: Main; default?: { main?: Main } };
  const main = mod.main ?? mod.default?.main;
  if (typeof main !== 'function') throw new Error(`${entry} does not export main(event, context)`);
  return main;
}

function applyEnv(env: Record<string, string | null>): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
}

let current: number | undefined;

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return typeof err === 'string' ? err : JSON.stringify(err);
}

/** A crash outside `main`'s promise still fails the invocation it happened in, then ends the instance. */
function failAndExit(err: unknown): void {
  const exit = () => process.exit(1);
  if (current === undefined) exit();
  else send({ type: 'result', id: current, ok: false, message: describe(err) }, exit);
}

async function invoke(main: Main, message: InvokeMessage): Promise<void> {
  current = message.id;
  applyEnv(message.env);
  try {
    const result = await main(message.event, message.context);
    // Whatever main returns travels as JSON, exactly as it does on the platform.
    const response = JSON.stringify(result === undefined ? null : result);
    send({ type: 'result', id: message.id, ok: true, response });
  } catch (err) {
    send({ type: 'result', id: message.id, ok: false, message: describe(err) });
  } finally {
    current = undefined;
  }
}

async function start(): Promise<void> {
  process.on('uncaughtException', failAndExit);
  process.on('unhandledRejection', failAndExit);
  let main: Main;
  try {
    main = await loadMain(process.argv[2] ?? '');
  } catch (err) {
    send({ type: 'load-error', message: describe(err) }, () => process.exit(1));
    return;
  }
  process.on('message', (message: InvokeMessage) => void invoke(main, message));
  send({ type: 'ready' });
}

void start();
