#!/usr/bin/env bash
# Start, stop and check N Streamlit replicas of the Dry Needling Body Map, and print the
# nginx site that puts them behind one address (deploy/README.md says how to use both).
#
#   deploy/replicas.sh start [N] [FIRST_PORT]       N replicas on FIRST_PORT.. (3, 8501)
#   deploy/replicas.sh stop                         stop the replicas this script started
#   deploy/replicas.sh status                       which replicas answer their health check
#   deploy/replicas.sh run PORT                     one replica (serve.py) in the foreground (systemd)
#   deploy/replicas.sh nginx-conf [N] [FIRST_PORT]  the nginx site for those replicas
#
# Settings (environment):
#   BODYMAP_BASE_PATH   sub-path the app is served under, e.g. /bodymap/ (default /)
#   BODYMAP_RUN_DIR     where pid and log files go (default deploy/run)
#   BODYMAP_LISTEN      what nginx listens on (default 80)
#   BODYMAP_ACCESS_LOG  nginx access log (default /var/log/nginx/bodymap.access.log)
#   BODYMAP_BASE_URL, BODYMAP_CONTENT_DIR   passed to the app (see README.md)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_DIR="$(dirname "$HERE")"
PYTHON="${PYTHON:-python3}"
RUN_DIR="${BODYMAP_RUN_DIR:-$HERE/run}"
# Streamlit wants the path without slashes; nginx wants it with both.
BASE_PATH="$(printf '%s' "${BODYMAP_BASE_PATH:-/}" | sed 's#^/*##; s#/*$##')"
NGINX_PATH="/${BASE_PATH}${BASE_PATH:+/}"

health_url() { echo "http://127.0.0.1:$1${BASE_PATH:+/$BASE_PATH}/_stcore/health"; }

run() {
  # serve.py is app.py with its Content-Security-Policy (the browser loads from this address
  # only). The app's own .streamlit/config.toml (theme, no usage stats) is read from APP_DIR.
  # Behind the proxy: listen on loopback only; keep Streamlit's CORS and XSRF protection
  # on (nginx forwards the browser's Host, so the app sees same-origin requests); no file
  # watcher or run-on-save on a server; developmentMode off so the built frontend is served.
  cd "$APP_DIR"
  exec "$PYTHON" -m streamlit run serve.py \
    --server.port "$1" --server.address 127.0.0.1 --server.headless true \
    --server.baseUrlPath "$BASE_PATH" --server.fileWatcherType none --server.runOnSave false \
    --server.enableCORS true --server.enableXsrfProtection true \
    --browser.gatherUsageStats false --global.developmentMode false
}

start() {
  local count="${1:-3}" first="${2:-8501}" port pid
  mkdir -p "$RUN_DIR"
  for ((port = first; port < first + count; port++)); do
    if [ -f "$RUN_DIR/replica-$port.pid" ] && kill -0 "$(cat "$RUN_DIR/replica-$port.pid")" 2>/dev/null; then
      echo "replica on port $port is already running"; continue
    fi
    "$0" run "$port" >"$RUN_DIR/replica-$port.log" 2>&1 &
    echo $! >"$RUN_DIR/replica-$port.pid"
  done
  for ((port = first; port < first + count; port++)); do
    pid="$(cat "$RUN_DIR/replica-$port.pid")"
    for _ in $(seq 120); do
      [ "$(curl -fsS "$(health_url "$port")" 2>/dev/null)" = ok ] && break
      kill -0 "$pid" 2>/dev/null || { echo "replica on port $port exited; see $RUN_DIR/replica-$port.log" >&2; exit 1; }
      sleep 0.5
    done
    [ "$(curl -fsS "$(health_url "$port")" 2>/dev/null)" = ok ] || { echo "replica on port $port did not answer in 60 s" >&2; exit 1; }
    echo "replica on port $port (pid $pid) is up: $(health_url "$port")"
  done
}

stop() {
  local file pid
  for file in "$RUN_DIR"/replica-*.pid; do
    [ -e "$file" ] || continue
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "stopped replica pid $pid ($(basename "$file" .pid))"
    fi
    rm -f "$file"
  done
}

status() {
  local file port
  for file in "$RUN_DIR"/replica-*.pid; do
    [ -e "$file" ] || { echo "no replicas started from $RUN_DIR"; return; }
    port="${file##*replica-}"; port="${port%.pid}"
    if [ "$(curl -fsS "$(health_url "$port")" 2>/dev/null)" = ok ]; then
      echo "port $port: ok"; else echo "port $port: NOT answering"; fi
  done
}

nginx_conf() {
  local count="${1:-3}" first="${2:-8501}" port servers=""
  for ((port = first; port < first + count; port++)); do
    servers+="    server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
  done
  BODYMAP_SERVERS="${servers%$'\n'}" BODYMAP_PATH="$NGINX_PATH" BODYMAP_LISTEN="${BODYMAP_LISTEN:-80}" \
  BODYMAP_ACCESS_LOG="${BODYMAP_ACCESS_LOG:-/var/log/nginx/bodymap.access.log}" \
    envsubst '${BODYMAP_SERVERS} ${BODYMAP_PATH} ${BODYMAP_LISTEN} ${BODYMAP_ACCESS_LOG}' \
    <"$HERE/bodymap.nginx.conf.template"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  run) [ -n "${2:-}" ] || { echo "usage: $0 run PORT" >&2; exit 2; }; run "$2" ;;
  nginx-conf) shift; nginx_conf "$@" ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
