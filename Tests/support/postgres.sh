#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the tests: no system service, nothing outside DIR.
#
#   Tests/support/postgres.sh start DIR   initdb into DIR/data, start the server, print its URL
#   Tests/support/postgres.sh stop DIR    stop it (fast shutdown); the caller removes DIR
#
# With ELICENSE_POSTGRES_OWNER_PID set, the server is stopped and DIR removed as soon as that
# process has exited (how the Swift store suite cleans up after itself).
#
# The server runs as an unprivileged user (PostgreSQL refuses root): as the caller when that is
# not root, else as the system user elicense-pg, created when missing. It listens on a unix
# socket in DIR and on 127.0.0.1 at a free port, with fsync on (the durability the store relies
# on is the one tested). The role `elicense` logs in with SCRAM and the password in
# DIR/password (the URL never carries it: give the file as the store's password_file); the
# database is `elicense`.
set -euo pipefail

bin=${ELICENSE_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
command=${1:-}
dir=${2:-}
if [[ -z $command || -z $dir ]]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi
dir=$(realpath -m "$dir")

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u elicense-pg -- "$@"
    else
        "$@"
    fi
}

# The processes left behind (the server, the watcher) must not keep the caller's open
# descriptors beyond stdin, stdout and stderr: a caller that waits for the end of a pipe or socket
# it gave this script (Foundation's Process does) would wait for the server too. Run in the
# subshell that becomes such a process.
close_inherited_descriptors() {
    local fd n
    for fd in /proc/$BASHPID/fd/*; do
        n=${fd##*/}
        if [[ $n -gt 2 ]]; then eval "exec $n>&-" 2>/dev/null || true; fi
    done
}

case $command in
start)
    if [[ $(id -u) -eq 0 ]] && ! id -u elicense-pg >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin elicense-pg
    fi
    mkdir -p "$dir"
    chmod 0700 "$dir"
    # A random password for this server only, kept beside it.
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/password"
    chmod 0600 "$dir/password"
    if [[ $(id -u) -eq 0 ]]; then
        chown elicense-pg: "$dir"
        # The server user reads it once, for initdb.
        install -m 0600 -o elicense-pg "$dir/password" "$dir/initdb-password"
    else
        cp "$dir/password" "$dir/initdb-password"
    fi
    as_owner "$bin/initdb" --pgdata="$dir/data" --username=elicense --pwfile="$dir/initdb-password" \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    rm -f "$dir/initdb-password"
    # A free port: bind port 0 and read the one the kernel chose (a race with another process
    # taking it before the server does is possible, so the start is retried on a new one).
    for attempt in 1 2 3; do
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        if (
            close_inherited_descriptors
            as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=30 \
                -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=on" \
                -o "-c max_connections=200 -c shared_buffers=32MB" start >/dev/null
        ); then
            break
        fi
        if [[ $attempt -eq 3 ]]; then
            tail -20 "$dir/server.log" >&2
            exit 1
        fi
    done
    PGPASSWORD=$(cat "$dir/password") as_owner "$bin/createdb" --host="$dir" --port="$port" \
        --username=elicense elicense
    echo "$port" >"$dir/port"
    # A test process that dies without stopping the server (a crash, a kill) still leaves
    # nothing behind: a watcher stops it and removes DIR once that process is gone.
    if [[ -n ${ELICENSE_POSTGRES_OWNER_PID:-} ]]; then
        (
            close_inherited_descriptors
            exec nohup bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; "$2" stop "$3"; rm -rf "$3"' \
                watcher "$ELICENSE_POSTGRES_OWNER_PID" "$(realpath "$0")" "$dir"
        ) </dev/null >/dev/null 2>&1 &
    fi
    echo "postgres://elicense@127.0.0.1:$port/elicense"
    ;;
stop)
    if [[ -f $dir/data/postmaster.pid ]]; then
        as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --timeout=30 stop >/dev/null
    fi
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
