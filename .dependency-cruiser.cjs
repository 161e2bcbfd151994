// The layering of src/ (docs/architecture.md), checked by `npm run lint`. A folder may import its
// own layer's folders and lower ones, never a higher one, and folders never form a cycle.
// Root files (main.ts, worker.ts, app.module.ts, ...) are the composition root: they import
// anything, and nothing in a folder imports them.
/** Lowest first. */
const LAYERS = [
  ['common'],
  ['config'],
  ['database', 'redis', 'logging', 'queues', 'dev-services', 'audit', 'metrics', 'tracing'],
  ['realtime', 'outbox', 'mail', 'idempotency', 'rate-limit', 'sessions'],
  ['users'],
  ['auth'],
  ['sla', 'categories', 'tags'],
  ['tickets'],
  ['attachments'],
  ['comments', 'filters', 'reports', 'templates'],
  ['automations'],
  ['escalation', 'notifications', 'housekeeping', 'health', 'admin', 'meta', 'web-console', 'scripts', 'webhooks', 'email', 'cli', 'ops', 'api-docs'],
];

const folders = (names) => `^src/(${names.join('|')})/`;
const known = LAYERS.flat();

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map((layer, index) => ({
      name: `layer-${index}-imports-upward`,
      comment: `${layer.join(', ')} may not import a higher layer (${LAYERS.slice(index + 1).flat().join(', ')})`,
      severity: 'error',
      from: { path: folders(layer) },
      to: { path: folders(LAYERS.slice(index + 1).flat()) },
    })),
    {
      name: 'no-folder-cycles',
      comment: 'Folders of src/ must not import each other in a cycle',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'folders-never-import-the-root',
      comment: 'The composition root (src/*.ts) wires folders together; folders do not import it',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: '^src/scripts/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'every-folder-has-a-layer',
      comment: 'A new top-level folder of src/ must be placed in a layer in .dependency-cruiser.cjs',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: folders(known) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
