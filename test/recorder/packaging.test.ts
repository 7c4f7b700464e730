import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../miniprogram');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** What a file requires once compiled the way WeChat DevTools compiles it (type-only imports vanish). */
function runtimeImports(file: string): string[] {
  const output = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      verbatimModuleSyntax: false,
    },
  }).outputText;
  return [...output.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
}

describe('Mini Program packaging', () => {
  it('imports nothing at run time from outside miniprogram/, which is all DevTools uploads', () => {
    const escapes = tsFiles(ROOT).flatMap((file) =>
      runtimeImports(file)
        .filter((spec) => !spec.startsWith('.') || !path.resolve(path.dirname(file), spec).startsWith(ROOT))
        .map((spec) => `${path.relative(ROOT, file)} → ${spec}`),
    );
    expect(escapes).toEqual([]);
  });

  it('has the four files of every page listed in app.json, named after its folder', () => {
    const appJson = JSON.parse(readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as { pages: string[] };
    const missing = appJson.pages.flatMap((page) =>
      ['.ts', '.wxml', '.wxss', '.json'].filter((ext) => {
        try {
          return !statSync(path.join(ROOT, `${page}${ext}`)).isFile();
        } catch {
          return true;
        }
      }),
    );
    expect(appJson.pages).toEqual(['pages/record/record', 'pages/history/history']);
    expect(missing).toEqual([]);
  });
});
