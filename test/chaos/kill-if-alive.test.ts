/**
 * The explorer kills function instances it listed a moment before; one may have ended in between
 * (chaos seed 24133: two kills of one function armed 122 ms apart). That is no error: it is not counted.
 */
import { spawn } from 'node:child_process';
import { killIfAlive } from '../../harness/emulator-process';

function exited(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

test('killing a process that already ended is not an error and is not counted as a kill', async () => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  const pid = child.pid as number;
  const gone = exited(child);
  expect(killIfAlive(pid)).toBe(true);
  await gone;

  expect(killIfAlive(pid)).toBe(false);
});
