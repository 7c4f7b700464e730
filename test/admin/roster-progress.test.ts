import { saveStudentProfile } from '../../pipeline';
import type { RecordingDoc } from '../../typings/documents';
import { COLLECTIONS } from '../../typings/documents';
import type { RosterEntryDoc } from '../../typings/roster';
import type { AdminClient } from '../../harness/admin/http-client';
import { insertAll, seededRecording } from '../../harness/admin/seed';
import { expectRefused } from './support/expect';
import type { AdminFixture } from './support/fixture';
import { startTwoTeachers, type Teacher } from './support/two-teachers';
import { parse } from 'csv-parse/sync';
import { gbkCsv, readXlsx, uploadRoster, utf8Csv, xlsxFile, XLSX_TYPE } from './support/roster-files';

interface Overview {
  entries: Array<RosterEntryDoc & { matchedOpenids: string[] }>;
  unmatched: Array<{ openid: string; name?: string; className?: string }>;
}
interface Progress {
  counts: { roster: number; submitted: number; reviewed: number; missing: number; unmatched: number };
  rows: Array<{ entryId?: string; name: string; status: string; onRoster: boolean; openid?: string }>;
}

const CLASS = '三年二班';
const HEADER = ['班级', '学号', '姓名'];
const ROSTER = [HEADER, [CLASS, '01', '李雷'], [CLASS, '02', '韩梅梅'], [CLASS, '03', '王小明']];

let f: AdminFixture;
let a: Teacher;
let b: Teacher;
let assignmentId: string;

const overview = (client: AdminClient) => client.data<Overview>('GET', '/api/roster');
const progress = () => a.client.data<Progress>('GET', `/api/assignments/${assignmentId}/progress`);

beforeAll(async () => {
  ({ f, a, b, assignmentId } = await startTwoTeachers('朗读第三课'));
  // Registrations made through the real profile code: one exact, one typed with full-width spaces, one typo.
  await saveStudentProfile(f.app, 'stu_li', { name: '李雷', className: CLASS });
  await saveStudentProfile(f.app, 'stu_han', { name: ' 韩梅梅　', className: '三年二班 ' });
  await saveStudentProfile(f.app, 'stu_typo', { name: '王晓明', className: CLASS });
  const reviewed = {
    status: 'reviewed' as const,
    score: 92,
    reviewedBy: a.teacherId,
    reviewedAt: new Date(),
  };
  await insertAll(f.app, COLLECTIONS.recordings, [
    seededRecording({ _openid: 'stu_li', assignmentId, review: reviewed }),
    seededRecording({ _openid: 'stu_han', assignmentId, status: 'recording' }),
    seededRecording({ _openid: 'stu_typo', assignmentId }),
  ]);
  // Teacher a's class roster, which every test below reads; the import test imports it again.
  expect((await uploadRoster(a.client, utf8Csv(ROSTER))).status).toBe(200);
}, 60000);

/** The typo registration (王晓明) linked by hand to the roster's 王小明 for the duration of `work`. */
async function withTypoLinked(work: () => Promise<void>): Promise<void> {
  const entry = (await overview(a.client)).entries.find((e) => e.name === '王小明') as RosterEntryDoc;
  await a.client.data('PUT', `/api/roster/entries/${entry._id}/link`, { openid: 'stu_typo' });
  try {
    await work();
  } finally {
    await a.client.data('PUT', `/api/roster/entries/${entry._id}/link`, { openid: null });
  }
}
afterAll(() => f.close());

test('a UTF-8 CSV roster with a BOM imports every student with class, number and name', async () => {
  const result = await uploadRoster(a.client, utf8Csv(ROSTER));
  expect(result).toMatchObject({ status: 200, body: { ok: true, data: { imported: 3, classes: [CLASS] } } });
  const { entries } = await overview(a.client);
  const lines = entries.map((e) => [e.className, e.studentNumber, e.name]);
  expect(lines).toHaveLength(3);
  expect(lines).toEqual(expect.arrayContaining(ROSTER.slice(1)));
});

test('a GBK CSV saved by Excel on Chinese Windows imports with its Chinese names intact', async () => {
  const gbk = gbkCsv([HEADER, ['四年一班', '11', '张伟'], ['四年一班', '12', '欧阳娜娜']]);
  expect(gbk.includes(Buffer.from('张伟', 'utf8'))).toBe(false);
  expect((await uploadRoster(b.client, gbk)).status).toBe(200);
  const names = (await overview(b.client)).entries.map((e) => e.name).sort();
  expect(names).toEqual(['张伟', '欧阳娜娜'].sort());
});

test('an XLSX roster imports, and a re-import replaces that class without duplicates', async () => {
  const gbk = gbkCsv([HEADER, ['四年一班', '11', '张伟'], ['四年一班', '12', '欧阳娜娜']]);
  expect((await uploadRoster(b.client, gbk)).status).toBe(200);
  const xlsx = await xlsxFile([
    ['Class', 'Name', 'Student number'],
    ['四年一班', '张伟', 11],
  ]);
  expect((await uploadRoster(b.client, xlsx, XLSX_TYPE)).body).toMatchObject({
    ok: true,
    data: { imported: 1, removed: 1 },
  });
  const { entries } = await overview(b.client);
  expect(entries.map((e) => [e.name, e.studentNumber])).toEqual([['张伟', '11']]);
});

test('a roster with duplicate names in one class is refused, naming them, and nothing is written', async () => {
  const before = (await overview(a.client)).entries.length;
  const dup = utf8Csv([HEADER, ['五年级', '1', '刘洋'], ['五年级', '2', '陈静'], ['五年级', '3', '刘洋']]);
  const result = await uploadRoster(a.client, dup);
  expectRefused(result, 400, 'INVALID_ARGUMENT');
  expect(result.body).toMatchObject({ error: { message: expect.stringMatching(/刘洋 \(rows 2 and 4\)/) } });
  expect((await overview(a.client)).entries).toHaveLength(before);
});

test('a file without class and name columns, an empty file and an old .xls are INVALID_ARGUMENT', async () => {
  const files = [
    utf8Csv([
      ['foo', 'bar'],
      ['1', '2'],
    ]),
    Buffer.alloc(0),
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    utf8Csv([HEADER, [CLASS, '9', '']]),
  ];
  for (const file of files) expectRefused(await uploadRoster(a.client, file), 400, 'INVALID_ARGUMENT');
});

test('registrations match by class and name; one matching nothing is flagged, not dropped', async () => {
  const { entries, unmatched } = await overview(a.client);
  const byName = new Map(entries.map((e) => [e.name, e.matchedOpenids]));
  expect(byName.get('李雷')).toEqual(['stu_li']);
  expect(byName.get('韩梅梅')).toEqual(['stu_han']);
  expect(byName.get('王小明')).toEqual([]);
  expect(unmatched).toEqual([{ openid: 'stu_typo', name: '王晓明', className: CLASS }]);
});

test('progress counts submitted, reviewed and missing with names, and lists the unmatched submitter', async () => {
  const p = await progress();
  expect(p.counts).toEqual({ roster: 3, submitted: 1, reviewed: 1, missing: 2, unmatched: 1 });
  const statuses = p.rows.map((r) => [r.name, r.status, r.onRoster]);
  expect(statuses).toEqual(
    expect.arrayContaining([
      ['李雷', 'reviewed', true],
      ['韩梅梅', 'missing', true],
      ['王小明', 'missing', true],
      ['王晓明', 'submitted', false],
    ]),
  );
});

test('linking the flagged registration to its roster entry resolves it in roster and progress', async () => {
  await withTypoLinked(async () => {
    expect((await overview(a.client)).unmatched).toEqual([]);
    const p = await progress();
    expect(p.counts).toMatchObject({ submitted: 2, missing: 1, unmatched: 0 });
    expect(p.rows.find((r) => r.name === '王小明')).toMatchObject({
      status: 'submitted',
      openid: 'stu_typo',
    });
  });
});

test('another teacher sees neither the roster nor the progress, and cannot link to an entry', async () => {
  const bNames = (await overview(b.client)).entries.map((e) => e.name);
  expect(bNames).not.toContain('李雷');
  expect(bNames).not.toContain('韩梅梅');
  expect(bNames).not.toContain('王小明');
  expectRefused(await b.client.request('GET', `/api/assignments/${assignmentId}/progress`), 404, 'NOT_FOUND');
  const entry = (await overview(a.client)).entries[0] as RosterEntryDoc;
  const link = await b.client.request('PUT', `/api/roster/entries/${entry._id}/link`, { openid: 'x' });
  expectRefused(link, 404, 'NOT_FOUND');
  const stored = await f.app.database().collection(COLLECTIONS.rosterEntries).doc(entry._id).get();
  expect((stored.data[0] as RosterEntryDoc).linkedOpenid).not.toBe('x');
});

test('a recording still in progress is not a submission', async () => {
  const han = (await progress()).rows.find((r) => r.name === '韩梅梅');
  expect(han?.status).toBe('missing');
  const recs = await f.app.database().collection(COLLECTIONS.recordings).where({ _openid: 'stu_han' }).get();
  expect((recs.data as RecordingDoc[]).map((r) => r.status)).toEqual(['recording']);
});

const EXPECTED_EXPORT = [
  ['班级', '学号', '姓名', '提交时间', '时长（秒）', '状态', '分数', '评语', '定点评论数'],
  [
    CLASS,
    '01',
    '李雷',
    expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    '5',
    '已批阅',
    '92',
    '',
    '0',
  ],
  [CLASS, '02', '韩梅梅', '', '', '未提交', '', '', ''],
  [CLASS, '03', '王小明', expect.any(String), '5', '已提交', '', '', '0'],
];

/** Header first, then rows by student number (the server orders by class and name). */
function byNumber(rows: string[][]): string[][] {
  const [header, ...body] = rows;
  return [header as string[], ...body.sort((x, y) => String(x[1]).localeCompare(String(y[1])))];
}

test('scores.csv is UTF-8 with a BOM and parses back to one row per roster student', async () => {
  await withTypoLinked(async () => {
    const res = await a.client.raw('GET', `/api/assignments/${assignmentId}/scores.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8')) as string[][];
    expect(byNumber(rows)).toEqual(EXPECTED_EXPORT);
  });
});

test('scores.xlsx opens as the same table', async () => {
  await withTypoLinked(async () => {
    const res = await a.client.raw('GET', `/api/assignments/${assignmentId}/scores.xlsx`);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const rows = await readXlsx(Buffer.from(await res.arrayBuffer()));
    const padded = rows.map((r) => [...r, ...Array<string>(9 - r.length).fill('')]);
    expect(byNumber(padded)).toEqual(EXPECTED_EXPORT);
  });
});

test('the export lists an unmatched submitter after the roster students, marked as not on the roster', async () => {
  const res = await a.client.raw('GET', `/api/assignments/${assignmentId}/scores.csv?lang=en`);
  const rows = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
  expect(rows[0]?.join(' | ')).toBe(
    'class | student number | name | submitted at | duration (s) | status | score | comment | pinned comments',
  );
  expect(rows.slice(1).map((r) => [r[2], r[5]])).toEqual([
    ['李雷', 'reviewed'],
    ['韩梅梅', 'missing'],
    ['王小明', 'missing'],
    ['王晓明', 'submitted (not on roster)'],
  ]);
  expect(rows[4]).toEqual([
    CLASS,
    '',
    '王晓明',
    expect.any(String),
    '5',
    'submitted (not on roster)',
    '',
    '',
    '0',
  ]);
});

test("another teacher's export is NOT_FOUND and an unknown language is INVALID_ARGUMENT", async () => {
  expectRefused(
    await b.client.request('GET', `/api/assignments/${assignmentId}/scores.csv`),
    404,
    'NOT_FOUND',
  );
  const bad = await a.client.request('GET', `/api/assignments/${assignmentId}/scores.xlsx?lang=fr`);
  expectRefused(bad, 400, 'INVALID_ARGUMENT');
});
