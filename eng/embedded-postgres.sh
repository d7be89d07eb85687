# Sourced by ./ledger. Starts a private PostgreSQL cluster for this checkout and stops it again.
# Data lives in .ledger/pgdata (git-ignored), or LEDGER_PG_DATA when set. PostgreSQL refuses to run
# as root, so when invoked as root the cluster is owned and run by the 'postgres' OS user.

embedded_pg_find_bin() {
  local d
  for d in ${LEDGER_PG_BIN:-} /usr/lib/postgresql/*/bin /usr/pgsql-*/bin /usr/local/pgsql/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

embedded_pg_install() {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ledger: PostgreSQL server binaries not found; installing them with apt-get" >&2
    if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 || \
           { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1; }; }; then
      echo "ledger: apt-get could not install postgresql" >&2
      return 1
    fi
    return 0
  fi
  return 1
}

embedded_pg_free_port() {
  python3 - 2>/dev/null <<'PY' || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# Runs a command as the cluster's OS user.
embedded_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u "$EMBEDDED_PG_OWNER" -- "$@"; else su -s /bin/sh "$EMBEDDED_PG_OWNER" -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

embedded_pg_start() {
  local bin
  if ! bin="$(embedded_pg_find_bin)"; then
    embedded_pg_install || true
    if ! bin="$(embedded_pg_find_bin)"; then
      cat >&2 <<'MSG'
ledger: no PostgreSQL server found and it could not be installed here.
  Install the server (Debian/Ubuntu: sudo apt-get install postgresql), or point Ledger at an
  existing database:  export ConnectionStrings__Ledger="Host=...;Port=5432;Database=ledger;Username=...;Password=..."
MSG
      return 1
    fi
  fi
  EMBEDDED_PG_BIN="$bin"
  EMBEDDED_PG_OWNER="$(id -un)"
  local data="${LEDGER_PG_DATA:-$repo/.ledger/pgdata}"
  if [ "$(id -u)" -eq 0 ]; then
    EMBEDDED_PG_OWNER="${LEDGER_PG_USER:-postgres}"
    id "$EMBEDDED_PG_OWNER" >/dev/null 2>&1 || useradd --system --no-create-home "$EMBEDDED_PG_OWNER"
    mkdir -p "$(dirname "$data")"
    # The owner must be able to reach the data folder; a checkout under /root is not reachable by others.
    if ! runuser -u "$EMBEDDED_PG_OWNER" -- test -x "$(dirname "$data")" 2>/dev/null; then
      data="/var/tmp/ledger-$(printf '%s' "$repo" | sha1sum | cut -c1-12)/pgdata"
      mkdir -p "$(dirname "$data")"
      chown "$EMBEDDED_PG_OWNER" "$(dirname "$data")"
    fi
  fi
  mkdir -p "$data"
  [ "$(id -u)" -eq 0 ] && chown "$EMBEDDED_PG_OWNER" "$data"
  chmod 700 "$data"
  EMBEDDED_PG_DATA="$data"
  if [ ! -s "$data/PG_VERSION" ]; then
    echo "ledger: creating a private PostgreSQL cluster in $data" >&2
    embedded_pg_as_owner "$bin/initdb" -D "$data" -U ledger --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 || \
      embedded_pg_as_owner "$bin/initdb" -D "$data" -U ledger --auth=trust -E UTF8 --no-locale >/dev/null
  fi
  # Another ./ledger command of this checkout (./ledger run, say) may be using the cluster right now: share it rather
  # than stop it under that command, and leave it running on exit. A cluster whose ./ledger has gone (an interrupted
  # run) is stopped first, so the port below is the one we use.
  local owner_file; owner_file="$(dirname "$data")/ledger-owner.pid"
  EMBEDDED_PG_OWNER_FILE="$owner_file"
  EMBEDDED_PG_SHARED=""
  if embedded_pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    local owner; owner="$(cat "$owner_file" 2>/dev/null || true)"
    if [ -n "$owner" ] && [ "$owner" != "$$" ] && kill -0 "$owner" 2>/dev/null && [ -s "$data/postmaster.pid" ]; then
      EMBEDDED_PG_PORT="$(sed -n 4p "$data/postmaster.pid")"
      EMBEDDED_PG_SHARED=1
      EMBEDDED_PG_DATA="$data"
      EMBEDDED_PG_CONNECTION="Host=127.0.0.1;Port=$EMBEDDED_PG_PORT;Database=ledger;Username=ledger;Maximum Pool Size=100"
      echo "ledger: sharing the private PostgreSQL of the running ./ledger command (pid $owner) on 127.0.0.1:$EMBEDDED_PG_PORT; it keeps running when this command ends" >&2
      # Listed as a sharer, so that an owner ending first hands the cluster over instead of stopping it under us.
      echo "$$" >> "$(dirname "$data")/ledger-sharers.pid"
      return 0
    fi
    embedded_pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1
  fi
  EMBEDDED_PG_PORT="${LEDGER_PG_PORT:-$(embedded_pg_free_port)}"
  local sock="$data"
  # client_connection_check_interval: a backend notices within a second that its client process died, even while
  # it runs a query, so a killed API's daemon leadership locks are released promptly and another process takes over.
  embedded_pg_as_owner "$bin/pg_ctl" -D "$data" -w -t 60 -l "$data/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $EMBEDDED_PG_PORT -c unix_socket_directories=$sock -c max_connections=300 -c client_connection_check_interval=1000 -c fsync=${LEDGER_PG_FSYNC:-on} -c shared_buffers=256MB" start >/dev/null || {
      echo "ledger: PostgreSQL did not start; see $data/server.log" >&2; tail -20 "$data/server.log" >&2; return 1; }
  if ! "$bin/psql" -h 127.0.0.1 -p "$EMBEDDED_PG_PORT" -U ledger -d postgres -tAc "select 1 from pg_database where datname='ledger'" 2>/dev/null | grep -q 1; then
    "$bin/psql" -h 127.0.0.1 -p "$EMBEDDED_PG_PORT" -U ledger -d postgres -qc "create database ledger" >/dev/null
  fi
  EMBEDDED_PG_CONNECTION="Host=127.0.0.1;Port=$EMBEDDED_PG_PORT;Database=ledger;Username=ledger;Maximum Pool Size=100"
  echo "$$" > "$owner_file"
  echo "ledger: private PostgreSQL on 127.0.0.1:$EMBEDDED_PG_PORT (data $data)" >&2
}

embedded_pg_stop() {
  [ -n "${EMBEDDED_PG_DATA:-}" ] || return 0
  # The ./ledger commands still using the cluster, this one left out, and those that have gone.
  local sharers="${EMBEDDED_PG_OWNER_FILE%/*}/ledger-sharers.pid" alive="" pid
  if [ -f "$sharers" ]; then
    for pid in $(cat "$sharers"); do
      if [ "$pid" != "$$" ] && kill -0 "$pid" 2>/dev/null; then alive="$alive $pid"; fi
    done
    printf '%s\n' $alive > "$sharers"
  fi
  local owner; owner="$(cat "${EMBEDDED_PG_OWNER_FILE:-/dev/null}" 2>/dev/null || true)"
  if [ -n "${EMBEDDED_PG_SHARED:-}" ] && [ "$owner" != "$$" ]; then
    EMBEDDED_PG_DATA=""
    return 0
  fi
  if [ -n "$alive" ]; then
    # Another command (./ledger db token beside ./ledger run, say) still uses the cluster: it becomes the owner and
    # stops the cluster when it ends, so no command ever loses its database to another's exit.
    set -- $alive
    echo "$1" > "$EMBEDDED_PG_OWNER_FILE"
    echo "ledger: private PostgreSQL left running for the ./ledger command still using it (pid $1)" >&2
    EMBEDDED_PG_DATA=""
    return 0
  fi
  rm -f "${EMBEDDED_PG_OWNER_FILE:-}" "$sharers"
  embedded_pg_as_owner "$EMBEDDED_PG_BIN/pg_ctl" -D "$EMBEDDED_PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  echo "ledger: private PostgreSQL stopped" >&2
  EMBEDDED_PG_DATA=""
}
