import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.pipe';

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return { property, constraints, children };
}

describe('flattenValidationErrors', () => {
  it('names each field by its path and drops the property name the messages start with', () => {
    const flat = flattenValidationErrors([
      error('title', { isNotEmpty: 'title should not be empty', maxLength: 'title must be shorter' }),
      error('tags', undefined, [error('0', { isString: '0 must be a string' })]),
      error('role', { whitelistValidation: 'property role should not exist' }),
      error('a.b*', { isInt: 'a.b* must be an integer' }),
      error('x', { custom: 'the x is odd' }),
    ]);
    expect(flat).toEqual({
      fields: {
        title: ['should not be empty', 'must be shorter'],
        'tags.0': ['must be a string'],
        role: ['is not an allowed field'],
        'a.b*': ['must be an integer'],
        x: ['the x is odd'],
      },
      more: 0,
    });
  });

  it('keeps the first 100 fields and counts the rest, in time linear in the errors', () => {
    const errors = Array.from({ length: 120_000 }, (_, i) =>
      error(String(i), { whitelistValidation: `property ${i} should not exist` }),
    );
    const started = process.cpuUsage();
    const flat = flattenValidationErrors(errors);
    const { user, system } = process.cpuUsage(started);
    expect(Object.keys(flat.fields)).toHaveLength(100);
    expect(flat.more).toBe(119_900);
    // Was ~seconds (a RegExp compiled per field, all of them kept); generous for a loaded CI.
    expect((user + system) / 1000).toBeLessThan(500);
  });

  it('counts nested errors past the limit too', () => {
    const children = Array.from({ length: 5 }, (_, i) => error(String(i), { isInt: `${i} must be an integer` }));
    expect(flattenValidationErrors([error('ids', undefined, children)], 3)).toMatchObject({
      fields: { 'ids.0': ['must be an integer'], 'ids.1': ['must be an integer'], 'ids.2': ['must be an integer'] },
      more: 2,
    });
  });
});
