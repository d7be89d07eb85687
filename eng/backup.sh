#!/usr/bin/env bash
# Backups of the ledger's database with PostgreSQL's own tools (./ledger backup <verb>, README "Operations").
#   base    --out DIR                       pg_basebackup of the whole cluster with the WAL it needs (-X stream): a copy that
#                                           starts on its own, and the starting point of point-in-time recovery.
#   restore --from DIR --data NEWDIR [--port N] [--wal-archive DIR] [--target-time 'YYYY-MM-DD HH:MM:SS+00']
#                                           a new cluster in NEWDIR from a base backup, replaying archived WAL up to the
#                                           target (or to the end of the archive) when one is given, then started on N.
#   dump    --out FILE [--schema S]         pg_dump of the ledger's schema (custom format), for small installations.
#   restore-dump --file FILE                pg_restore of a dump into the configured database (an empty one).
# The database is the one in ConnectionStrings__Ledger (./ledger starts the private cluster when none is set).
# PostgreSQL refuses to run as root, so as root a restored cluster is owned and run by LEDGER_PG_USER (postgres).
set -euo pipefail

conn="${ConnectionStrings__Ledger:?ConnectionStrings__Ledger is not set}"
setting() { # value of a key in the Npgsql connection string, case-insensitive
  printf '%s' "$conn" | tr ';' '\n' | awk -F= -v k="$1" 'tolower($1)==tolower(k) { sub(/^[^=]*=/, ""); print; exit }'
}
export PGHOST="$(setting Host)" PGPORT="$(setting Port)" PGUSER="$(setting Username)" PGDATABASE="$(setting Database)"
PGPORT="${PGPORT:-5432}"; PGHOST="${PGHOST:-127.0.0.1}"
[ -n "$(setting Password)" ] && export PGPASSWORD="$(setting Password)"
bin="${LEDGER_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$bin/pg_basebackup" ] || bin="$(dirname "$(command -v pg_basebackup)")"
owner="${LEDGER_PG_USER:-postgres}"
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi; }

verb="${1:-}"; shift || true
out="" from="" data="" port="" archive="" target="" file="" schema="${Ledger__Schema:-ledger}"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --from) from="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --wal-archive) archive="$2"; shift 2 ;;
    --target-time) target="$2"; shift 2 ;;
    --file) file="$2"; shift 2 ;;
    --schema) schema="$2"; shift 2 ;;
    *) echo "backup: unknown argument $1" >&2; exit 2 ;;
  esac
done

case "$verb" in
  base)
    [ -n "$out" ] || { echo "backup base: --out DIR is required" >&2; exit 2; }
    # Plain format with the WAL streamed alongside: the folder is a data directory that starts by itself; a fast checkpoint
    # starts the copy at once instead of at the next scheduled checkpoint.
    "$bin/pg_basebackup" -D "$out" -Fp -X stream --checkpoint=fast --label "ledger $(date -u +%FT%TZ)" --no-password
    echo "backup: base backup of $PGHOST:$PGPORT in $out"
    ;;
  restore)
    [ -n "$from" ] && [ -n "$data" ] || { echo "backup restore: --from DIR and --data NEWDIR are required" >&2; exit 2; }
    [ ! -e "$data" ] || [ -z "$(ls -A "$data" 2>/dev/null)" ] || { echo "backup restore: $data is not empty" >&2; exit 2; }
    mkdir -p "$data"
    cp -a "$from/." "$data/"
    rm -f "$data/postmaster.pid" "$data/postmaster.opts"
    if [ -n "$archive" ]; then
      # Point-in-time recovery: replay archived WAL on top of the base backup, up to the target when given, then open.
      {
        echo "restore_command = 'cp $archive/%f %p'"
        [ -n "$target" ] && echo "recovery_target_time = '$target'"
        echo "recovery_target_action = 'promote'"
      } >> "$data/postgresql.auto.conf"
      touch "$data/recovery.signal"
    fi
    [ "$(id -u)" -eq 0 ] && chown -R "$owner" "$data"
    chmod 700 "$data"
    port="${port:-$PGPORT}"
    as_owner "$bin/pg_ctl" -D "$data" -w -t 120 -l "$data/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$data -c archive_mode=off" start >/dev/null || {
        echo "backup restore: the restored cluster did not start; see $data/server.log" >&2; tail -20 "$data/server.log" >&2; exit 1; }
    echo "backup: restored cluster running on 127.0.0.1:$port (data $data)"
    ;;
  dump)
    [ -n "$out" ] || { echo "backup dump: --out FILE is required" >&2; exit 2; }
    "$bin/pg_dump" -Fc -n "$schema" -f "$out" --no-password
    echo "backup: schema $schema of $PGDATABASE dumped to $out"
    ;;
  restore-dump)
    [ -n "$file" ] || { echo "backup restore-dump: --file FILE is required" >&2; exit 2; }
    "$bin/pg_restore" --exit-on-error --no-owner -d "$PGDATABASE" "$file"
    echo "backup: $file restored into $PGDATABASE on $PGHOST:$PGPORT"
    ;;
  *)
    echo "usage: ./ledger backup base --out DIR | restore --from DIR --data NEWDIR [--port N] [--wal-archive DIR] [--target-time T] | dump --out FILE [--schema S] | restore-dump --file FILE" >&2
    exit 2
    ;;
esac
