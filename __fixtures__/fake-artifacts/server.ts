// A fake of GitHub's artifact service (v4 artifacts, as @actions/artifact talks to it) on 127.0.0.1:
// the Twirp calls CreateArtifact and FinalizeArtifact, and the Azure blob block upload in between; for downloads,
// ListArtifacts (the run's finalized artifacts, any job's, as the real service lists them), GetSignedArtifactURL and
// the blob GET it points at.
// `env` is what a runner gives a JavaScript action (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';
export const FAKE_RUN_BACKEND_ID = 'c0ffee00-0000-4000-8000-000000000001';
export const FAKE_JOB_BACKEND_ID = 'c0ffee00-0000-4000-8000-000000000002';

export interface FakeArtifact {
  id: number;
  name: string;
  createRequest: Record<string, unknown>;
  finalizeRequest?: Record<string, unknown>;
  /** The uploaded zip, once its block list is committed. */
  zip?: Buffer;
}

export interface FakeArtifactService {
  url: string;
  env: Record<string, string>;
  artifacts: FakeArtifact[];
  /** Every Twirp call by method name, in order (e.g. to check that finalize listed and downloaded). */
  calls: string[];
  /** Makes CreateArtifact answer 403 from now on (the client gives up at once; a 5xx would be retried for ~25 s). */
  failCreate(): void;
  close(): Promise<void>;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned JWT with the scope claim @actions/artifact reads the backend ids from. */
export function runtimeToken(): string {
  const scp = `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${FAKE_RUN_BACKEND_ID}:${FAKE_JOB_BACKEND_ID}`;
  return `${base64url({ typ: 'JWT', alg: 'RS256' })}.${base64url({ scp, exp: Math.floor(Date.now() / 1000) + 3600 })}.fake-signature`;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function json(res: ServerResponse, status: number, value: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

export function blobReply(res: ServerResponse, status: number): void {
  res.writeHead(status, {
    etag: '"0x8DC0FFEE"',
    'last-modified': new Date().toUTCString(),
    'x-ms-request-id': '00000000-0000-0000-0000-000000000000',
    'x-ms-version': '2025-01-05',
    'x-ms-request-server-encrypted': 'true',
    'content-length': '0',
  });
  res.end();
}

export async function startFakeArtifactService(): Promise<FakeArtifactService> {
  const artifacts: FakeArtifact[] = [];
  // Staged blocks by blob path, then by block id.
  const blocks = new Map<string, Map<string, Buffer>>();
  let createFails = false;
  const calls: string[] = [];
  const finalized = (): FakeArtifact[] => artifacts.filter((a) => a.finalizeRequest && a.zip);
  const listing = (a: FakeArtifact): Record<string, unknown> => ({
    workflow_run_backend_id: FAKE_RUN_BACKEND_ID,
    workflow_job_run_backend_id: FAKE_JOB_BACKEND_ID,
    database_id: String(a.id),
    name: a.name,
    size: String(a.zip?.length ?? 0),
    created_at: new Date().toISOString(),
  });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = await body(req);
      if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) calls.push(url.pathname.slice(TWIRP.length));
      if (req.method === 'POST' && url.pathname === `${TWIRP}ListArtifacts`) {
        const request = JSON.parse(raw.toString('utf8')) as { name_filter?: string; id_filter?: string };
        const matching = finalized().filter(
          (a) =>
            (request.name_filter === undefined || a.name === request.name_filter) &&
            (request.id_filter === undefined || String(a.id) === String(request.id_filter)),
        );
        return json(res, 200, { artifacts: matching.map(listing) });
      }
      if (req.method === 'POST' && url.pathname === `${TWIRP}GetSignedArtifactURL`) {
        const request = JSON.parse(raw.toString('utf8')) as { name?: string };
        const artifact = finalized().find((a) => a.name === request.name);
        if (!artifact)
          return json(res, 404, { code: 'not_found', msg: `fake artifact service: no artifact named ${request.name}` });
        return json(res, 200, {
          signed_url: `${service.url}/download/${artifact.id}/${encodeURIComponent(artifact.name)}.zip?sig=fake-read-sig`,
        });
      }
      if (req.method === 'GET' && url.pathname.startsWith('/download/')) {
        const artifact = finalized().find((a) => a.id === Number(url.pathname.split('/')[2]));
        if (!artifact || url.searchParams.get('sig') !== 'fake-read-sig')
          return json(res, 404, { msg: 'no such blob' });
        res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(artifact.zip!.length) });
        return res.end(artifact.zip);
      }
      if (req.method === 'POST' && url.pathname === `${TWIRP}CreateArtifact`) {
        if (createFails)
          return json(res, 403, {
            code: 'permission_denied',
            msg: 'fake artifact service: artifact creation is refused',
          });
        const request = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        const artifact: FakeArtifact = {
          id: 4_200 + artifacts.length,
          name: String(request.name),
          createRequest: request,
        };
        artifacts.push(artifact);
        return json(res, 200, {
          ok: true,
          signed_upload_url: `${service.url}/devstoreaccount1/actions-results/${artifact.id}/${encodeURIComponent(artifact.name)}.zip?sig=fake-sig`,
        });
      }
      if (req.method === 'POST' && url.pathname === `${TWIRP}FinalizeArtifact`) {
        const request = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        const artifact = artifacts.find((a) => a.name === request.name && !a.finalizeRequest);
        if (!artifact) return json(res, 404, { code: 'not_found', msg: 'no such artifact' });
        artifact.finalizeRequest = request;
        return json(res, 200, { ok: true, artifact_id: String(artifact.id) });
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/devstoreaccount1/')) {
        const id = Number(url.pathname.split('/')[3]);
        const staged = blocks.get(url.pathname) ?? new Map<string, Buffer>();
        blocks.set(url.pathname, staged);
        const comp = url.searchParams.get('comp');
        if (comp === 'block') {
          staged.set(url.searchParams.get('blockid') ?? '', raw);
          return blobReply(res, 201);
        }
        const artifact = artifacts.find((a) => a.id === id);
        if (!artifact) return json(res, 404, { msg: 'no such blob' });
        if (comp === 'blocklist') {
          const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map(
            (m) => m[1] ?? '',
          );
          artifact.zip = Buffer.concat(ids.map((b) => staged.get(b) ?? Buffer.alloc(0)));
        } else {
          artifact.zip = raw; // a single-shot Put Blob
        }
        return blobReply(res, 201);
      }
      json(res, 404, { msg: `fake artifact service: no route for ${req.method} ${url.pathname}` });
    })().catch((error: unknown) => json(res, 500, { msg: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const service: FakeArtifactService = {
    url: `http://127.0.0.1:${port}`,
    env: {
      ACTIONS_RUNTIME_TOKEN: runtimeToken(),
      ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`,
      // A stalled blob upload fails within the test's time instead of after the default 5 minutes.
      ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS: '10000',
    },
    artifacts,
    calls,
    failCreate: () => {
      createFails = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return service;
}

/** The files of a zip archive by name (stored or deflated entries, as archiver writes them). */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
