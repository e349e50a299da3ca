#!/usr/bin/env bash
# Installs the pinned OpenAPI linter (tools/openapi-lint: @redocly/cli, package-lock.json) into that folder's
# node_modules with `npm ci`, and does nothing when the installed tree matches the lock file. Needs node and npm.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../tools/openapi-lint"

if ! command -v npm >/dev/null 2>&1; then
    echo "openapi-lint-install: npm not found; install Node.js 20.19+ (the OpenAPI lint test needs it)" >&2
    exit 1
fi

stamp=node_modules/.kavach-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -x node_modules/.bin/redocly && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "openapi-lint-install: @redocly/cli present ($(jq -r '.packages["node_modules/@redocly/cli"].version' package-lock.json 2>/dev/null || echo pinned))"
    exit 0
fi

# No install scripts: the linter needs none, and nothing from the registry runs at install time.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null
echo "$want" > "$stamp"
echo "openapi-lint-install: installed @redocly/cli into tools/openapi-lint/node_modules"
