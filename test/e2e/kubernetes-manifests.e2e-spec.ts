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
      'migrate-job.yaml',
      'restartPolicy: OnFailure',
      'restartPolicy: 7',
      /migrate-job\.yaml: schema: .*restartPolicy must be string/,
    ],
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
});
