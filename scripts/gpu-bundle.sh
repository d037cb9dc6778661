#!/usr/bin/env bash
# Builds gpu-bundle/ (git-ignored, under 64 MiB): all that `scripts/gpu-check.sh` needs on a machine
# with a GPU and no Node or npm: the bench bundled into one file, this machine's node binary and
# dawn.node (xz-compressed), and the Vulkan loader with the C++ runtime they were built against.
set -euo pipefail
cd "$(dirname "$0")/.."
out=gpu-bundle
mkdir -p "$out/node_modules/webgpu/dist/linux-x64" "$out/lib"

# tfjs and the bench in one ES module; webgpu stays a package because it loads dawn.node by path,
# and Playwright is only imported by the browser modes, never by --gpu.
npx esbuild src/cli/bench.ts --bundle --platform=node --format=esm --target=node20 \
  --external:webgpu --external:playwright-core --log-level=warning --outfile="$out/bench.mjs" \
  --banner:js="import { createRequire as rungCreateRequire } from 'node:module'; const require = rungCreateRequire(import.meta.url);"

# Compressing node takes minutes on a busy machine: only when the binary changed.
compress() {
  if [ ! -f "$2" ] || [ "$1" -nt "$2" ]; then xz -T0 -6 -c "$1" > "$2.partial" && mv "$2.partial" "$2"; fi
}
cp node_modules/webgpu/package.json node_modules/webgpu/index.js "$out/node_modules/webgpu/"
compress node_modules/webgpu/dist/linux-x64/dawn.node "$out/node_modules/webgpu/dist/linux-x64/dawn.node.xz"
compress "$(command -v node)" "$out/node.xz"

library() {
  local path
  path=$(ldconfig -p | awk -v name="$1" '!found && $1 == name && /x86-64/ { print $NF; found = 1 }')
  [ -n "$path" ] || { echo "gpu-bundle: $1 not found (apt-get install -y libvulkan1 for the Vulkan loader)" >&2; exit 1; }
  cp -L "$path" "$out/lib/$1"
}
library libvulkan.so.1
library libstdc++.so.6
library libgcc_s.so.1

du -sh "$out"
total=$(du -sb "$out" | cut -f1)
[ "$total" -le $((64 * 1024 * 1024)) ] || { echo "gpu-bundle: $total bytes, over the 64 MiB a device run carries" >&2; exit 1; }
