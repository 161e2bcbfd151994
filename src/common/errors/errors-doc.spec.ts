import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, HTTP_STATUS_OF } from './error-code';

/** docs/errors.md, the catalogue for client authors, stays in step with the codes the API answers. */
describe('docs/errors.md', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/errors.md'), 'utf8');
  const sections = new Map(
    doc
      .split(/^## /m)
      .slice(1)
      .map((section) => [section.slice(0, section.indexOf('\n')).trim(), section] as const),
  );

  it('has one section per error code, and no other', () => {
    expect([...sections.keys()].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it.each(Object.values(ErrorCode))('%s: the status in its table row and its section, and a valid example', (code) => {
    const status = HTTP_STATUS_OF[code];
    expect(doc).toContain(`| ${status} | [\`${code}\`](#${code.toLowerCase()}) |`);
    const section = sections.get(code) ?? '';
    expect(section).toContain(`**${status}.**`);
    const example = /```json\n([\s\S]*?)```/.exec(section);
    expect(example).not.toBeNull();
    const body = JSON.parse(example![1]) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message', 'request_id']);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.details).toBe('object');
  });
});
