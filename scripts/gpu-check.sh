#!/usr/bin/env bash
# On the GPU machine: unpacks gpu-bundle/ (made by scripts/gpu-bundle.sh) into a scratch folder and
# runs `bench.mjs --gpu` there with the bundled node, dawn.node and Vulkan loader. Arguments go to the
# bench (e.g. --ks 1,4,12,30 --json). VK_ICD_FILENAMES, if set, picks the Vulkan driver; otherwise
# the NVIDIA one is found, or described from the driver's library when the container lacks its JSON.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bundle="$root/gpu-bundle"
[ -f "$bundle/bench.mjs" ] || { echo "gpu-check: $bundle/bench.mjs missing; run scripts/gpu-bundle.sh first" >&2; exit 1; }
work="${RUNG_GPU_WORK:-$(mktemp -d)}"
mkdir -p "$work"

unxz_to() {
  if command -v xz > /dev/null; then xz -dc "$1" > "$2"
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"
  fi
}
cp -r "$bundle/." "$work/"
unxz_to "$bundle/node.xz" "$work/node"
chmod +x "$work/node"
unxz_to "$bundle/node_modules/webgpu/dist/linux-x64/dawn.node.xz" "$work/node_modules/webgpu/dist/linux-x64/dawn.node"

export LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$work}"
if [ -z "${VK_ICD_FILENAMES:-}" ]; then
  icd=$(ls /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json 2> /dev/null | head -n 1 || true)
  if [ -z "$icd" ]; then
    # NVIDIA's Vulkan driver is libGLX_nvidia; a container given only compute may lack its ICD file.
    driver=$(ldconfig -p | awk '!found && $1 == "libGLX_nvidia.so.0" { print $NF; found = 1 }')
    if [ -n "$driver" ]; then
      icd="$work/nvidia_icd.json"
      printf '{ "file_format_version": "1.0.0", "ICD": { "library_path": "%s", "api_version": "1.3.0" } }\n' "$driver" > "$icd"
    fi
  fi
  if [ -n "$icd" ]; then export VK_ICD_FILENAMES="$icd"; fi
fi
echo "gpu-check: Vulkan driver list: ${VK_ICD_FILENAMES:-(none found; the loader searches its default folders)}" >&2
command -v nvidia-smi > /dev/null && nvidia-smi -L >&2 || echo "gpu-check: no nvidia-smi here" >&2

cd "$work"
exec ./node bench.mjs --gpu "$@"
