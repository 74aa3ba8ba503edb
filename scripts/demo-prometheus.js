// Starts a Prometheus for the demo portal on 127.0.0.1:9091 with 7 days of generated
// search-api latency series (backfilled with promtool), so the search-latency SLO of
// examples/slos/search-api-latency.yaml is computed from a real Prometheus.
// Used by `scripts/start.sh --prometheus`; safe to run again (it restarts the server).
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dir = path.join(root, '.data', 'prometheus');
const pidFile = path.join(dir, 'pid');
const MINUTE = 60_000;

if (fs.existsSync(pidFile)) {
  try {
    process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM');
  } catch {
    // already gone
  }
}
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

// 600 queries a minute; normally 98% finish under 300 ms, but in bad minutes
// (one minute in every three hours, and the last half hour) only 90% do: those minutes miss
// the 95% slice target, enough to page.
const end = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const start = end - 7 * 24 * 60 * MINUTE;
const fast = [];
const count = [];
let f = 0;
let c = 0;
for (let t = start; t <= end; t += MINUTE) {
  const minute = t / MINUTE;
  const bad = minute % 180 === 0 || end - t < 30 * MINUTE;
  const total = 600;
  c += total;
  f += Math.round(total * (bad ? 0.9 : 0.98));
  fast.push(
    `search_request_duration_seconds_bucket{le="0.3",service="search-api"} ${f} ${
      t / 1000
    }`,
  );
  count.push(
    `search_request_duration_seconds_count{service="search-api"} ${c} ${
      t / 1000
    }`,
  );
}
const om = [
  '# TYPE search_request_duration_seconds histogram',
  ...fast,
  ...count,
  '# EOF',
].join('\n');
fs.writeFileSync(path.join(dir, 'data.om'), `${om}\n`);
execFileSync(
  'promtool',
  [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    path.join(dir, 'data.om'),
    path.join(dir, 'tsdb'),
  ],
  {
    stdio: 'ignore',
  },
);
fs.writeFileSync(
  path.join(dir, 'prometheus.yml'),
  'global:\n  scrape_interval: 1m\nscrape_configs: []\n',
);
const child = spawn(
  'prometheus',
  [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
    '--storage.tsdb.retention.time=3650d',
    '--web.listen-address=127.0.0.1:9091',
  ],
  {
    detached: true,
    stdio: [
      'ignore',
      fs.openSync(path.join(dir, 'prometheus.log'), 'a'),
      'ignore',
    ],
  },
);
child.unref();
fs.writeFileSync(pidFile, String(child.pid));
console.error(
  `[prometheus] demo Prometheus on http://127.0.0.1:9091 (pid ${child.pid})`,
);
