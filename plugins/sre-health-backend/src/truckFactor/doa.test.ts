import {
  authorsOfFile,
  coverageWithout,
  degreeOfAuthorship,
  fileAuthorship,
  greedyTruckFactor,
} from './doa';

const changes = (entries: Record<string, number>) =>
  new Map(Object.entries(entries));

describe('degreeOfAuthorship', () => {
  it('is the Avelino et al. linear model', () => {
    // 3.293 + 1.098·1 + 0.164·1 − 0.321·ln(1 + 0) = 4.555
    expect(
      degreeOfAuthorship({
        firstAuthorship: true,
        deliveries: 1,
        acceptances: 0,
      }),
    ).toBeCloseTo(4.555, 10);
    // 3.293 + 0 + 0.164·3 − 0.321·ln(2) = 3.293 + 0.492 − 0.321·0.693147 = 3.5625
    expect(
      degreeOfAuthorship({
        firstAuthorship: false,
        deliveries: 3,
        acceptances: 1,
      }),
    ).toBeCloseTo(3.5625, 4);
    // 3.293 + 1.098 + 0.164·20 − 0.321·ln(11) = 7.671 − 0.321·2.397895 = 6.90128
    expect(
      degreeOfAuthorship({
        firstAuthorship: true,
        deliveries: 20,
        acceptances: 10,
      }),
    ).toBeCloseTo(6.90128, 4);
  });
});

describe('authorship threshold', () => {
  it('makes the creator of an untouched file its author', () => {
    // DOA(a) = 4.555, normalised 1
    expect(authorsOfFile('a', changes({ a: 1 }))).toEqual(['a']);
  });

  it('makes a frequent contributor a co-author', () => {
    // a created the file (1 commit), b made 3 commits:
    //   DOA(a) = 3.293 + 1.098 + 0.164·1 − 0.321·ln(1+3) = 4.555 − 0.445 = 4.110
    //   DOA(b) = 3.293 + 0.164·3 − 0.321·ln(1+1) = 3.785 − 0.2225 = 3.5625
    //   normalised b = 3.5625 / 4.110 = 0.8668 > 0.75 and 3.5625 ≥ 3.293 → author
    const rows = fileAuthorship('a', changes({ a: 1, b: 3 }));
    expect(rows.map(r => r.developer)).toEqual(['a', 'b']);
    expect(rows[0].doa).toBeCloseTo(4.11, 3);
    expect(rows[1].doa).toBeCloseTo(3.5625, 4);
    expect(rows[1].normalized).toBeCloseTo(0.8668, 4);
    expect(authorsOfFile('a', changes({ a: 1, b: 3 }))).toEqual(['a', 'b']);
  });

  it('keeps the creator an author when a heavy contributor overtakes them', () => {
    // a created (1 commit), b made 10:
    //   DOA(a) = 4.555 − 0.321·ln(11) = 4.555 − 0.76972 = 3.78528
    //   DOA(b) = 3.293 + 1.64 − 0.321·ln(2) = 4.933 − 0.2225 = 4.7105 (the max)
    //   normalised a = 3.78528 / 4.7105 = 0.8036 → both authors
    expect(authorsOfFile('a', changes({ a: 1, b: 10 }))).toEqual(['a', 'b']);
  });

  it('rejects a developer below the absolute threshold', () => {
    // a created (1), b 1 commit: DOA(b) = 3.293 + 0.164 − 0.321·ln(2) = 3.2345 < 3.293
    // (normalised 3.2345 / 4.3325 = 0.7466, below 0.75 as well)
    expect(authorsOfFile('a', changes({ a: 1, b: 1 }))).toEqual(['a']);
    // unknown creator, x and y one commit each: both 3.2345, normalised 1.0 > 0.75,
    // but the absolute DOA is below 3.293 → the file has no author at all
    expect(authorsOfFile(null, changes({ x: 1, y: 1 }))).toEqual([]);
  });

  it('rejects a developer below the normalised threshold', () => {
    // a created, 20 commits; b 10 commits:
    //   DOA(a) = 3.293 + 1.098 + 3.28 − 0.321·ln(11) = 7.671 − 0.76972 = 6.90128
    //   DOA(b) = 3.293 + 1.64 − 0.321·ln(21) = 4.933 − 0.97729 = 3.95571 ≥ 3.293,
    //   but normalised 3.95571 / 6.90128 = 0.5732 ≤ 0.75 → not an author
    const rows = fileAuthorship('a', changes({ a: 20, b: 10 }));
    expect(rows[1]).toMatchObject({ developer: 'b', isAuthor: false });
    expect(rows[1].doa).toBeCloseTo(3.95571, 4);
    expect(rows[1].normalized).toBeCloseTo(0.5732, 4);
    expect(authorsOfFile('a', changes({ a: 20, b: 10 }))).toEqual(['a']);
  });
});

describe('greedyTruckFactor', () => {
  it('is 1 when one author holds more than half of the files', () => {
    // 5 files: a authors 4 (f1..f4), b authors 2 (f4, f5)
    //   coverage 5/5 ≥ 50% → remove a → f4, f5 (via b) = 2/5 = 40% < 50% → stop: TF = 1
    const map = {
      authorsByFile: {
        f1: ['a'],
        f2: ['a'],
        f3: ['a'],
        f4: ['a', 'b'],
        f5: ['b'],
      },
    };
    expect(greedyTruckFactor(map)).toEqual({
      truckFactor: 1,
      removedAuthors: ['a'],
      coverageLeft: 0.4,
    });
  });

  it('keeps removing while exactly 50% are covered', () => {
    // 6 files, a: 3 (f1..f3), b: 2 (f4, f5), c: 1 (f6)
    //   remove a → 3/6 = 50% (not fewer than 50%) → remove b → 1/6 → stop: TF = 2
    const map = {
      authorsByFile: {
        f1: ['a'],
        f2: ['a'],
        f3: ['a'],
        f4: ['b'],
        f5: ['b'],
        f6: ['c'],
      },
    };
    expect(greedyTruckFactor(map)).toMatchObject({
      truckFactor: 2,
      removedAuthors: ['a', 'b'],
    });
  });

  it('counts files without authors as uncovered, and breaks ties by name', () => {
    // 8 files: x and w author 2 each, y 1, z 1, two files without author.
    //   coverage 6/8 → remove w (tie with x, w < x) → 4/8 = 50% → remove x → 2/8 → TF = 2
    const map = {
      authorsByFile: {
        f1: ['x'],
        f2: ['x'],
        f3: ['w'],
        f4: ['w'],
        f5: ['y'],
        f6: ['z'],
        f7: [],
        f8: [],
      },
    };
    expect(greedyTruckFactor(map).removedAuthors).toEqual(['w', 'x']);
  });

  it('starts from the authors already gone without counting them', () => {
    // a: f1, f2, f3; b: f3, f4; c: f5 — with a gone: 3/5 covered → remove b (2 files)
    //   → f5 only: 1/5 → active TF = 1
    const map = {
      authorsByFile: {
        f1: ['a'],
        f2: ['a'],
        f3: ['a', 'b'],
        f4: ['b'],
        f5: ['c'],
      },
    };
    expect(greedyTruckFactor(map, ['a'])).toMatchObject({
      truckFactor: 1,
      removedAuthors: ['b'],
    });
    // already below 50% → 0
    expect(greedyTruckFactor(map, ['a', 'b']).truckFactor).toBe(0);
  });

  it('is 0 for no files', () => {
    expect(greedyTruckFactor({ authorsByFile: {} })).toEqual({
      truckFactor: 0,
      removedAuthors: [],
      coverageLeft: 0,
    });
  });
});

describe('coverageWithout', () => {
  const map = {
    authorsByFile: {
      'src/a.ts': ['alice'],
      'src/b.ts': ['alice', 'bob'],
      'src/c.ts': ['bob'],
      'src/d.ts': [],
    },
  };

  it('tells the coverage left and the files that lose their last author', () => {
    expect(coverageWithout(map, [])).toEqual({
      coveredFiles: 3,
      totalFiles: 4,
      share: 0.75,
      orphanedFiles: [],
    });
    expect(coverageWithout(map, ['alice'])).toEqual({
      coveredFiles: 2,
      totalFiles: 4,
      share: 0.5,
      orphanedFiles: ['src/a.ts'],
    });
    expect(coverageWithout(map, new Set(['alice', 'bob']))).toEqual({
      coveredFiles: 0,
      totalFiles: 4,
      share: 0,
      orphanedFiles: ['src/a.ts', 'src/b.ts', 'src/c.ts'],
    });
  });
});

describe('authorsOfFile', () => {
  it('agrees with fileAuthorship on random files', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 2000; i++) {
      const developers = ['a', 'b', 'c', 'd', 'e'].slice(
        0,
        1 + Math.floor(random() * 5),
      );
      const counts = new Map<string, number>();
      for (const d of developers) {
        if (random() < 0.8) counts.set(d, 1 + Math.floor(random() * 40));
      }
      const creator = random() < 0.9 ? developers[0] : null;
      const expected = fileAuthorship(creator, counts)
        .filter(r => r.isAuthor)
        .map(r => r.developer)
        .sort();
      expect(authorsOfFile(creator, counts)).toEqual(expected);
    }
  });
});

describe('authorsOfFile with the reference tool rules', () => {
  it('does not count the creation as a delivery', () => {
    const commits = changes({ a: 1, b: 1 });
    // paper: b = 3.293 + 0.164 - 0.321 ln 2 = 3.23, a = 4.33: b's share 0.75 is not above
    expect(authorsOfFile('a', commits)).toEqual(['a']);
    // reference: a = 3.293 + 1.098 - 0.321 ln 2 = 4.17, b = 3.457: b's share 0.83
    expect(authorsOfFile('a', commits, 'reference-tool')).toEqual(['a', 'b']);
  });

  it('exempts the creator from the absolute threshold', () => {
    const commits = changes({ a: 1 });
    for (let i = 0; i < 60; i++) commits.set(`dev${i}`, 1);
    // a is the best (normalised 1) but 3.293 + 1.098 + 0.164 - 0.321 ln 61 = 3.235 < 3.293
    expect(authorsOfFile('a', commits)).toEqual([]);
    expect(authorsOfFile('a', commits, 'reference-tool')).toEqual(['a']);
  });

  it('changes nothing for a file whose creator is unknown', () => {
    const commits = changes({ a: 5, b: 1 });
    expect(authorsOfFile(null, commits, 'reference-tool')).toEqual(
      authorsOfFile(null, commits),
    );
  });
});
