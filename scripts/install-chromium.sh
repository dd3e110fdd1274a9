#!/bin/sh
# Installs Debian's `chromium` for the browser tests (test/e2e/browser-*.test.ts), which drive it
# through playwright-core. Run as `pretest`: quick when it is already there; on a machine that
# cannot install it (not root, or no apt-get) it changes nothing and exits 0, and the browser
# tests then skip with a one-line notice (with CI=true they fail instead, as the PostgreSQL ones do).
# A failed install also exits 0, so `npm test` still runs everything else; the tests then say why.
set -u

CHROMIUM=/usr/bin/chromium
say() { echo "install-chromium: $*"; }

if [ -x "$CHROMIUM" ]; then
  say "$CHROMIUM is installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "$CHROMIUM is missing and this machine cannot install it (needs root and apt-get); browser tests will skip (to run them: apt-get install chromium, as root)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
install_chromium() { apt-get install -y -qq --no-install-recommends chromium >>"$log" 2>&1; }
# Fresh package lists are needed when there are none (a new container) or when they name a
# version the mirror no longer has; otherwise skip the update, which is the slow part.
if ! apt-cache show chromium >/dev/null 2>&1 || ! install_chromium; then
  apt-get update -qq >>"$log" 2>&1 && install_chromium
fi
if [ -x "$CHROMIUM" ]; then
  say "installed Debian's chromium ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
else
  say "could not install chromium; browser tests will skip (CI: fail). apt-get said: $(tail -n 1 "$log")"
fi
exit 0
