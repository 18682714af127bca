#!/bin/sh
# The README's test command, and exactly what CI runs (.ci/run): typecheck, lint, every unit,
# storage, API and CLI test (Vitest), the SIP tests on their own (they start Kamailio, rtpengine
# and sipp, and time calls: nothing else runs beside them), the cluster tests on their own (three
# nodes on a PostgreSQL server of their own, with Kamailio and rtpengine), then the browser tests (Playwright in
# Debian's Chromium; one of them drives the agent console on a real call through Kamailio).
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
. scripts/ensure-postgres.sh
. scripts/ensure-chromium.sh
. scripts/ensure-telephony.sh
echo "== typecheck"; npx tsc -p . && npx tsc -p web
echo "== lint"; npx eslint --max-warnings 0 . && npx prettier --check --log-level warn .
echo "== build the web UI"; npm run --silent build:web >/dev/null
reports=$(mktemp -d)
status=0
echo "== tests"
npx vitest run --exclude 'test/sip/**' --exclude 'test/cluster/**' --reporter=default --reporter=json --outputFile="$reports/unit.json" || status=$?
echo "== SIP tests"
npx vitest run test/sip --no-file-parallelism --reporter=default --reporter=json --outputFile="$reports/sip.json" || status=$?
echo "== cluster tests"
npx vitest run test/cluster --no-file-parallelism --reporter=default --reporter=json --outputFile="$reports/cluster.json" || status=$?
echo "== browser tests"
rm -f test-results/e2e.json
npx playwright test --config test/e2e/playwright.config.ts || status=$?
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const [name, file] of [["unit, storage, API and CLI", process.argv[1]], ["SIP", process.argv[2]], ["cluster", process.argv[3]]]) {
    if (!fs.existsSync(file)) { failed += 1; console.log(`${name} tests: no report (the run did not start)`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
    console.log(`${name} tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
    // Name each failure at the end, where a shortened log still shows it.
    for (const file of r.testResults)
      for (const t of file.assertionResults.filter((t) => t.status === "failed"))
        console.log(`  failed: ${file.name.replace(process.cwd() + "/", "")} › ${t.title}\n    ${(t.failureMessages[0] ?? "").split("\n")[0].slice(0, 300)}`);
  }
  const e2e = "test-results/e2e.json";
  if (fs.existsSync(e2e)) {
    const s = JSON.parse(fs.readFileSync(e2e, "utf8")).stats;
    passed += s.expected; failed += s.unexpected + s.flaky; skipped += s.skipped;
    console.log(`browser tests: ${s.expected} passed, ${s.unexpected} failed`);
  } else {
    failed += 1;
    console.log("browser tests: no report (the run did not start)");
  }
  console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
  process.exit(failed > 0 ? 1 : 0);
' "$reports/unit.json" "$reports/sip.json" "$reports/cluster.json" || status=1
rm -rf "$reports"
exit $status
