/** Bundles a TypeScript snippet (imports relative to the repo root) with esbuild into a plain-node script. */
import { buildSync } from 'esbuild';
import path from 'node:path';

export const REPO_ROOT = path.join(__dirname, '..');

export function bundleEntry(contents: string, outfile: string): string {
  buildSync({
    stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}
