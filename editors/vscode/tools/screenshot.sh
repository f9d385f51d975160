#!/usr/bin/env bash
# Renders a sample as highlighted HTML and screenshots it with headless Chromium (Debian:
# apt-get install chromium) into docs/img/<name>-highlighted.png. Run from anywhere after
# `npm ci` in editors/vscode:
#
#   editors/vscode/tools/screenshot.sh mlp 900,700
#   editors/vscode/tools/screenshot.sh cnn 1300,440
set -euo pipefail
name=$1
window=${2:-900,700}
extension_dir=$(cd "$(dirname "$0")/.." && pwd)
repository_dir=$(cd "$extension_dir/../.." && pwd)
work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT

node "$extension_dir/tools/render-html.mjs" "$extension_dir/samples/$name.dlm" "$work_dir/$name.html"
mkdir -p "$repository_dir/docs/img"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$work_dir/profile" --window-size="$window" \
    --screenshot="$repository_dir/docs/img/$name-highlighted.png" "file://$work_dir/$name.html"
