#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages when it is missing: Chromium (the
# tests drive /usr/bin/chromium with Playwright; no browser is downloaded), CJK fonts (for
# screenshots of Chinese text), Caddy (the reverse proxy of tests/e2e/deploy-caddy.test.ts) and
# certutil (libnss3-tools: an NSS database that trusts the LAN CA in tests/e2e/deploy-lan.test.ts).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
command -v caddy >/dev/null 2>&1 || need+=(caddy)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
((${#need[@]})) || exit 0
echo "showcall: installing ${need[*]} from Debian's packages…"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
