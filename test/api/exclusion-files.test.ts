import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application.js';
import { applyImport } from '../../src/app/commands/exclusion-list-importer.js';
import { readExclusionFile } from '../../src/formats/exclusion-files/exclusion-file-reader.js';
import { DEFAULT_LIMITS } from '../../src/formats/exclusion-files/limits.js';
import { exclusionValues } from '../../src/store/exclusions.repository.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit/exclusions';
const DEMO_LIST = ['212', '907', '+14158675309', '+16198679999', '+18588675703'];

/** A multipart/form-data body with one part `file`, as a browser sends it. */
function upload(fileName: string, content: Buffer | string) {
  const boundary = '----switchboard-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DIALECTS)('exclusion list files over the API on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  const list = () => exclusionValues(api.store.db, 'summit');
  const version = async () =>
    (await api.store.db.selectFrom('networks').select('version').where('id', '=', 'summit').executeTakeFirstOrThrow()).version;
  const importFile = (
    query: string,
    fileName: string,
    content: Buffer | string,
    persona: 'admin' | 'tenantAdmin' | 'recordingEditor' = 'admin',
  ) => api.as(persona, { method: 'POST', url: `${base}/import?${query}`, ...upload(fileName, content) });

  it('X2 the preview reports rows, new entries, repeats and entries a replace would remove, and changes nothing', async () => {
    const before = await version();
    const preview = await importFile('mode=replace&dryRun=true', 'list.csv', 'Phone\n(212) 867-5309\n415-867-5309\n(212) 867-5309\n');
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      applied: false,
      mode: 'replace',
      rowsRead: 3,
      entries: 2,
      repeated: 1,
      alreadyListed: 1,
      added: 1,
      removed: 4,
      totalAfter: 2,
      invalidCount: 0,
      invalid: [],
    });
    expect(await list()).toEqual(DEMO_LIST);
    expect(await version()).toBe(before);
  });

  it('X2 C15 add keeps the list and adds the new entries; replace makes the list the file; each is audited with counts', async () => {
    const added = await importFile('mode=add', 'more.csv', '(212) 867-5309\n415.867.5309\n312\n');
    expect(added.json()).toMatchObject({ applied: true, added: 2, removed: 0, totalAfter: 7 });
    expect(new Set(await list())).toEqual(new Set([...DEMO_LIST, '312', '+12128675309']));
    const replaced = await importFile('mode=replace', 'only.csv', 'Number\n(619) 867-4400\n');
    expect(replaced.json()).toMatchObject({ applied: true, added: 1, removed: 7, totalAfter: 1 });
    expect(await list()).toEqual(['+16198674400']);
    const audit = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/audit?action=exclusions.import' })).json().entries;
    expect(audit.map((e: { after: unknown }) => e.after)).toEqual([
      { mode: 'replace', entries: 1, added: 1, removed: 7, rowsRead: 1 },
      { mode: 'add', entries: 7, added: 2, removed: 0, rowsRead: 3 },
    ]);
    expect(audit[0].before).toEqual({ entries: 7 });
  });

  it('X2 X5 a file with any invalid row changes nothing, and the answer lists the rows', async () => {
    const before = await version();
    const response = await importFile('mode=replace', 'bad.csv', 'Phone\n(619) 867-4400\nabc\n12\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'invalid_rows',
      field: 'file',
      invalidCount: 2,
      invalid: [
        { row: 3, value: 'abc' },
        { row: 4, value: '12' },
      ],
    });
    expect(await list()).toEqual(DEMO_LIST);
    expect(await version()).toBe(before);
  });

  it('X2 issue 15: an add may take the valid rows only, leaving the invalid ones out and saying how many; a replace stays all or nothing', async () => {
    const file = 'Phone\n(619) 867-4400\nabc\n(858) 867-4401\n12\n';
    const before = await version();
    const replace = await importFile('mode=replace&validRowsOnly=true', 'some-bad.csv', file);
    expect(replace.statusCode).toBe(422);
    expect(replace.json().error).toMatchObject({ code: 'valid_rows_only_replace', field: 'validRowsOnly' });
    expect(await version()).toBe(before);
    const added = await importFile('mode=add&validRowsOnly=true', 'some-bad.csv', file);
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ applied: true, added: 2, invalidCount: 2, totalAfter: DEMO_LIST.length + 2 });
    expect(await list()).toEqual(expect.arrayContaining(['+16198674400', '+18588674401', ...DEMO_LIST]));
    const [entry] = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/audit?limit=1' })).json().entries;
    expect(entry.after).toMatchObject({ added: 2, invalidRowsLeftOut: 2 });
  });

  it('X5 a file that is not what its name says, or not .csv/.xlsx at all, changes nothing and says why', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['6198674400']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const named = await importFile('mode=replace', 'list.csv', xlsx);
    expect(named.statusCode).toBe(422);
    expect(named.json().error).toMatchObject({ code: 'not_csv', field: 'file', value: 'list.csv' });
    const pdf = await importFile('mode=replace', 'list.pdf', '%PDF-1.4');
    expect(pdf.json().error).toMatchObject({ code: 'invalid_value', field: 'file' });
    expect(await list()).toEqual(DEMO_LIST);
  });

  it('X5 an upload over the size limit is refused with 413 and changes nothing', async () => {
    const huge = '(619) 867-4400\n'.repeat(Math.ceil((DEFAULT_LIMITS.maxBytes + 1) / 15));
    const response = await importFile('mode=replace', 'huge.csv', huge);
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'file_too_large', field: 'file' });
    expect(await list()).toEqual(DEMO_LIST);
  });

  it('X2 a downloaded list uploads back with zero changes, in CSV and XLSX; an empty list downloads as the blank template', async () => {
    for (const format of ['csv', 'xlsx']) {
      const download = await api.as('admin', { method: 'GET', url: `${base}/export?format=${format}` });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toBe(`attachment; filename="exclusion-list-summit.${format}"`);
      const back = await importFile('mode=replace', `list.${format}`, download.rawPayload);
      expect(back.json()).toMatchObject({ added: 0, removed: 0, totalAfter: 5, alreadyListed: 5 });
      expect(await list()).toEqual(DEMO_LIST);
    }
    expect((await importFile('mode=replace', 'empty.csv', 'Number or area code\n')).statusCode).toBe(422);
    expect((await importFile('mode=replace&allowEmpty=true', 'empty.csv', 'Number or area code\n')).statusCode).toBe(200);
    expect(await list()).toEqual([]);
    expect((await api.as('admin', { method: 'GET', url: `${base}/export` })).body).toBe('Number or area code\r\n');
  });

  it.each([
    ['one space', ' '],
    ['a line of commas', ',,,,\n'],
    ['a header alone', 'Number or area code\n'],
    ['a 2 MB line of commas', `${','.repeat(2 * 1024 * 1024)}\n`],
    ['blank lines', '\n\r\n  \n'],
  ])('X2 hardening item 1: a replace with %s never empties the list', async (_name, content) => {
    const before = await version();
    const response = await importFile('mode=replace', 'list.csv', content);
    expect(response.statusCode).toBe(422);
    expect(['replace_would_empty', 'invalid_rows', 'file_empty']).toContain(response.json().error.code);
    expect(response.json().error.field).toBe('file');
    expect(await list()).toEqual(DEMO_LIST);
    expect(await version()).toBe(before);
  });

  it('X2 hardening item 1: a row of separators is reported with its number; an empty replace needs allowEmpty=true, an empty add is refused', async () => {
    const commas = await importFile('mode=replace&dryRun=true', 'list.csv', 'Phone\n(619) 867-4400\n,,,\n');
    expect(commas.json()).toMatchObject({ rowsRead: 2, entries: 1, invalidCount: 1, invalid: [{ row: 3, value: ',,,' }] });
    const header = await importFile('mode=replace&dryRun=true', 'list.csv', 'Phone\n\n');
    expect(header.json()).toMatchObject({ rowsRead: 0, entries: 0, removed: 5, totalAfter: 0 });
    const refused = await importFile('mode=replace', 'list.csv', 'Phone\n');
    expect(refused.json().error).toMatchObject({ code: 'replace_would_empty', field: 'file' });
    expect(refused.json().error.message).toContain('allowEmpty=true');
    expect((await importFile('mode=add', 'list.csv', 'Phone\n')).json().error.code).toBe('no_entries');
    expect(await list()).toEqual(DEMO_LIST);
    const emptied = await importFile('mode=replace&allowEmpty=true', 'list.csv', 'Phone\n');
    expect(emptied.json()).toMatchObject({ applied: true, removed: 5, totalAfter: 0 });
    expect(await list()).toEqual([]);
  });

  it('X5 hardening item 6: a malformed multipart body is a 400 file_malformed, a second file a 413 too_many_files; nothing changes', async () => {
    const boundary = 'b0undary';
    const part = (name: string, file: string, content: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;
    const send = (payload: string, contentType = `multipart/form-data; boundary=${boundary}`) =>
      api.as('admin', { method: 'POST', url: `${base}/import?mode=replace`, headers: { 'content-type': contentType }, payload });
    const truncated = await send(part('file', 'a.csv', '212\n').slice(0, 60));
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error).toMatchObject({ code: 'file_malformed', field: 'file' });
    const mismatch = await send(`${part('file', 'a.csv', '212\n')}--${boundary}--\r\n`, 'multipart/form-data; boundary=other');
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.code).toBe('file_malformed');
    const noBoundary = await send(`${part('file', 'a.csv', '212\n')}--${boundary}--\r\n`, 'multipart/form-data');
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json().error.code).toBe('file_malformed');
    const two = await send(`${part('file', 'a.csv', '212\n')}${part('file', 'b.csv', '907\n')}--${boundary}--\r\n`);
    expect(two.statusCode).toBe(413);
    expect(two.json().error).toMatchObject({ code: 'too_many_files', field: 'file', value: 'b.csv' });
    expect(await list()).toEqual(DEMO_LIST);
  });

  it('R17 uploading needs the Edit Call Recording Settings permission; reading the list does not', async () => {
    expect((await importFile('mode=add&dryRun=true', 'a.csv', '212\n', 'tenantAdmin')).statusCode).toBe(403);
    expect((await importFile('mode=add', 'a.csv', '213\n', 'recordingEditor')).statusCode).toBe(200);
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/export` })).statusCode).toBe(200);
  });

  it('X2 a replace that fails part-way (an error after the first rows are written) leaves the old list whole', async () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `(619) ${String(200 + Math.floor(i / 10000))}-${String(i % 10000).padStart(4, '0')}`,
    );
    const reading = await readExclusionFile(Buffer.from(`Phone\n${rows.join('\n')}\n`), 'csv', DEFAULT_LIMITS);
    expect(reading.invalidCount).toBe(0);
    const before = await version();
    let written = 0;
    const failing = applyImport(
      createApplication(api.store, api.snapshots).commands,
      { kind: 'system', name: 'test' },
      'summit',
      reading,
      'replace',
      {},
      {
        onProgress: (count) => {
          written = count;
          throw new Error('disk full');
        },
      },
    );
    await expect(failing).rejects.toThrow('disk full');
    expect(written).toBe(20_000);
    expect(await list()).toEqual(DEMO_LIST);
    expect(await version()).toBe(before);
    expect((await api.as('admin', { method: 'GET', url: '/api/networks/summit/audit?action=exclusions.import' })).json().entries).toEqual(
      [],
    );
  });
});
