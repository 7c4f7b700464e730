/**
 * A function instance can die (kill -9, over its memory) just as a call is handed to it, before the
 * emulator has seen its exit. The call must fail like a crashed instance does on CloudBase, and the
 * process hosting the instance (the emulator) must stay up. Found by chaos seed 9802: the emulator
 * died of the unheard EPIPE, and every later seed of the batch met ECONNREFUSED.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CloudCode } from '../../emulator/errors';

const SCENARIO = path.join(__dirname, 'fixtures', 'call-just-killed-instance.ts');

test('a call handed to an instance that was just killed fails as an execution error and the emulator stays up', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', SCENARIO], {
    encoding: 'utf8',
    timeout: 60_000,
  });

  expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
    status: 0,
    stderr: '',
  });
  const rounds = JSON.parse(run.stdout.trim()) as unknown[];
  const failedAsExecution = {
    outcome: {
      ok: false,
      error: expect.objectContaining({ code: CloudCode.FUNCTIONS_EXECUTE_FAIL }) as unknown,
    },
    alive: false,
  };
  expect(rounds).toEqual([failedAsExecution, failedAsExecution, failedAsExecution]);
});
