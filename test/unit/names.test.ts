import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { resolveNames } from '../../src/modules/identity/names.ts';

const current = { first_name: 'Ada', last_name: 'Lovelace' };

describe('names', () => {
  it('recomputes the full name when first or last name is written', () => {
    assert.deepEqual(resolveNames(current, { last_name: ' Byron ' }), {
      first_name: 'Ada',
      last_name: 'Byron',
      full_name: 'Ada Byron',
    });
    assert.deepEqual(resolveNames(current, { first_name: 'Grace', last_name: '' }), {
      first_name: 'Grace',
      last_name: '',
      full_name: 'Grace',
    });
  });

  it('splits a full name at the first space, collapsing runs of spaces', () => {
    assert.deepEqual(resolveNames(current, { full_name: '  Grace   Brewster Hopper ' }), {
      first_name: 'Grace',
      last_name: 'Brewster Hopper',
      full_name: 'Grace Brewster Hopper',
    });
    assert.deepEqual(resolveNames(current, { full_name: 'Cher' }), {
      first_name: 'Cher',
      last_name: '',
      full_name: 'Cher',
    });
  });

  it('prefers first/last over full_name, and changes nothing without a name field', () => {
    assert.equal(
      resolveNames(current, { first_name: 'Grace', full_name: 'Ignored Name' })?.full_name,
      'Grace Lovelace',
    );
    assert.equal(resolveNames(current, {}), undefined);
  });
});
