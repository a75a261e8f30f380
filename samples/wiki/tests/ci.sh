#!/usr/bin/env bash
# What CI runs (.github/workflows/infratests.yml, .forgejo/workflows/infratests.yml): the tests, which write their
# reports into tests/TestResults (TRX, JUnit, InfraTests' job summary, also appended to $GITHUB_STEP_SUMMARY where set),
# then InfraTests' annotations, printed here because `dotnet test` does not pass a test process's output to the log.
# Arguments go to `dotnet test`. Exits with the tests' status.
set -uo pipefail
cd "$(dirname "$0")"
rm -rf TestResults
dotnet test "$@"
status=$?
cat TestResults/infratests-annotations.txt 2>/dev/null
exit "$status"
