import { spawn } from 'node:child_process';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/*
 * The demo organisation's git repositories, built deterministically with `git fast-import`
 * (fixed names, e-mails and dates, so the same commits every time): ledger-service, whose
 * code nearly only Carol knows (truck factor 1), and payments-api, spread over five people
 * (truck factor 3). Mallory, who left (she is not in examples/org.yaml), wrote files nobody
 * else touched: knowledge already lost.
 */

interface DemoAuthor {
  name: string;
  email: string;
}

const person = (name: string): DemoAuthor => ({
  name,
  email: `${name.toLowerCase()}@example.com`,
});

/** @internal */
export const DEMO_AUTHORS = {
  carol: person('Carol'),
  dan: person('Dan'),
  alice: person('Alice'),
  bob: person('Bob'),
  erin: person('Erin'),
  /** Left the company: not in the catalog. */
  mallory: person('Mallory'),
} as const;

/** @internal */
export interface DemoCommit {
  author: DemoAuthor;
  message: string;
  /** Files to create or overwrite. */
  write: Record<string, string>;
}

/** Distinct, deterministic source text for a file. */
function source(path: string, lines = 24, revision = 0): string {
  const id = path.replace(/\W+/g, '_');
  const body = Array.from(
    { length: lines },
    (_, i) => `export const ${id}_${i} = ${(i * 7 + revision) % 101};`,
  );
  return `// ${path}${revision ? ` (revision ${revision})` : ''}\n${body.join(
    '\n',
  )}\n`;
}

const files = (...paths: string[]) =>
  Object.fromEntries(paths.map(p => [p, source(p)]));
const edit = (path: string, revision: number) => ({
  [path]: source(path, 24, revision),
});

const { carol, dan, alice, bob, erin, mallory } = DEMO_AUTHORS;

/** ledger-service: Mallory started it, Carol wrote everything else; Dan fixed a typo twice. */
export const LEDGER_SERVICE_HISTORY: DemoCommit[] = [
  {
    author: mallory,
    message: 'Initial ledger: nightly reconciliation and batch export',
    write: {
      ...files('src/legacy/reconcile-v1.ts', 'src/legacy/batch-export.ts'),
      'README.md': '# Ledger\n\nDouble-entry ledger behind every payment.\n',
    },
  },
  {
    author: carol,
    message: 'Accounts and journal',
    write: files('src/ledger/accounts.ts', 'src/ledger/journal.ts'),
  },
  {
    author: carol,
    message: 'Postings and balances',
    write: files('src/ledger/postings.ts', 'src/ledger/balances.ts'),
  },
  {
    author: carol,
    message: 'Reconciliation job',
    write: files('src/ledger/reconciliation.ts'),
  },
  {
    author: carol,
    message: 'Multi-currency',
    write: files('src/ledger/currency.ts'),
  },
  {
    author: dan,
    message: 'Fix typo in a log message',
    write: edit('src/ledger/journal.ts', 1),
  },
  {
    author: carol,
    message: 'Audit trail',
    write: files('src/ledger/audit.ts'),
  },
  {
    author: carol,
    message: 'HTTP API and server',
    write: files('src/api/routes.ts', 'src/api/server.ts'),
  },
  {
    author: carol,
    message: 'Database access',
    write: files('src/db/pool.ts', 'src/db/migrations.ts'),
  },
  {
    author: carol,
    message: 'Failover runbook automation',
    write: files('src/ops/failover.ts'),
  },
  {
    author: carol,
    message: 'Reconciliation: handle partial refunds',
    write: edit('src/ledger/reconciliation.ts', 2),
  },
  {
    author: dan,
    message: 'Bump the pool size',
    write: edit('src/db/pool.ts', 3),
  },
  {
    author: carol,
    message: 'Balances: cache per account',
    write: edit('src/ledger/balances.ts', 4),
  },
];

/** payments-api: five people, four areas each, some cross-review edits; one lost file. */
export const PAYMENTS_API_HISTORY: DemoCommit[] = [
  {
    author: mallory,
    message: 'Settlement v1',
    write: {
      ...files('src/legacy/settlement-v1.ts'),
      'README.md': '# Payments API\n\nAuthorises and captures payments.\n',
    },
  },
  {
    author: carol,
    message: 'Authorisation flow',
    write: files(
      'src/authorize/flow.ts',
      'src/authorize/limits.ts',
      'src/authorize/retry.ts',
      'src/authorize/errors.ts',
    ),
  },
  {
    author: dan,
    message: 'Capture and refunds',
    write: files(
      'src/capture/capture.ts',
      'src/capture/refunds.ts',
      'src/capture/partial.ts',
      'src/capture/idempotency.ts',
    ),
  },
  {
    author: alice,
    message: 'Observability: metrics, tracing, SLO events',
    write: files(
      'src/observability/metrics.ts',
      'src/observability/tracing.ts',
      'src/observability/slo-events.ts',
      'src/observability/health.ts',
    ),
  },
  {
    author: bob,
    message: 'Gateway clients',
    write: files(
      'src/gateway/client.ts',
      'src/gateway/pool.ts',
      'src/gateway/timeouts.ts',
      'src/gateway/warmup.ts',
    ),
  },
  {
    author: erin,
    message: 'Fraud rules',
    write: files(
      'src/fraud/rules.ts',
      'src/fraud/scoring.ts',
      'src/fraud/lists.ts',
      'src/fraud/review.ts',
    ),
  },
  {
    author: dan,
    message: 'Retry: jitter',
    write: edit('src/authorize/retry.ts', 1),
  },
  {
    author: carol,
    message: 'Refunds: ledger callback',
    write: edit('src/capture/refunds.ts', 2),
  },
  {
    author: erin,
    message: 'Metrics for fraud decisions',
    write: edit('src/observability/metrics.ts', 3),
  },
  {
    author: bob,
    message: 'Warm up pools before traffic',
    write: edit('src/gateway/warmup.ts', 4),
  },
  {
    author: alice,
    message: 'Gateway timeouts as SLO events',
    write: edit('src/gateway/timeouts.ts', 5),
  },
];

/** 2025-01-06T09:00:00Z; every commit is one day and one hour after the previous one. */
const FIRST_COMMIT_AT = 1_736_154_000;
const COMMIT_INTERVAL = 25 * 3600;

/** The `git fast-import` stream of a history on `main`. */
export function fastImportStream(history: readonly DemoCommit[]): Buffer {
  const parts: Buffer[] = [];
  const text = (s: string) => parts.push(Buffer.from(s, 'utf8'));
  const data = (content: string) => {
    const bytes = Buffer.from(content, 'utf8');
    text(`data ${bytes.length}\n`);
    parts.push(bytes);
    text('\n');
  };
  history.forEach((commit, i) => {
    const when = `${FIRST_COMMIT_AT + i * COMMIT_INTERVAL} +0000`;
    const who = `${commit.author.name} <${commit.author.email}>`;
    text(`commit refs/heads/main\nmark :${i + 1}\n`);
    text(`author ${who} ${when}\ncommitter ${who} ${when}\n`);
    data(commit.message);
    for (const [path, content] of Object.entries(commit.write)) {
      text(`M 100644 inline ${path}\n`);
      data(content);
    }
    text('\n');
  });
  return Buffer.concat(parts);
}

/** Git without the machine's configuration (hooks, templates, signing). */
const ISOLATED_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

function git(cwd: string, args: string[], input?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      env: { ...process.env, ...ISOLATED_ENV },
      stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', chunk => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve()
        : reject(
            new Error(`git ${args[0]} failed (${code}): ${stderr.trim()}`),
          ),
    );
    if (input) child.stdin?.end(input);
  });
}

/**
 * Creates the repository at `dir` with `history`, unless something is already there.
 * Built in a sibling folder and renamed into place, so an interrupted run leaves no
 * half-made repository behind.
 * @internal
 */
export async function createDemoRepository(
  dir: string,
  history: readonly DemoCommit[],
): Promise<'created' | 'exists'> {
  if (
    await stat(dir).then(
      () => true,
      () => false,
    )
  ) {
    return 'exists';
  }
  await mkdir(dirname(dir), { recursive: true });
  const tmp = join(
    dirname(dir),
    `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`,
  );
  try {
    await git(dirname(dir), ['init', '-q', '-b', 'main', tmp]);
    await git(tmp, ['fast-import', '--quiet'], fastImportStream(history));
    await git(tmp, ['reset', '-q', '--hard']);
    await rename(tmp, dir);
    return 'created';
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      return 'exists'; // another replica was faster
    }
    throw error;
  }
}
