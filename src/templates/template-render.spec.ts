import { MAX_RENDERED_LENGTH, renderTemplate, templateVariables } from './template-render';

describe('templateVariables', () => {
  it('lists each placeholder name once, sorted', () => {
    expect(templateVariables('Hi {name}, ticket {ticket.id} ({name}) by {agent_name} {_x}')).toEqual([
      '_x',
      'agent_name',
      'name',
      'ticket.id',
    ]);
  });

  it('is empty for content without placeholders', () => {
    expect(templateVariables('No variables here.')).toEqual([]);
    expect(templateVariables('')).toEqual([]);
  });

  it.each(['{ name }', '{1abc}', '{}', '{na-me}', '{.x}', '{name', 'name}', '{na me}'])(
    'does not take %j for a placeholder',
    (content) => {
      expect(templateVariables(content)).toEqual([]);
    },
  );

  it('finds the placeholder inside doubled braces', () => {
    expect(templateVariables('{{name}}')).toEqual(['name']);
  });

  it('sorts by code unit (upper case before lower case), deterministically', () => {
    expect(templateVariables('{b} {B} {a} {A1}')).toEqual(['A1', 'B', 'a', 'b']);
  });
});

describe('renderTemplate', () => {
  it('fills every occurrence from the context and ignores unused keys', () => {
    expect(
      renderTemplate('Hi {name}, #{ticket.id} is {status}. Bye {name}.', {
        name: 'Ann',
        'ticket.id': 42,
        status: 'solved',
        unused: 'x',
      }),
    ).toEqual({ kind: 'rendered', content: 'Hi Ann, #42 is solved. Bye Ann.' });
  });

  it('renders content without placeholders unchanged', () => {
    expect(renderTemplate('Plain text {not a var}', {})).toEqual({
      kind: 'rendered',
      content: 'Plain text {not a var}',
    });
  });

  it('names every missing variable, sorted, and renders nothing', () => {
    expect(renderTemplate('{b} {a} {c} {a}', { c: 'x' })).toEqual({ kind: 'missing', missing: ['a', 'b'] });
  });

  it('is a single pass: a value that looks like a placeholder is not expanded again', () => {
    expect(renderTemplate('{a} {b}', { a: '{b}', b: '{a}' })).toEqual({ kind: 'rendered', content: '{b} {a}' });
  });

  it('inserts values verbatim: no escaping, no evaluation, no replacement patterns', () => {
    const values = { html: '<b>&"\'</b>', code: '${process.exit(1)}', dollar: '$& $1 $$ $`' };
    expect(renderTemplate('{html}|{code}|{dollar}', values)).toEqual({
      kind: 'rendered',
      content: '<b>&"\'</b>|${process.exit(1)}|$& $1 $$ $`',
    });
  });

  it('writes numbers with String()', () => {
    expect(renderTemplate('{a} {b} {c}', { a: 0, b: -1.5, c: 1e21 })).toEqual({
      kind: 'rendered',
      content: '0 -1.5 1e+21',
    });
  });

  it('does not find names on Object.prototype', () => {
    expect(renderTemplate('{constructor} {toString} {__proto__}', {})).toEqual({
      kind: 'missing',
      missing: ['__proto__', 'constructor', 'toString'],
    });
  });

  it('allows an empty string as a value', () => {
    expect(renderTemplate('[{a}]', { a: '' })).toEqual({ kind: 'rendered', content: '[]' });
  });

  it('refuses a result longer than the limit, and accepts one exactly at it', () => {
    const content = '{v}'.repeat(10);
    const atLimit = renderTemplate(content, { v: 'x'.repeat(MAX_RENDERED_LENGTH / 10) });
    expect(atLimit.kind).toBe('rendered');
    expect(atLimit.kind === 'rendered' && atLimit.content.length).toBe(MAX_RENDERED_LENGTH);
    expect(renderTemplate(content, { v: 'x'.repeat(MAX_RENDERED_LENGTH / 10 + 1) })).toEqual({
      kind: 'too_long',
      length: MAX_RENDERED_LENGTH + 10,
    });
  });
});
