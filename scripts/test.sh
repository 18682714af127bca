#!/bin/sh
# The README's test command, and exactly what CI runs (.ci/run): typecheck, lint, every unit,
# storage, API and SIP test (Vitest; the SIP tests start Kamailio, rtpengine and sipp), then the
# browser tests (Playwright in Debian's Chromium).
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
. scripts/ensure-postgres.sh
. scripts/ensure-chromium.sh
. scripts/ensure-telephony.sh
echo "== typecheck"; npx tsc -p . && npx tsc -p web
echo "== lint"; npx eslint --max-warnings 0 .
echo "== build the web UI"; npm run --silent build:web >/dev/null
echo "== tests"
report=$(mktemp)
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$report" || status=$?
echo "== browser tests"
e2e_status=0
npx playwright test --config test/e2e/playwright.config.ts || e2e_status=$?
node -e '
  const fs = require("fs");
  const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  let passed = r.numPassedTests, failed = r.numFailedTests, skipped = r.numPendingTests + r.numTodoTests;
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
' "$report" || status=1
rm -f "$report"
[ "$e2e_status" = 0 ] || status=$e2e_status
exit $status
