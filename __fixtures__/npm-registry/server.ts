// A fake npm registry for the `install` tests: plain node:http on 127.0.0.1 serving packuments and tarballs
// that `npm pack` builds on the fly from cli-package/ (a bin that runs __fixtures__/bin/fake-cli-core.mjs).
// Every request is logged, so a test can tell what npm fetched, and that nothing was fetched at all.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE = fileURLToPath(new URL('./cli-package/', import.meta.url));
const FAKE_CLI_CORE = fileURLToPath(new URL('../bin/fake-cli-core.mjs', import.meta.url));

export interface FakeNpmPackage {
  /** e.g. @anthropic-ai/claude-code */
  name: string;
  /** The program it provides, run as the fake CLI of that name (claude, gemini, codex). */
  binary: string;
  versions: string[];
  /** Default: latest = the last version. */
  distTags?: Record<string, string>;
}

export interface RegistryRequest {
  method: string;
  /** Decoded path, e.g. /@anthropic-ai/claude-code or /@anthropic-ai/claude-code/-/claude-code-1.0.0.tgz */
  path: string;
  status: number;
}

export interface FakeNpmRegistry {
  /** http://127.0.0.1:<port>/ (what npm_config_registry gets). */
  url: string;
  requests: RegistryRequest[];
  /** Answer every request for this package (packument and tarballs) with `status` from now on; undefined: serve it again. */
  failWith(name: string, status: number | undefined): void;
  /** Paths of the tarballs fetched, in order. */
  tarballsFetched(): string[];
  close(): Promise<void>;
}

interface Tarball {
  bytes: Buffer;
  shasum: string;
  integrity: string;
}

function unscoped(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** `npm pack` of the template as name@version, with fixture.json telling the bin which fake CLI to be. */
function pack(pkg: FakeNpmPackage, version: string, work: string): Tarball {
  const dir = mkdtempSync(join(work, 'pkg-'));
  cpSync(TEMPLATE, dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: pkg.name, version, description: `Fake ${pkg.binary} for AI Orchestra tests`, type: 'module', bin: { [pkg.binary]: 'bin/cli.mjs' }, license: 'MIT' }, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'fixture.json'), `${JSON.stringify({ cli: pkg.binary, core: FAKE_CLI_CORE })}\n`);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: dir,
    encoding: 'utf8',
    // npm pack needs no registry; point it at a closed port and a private cache anyway.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(out) as { filename: string }[];
  const bytes = readFileSync(join(work, info!.filename));
  rmSync(dir, { recursive: true, force: true });
  return {
    bytes,
    shasum: createHash('sha1').update(bytes).digest('hex'),
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
  };
}

export async function startFakeNpmRegistry(packages: FakeNpmPackage[]): Promise<FakeNpmRegistry> {
  const work = mkdtempSync(join(tmpdir(), 'fake-npm-registry-'));
  const tarballs = new Map<string, Tarball>();
  for (const pkg of packages) {
    for (const version of pkg.versions)
      tarballs.set(`/${pkg.name}/-/${unscoped(pkg.name)}-${version}.tgz`, pack(pkg, version, work));
  }
  const failures = new Map<string, number>();
  const requests: RegistryRequest[] = [];
  let base = '';

  function packument(pkg: FakeNpmPackage): object {
    const versions = Object.fromEntries(
      pkg.versions.map((version) => {
        const path = `/${pkg.name}/-/${unscoped(pkg.name)}-${version}.tgz`;
        const tarball = tarballs.get(path)!;
        const dist = { tarball: `${base}${path.slice(1)}`, shasum: tarball.shasum, integrity: tarball.integrity };
        return [version, { name: pkg.name, version, bin: { [pkg.binary]: 'bin/cli.mjs' }, dist }];
      }),
    );
    return { _id: pkg.name, name: pkg.name, 'dist-tags': pkg.distTags ?? { latest: pkg.versions.at(-1) }, versions };
  }

  function respond(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent(new URL(req.url ?? '/', base).pathname);
    const send = (status: number, body: string | Buffer, type: string): void => {
      requests.push({ method: req.method ?? 'GET', path, status });
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const pkg = packages.find((p) => path === `/${p.name}` || path.startsWith(`/${p.name}/-/`));
    const failure = pkg ? failures.get(pkg.name) : undefined;
    if (!pkg || failure !== undefined)
      return send(failure ?? 404, JSON.stringify({ error: 'Not found' }), 'application/json');
    if (path === `/${pkg.name}`) return send(200, JSON.stringify(packument(pkg)), 'application/json');
    const tarball = tarballs.get(path);
    if (!tarball) return send(404, JSON.stringify({ error: 'Not found' }), 'application/json');
    return send(200, tarball.bytes, 'application/octet-stream');
  }

  const server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: base,
    requests,
    failWith: (name, status) => void (status === undefined ? failures.delete(name) : failures.set(name, status)),
    tarballsFetched: () => requests.filter((r) => r.path.endsWith('.tgz') && r.status === 200).map((r) => r.path),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(work, { recursive: true, force: true });
    },
  };
}
