import {
  SLO_DOCUMENT_MAX_DEPTH,
  parseYamlDocumentsSafely,
  readSloDocument,
  sloDocumentJson,
} from './sloDocument';

describe('parseYamlDocumentsSafely', () => {
  it('reads every document of a stream, aliases resolved', () => {
    expect(
      parseYamlDocumentsSafely('a: &x { b: 1 }\nc: *x\n---\n- 2\n'),
    ).toEqual({ documents: [{ a: { b: 1 }, c: { b: 1 } }, [2]] });
  });

  it.each([
    ['a: *nope', 'YAML alias "nope" is not defined'],
    ['a: *b\nc: &b 1', 'YAML alias "b" is not defined'],
    [
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      /^YAML aliases expand too much/,
    ],
    ['loop: &l [*l]', 'nested deeper than 64 levels'],
    [
      `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      'nested deeper than 64 levels',
    ],
    [`a: ${'['.repeat(64)}${']'.repeat(64)}`, 'nested deeper than 64 levels'],
    ['a: [1', /^invalid YAML at line 1, column \d+: /],
    [
      'a: 1\na: 2',
      /^invalid YAML at line 2, column 1: Map keys must be unique/,
    ],
  ])('names the problem of %p', (text, problem) => {
    const read = parseYamlDocumentsSafely(text);
    expect(read.documents).toBeUndefined();
    expect(read.problem).toMatch(problem);
  });

  it('takes nesting up to the limit', () => {
    const depth = SLO_DOCUMENT_MAX_DEPTH - 1; // the mapping holding `a` is level 1
    expect(
      parseYamlDocumentsSafely(`a: ${'['.repeat(depth)}${']'.repeat(depth)}`)
        .problem,
    ).toBeUndefined();
  });

  it('refuses text over its size limit before parsing', () => {
    expect(parseYamlDocumentsSafely('a: 1 # padding', { maxChars: 5 })).toEqual(
      {
        problem: 'larger than 5 characters',
      },
    );
  });
});

describe('readSloDocument', () => {
  it('takes one mapping, as text or object', () => {
    expect(readSloDocument('kind: SLO')).toEqual({ value: { kind: 'SLO' } });
    expect(readSloDocument({ kind: 'SLO' })).toEqual({
      value: { kind: 'SLO' },
    });
  });

  it('refuses streams, scalars, lists, deep and oversize objects', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(
      [
        'a: 1\n---\nb: 2',
        '42',
        '- a',
        '',
        deep,
        { big: 'x'.repeat(100_001) },
      ].map(d => readSloDocument(d).problem),
    ).toEqual([
      'must be one OpenSLO SLO document',
      'must be one OpenSLO SLO document',
      'must be one OpenSLO SLO document',
      'must be one OpenSLO SLO document',
      'nested deeper than 64 levels',
      'larger than 100000 characters',
    ]);
  });
});

describe('sloDocumentJson', () => {
  it('stores a document as JSON, and refuses one beyond the limits with a 400', () => {
    expect(sloDocumentJson({ kind: 'SLO' })).toBe('{"kind":"SLO"}');
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(() => sloDocumentJson(deep)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: 'Invalid body: document: nested deeper than 64 levels',
      }),
    );
  });
});
