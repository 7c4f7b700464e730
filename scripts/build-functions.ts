/**
 * `npm run build` (functions part): bundles each cloudfunctions/<name>/index.ts with esbuild into
 * cloudfunctions/<name>/index.js, next to its package.json (dependency: wx-server-sdk), which is the
 * folder WeChat DevTools "upload and deploy" expects. wx-server-sdk stays external: the platform installs it.
 */
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const functionsDir = path.join(root, 'cloudfunctions');
/** The oldest Node.js CloudBase offers for new functions that our code runs on. */
const TARGET = 'node16';

export function functionNames(): string[] {
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(functionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunction(name: string): Promise<string> {
  const outfile = path.join(functionsDir, name, 'index.js');
  await build({
    entryPoints: [path.join(functionsDir, name, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: TARGET,
    external: ['wx-server-sdk'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

async function main(): Promise<void> {
  for (const name of functionNames()) {
    const outfile = await buildFunction(name);
    console.log(`built ${path.relative(root, outfile)}`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
