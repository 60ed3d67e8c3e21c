#!/usr/bin/env bash
# The province's shape on one machine: N server processes behind HAProxy (deploy/haproxy.cfg) on one
# PostgreSQL and one Redis, with stream relays and detection workers as processes of their own that reach
# the servers through the balancer. Runs in the foreground; Ctrl-C (or any process dying) stops them all.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 deploy/cluster.sh
#
# SERVERS (2), RELAYS (1), WORKERS (1): how many of each. PORT (8080): the balancer's port, the one users
# open; LB_HOST (0.0.0.0) its address. SERVER_PORTS_FROM (8101), RELAY_PORTS_FROM (8201) and
# WORKER_PORTS_FROM (8301): the servers, the relays and the workers' health listen on 127.0.0.1 from there
# on. DATA_DIR (./data/cluster): the files the servers share (uploads, clips) and the workers' models; logs
# under DATA_DIR/logs; each relay's recordings under DATA_DIR/relay-<n>. Other variables (SESSION_SECRET,
# DEMO_PASSWORD, ...) pass on to the servers as `npm start` reads them.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL: the processes share one PostgreSQL (PGlite is one process only)}"
: "${REDIS_URL:?set REDIS_URL: the processes share Socket.IO rooms, scheduled jobs and rate limits through Redis}"
command -v haproxy >/dev/null || { echo "HAProxy is missing. Install it: apt-get install -y haproxy" >&2; exit 1; }

SERVERS=${SERVERS:-2}
RELAYS=${RELAYS:-1}
WORKERS=${WORKERS:-1}
PORT=${PORT:-8080}
LB_HOST=${LB_HOST:-0.0.0.0}
SERVER_PORTS_FROM=${SERVER_PORTS_FROM:-8101}
RELAY_PORTS_FROM=${RELAY_PORTS_FROM:-8201}
WORKER_PORTS_FROM=${WORKER_PORTS_FROM:-8301}
DATA_DIR=${DATA_DIR:-./data/cluster}
LOGS="$DATA_DIR/logs"
mkdir -p "$LOGS"
BALANCER="http://127.0.0.1:$PORT"

pids=()
stop_all() {
  trap - EXIT INT TERM
  echo "[cluster] stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all EXIT INT TERM

# Each process is started as `node` itself (no wrapping function or subshell), so that $! is its pid and
# stopping the cluster reaches it.
NODE=(node --import tsx)

wait_healthy() { # url what
  for _ in $(seq 1 600); do
    if curl -fsS "$1/api/health" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "[cluster] $2 did not answer at $1 (see $LOGS)" >&2
  exit 1
}

start_server() { # n
  local port=$((SERVER_PORTS_FROM + $1 - 1))
  # The companions run below as processes of their own; the demo's simulated cameras run in server 1 only.
  local cameras=off
  [ "$1" = 1 ] && cameras=${SIMULATED_CAMERAS:-auto}
  # One DATA_DIR for all servers: a photo uploaded through one is read through another. They listen on
  # loopback behind one proxy hop, so the client's address (per-address limits) is HAProxy's X-Forwarded-For.
  PORT=$port HOST=127.0.0.1 TRUST_PROXY=1 RELAY=off ANALYTICS=off SIMULATED_CAMERAS=$cameras DATA_DIR="$DATA_DIR" \
    "${NODE[@]}" server/main.ts >"$LOGS/server-$1.log" 2>&1 &
  pids+=($!)
  wait_healthy "http://127.0.0.1:$port" "server $1"
  echo "[cluster] server $1 on 127.0.0.1:$port (log $LOGS/server-$1.log)"
}

# Server 1 first: on an empty database it migrates and loads the demo; the others then find it done.
for n in $(seq 1 "$SERVERS"); do start_server "$n"; done

config="$DATA_DIR/haproxy.cfg"
{
  cat deploy/haproxy.cfg
  for n in $(seq 1 "$SERVERS"); do
    echo "    server s$n 127.0.0.1:$((SERVER_PORTS_FROM + n - 1)) cookie s$n"
  done
} >"$config"
CC_LB_BIND="$LB_HOST:$PORT" haproxy -db -f "$config" >"$LOGS/haproxy.log" 2>&1 &
pids+=($!)
wait_healthy "$BALANCER" "HAProxy"
echo "[cluster] HAProxy on $LB_HOST:$PORT in front of $SERVERS server processes"

# A service token per companion, made at its first start and kept (readable by this user only) under
# DATA_DIR/tokens for the next ones. Token names are never reused, so a new one carries the time it was made.
token() { # companion kind
  local file="$DATA_DIR/tokens/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$DATA_DIR/tokens"
    (umask 077 && "${NODE[@]}" server/cli/token.ts create --name "cluster-$1-$(date +%s)" --kind "$2" >"$file")
  fi
  cat "$file"
}

for n in $(seq 1 "$RELAYS"); do
  relay_token=$(token "relay-$n" relay)
  RELAY_TOKEN=$relay_token SERVER_URL=$BALANCER RELAY_ID="relay-$n" RELAY_PORT=$((RELAY_PORTS_FROM + n - 1)) \
    DATA_DIR="$DATA_DIR/relay-$n" "${NODE[@]}" stream-relay/main.ts >"$LOGS/relay-$n.log" 2>&1 &
  pids+=($!)
  echo "[cluster] relay $n on 127.0.0.1:$((RELAY_PORTS_FROM + n - 1))"
done
# The detector models are built once, before the workers that share them start (a first start takes a while).
if [ "$WORKERS" -gt 0 ]; then
  echo "[cluster] detector models under $DATA_DIR/models"
  "${NODE[@]}" analytics/models/build-models-cli.ts --data-dir "$DATA_DIR" >"$LOGS/models.log" 2>&1
fi
for n in $(seq 1 "$WORKERS"); do
  worker_token=$(token "worker-$n" analytics)
  ANALYTICS_TOKEN=$worker_token SERVER_URL=$BALANCER ANALYTICS_WORKER_ID="worker-$n" \
    ANALYTICS_PORT=$((WORKER_PORTS_FROM + n - 1)) DATA_DIR="$DATA_DIR" \
    "${NODE[@]}" analytics/worker/main.ts >"$LOGS/worker-$n.log" 2>&1 &
  pids+=($!)
  echo "[cluster] detection worker $n (health on 127.0.0.1:$((WORKER_PORTS_FROM + n - 1)))"
done

echo "[cluster] open $BALANCER — the demo logins are in $LOGS/server-1.log"
# The cluster stands or falls together: the first process to end stops the others.
wait -n || true
echo "[cluster] a process ended; see $LOGS" >&2
exit 1
