/**
 * MediaRecorder writes WebM as a live stream: no duration and no cues, so players cannot show a length or
 * seek. Remuxing with ffmpeg (`-c copy`, no re-encode) into a seekable file writes both.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError, ErrorCode } from '../../../typings/errors';

const run = promisify(execFile);

export async function remuxWebm(inputPath: string, outputPath: string): Promise<void> {
  try {
    await run(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-y', '-i', inputPath, '-c', 'copy', outputPath],
      {
        timeout: 120_000,
      },
    );
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() || (err as Error).message;
    throw new AppError(ErrorCode.BAD_AUDIO, `the recorded video could not be remuxed: ${detail}`, false);
  }
}
