# Source this file (`. scripts/use-node.sh`) to get the project's Node (see `engines` in
# package.json) first in PATH. When the machine's `node` is older, it downloads the official
# binary from the npm registry (package node-linux-<arch>, published by the Node.js release
# tooling; no other network access needed) into .node/ once and puts .node/bin first in PATH.
# npm itself is plain JavaScript, so the machine's npm then runs on that Node too.
NODE_MAJOR_WANTED=24

_use_node_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_use_node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$_use_node_root/.node/bin/node" ] && [ "$(_use_node_major "$_use_node_root/.node/bin/node")" -ge "$NODE_MAJOR_WANTED" ]; then
  export PATH="$_use_node_root/.node/bin:$PATH"
elif [ "$(_use_node_major)" -lt "$NODE_MAJOR_WANTED" ]; then
  case "$(uname -m)" in
    x86_64) _use_node_arch=x64 ;;
    aarch64 | arm64) _use_node_arch=arm64 ;;
    *) echo "use-node: no node-linux binary package for $(uname -m); install Node $NODE_MAJOR_WANTED yourself" >&2; return 1 ;;
  esac
  echo "use-node: $(node -v 2>/dev/null || echo 'no node') is older than Node $NODE_MAJOR_WANTED; fetching node-linux-$_use_node_arch@$NODE_MAJOR_WANTED from the npm registry into .node/" >&2
  _use_node_tmp="$(mktemp -d)"
  (cd "$_use_node_tmp" && npm pack "node-linux-$_use_node_arch@$NODE_MAJOR_WANTED" --silent >/dev/null) || { rm -rf "$_use_node_tmp"; return 1; }
  rm -rf "$_use_node_root/.node" && mkdir -p "$_use_node_root/.node"
  tar -xzf "$_use_node_tmp"/node-linux-*.tgz -C "$_use_node_root/.node" --strip-components=1
  rm -rf "$_use_node_tmp"
  export PATH="$_use_node_root/.node/bin:$PATH"
fi
echo "use-node: node $(node -v) at $(command -v node), npm $(npm -v)" >&2
unset -f _use_node_major
