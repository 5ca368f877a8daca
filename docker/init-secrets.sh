#!/bin/sh
# One-shot compose service: generates the secrets .env leaves unset, into a volume shared with every app
# replica and with coturn, so `docker compose up` works without editing anything. Values set in .env win.
# A secret already in the file is kept; one added by a newer version is appended on its first boot.
set -eu
FILE=${PARLEY_SECRETS_FILE:-/run/parley-secrets/secrets.env}
random() { head -c "$1" /dev/urandom | base64 | tr -d '\n/+='; }
generate() {
  case "$1" in
    JWT_ACCESS_SECRET) echo "JWT_ACCESS_SECRET=$(random 48)" ;;
    MESSAGE_ENCRYPTION_KEYS) echo "MESSAGE_ENCRYPTION_KEYS=k1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')" ;;
    # Keys the search index's HMACs (blind tokens).
    SEARCH_INDEX_KEYS) echo "SEARCH_INDEX_KEYS=k1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')" ;;
    # Signs the calls' TURN credentials in the app and checks them in coturn (static-auth-secret).
    TURN_SHARED_SECRET) echo "TURN_SHARED_SECRET=$(random 48)" ;;
  esac
}
umask 077
touch "$FILE"
cp "$FILE" "$FILE.tmp"
added=""
for name in JWT_ACCESS_SECRET MESSAGE_ENCRYPTION_KEYS TURN_SHARED_SECRET SEARCH_INDEX_KEYS; do
  if ! grep -q "^$name=" "$FILE.tmp"; then
    generate "$name" >> "$FILE.tmp"
    added="$added $name"
  fi
done
mv "$FILE.tmp" "$FILE"
# The app's image runs as `node` (uid 1000), which must read the file; nobody else may.
if [ "$(id -u)" = 0 ]; then
  chown "${PARLEY_SECRETS_OWNER:-1000:1000}" "$FILE"
fi
if [ -z "$added" ]; then
  echo "parley-secrets: keeping existing $FILE"
else
  echo "parley-secrets: generated$added into $FILE (back up this volume: losing the message key makes stored messages unreadable)"
fi
