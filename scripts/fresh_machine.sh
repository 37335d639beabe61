#!/usr/bin/env bash
# The README's two commands on a machine that has nothing, as a newcomer runs them:
#
#   1. a fresh Debian (or Ubuntu) root, `debootstrap --variant=minbase` of this machine's own
#      release from this machine's own apt sources, with only python3, python3-venv, git and
#      ca-certificates added;
#   2. the repository's committed HEAD cloned into it (uncommitted changes are not in it);
#   3. `python3 scripts/handbook.py serve` until /nb/ answers, then stopped;
#   4. `python3 scripts/handbook.py test` (with this script's arguments, if any).
#
# Usage, as root on Debian or Ubuntu (.ci/run runs it on every CI run):
#   scripts/fresh_machine.sh                       every test
#   scripts/fresh_machine.sh tests/test_site.py    only some (quicker, to try a change)
#   FRESH_KEEP=1 scripts/fresh_machine.sh …        keep the root afterwards (unmounted) to look in
#
# Copied from this machine, and nothing else, so that apt, pip, uv and npm (`lint` installs
# ESLint with it) reach their registries as they do here: apt's sources, settings and keys
# (/etc/apt); the certificate settings: the local certificate authorities
# (/usr/local/share/ca-certificates) and the variables that name a certificate file
# (SSL_CERT_FILE, SSL_CERT_DIR, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, NODE_EXTRA_CA_CERTS); pip's
# configuration (/etc/pip.conf, /etc/xdg/pip, ~/.config/pip, ~/.pip, $PIP_CONFIG_FILE, PIP_*),
# uv's (/etc/uv, ~/.config/uv, UV_*), npm's (/etc/npmrc, /usr/etc/npmrc, ~/.npmrc,
# NPM_CONFIG_*) and the proxy variables; also /etc/hosts and /etc/resolv.conf. Nothing is kept
# or cached between runs: the root is made anew each time and removed afterwards. Everything
# mounted is unmounted, also when a step fails or the script is interrupted.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
START=$SECONDS
SERVE_TIMEOUT=${FRESH_SERVE_TIMEOUT:-900}  # seconds: .venv, its packages, the first build
ROOT=""
MOUNTED=()

say() { printf 'fresh machine: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }
took() { printf '%d s' $((SECONDS - $1)); }

[ "$(id -u)" = 0 ] || fail "run as root (it makes a Debian root with debootstrap and mounts /proc in it)"
command -v debootstrap > /dev/null || fail "debootstrap is missing (as root: apt-get install -y debootstrap)"
command -v apt-get > /dev/null || fail "this machine has no apt-get: it must be Debian or Ubuntu"

# What this machine runs, and where its apt gets it from.
. /etc/os-release
SUITE=${VERSION_CODENAME:?/etc/os-release names no VERSION_CODENAME}
MIRROR=$(apt-get indextargets --format '$(RELEASE) $(REPO_URI)' 'Identifier: Packages' \
         | awk -v suite="$SUITE" '$1 == suite { print $2; exit }')
[ -n "$MIRROR" ] || fail "no apt source of this machine serves $SUITE (apt-get update first?)"

processes_inside() {
    local proc
    for proc in /proc/[0-9]*; do
        [ "$(readlink "$proc/root" 2> /dev/null)" = "$ROOT" ] && echo "${proc#/proc/}"
    done
    return 0
}

mounts_below() {  # mount points at or below $ROOT, deepest first
    awk -v root="$ROOT" '$5 == root || index($5, root "/") == 1 { print $5 }' \
        /proc/self/mountinfo | sort -r
}

cleanup() {
    local status=$? pids mount
    set +e
    trap - EXIT INT TERM
    [ -n "$ROOT" ] || exit "$status"
    # Only what runs inside this root: processes this script started there (serve, the tests).
    pids=$(processes_inside)
    if [ -n "$pids" ]; then
        kill -TERM $pids 2> /dev/null
        sleep 2
        pids=$(processes_inside)
        [ -z "$pids" ] || kill -KILL $pids 2> /dev/null
        sleep 1
    fi
    for (( i = ${#MOUNTED[@]} - 1; i >= 0; i-- )); do
        umount "${MOUNTED[i]}" 2> /dev/null || umount --lazy "${MOUNTED[i]}"
    done
    for mount in $(mounts_below); do  # debootstrap's own, if it was interrupted
        umount "$mount" 2> /dev/null || umount --lazy "$mount"
    done
    if [ -n "$(mounts_below)" ]; then
        say "still mounted below $ROOT, so it is left in place:"
        mounts_below >&2
        [ "$status" != 0 ] || status=1
    elif [ "${FRESH_KEEP:-}" = 1 ]; then
        say "kept (nothing mounted): $ROOT"
    else
        rm -rf --one-file-system "$ROOT"
    fi
    say "$( [ "$status" = 0 ] && echo passed || echo "FAILED (exit $status)") in $(took "$START")"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mount_in_root() {  # mount_in_root TARGET mount-arguments…
    local target=$ROOT$1
    shift
    mkdir -p "$target"
    mount "$@" "$target"
    MOUNTED+=("$target")
}

in_root() {  # a command inside the root, with a newcomer's environment
    local environment=(HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}"
                       PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
    local name
    for name in $(compgen -e); do  # how pip, uv, npm and the network are reached here
        case $name in
            PIP_*|UV_*|NPM_CONFIG_*|npm_config_*)
                environment+=("$name=${!name}") ;;
            SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|NODE_EXTRA_CA_CERTS)
                environment+=("$name=${!name}") ;;
            http_proxy|https_proxy|no_proxy|all_proxy|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|ALL_PROXY)
                environment+=("$name=${!name}") ;;
        esac
    done
    chroot "$ROOT" /usr/bin/env -i "${environment[@]}" "$@"
}

copy_in() {  # copy_in PATH…: files or folders of this machine to the same place in the root
    local path
    for path in "$@"; do
        [ -e "$path" ] || continue
        mkdir -p "$ROOT$(dirname "$path")"
        cp -aL "$path" "$ROOT$(dirname "$path")/"
    done
}

# 1. The root ----------------------------------------------------------------------------------
ROOT=$(mktemp -d /var/tmp/handbook-fresh.XXXXXX)
chmod 755 "$ROOT"  # apt downloads as its own user, who must reach /var/cache/apt
step=$SECONDS
say "debootstrap --variant=minbase $SUITE from $MIRROR into $ROOT"
if ! debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" > "$ROOT.debootstrap.log" 2>&1; then
    tail -n 30 "$ROOT.debootstrap.log" >&2
    rm -f "$ROOT.debootstrap.log"
    fail "debootstrap failed"
fi
rm -f "$ROOT.debootstrap.log"
say "debootstrap: $(took "$step")"

# This machine's way to its registries: apt's sources, settings and keys, the certificates,
# pip's configuration.
rm -f "$ROOT/etc/apt/sources.list"
copy_in /etc/apt/sources.list /etc/apt/apt.conf /etc/apt/apt.conf.d /etc/apt/auth.conf \
        /etc/apt/auth.conf.d /etc/apt/trusted.gpg /etc/apt/trusted.gpg.d /etc/apt/keyrings
mkdir -p "$ROOT/etc/apt/sources.list.d"
for source in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    copy_in "$source"
done
for keyring in $(grep -rhoiE '(signed-by[:=] *)[^] ,]+' /etc/apt/sources.list \
                 /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2> /dev/null \
                 | sed -E 's/^[Ss]igned-[Bb]y[:=] *//' | sort -u); do
    copy_in "$keyring"
done
copy_in /usr/local/share/ca-certificates /etc/ssl/certs/ca-certificates.crt \
        /etc/pip.conf /etc/xdg/pip ${PIP_CONFIG_FILE:+"$PIP_CONFIG_FILE"} /etc/uv /etc/npmrc \
        /usr/etc/npmrc \
        /etc/hosts /etc/resolv.conf
for config in "$HOME/.config/pip" "$HOME/.pip" "$HOME/.config/uv" "$HOME/.npmrc"; do  # for root
    if [ -e "$config" ]; then
        target=$ROOT/root/${config#"$HOME"/}
        mkdir -p "$(dirname "$target")"
        cp -aL "$config" "$target"
    fi
done
# Package scripts must not start services inside the root (nothing here needs one running).
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"

mount_in_root /proc -t proc proc
mount_in_root /sys -t sysfs sysfs
mount_in_root /dev --bind /dev
mount --make-private "$ROOT/dev"  # so that what is mounted below it stays in the root
mount_in_root /dev/pts --bind /dev/pts  # apt's and dpkg's terminal
mount_in_root /dev/shm -t tmpfs -o mode=1777,nosuid,nodev tmpfs  # Chromium's shared memory

step=$SECONDS
say "apt-get install python3 python3-venv git ca-certificates"
in_root /bin/sh -c 'export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends \
        python3 python3-venv git ca-certificates > /dev/null'
say "base packages: $(took "$step"); $(in_root python3 --version)"

# 2. The repository, as committed ----------------------------------------------------------
CLONE=/root/samarbeid-i-ledergruppa
git clone --quiet --no-hardlinks --no-checkout "$REPO" "$ROOT$CLONE"
git -C "$ROOT$CLONE" fetch --quiet "$REPO" HEAD  # the committed HEAD, also when detached
git -C "$ROOT$CLONE" checkout --quiet --detach FETCH_HEAD
say "cloned $(git -C "$ROOT$CLONE" log -1 --format='%h %s')"

# 3. serve, until /nb/ answers ---------------------------------------------------------------
PORT=${FRESH_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
step=$SECONDS
say "python3 scripts/handbook.py serve --port $PORT (until http://127.0.0.1:$PORT/nb/ answers)"
in_root /bin/sh -c "cd $CLONE && exec python3 scripts/handbook.py serve --port $PORT" \
    > "$ROOT/serve.log" 2>&1 < /dev/null &
SERVE=$!
answered=""
while [ $((SECONDS - step)) -lt "$SERVE_TIMEOUT" ]; do
    kill -0 "$SERVE" 2> /dev/null || break
    if python3 - "$PORT" << 'EOF'
import sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/nb/", timeout=5) as response:
        ok = response.status == 200 and b'lang="nb"' in response.read()
except OSError:
    ok = False
sys.exit(0 if ok else 1)
EOF
    then
        answered=yes
        break
    fi
    sleep 2
done
kill -0 "$SERVE" 2> /dev/null && serving=yes || serving=""
pids=$(processes_inside)  # serve, and only serve, runs inside the root now
[ -z "$pids" ] || kill -TERM $pids 2> /dev/null || true
wait "$SERVE" 2> /dev/null || true
if [ -z "$answered" ] || [ -z "$serving" ]; then
    tail -n 40 "$ROOT/serve.log" >&2
    fail "serve: /nb/ did not answer within $(took "$step")"
fi
say "serve: /nb/ answered after $(took "$step")"

# 4. test ------------------------------------------------------------------------------------
step=$SECONDS
say "python3 scripts/handbook.py test $*"
status=0
in_root /bin/sh -c "cd $CLONE && exec python3 scripts/handbook.py test \"\$@\"" test "$@" \
    || status=$?
say "test: $(took "$step") (exit $status)"
exit "$status"
