#!/bin/sh
# docker-compose.yml's coturn: writes turnserver's configuration and starts it. TURN_SHARED_SECRET is the app's
# own, read the way app-entrypoint.sh reads it: from .env when set there, else from the file init-secrets.sh
# generated. Only that one secret: coturn faces the internet and needs none of the app's others. It goes into
# a root-only file, never onto the command line or into turnserver's environment; turnserver reads the file,
# then runs as nobody (proc-user).
set -eu
FILE=${PARLEY_SECRETS_FILE:-/run/parley-secrets/secrets.env}
if [ -z "${TURN_SHARED_SECRET:-}" ] && [ -f "$FILE" ]; then
  TURN_SHARED_SECRET=$(sed -n 's/^TURN_SHARED_SECRET=//p' "$FILE")
fi
if [ -z "${TURN_SHARED_SECRET:-}" ]; then
  echo "parley-coturn: TURN_SHARED_SECRET is unset (set it in .env, or let the secrets service generate it)" >&2
  exit 1
fi
CONF=${PARLEY_COTURN_CONF:-/tmp/turnserver.conf}
TLS_DIR=${PARLEY_COTURN_TLS_DIR:-/etc/coturn/tls}
# nginx's render.sh makes a self-signed certificate on first boot (after the app is healthy), in the volume
# mounted at TLS_DIR: wait for it a while, else run without TLS.
waited=0
while [ ! -f "$TLS_DIR/tls.crt" ] && [ "$waited" -lt "${PARLEY_COTURN_TLS_WAIT_SECONDS:-120}" ]; do
  sleep 1
  waited=$((waited + 1))
done
umask 077
{
  echo "use-auth-secret"
  echo "static-auth-secret=$TURN_SHARED_SECRET"
  echo "realm=${TURN_REALM:-localhost}"
  echo "listening-port=3478"
  echo "tls-listening-port=5349"
  echo "min-port=${TURN_MIN_PORT:-49152}"
  echo "max-port=${TURN_MAX_PORT:-65535}"
  [ -z "${TURN_EXTERNAL_IP:-}" ] || echo "external-ip=$TURN_EXTERNAL_IP"
  if [ -f "$TLS_DIR/tls.crt" ]; then
    echo "cert=$TLS_DIR/tls.crt"
    echo "pkey=$TLS_DIR/tls.key"
  else
    echo "parley-coturn: no certificate in $TLS_DIR: turns: (TLS, port 5349) is off" >&2
    echo "no-tls"
    echo "no-dtls"
  fi
  echo "no-tlsv1"
  echo "no-tlsv1_1"
  echo "fingerprint"
  echo "no-cli"
  echo "no-multicast-peers"
  # A relay is no way into the host or its private networks (MongoDB, Redis, the app). Loopback peers are
  # refused by default since coturn 4.5.1 (allow-loopback-peers turns them on); listed anyway.
  for range in 0.0.0.0-0.255.255.255 10.0.0.0-10.255.255.255 100.64.0.0-100.127.255.255 \
    127.0.0.0-127.255.255.255 169.254.0.0-169.254.255.255 172.16.0.0-172.31.255.255 \
    192.0.0.0-192.0.0.255 192.168.0.0-192.168.255.255 198.18.0.0-198.19.255.255 ::1 \
    fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff; do
    echo "denied-peer-ip=$range"
  done
  echo "proc-user=nobody"
  echo "proc-group=nogroup"
} > "$CONF"
unset TURN_SHARED_SECRET
exec turnserver -c "$CONF" "$@"
