import type { Operator } from '../knowledge/types';
import { embeddedSreNote, operatingPicture } from './operators';

const CAROL = 'user:default/carol';
const DAN = 'user:default/dan';
const BOB = 'user:default/bob';
const ALICE = 'user:default/alice';
const recorded = (userRef: string, level: Operator['level']): Operator => ({
  userRef,
  level,
  source: 'recorded',
});
const shift = (userRef: string) => ({
  userRef,
  shifts: 4,
  lastShiftEndedAt: '2026-11-20T00:00:00Z',
});

describe('operatingPicture', () => {
  it('counts the people holding the pager as operators on the operating side', () => {
    const picture = operatingPicture({
      recorded: [recorded(CAROL, 'expert')],
      declared: [],
      onCall: [shift(CAROL), shift(DAN), shift(BOB)],
      groupMembers: [ALICE, BOB],
      embeddedSre: null,
    });
    expect(picture.operators.map(o => [o.userRef, o.level])).toEqual([
      [CAROL, 'expert'],
      [BOB, 'can-operate'],
      [DAN, 'can-operate'],
    ]);
    expect(picture.operatingSide).toEqual([ALICE, BOB, CAROL, DAN]);
  });

  it('leaves the embedded SRE out of both: they leave when the engagement ends', () => {
    const picture = operatingPicture({
      recorded: [recorded(CAROL, 'expert'), recorded(ALICE, 'can-operate')],
      declared: [],
      onCall: [shift(ALICE)],
      groupMembers: [ALICE],
      embeddedSre: ALICE,
    });
    expect(picture.operators.map(o => o.userRef)).toEqual([CAROL]);
    expect(picture.operatingSide).toEqual([]);
  });

  it('keeps a recorded "learning" over an on-call shift', () => {
    const picture = operatingPicture({
      recorded: [recorded(DAN, 'learning')],
      declared: [],
      onCall: [shift(DAN)],
      groupMembers: [],
      embeddedSre: null,
    });
    expect(picture.operators).toMatchObject([
      { userRef: DAN, level: 'learning' },
    ]);
    expect(picture.operatingSide).toEqual([DAN]);
  });
});

describe('embeddedSreNote', () => {
  it('says who was left out, only while an SRE is embedded', () => {
    expect(embeddedSreNote({ sreRef: ALICE })).toBe(
      ' The embedded SRE user:default/alice is not counted: they leave when the engagement ends.',
    );
    expect(embeddedSreNote(null)).toBe('');
  });
});
