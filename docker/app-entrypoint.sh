#!/bin/sh
# Fills in secrets that the environment leaves unset from the generated file (see init-secrets.sh).
set -eu
FILE=${PARLEY_SECRETS_FILE:-/run/parley-secrets/secrets.env}
if [ -f "$FILE" ]; then
  while IFS='=' read -r name value; do
    eval "current=\${$name:-}"
    if [ -z "$current" ]; then
      export "$name=$value"
    fi
  done < "$FILE"
fi
exec "$@"
