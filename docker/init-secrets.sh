#!/bin/sh
# One-shot compose service: on first boot, generates the secrets .env left unset, into a volume shared with
# every app replica, so `docker compose up` works without editing anything. Values set in .env win.
set -eu
FILE=${PARLEY_SECRETS_FILE:-/run/parley-secrets/secrets.env}
if [ -f "$FILE" ]; then
  echo "parley-secrets: keeping existing $FILE"
  exit 0
fi
umask 077
{
  echo "JWT_ACCESS_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
  echo "MESSAGE_ENCRYPTION_KEYS=k1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
} > "$FILE.tmp"
mv "$FILE.tmp" "$FILE"
echo "parley-secrets: generated $FILE (back up this volume: losing the message key makes stored messages unreadable)"
