// deploy/kubernetes passes scripts/validate-kubernetes.mjs (as in CI), and the validator really
// refuses what Kubernetes or this deployment would not take: each break below, in a copy.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const MANIFESTS = join(ROOT, 'deploy/kubernetes');

function validate(dir: string) {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/validate-kubernetes.mjs'), dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('Kubernetes manifests', () => {
  it('are valid', () => {
    const result = validate(MANIFESTS);
    expect(result.output).toMatch(/manifests valid/);
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'api-deployment.yaml',
      'replicas: 2',
      'replicas: two',
      /api-deployment\.yaml: schema: \/spec\/replicas must be integer/,
    ],
    [
      'api-deployment.yaml',
      '      containers:\n',
      '      initContainers:\n',
      /schema: \/spec\/template\/spec must have required property containers/,
    ],
    [
      'migrate/migrate-job.yaml',
      'restartPolicy: OnFailure',
      'restartPolicy: 7',
      /migrate\/migrate-job\.yaml: schema: .*restartPolicy must be string/,
    ],
    [
      'migrate/migrate-job.yaml',
      'command: ["node", "dist/cli.js", "migrate"]',
      'command: ["node", "dist/cli.js", "--help"]',
      /missing a migration Job \(node dist\/cli\.js migrate\)/,
    ],
    [
      'migrate/kustomization.yaml',
      'newTag: 0.1.0',
      'newTag: 0.0.9',
      /sets image helpdesk to registry\.example\.com\/helpdesk:0\.0\.9, but kustomization\.yaml to .*:0\.1\.0/,
    ],
    ['configmap.yaml', 'MIGRATE_ON_START: "false"', 'MIGRATE_ON_START: "true"', /must run with MIGRATE_ON_START=false/],
    [
      'api-deployment.yaml',
      'path: /api/health/ready',
      'path: /api/health',
      /readinessProbe must GET \/api\/health\/ready/,
    ],
    ['api-pdb.yaml', 'component: api', 'component: apl', /api-pdb\.yaml: selects no pods/],
    ['worker-deployment.yaml', 'name: helpdesk-secrets', 'name: helpdesk-secret', /references Secret helpdesk-secret,/],
    ['configmap.yaml', 'WORKER_IN_PROCESS: "false"', 'WORKER_IN_PROCESS: "true"', /WORKER_IN_PROCESS=false/],
    ['worker-deployment.yaml', 'runAsNonRoot: true', 'runAsNonRoot: false', /runAsNonRoot must be true/],
    ['api-service.yaml', 'kind: Service', 'kind: Servise', /unknown apiVersion\/kind v1\/Servise/],
  ])('rejects a broken %s (%s → %s)', (file, from, to, expected) => {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-k8s-'));
    try {
      cpSync(MANIFESTS, dir, { recursive: true });
      const original = readFileSync(join(dir, file), 'utf8');
      expect(original).toContain(from);
      writeFileSync(join(dir, file), original.replace(from, to));
      const result = validate(dir);
      expect(result.status).toBe(1);
      expect(result.output).toMatch(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the migration Job out of the Deployments' kustomization (a Job's template cannot change)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-k8s-'));
    try {
      cpSync(MANIFESTS, dir, { recursive: true });
      const kustomization = readFileSync(join(dir, 'kustomization.yaml'), 'utf8');
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        kustomization.replace('  - configmap.yaml\n', '  - configmap.yaml\n  - migrate/migrate-job.yaml\n'),
      );
      const result = validate(dir);
      expect(result.status).toBe(1);
      expect(result.output).toMatch(/^kustomization\.yaml: lists a Job with the Deployments/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
