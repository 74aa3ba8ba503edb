/* Helpers shared by the benchmarks that start the portal backend (bench/load, bench/faults). */

/**
 * A user token of the guest (user:default/guest, an SRE in the demo org), signed in the
 * way the app does it; throws when the sign-in is refused or returns no token.
 */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`guest sign-in at ${baseUrl} answered ${res.status}`);
  }
  const body = (await res.json()) as { backstageIdentity?: { token?: string } };
  const token = body.backstageIdentity?.token;
  if (!token) throw new Error(`guest sign-in at ${baseUrl} returned no token`);
  return token;
}
