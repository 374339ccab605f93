#!/usr/bin/env bash
# Runs the whole test suite. Release configuration (with testability) because the
# numeric tests are slow in debug builds; nothing is shrunk to fit.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift test -c release -Xswiftc -enable-testing --parallel "$@"
