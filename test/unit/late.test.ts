import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { late } from '../../src/platform/late.ts';

describe('late binding', () => {
  it('forwards calls to the target as it is when called, bound to it', () => {
    let target: { name: string; greet(): string } | undefined;
    const stand = late(() => target, 'the greeter');
    target = {
      name: 'first',
      greet() {
        return `hello from ${this.name}`;
      },
    };
    assert.equal(stand.greet(), 'hello from first');
    target = { ...target, name: 'second' };
    assert.equal(stand.greet(), 'hello from second');
  });

  it('fails with a clear message when used before the target exists', () => {
    const stand = late<{ greet(): string }>(() => undefined, 'the greeter');
    assert.throws(() => stand.greet(), /the greeter was used before it was created/);
  });
});
