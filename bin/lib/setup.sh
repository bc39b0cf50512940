# shellcheck shell=bash
# Shared by bin/test and bin/run (sourced, not run): finding, installing and starting what the
# service and its tests need on a Debian machine. Every message starts with "$SETUP_NAME: ".

SETUP_NAME=${SETUP_NAME:-dashcache}
SETUP_APT_UPDATED=""
SETUP_STARTED_REDIS_PID=""

say() { printf '%s: %s\n' "$SETUP_NAME" "$*"; }
fail() { printf '%s: %s\n' "$SETUP_NAME" "$*" >&2; exit 1; }

# Java 17 or newer and Maven: the one thing we never install, since the machine is expected to have them.
require_java_and_maven() {
  command -v java >/dev/null 2>&1 || fail "java is not on the PATH: install a JDK 17 (Debian: apt-get install -y openjdk-17-jdk-headless)"
  local version major
  version=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  major=${version%%.*}
  if [ "$major" = "1" ]; then major=$(printf '%s' "$version" | cut -d. -f2); fi
  case "$major" in
    ''|*[!0-9]*) fail "cannot tell the Java version from 'java -version' (need 17 or newer)" ;;
  esac
  [ "$major" -ge 17 ] || fail "java is version $version; dashcache needs 17 or newer (Debian: apt-get install -y openjdk-17-jdk-headless)"
  command -v mvn >/dev/null 2>&1 || fail "mvn is not on the PATH: install Maven 3.8 or newer (Debian: apt-get install -y maven)"
}

# Installs Debian packages when it can (as root, or through a sudo that asks no password); else
# stops with the command that would install them.
install_packages() {
  local why=$1
  shift
  local runner=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      runner="sudo -n"
    else
      fail "missing: $* ($why). Install them, e.g. 'sudo apt-get install -y $*', then run this again (as root it installs them itself)"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 \
    || fail "missing: $* ($why), and there is no apt-get here: install the equivalent packages of your system, then run this again"
  say "installing $* ($why)"
  if [ -z "$SETUP_APT_UPDATED" ]; then
    $runner apt-get update -qq || fail "apt-get update failed"
    SETUP_APT_UPDATED=yes
  fi
  $runner env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || fail "apt-get install $* failed"
}

# Whether a Redis answers PING on host and port: with redis-cli if installed, else RESP over /dev/tcp.
redis_answers() {
  local host=${1:-127.0.0.1} port=${2:-6379}
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h "$host" -p "$port" ping 2>/dev/null)" = "PONG" ]
  else
    local answer=""
    { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 answer <&3 || true
    exec 3>&-
    [ "${answer%$'\r'}" = "+PONG" ]
  fi
}

# Starts a throw-away redis-server (no persistence) on 127.0.0.1:port and waits until it answers;
# remembers its pid so that stop_started_redis stops exactly that one.
start_local_redis() {
  local port=${1:-6379}
  local dir=${TMPDIR:-/tmp}
  local log="$dir/dashcache-redis-$port.log" pidfile="$dir/dashcache-redis-$port.pid"
  say "starting redis-server on 127.0.0.1:$port (log: $log)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$dir" --logfile "$log" --pidfile "$pidfile" >/dev/null \
    || fail "redis-server did not start (see $log)"
  local _
  for _ in $(seq 1 50); do
    redis_answers 127.0.0.1 "$port" && break
    sleep 0.2
  done
  redis_answers 127.0.0.1 "$port" || fail "redis-server on port $port did not answer (see $log)"
  if [ -s "$pidfile" ]; then
    SETUP_STARTED_REDIS_PID=$(cat "$pidfile")
  fi
}

stop_started_redis() {
  if [ -n "$SETUP_STARTED_REDIS_PID" ] && kill -0 "$SETUP_STARTED_REDIS_PID" 2>/dev/null; then
    say "stopping the redis-server it started (pid $SETUP_STARTED_REDIS_PID)"
    kill "$SETUP_STARTED_REDIS_PID" 2>/dev/null || true
  fi
  SETUP_STARTED_REDIS_PID=""
}
