#!/usr/bin/env bash
# Adds up the test results of both runners and prints, as its very last line,
#   N passed, N failed, N skipped
# from every .trx under the results directory (dotnet test) and the ctest log. Where tests were skipped, the line
# goes on with why ("(3: reason; 1: other reason)"), and the lines above it list the skipped tests' reasons.
# Plain bash + grep + sed, so CI needs nothing extra.
#
# Usage: scripts/test-summary.sh [RESULTS_DIR]   (default artifacts/test-results; ctest log: RESULTS_DIR/ctest.log)
# Exit status: 0 when at least one test ran and none failed, 1 otherwise.
set -uo pipefail

results_dir="${1:-artifacts/test-results}"
ctest_log="$results_dir/ctest.log"

passed=0
failed=0
skipped=0
skip_reasons=()

# One attribute of a TRX <Counters .../> element; 0 when absent.
counter() {
  local element="$1" name="$2" value
  value="$(printf '%s\n' "$element" | sed -n "s/.*[[:space:]]$name=\"\([0-9]*\)\".*/\1/p")"
  echo "${value:-0}"
}

# The first line of the message of every test that did not run (xunit puts the skip reason there).
skip_messages() {
  awk 'BEGIN { RS = "<UnitTestResult " }
       /outcome="NotExecuted"/ {
         reason = "no reason given"
         if (match($0, /<Message>[^<]*/)) {
           reason = substr($0, RSTART + 9, RLENGTH - 9)
           sub(/\r?\n.*/, "", reason)
         }
         print reason
       }' "$1"
}

trx_files=0
while IFS= read -r -d '' trx; do
  trx_files=$((trx_files + 1))
  element="$(grep -o '<Counters[^>]*>' "$trx" | head -n 1)"
  if [ -z "$element" ]; then
    echo "dotnet: $(basename "$trx"): no <Counters> element (run aborted?), counted as 1 failed"
    failed=$((failed + 1))
    continue
  fi
  total="$(counter "$element" total)"
  executed="$(counter "$element" executed)"
  p="$(counter "$element" passed)"
  # A test that errored, timed out or was aborted did not pass either.
  f=$(( $(counter "$element" failed) + $(counter "$element" error) + $(counter "$element" timeout) + $(counter "$element" aborted) ))
  s=$(( total - executed ))
  # Name the test assembly rather than the TRX file (user_host_timestamp.trx).
  name="$(grep -o -m 1 'codeBase="[^"]*"' "$trx" | head -n 1 | sed -e 's/^codeBase="//' -e 's/"$//')"
  name="$(basename "${name:-$trx}")"
  name="${name%.dll}"
  echo "dotnet: ${name%.trx}: $p passed, $f failed, $s skipped"
  if [ "$s" -gt 0 ]; then
    mapfile -t -O "${#skip_reasons[@]}" skip_reasons < <(skip_messages "$trx")
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
done < <(find "$results_dir" -name '*.trx' -type f -print0 2>/dev/null | sort -z)

if [ "$trx_files" -eq 0 ]; then
  echo "dotnet: no .trx files under $results_dir"
fi

if [ -f "$ctest_log" ]; then
  # "100% tests passed, 0 tests failed out of 7" / "75% tests passed, 1 tests failed out of 4".
  # ctest counts skipped tests (SKIP_RETURN_CODE) among the passed ones and lists them
  # under "The following tests did not run:" as "  3 - name (Skipped)".
  line="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$ctest_log" | tail -n 1)"
  if [ -n "$line" ]; then
    c_failed="$(printf '%s\n' "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')"
    c_total="$(printf '%s\n' "$line" | sed -E 's/.* failed out of ([0-9]+).*/\1/')"
    c_skipped="$(grep -cE '^[[:space:]]+[0-9]+ - .* \(Skipped\)[[:space:]]*$' "$ctest_log")"
    c_passed=$(( c_total - c_failed - c_skipped ))
    echo "ctest: $c_passed passed, $c_failed failed, $c_skipped skipped"
    while IFS= read -r name; do
      skip_reasons+=("ctest $name (its output in $ctest_log says why)")
    done < <(sed -nE 's/^[[:space:]]+[0-9]+ - (.*) \(Skipped\)[[:space:]]*$/\1/p' "$ctest_log")
    passed=$((passed + c_passed))
    failed=$((failed + c_failed))
    skipped=$((skipped + c_skipped))
  elif grep -q 'No tests were found' "$ctest_log"; then
    echo "ctest: no tests were found"
  else
    echo "ctest: no summary line in $ctest_log (ctest did not finish?)"
  fi
else
  echo "ctest: no log at $ctest_log"
fi

status=0
if [ $((passed + failed)) -eq 0 ]; then
  echo "no test ran"
  status=1
fi
if [ "$failed" -gt 0 ]; then
  status=1
fi

summary="$passed passed, $failed failed, $skipped skipped"
if [ ${#skip_reasons[@]} -gt 0 ]; then
  # "3: reason; 1: other reason", most frequent first, ties in byte order.
  why="$(printf '%s\n' "${skip_reasons[@]}" | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1nr -k2 | sed -E 's/^ *([0-9]+) (.*)$/\1: \2/')"
  echo "skipped:"
  printf '%s\n' "$why" | sed 's/^/  /'
  summary="$summary ($(printf '%s\n' "$why" | paste -sd ';' | sed 's/;/; /g'))"
fi
echo "$summary"
exit "$status"
