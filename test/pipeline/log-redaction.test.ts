import { execFileSync } from 'node:child_process';
import path from 'node:path';

const REPO = path.join(__dirname, '..', '..');

/** Runs createLogger in a fresh process (pino writes straight to fd 1) and returns its JSON lines. */
function logLines(script: string): Array<Record<string, unknown>> {
  const code = `const { createLogger } = require('./pipeline/log'); ${script}`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('the logger writes one JSON line per event with its scope and message', () => {
  const [line] = logLines(`createLogger('fn:ingest').info('segment converted', { seq: 2 });`);
  expect(line).toMatchObject({ scope: 'fn:ingest', msg: 'segment converted', seq: 2, level: 30 });
});

test('the logger redacts passwords, secrets, tokens and cookies, also one level down', () => {
  const [line] = logLines(
    `createLogger('admin').warn('login', { password: 'hunter2', token: 'abc', req: { headers: { cookie: 'sid=1' } }, sdk: { secretKey: 'k' } });`,
  );
  expect(JSON.stringify(line)).not.toMatch(/hunter2|"abc"|sid=1|"k"/);
  expect(line).toMatchObject({
    password: '[redacted]',
    token: '[redacted]',
    sdk: { secretKey: '[redacted]' },
  });
});
