// An S3-protocol server for tests (s3rver, in this process, on a free port) and an admin client for it.
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export class TestS3Server {
  readonly admin: S3Client;

  private constructor(
    readonly endpoint: string,
    private readonly server: S3rver,
    private readonly dir: string,
  ) {
    this.admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  }

  static async start(): Promise<TestS3Server> {
    const dir = await mkdtemp(join(tmpdir(), 'test-s3rver-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
    const { port } = await server.run();
    return new TestS3Server(`http://127.0.0.1:${port}`, server, dir);
  }

  async createBucket(bucket: string): Promise<void> {
    await this.admin.send(new CreateBucketCommand({ Bucket: bucket }));
  }

  /** Every key in `bucket`, sorted. */
  async keys(bucket: string): Promise<string[]> {
    const listed = await this.admin.send(new ListObjectsV2Command({ Bucket: bucket }));
    return (listed.Contents ?? []).map((object) => object.Key!).sort();
  }

  /** The app's variables for the `s3` driver against this server. */
  env(bucket: string): Record<string, string> {
    return {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: this.endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    };
  }

  async stop(): Promise<void> {
    this.admin.destroy();
    await this.server.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
