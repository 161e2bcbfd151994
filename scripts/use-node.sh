# Source this file (`. scripts/use-node.sh`) to put the project's Node (`engines` in package.json:
# 24) first in PATH. When the machine's `node` is older, scripts/node-lts.js fetches the official
# binary from the npm registry (package node-linux-<arch>) into .node/ once. npm is plain
# JavaScript, so the machine's npm then runs on that Node too. (`npm start` and `npm test` do the
# same on their own: they run through scripts/node-lts.js.)
_use_node_bin="$(node "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node-lts.js" --ensure)" || return 1
export PATH="$_use_node_bin:$PATH"
unset _use_node_bin
echo "use-node: node $(node -v) at $(command -v node), npm $(npm -v)" >&2
