import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isUuid, slugify, slugVariant } from '../../src/modules/catalog/slug.ts';

describe('slugs', () => {
  it('turns titles into lower-case ASCII words joined by hyphens', () => {
    assert.equal(slugify('Café & Guitar 101!'), 'cafe-guitar-101');
    assert.equal(slugify('  --Hello   World--  '), 'hello-world');
  });

  it('transliterates Cyrillic, Polish, Chinese and Japanese titles instead of dropping them', () => {
    assert.equal(slugify('Русский для начинающих'), 'russkiy-dlya-nachinayushchikh');
    assert.equal(slugify('Łukasz Żółć'), 'lukasz-zolc');
    assert.equal(slugify('中文入门'), 'zhong-wen-ru-men');
    assert.equal(slugify('日本語のコース'), 'ri-ben-yu-no-ko-su');
    assert.equal(slugify('Python 入门'), 'python-ru-men');
  });

  it('is never empty and at most 80 characters, without a trailing hyphen', () => {
    assert.equal(slugify('!!!'), 'course');
    const long = slugify(`${'a'.repeat(79)} b`);
    assert.ok(long.length <= 80);
    assert.ok(!long.endsWith('-'));
  });

  it('makes a distinct variant of a taken slug', () => {
    const variant = slugVariant('python');
    assert.match(variant, /^python-[0-9a-f]{6}$/);
    assert.notEqual(slugVariant('python'), variant);
  });

  it('tells ids from slugs', () => {
    assert.equal(isUuid('3f2b8c1e-9d4a-4b6f-8e2a-1c3d5e7f9a0b'), true);
    assert.equal(isUuid('python-basics'), false);
  });
});
