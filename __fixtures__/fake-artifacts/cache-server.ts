// A fake of GitHub's cache service v2 (as @actions/cache 6 talks to it) on 127.0.0.1: the Twirp calls
// CreateCacheEntry, FinalizeCacheEntryUpload and GetCacheEntryDownloadURL of the results API, and the Azure blob
// protocol at the signed URLs they hand out (a single-shot Put Blob or staged blocks up, properties and ranged GETs
// down). An entry is found as the real service finds it: by its key, or else by the newest finalized entry whose key
// starts with one of the restore keys, and always only for the same version (paths and compression).
// `env` is what a runner gives a JavaScript action for the cache.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blobReply, json, runtimeToken } from './server.js';

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';
// Bounds: a session entry is small; the fake refuses anything far past it.
const MAX_ENTRIES = 100;
const MAX_BYTES = 16 * 1024 ** 2;

export interface FakeCacheEntry {
  id: number;
  key: string;
  version: string;
  /** The archive, once uploaded; `finalized` once FinalizeCacheEntryUpload named it. */
  archive?: Buffer;
  finalized: boolean;
}

export interface FakeCacheService {
  url: string;
  env: Record<string, string>;
  entries: FakeCacheEntry[];
  /** Every Twirp call by method name, in order. */
  calls: string[];
  /** Every blob request ("PUT", "HEAD", "GET") in order. */
  blobRequests: string[];
  /** Stores `archive` as a finalized entry under `key` with the version of an existing entry (as a writer with the
   * repository's cache scope could): what a poisoned entry looks like to the next restore. */
  plant(key: string, version: string, archive: Buffer): FakeCacheEntry;
  close(): Promise<void>;
}

export async function startFakeCacheService(): Promise<FakeCacheService> {
  const entries: FakeCacheEntry[] = [];
  const calls: string[] = [];
  const blobRequests: string[] = [];
  const blobUrl = (entry: FakeCacheEntry, sig: string): string =>
    `${service.url}/devstoreaccount1/actions-cache/${entry.id}/cache.tzst?sig=${sig}`;
  const find = (key: string, restoreKeys: string[], version: string): FakeCacheEntry | undefined => {
    const ready = entries.filter((e) => e.finalized && e.archive && e.version === version).reverse();
    return (
      ready.find((e) => e.key === key) ?? restoreKeys.map((k) => ready.find((e) => e.key.startsWith(k))).find(Boolean)
    );
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BYTES) return json(res, 413, { msg: 'fake cache service: too large' });
        chunks.push(chunk as Buffer);
      }
      const raw = Buffer.concat(chunks);
      if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) {
        const method = url.pathname.slice(TWIRP.length);
        calls.push(method);
        if (req.headers.authorization !== `Bearer ${service.env.ACTIONS_RUNTIME_TOKEN}`)
          return json(res, 401, { code: 'unauthenticated', msg: 'fake cache service: no runtime token' });
        // Requests are sent with the proto field names (key, version, restore_keys, size_bytes).
        const request = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        const key = String(request.key ?? '');
        const version = String(request.version ?? '');
        if (method === 'CreateCacheEntry') {
          if (entries.length >= MAX_ENTRIES || entries.some((e) => e.key === key && e.version === version))
            return json(res, 200, { ok: false, message: `fake cache service: an entry with key ${key} exists` });
          const entry: FakeCacheEntry = { id: 7_000 + entries.length, key, version, finalized: false };
          entries.push(entry);
          return json(res, 200, { ok: true, signed_upload_url: blobUrl(entry, 'fake-write-sig') });
        }
        if (method === 'FinalizeCacheEntryUpload') {
          const entry = entries.find((e) => e.key === key && e.version === version && !e.finalized);
          if (!entry?.archive || String(entry.archive.length) !== String(request.size_bytes))
            return json(res, 200, { ok: false, message: 'fake cache service: nothing uploaded of that size' });
          entry.finalized = true;
          return json(res, 200, { ok: true, entry_id: String(entry.id) });
        }
        if (method === 'GetCacheEntryDownloadURL') {
          const restoreKeys = Array.isArray(request.restore_keys) ? request.restore_keys.map(String) : [];
          const entry = find(key, restoreKeys, version);
          if (!entry) return json(res, 200, { ok: false });
          return json(res, 200, {
            ok: true,
            signed_download_url: blobUrl(entry, 'fake-read-sig'),
            matched_key: entry.key,
          });
        }
        return json(res, 404, { code: 'bad_route', msg: `fake cache service: no method ${method}` });
      }
      if (url.pathname.startsWith('/devstoreaccount1/actions-cache/')) {
        blobRequests.push(req.method ?? '');
        const entry = entries.find((e) => e.id === Number(url.pathname.split('/')[3]));
        if (!entry) return json(res, 404, { msg: 'no such blob' });
        const sig = url.searchParams.get('sig');
        if (req.method === 'PUT' && sig === 'fake-write-sig' && !entry.finalized) {
          const comp = url.searchParams.get('comp');
          if (comp === 'block') {
            const blocks = staged.get(entry.id) ?? new Map<string, Buffer>();
            staged.set(entry.id, blocks);
            blocks.set(url.searchParams.get('blockid') ?? '', raw);
          } else if (comp === 'blocklist') {
            const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)];
            entry.archive = Buffer.concat(ids.map((m) => staged.get(entry.id)?.get(m[1] ?? '') ?? Buffer.alloc(0)));
          } else {
            entry.archive = raw; // a single-shot Put Blob
          }
          return blobReply(res, 201);
        }
        if ((req.method === 'HEAD' || req.method === 'GET') && sig === 'fake-read-sig' && entry.archive) {
          const archive = entry.archive;
          const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers['x-ms-range'] ?? req.headers.range ?? ''));
          const start = range ? Number(range[1]) : 0;
          const end = range?.[2] ? Math.min(Number(range[2]), archive.length - 1) : archive.length - 1;
          const part = archive.subarray(start, end + 1);
          res.writeHead(range && req.method === 'GET' ? 206 : 200, {
            'content-type': 'application/octet-stream',
            'content-length': String(req.method === 'HEAD' ? archive.length : part.length),
            ...(range ? { 'content-range': `bytes ${start}-${end}/${archive.length}` } : {}),
            'x-ms-blob-type': 'BlockBlob',
            etag: '"0x8DC0FFEE"',
            'last-modified': new Date().toUTCString(),
            'x-ms-request-id': '00000000-0000-0000-0000-000000000000',
            'x-ms-version': '2025-01-05',
          });
          return res.end(req.method === 'HEAD' ? undefined : part);
        }
        return json(res, 403, { msg: 'fake cache service: signature does not allow this' });
      }
      json(res, 404, { msg: `fake cache service: no route for ${req.method} ${url.pathname}` });
    })().catch((error: unknown) => json(res, 500, { msg: String(error) }));
  });
  const staged = new Map<number, Map<string, Buffer>>();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Stops by itself should a test forget to close it.
  const stop = setTimeout(() => server.close(), 10 * 60_000);
  stop.unref();
  const { port } = server.address() as AddressInfo;
  const service: FakeCacheService = {
    url: `http://127.0.0.1:${port}`,
    env: {
      ACTIONS_RUNTIME_TOKEN: runtimeToken(),
      ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`,
      ACTIONS_CACHE_SERVICE_V2: 'True',
    },
    entries,
    calls,
    blobRequests,
    plant(key, version, archive) {
      const entry: FakeCacheEntry = { id: 7_000 + entries.length, key, version, archive, finalized: true };
      entries.push(entry);
      return entry;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(stop);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return service;
}
