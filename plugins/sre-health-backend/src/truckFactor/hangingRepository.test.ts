import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRepository } from './analyzeRepository';

/**
 * A repository whose git calls never return, like a clone on a hung network mount: its HEAD
 * is a named pipe nobody writes, so git blocks reading it.
 */
describe('analyzeRepository on a repository that hangs', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hanging-repo-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', root, ...args], { stdio: 'ignore' });
    git('init', '-q');
    git(
      '-c',
      'user.email=a@example.com',
      '-c',
      'user.name=A',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'first',
    );
    unlinkSync(join(root, '.git', 'HEAD'));
    execFileSync('mkfifo', [join(root, '.git', 'HEAD')]);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives up after its timeout and says so', async () => {
    const started = Date.now();
    const result = await analyzeRepository({ dir: root, timeoutMs: 500 });
    const elapsed = Date.now() - started;
    expect(result).toEqual({
      status: 'unavailable',
      code: 'aborted',
      reason: 'the analysis timed out after 500 ms',
    });
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(5_000);
  });
});
