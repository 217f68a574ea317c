import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { contentDisposition } from '../../src/platform/storage/content-disposition.ts';

describe('Content-Disposition of downloads', () => {
  it('keeps a plain name plain', () => {
    assert.equal(contentDisposition('report.pdf'), 'attachment; filename=report.pdf');
  });

  it("encodes every reserved character of the RFC 8187 form, '()* included", () => {
    const header = contentDisposition("Łukasz's (final) *notes*.pdf");
    const extended = /filename\*=UTF-8''(.+)$/.exec(header)?.[1];
    assert.ok(extended, header);
    assert.doesNotMatch(extended, /['()*]/);
    assert.equal(decodeURIComponent(extended), "Łukasz's (final) *notes*.pdf");
    assert.match(header, /^attachment; filename="[\x20-\x7e]+"; /, 'an ASCII fallback for old clients');
  });

  it('escapes quotes in the fallback name', () => {
    assert.equal(contentDisposition('a "b".txt'), 'attachment; filename="a \\"b\\".txt"');
  });
});
