import {
  parseOpenSlo,
  parseOpenSloFiles,
} from '@sre-health/backstage-plugin-sre-health-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseYamlDocumentsSafely } from './sloDocument';

/*
 * The OpenSLO project's own v1 example documents, verbatim (Apache-2.0): the spec
 * repository's `examples/` (OpenSLO/OpenSLO@aa5cb78) and the Go SDK's v1 examples
 * (OpenSLO/go-sdk@ae145da, `pkg/openslo/v1/examples`). All valid: the parser must agree.
 */
const FIXTURES = path.join(__dirname, '__fixtures__', 'openslo');

function read(folder: string) {
  const dir = path.join(FIXTURES, folder);
  return fs.readdirSync(dir).map(name => {
    const result = parseYamlDocumentsSafely(
      fs.readFileSync(path.join(dir, name), 'utf8'),
    );
    if (result.problem !== undefined) throw new Error(result.problem);
    return { location: name, documents: result.documents };
  });
}

/** Every document of the files, one by one (the examples are not one coherent set). */
function documentsOf(folder: string) {
  return read(folder).flatMap(f =>
    f.documents.flatMap(d => (Array.isArray(d) ? d : [d])),
  );
}

/** A reference to a document that is not among those given: the set's verdict, not the document's. */
const DANGLING =
  /^[A-Za-z]+ '[a-z0-9-]+' resolves in none of this entity's files nor any catalog entity's$/;

describe("the OpenSLO project's example documents", () => {
  it('accepts each Go SDK example, of every kind, on its own', () => {
    const documents = documentsOf('go-sdk') as Array<{ kind: string }>;
    expect([...new Set(documents.map(d => d.kind))].sort()).toEqual([
      'AlertCondition',
      'AlertNotificationTarget',
      'AlertPolicy',
      'DataSource',
      'SLI',
      'SLO',
      'Service',
    ]);
    for (const document of documents) {
      const { problems } = parseOpenSlo([document]);
      expect(problems.filter(p => !DANGLING.test(p.message))).toEqual([]);
    }
    // the references the examples make to documents of other examples
    const dangling = documents.flatMap(d => parseOpenSlo([d]).problems);
    expect(dangling.map(p => p.message)).toEqual(
      expect.arrayContaining([
        "targetRef 'on-call-mail-notification' resolves in none of this entity's files nor any catalog entity's",
        "conditionRef 'cpu-usage-breach' resolves in none of this entity's files nor any catalog entity's",
      ]),
    );
  });

  it('computes the Go SDK SLO example: a calendar week in New York, Timeslices', () => {
    const slo = (documentsOf('go-sdk') as Array<{ kind: string }>).find(
      d => d.kind === 'SLO',
    );
    const parsed = parseOpenSlo([slo]);
    expect(parsed.slos[0]).toMatchObject({
      name: 'web-availability',
      budgetingMethod: 'Timeslices',
      target: 0.995,
      timeSliceTarget: 0.95,
      // 2022-01-01 12:00:00 in New York
      timeWindow: {
        duration: { value: 1, unit: 'w' },
        rolling: false,
        calendarStart: '2022-01-01T17:00:00.000Z',
      },
    });
  });

  it("accepts the spec repository's examples (their source type `Any` is valid)", () => {
    for (const file of read('spec-examples')) {
      const parsed = parseOpenSloFiles([file]);
      expect(parsed.problems).toEqual([]);
      expect(parsed.slos.length).toBeGreaterThan(0);
      for (const { definition } of parsed.slos) {
        const source =
          definition.indicator.type === 'ratio'
            ? definition.indicator.total
            : definition.indicator.metric;
        expect(source).toMatchObject({ sourceType: 'any', typeName: 'Any' });
      }
    }
  });

  it('turns an example into a problem when one required field is removed', () => {
    const policy = (
      documentsOf('go-sdk') as Array<{
        kind: string;
        spec: Record<string, unknown>;
      }>
    ).find(d => d.kind === 'AlertPolicy')!;
    delete policy.spec.notificationTargets;
    expect(parseOpenSlo([policy]).problems).toEqual([
      expect.objectContaining({
        document: 'AlertPolicy low-priority',
        path: 'spec.notificationTargets',
      }),
    ]);
  });
});
