#!/bin/sh
# Renders nginx/parley.conf.template for docker compose: one self-signed certificate on first boot unless
# one is mounted at /etc/nginx/tls, and the app service name as the upstream (Docker's DNS returns every
# replica; `resolve` re-reads it as replicas come and go).
set -eu
TLS_DIR=/etc/nginx/tls
if [ ! -f "$TLS_DIR/tls.crt" ]; then
  mkdir -p "$TLS_DIR"
  openssl req -x509 -nodes -newkey rsa:2048 -days 365 -subj "/CN=${PARLEY_SERVER_NAME:-localhost}" \
    -keyout "$TLS_DIR/tls.key" -out "$TLS_DIR/tls.crt" 2>/dev/null
  echo "parley-nginx: generated a self-signed certificate for ${PARLEY_SERVER_NAME:-localhost}"
fi
export PARLEY_UPSTREAM_SERVERS="zone parley_app 64k; resolver 127.0.0.11 valid=10s; server app:3000 resolve;"
export PARLEY_HTTP_LISTEN=80 PARLEY_HTTPS_LISTEN=443 PARLEY_HTTPS_PORT_SUFFIX=""
export PARLEY_TLS_CERT="$TLS_DIR/tls.crt" PARLEY_TLS_KEY="$TLS_DIR/tls.key"
envsubst '${PARLEY_UPSTREAM_SERVERS} ${PARLEY_HTTP_LISTEN} ${PARLEY_HTTPS_LISTEN} ${PARLEY_HTTPS_PORT_SUFFIX} ${PARLEY_TLS_CERT} ${PARLEY_TLS_KEY}' \
  < /etc/nginx/parley.conf.template > /etc/nginx/conf.d/default.conf
exec nginx -g 'daemon off;'
