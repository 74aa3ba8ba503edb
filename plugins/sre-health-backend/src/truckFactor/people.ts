import { compareStrings } from './doa';
import { identityLabel } from './history';
import type {
  AliasReason,
  CatalogUserIdentity,
  DeveloperRecord,
  MergedIdentities,
} from './types';

/** A person the truck factor counts: a catalog user, or a git identity outside the catalog. */
export interface Person {
  /** The catalog user ref, or `Name <email>` of the group's most active identity. */
  id: string;
  departed: boolean;
  identities: string[];
  lastCommitAt: number;
}

export interface PeopleOptions {
  catalogUsers?: readonly CatalogUserIdentity[];
  /**
   * Merge identities written with the same name (case-insensitive), as the reference tool's
   * alias handling does (aserg-ufmg/Truck-Factor `NewAliasHandler`: one user per upper-cased
   * e-mail, then every user sharing an upper-cased name merged). Default true. Never merges
   * two different catalog users.
   */
  mergeSameName?: boolean;
}

const normal = (text: string) => text.trim().toLowerCase();

/**
 * Merges git identities (already merged by `.mailmap` and keyed by e-mail) into people:
 * an identity whose e-mail is one of a catalog user's e-mails (case-insensitive) is that user;
 * failing that, one whose name is one of the user's names; then identities sharing a name are
 * merged. With a catalog, the people without a catalog user are departed.
 *
 * @returns the person of each identity key, and the groups of more than one identity
 */
export function resolvePeople(
  developers: Record<string, DeveloperRecord>,
  options: PeopleOptions = {},
): { personOf: Map<string, Person>; merged: MergedIdentities[] } {
  const { catalogUsers } = options;
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const user of catalogUsers ?? []) {
    for (const email of user.emails) {
      const key = normal(email);
      if (key && !byEmail.has(key)) byEmail.set(key, user.userRef);
    }
    for (const name of user.names ?? []) {
      const key = normal(name);
      if (key && !byName.has(key)) byName.set(key, user.userRef);
    }
  }

  // union-find over identity keys; each root knows its catalog user and why it grew
  const keys = Object.keys(developers).sort(compareStrings);
  const parent = new Map(keys.map(k => [k, k]));
  const userOf = new Map<string, string | undefined>();
  const reasons = new Map<string, Set<AliasReason>>();
  const root = (key: string): string => {
    let r = key;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(key, r);
    return r;
  };
  for (const key of keys) {
    const d = developers[key];
    const byMail = byEmail.get(normal(d.email));
    const userRef = byMail ?? byName.get(normal(d.name));
    userOf.set(key, userRef);
    reasons.set(
      key,
      new Set(userRef ? [byMail ? 'catalog-email' : 'catalog-name'] : []),
    );
  }
  const union = (a: string, b: string, reason: AliasReason) => {
    const [ra, rb] = [root(a), root(b)];
    if (ra === rb) return;
    const [ua, ub] = [userOf.get(ra), userOf.get(rb)];
    if (ua && ub && ua !== ub) return; // two catalog users stay two people
    parent.set(rb, ra);
    userOf.set(ra, ua ?? ub);
    const merged = new Set([...reasons.get(ra)!, ...reasons.get(rb)!, reason]);
    reasons.set(ra, merged);
  };

  // identities of one catalog user
  const firstOfUser = new Map<string, string>();
  for (const key of keys) {
    const userRef = userOf.get(key);
    if (!userRef) continue;
    const first = firstOfUser.get(userRef);
    if (first === undefined) firstOfUser.set(userRef, key);
    else
      union(
        first,
        key,
        reasons.get(key)!.has('catalog-email')
          ? 'catalog-email'
          : 'catalog-name',
      );
  }
  if (options.mergeSameName ?? true) {
    const firstOfName = new Map<string, string>();
    for (const key of keys) {
      const d = developers[key];
      for (const name of d.names ?? [d.name]) {
        const n = normal(name);
        if (n === '') continue;
        const first = firstOfName.get(n);
        if (first === undefined) firstOfName.set(n, key);
        else union(first, key, 'same-name');
      }
    }
  }

  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const r = root(key);
    const list = groups.get(r);
    if (list) list.push(key);
    else groups.set(r, [key]);
  }
  const personOf = new Map<string, Person>();
  const merged: MergedIdentities[] = [];
  for (const [r, members] of groups) {
    const userRef = userOf.get(r);
    // the most active identity names a person outside the catalog
    const main = [...members].sort(
      (a, b) =>
        developers[b].commits - developers[a].commits || compareStrings(a, b),
    )[0];
    const identities = members
      .map(k => identityLabel(developers[k]))
      .sort(compareStrings);
    const person: Person = {
      id: userRef ?? identityLabel(developers[main]),
      departed: catalogUsers !== undefined && userRef === undefined,
      identities,
      lastCommitAt: Math.max(...members.map(k => developers[k].lastCommitAt)),
    };
    for (const key of members) personOf.set(key, person);
    if (members.length > 1) {
      merged.push({
        person: person.id,
        identities,
        reasons: [...reasons.get(r)!].sort(compareStrings),
      });
    }
  }
  merged.sort((a, b) => compareStrings(a.person, b.person));
  return { personOf, merged };
}
