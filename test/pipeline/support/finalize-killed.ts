/**
 * Runs the real finalizeRecording and dies by SIGKILL in the middle of its after-ready cleanup: the
 * storage delete removes only the first KEEP files of its batch, then the process kills itself (a real
 * kill -9: no handler runs, nothing is flushed). The SDK app is the real node-sdk one; only its
 * deleteFile is wrapped.
 * Usage: node --import tsx finalize-killed.ts URL ENV OWNER RECORDING_ID SEGMENT_COUNT KEEP
 */
import { nodeAppFor } from '../../../harness/emulator';
import { finalizeRecording } from '../../../pipeline';

async function main(): Promise<void> {
  const [url, envId, owner, recordingId, segmentCount, keep] = process.argv.slice(2);
  if (!url || !envId || !owner || !recordingId || !segmentCount || !keep) throw new Error('bad arguments');
  const app = nodeAppFor(url, envId);
  const realDelete = app.deleteFile.bind(app);
  app.deleteFile = async ({ fileList }) => {
    await realDelete({ fileList: fileList.slice(0, Number(keep)) });
    process.kill(process.pid, 'SIGKILL');
    return new Promise(() => undefined);
  };
  await finalizeRecording(app, owner, { recordingId, segmentCount: Number(segmentCount) });
  console.log('finalize finished without being killed');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
