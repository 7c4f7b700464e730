import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWxml, checkWxss, compileWithCi, copyProject, filesWith } from '../../harness/wechat-compiler';

const MINIPROGRAM = path.resolve(__dirname, '../../miniprogram');
const CI_TIMEOUT_MS = 240_000;

const made: string[] = [];
// miniprogram-ci narrates its compile on console.warn; the outcome is what the tests assert.
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A copy of the project with `text` appended to one Mini Program file. */
function brokenCopy(file: string, text: string): string {
  const dir = copyProject();
  made.push(dir);
  fs.appendFileSync(path.join(dir, 'miniprogram', file), text);
  return dir;
}

describe('WeChat’s own compilers', () => {
  it('wcc and wcsc accept every WXML and WXSS file of the Mini Program', () => {
    expect(filesWith(MINIPROGRAM, '.wxml')).toEqual([
      'pages/history/history.wxml',
      'pages/record/record.wxml',
    ]);
    expect(checkWxml(MINIPROGRAM)).toBeNull();
    expect(checkWxss(MINIPROGRAM)).toBeNull();
  });

  it('wcc fails on an unclosed tag in a WXML file', () => {
    const dir = brokenCopy('pages/history/history.wxml', '<view><text>oops</view>\n');
    expect(checkWxml(path.join(dir, 'miniprogram'))).toMatchObject({
      tool: 'wcc',
      message: expect.stringMatching(/history\.wxml.*end-tag/s) as unknown,
    });
  });

  it('wcsc fails on an unclosed rule in a WXSS file', () => {
    const dir = brokenCopy('app.wxss', '\n.broken { color: red;\n');
    expect(checkWxss(path.join(dir, 'miniprogram'))).toMatchObject({
      tool: 'wcsc',
      message: expect.stringContaining('app.wxss') as unknown,
    });
  });

  it(
    'miniprogram-ci compiles the project offline, every page’s TypeScript included',
    async () => {
      const dir = copyProject();
      made.push(dir);
      const files = await compileWithCi(dir);
      expect(files).toEqual(
        expect.arrayContaining(['app.js', 'app.json', 'pages/record/record.js', 'pages/history/history.js']),
      );
    },
    CI_TIMEOUT_MS,
  );

  it(
    'miniprogram-ci fails on a TypeScript syntax error',
    async () => {
      const dir = brokenCopy('view/format.ts', '\nexport const broken = ;\n');
      await expect(compileWithCi(dir)).rejects.toThrow(/format/);
    },
    CI_TIMEOUT_MS,
  );
});
