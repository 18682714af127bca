#!/bin/sh
# The README's test command, and exactly what CI runs (.ci/run): typecheck, lint, every test.
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
. scripts/ensure-postgres.sh
echo "== typecheck"; npx tsc -p .
echo "== lint"; npx eslint --max-warnings 0 .
echo "== tests"
report=$(mktemp)
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$report" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$report" || status=1
rm -f "$report"
exit $status
