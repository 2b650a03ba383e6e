#!/usr/bin/env bash
# Install the Debian packages the tests need, only when they are missing:
#   chromium       — headless browser for the widget tests (Playwright drives it; its
#                    own browser download cannot run here, so we use Debian's build).
#   fonts-noto-cjk — Chinese/Japanese/Korean glyphs for the browser and for figures;
#   fonts-noto-color-emoji — emoji, which users put on cards (in the browser);
#   fonts-symbola  — emoji as outlines, for figures (matplotlib cannot scale colour
#                    bitmap fonts);
#   openjdk-17-jre-headless — Java for the PySpark analytics test, when no java is found.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || missing+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
[ -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || missing+=(fonts-symbola)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "install-system-deps: please install ${missing[*]} with your package manager" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "install-system-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
