#!/usr/bin/env bash
# Installs the Debian packages some tests use, when missing and when we can (root + apt).
# Never fails the build: tests that need a missing tool skip with a clear reason.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rapper   >/dev/null 2>&1 || need+=(raptor2-utils)
command -v java     >/dev/null 2>&1 || need+=(default-jre-headless)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${need[*]} (not root or no apt-get); dependent tests will skip" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || echo "system-deps: could not install ${need[*]}; dependent tests will skip" >&2
exit 0
