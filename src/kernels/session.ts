import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeEnv, writeKubeOverlay, type KubeSelection } from './kube/kubeContext';
import { DEFAULT_SECRET_NAMES, SecretMasker } from './secretMasker';

export interface LabSessionOptions {
  /** The lab's folder: where the first cell starts. */
  labDir: string;
  /** The environment to start from (the extension host's or the CLI's). */
  baseEnv: NodeJS.ProcessEnv;
  /** From the lab's front matter `env:`; wins over settings. */
  labEnv?: Record<string, string>;
  /** From settings `illmlab.env`. */
  settingsEnv?: Record<string, string>;
  kube?: KubeSelection;
  secretNames?: readonly string[];
}

/** Stops a running background cell. */
export type BackgroundHandle = { cellId: string; label: string; stop: () => Promise<void> };

// Variables of the editor or of bash itself that must not leak into, or carry between, cells.
const NOT_CARRIED = new Set(['ELECTRON_RUN_AS_NODE', 'BASH_ENV', 'ILLMLAB_STATE_FILE', 'SHLVL', '_', 'PWD', 'OLDPWD']);
const NOT_CARRIED_PREFIX = ['VSCODE_IPC_HOOK', 'VSCODE_NLS_CONFIG', 'VSCODE_HANDLES_'];

/**
 * The state one notebook (or one CLI run) shares between its cells: environment, working
 * directory, known secrets, running background cells, a private temp folder.
 */
export class LabSession {
  env: Record<string, string>;
  cwd: string;
  readonly masker: SecretMasker;
  readonly background = new Map<string, BackgroundHandle>();
  /** The kube context and namespace cells run against (setKube changes it). */
  kube: KubeSelection;
  /** The environment before the kube choice was applied: where the kubeconfig files come from. */
  private readonly envBeforeKube: Record<string, string>;
  private temp: string | undefined;

  constructor(readonly options: LabSessionOptions) {
    this.cwd = options.labDir;
    this.masker = new SecretMasker(options.secretNames ?? DEFAULT_SECRET_NAMES);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.baseEnv)) if (v !== undefined && isCarried(k)) env[k] = v;
    Object.assign(env, options.settingsEnv, options.labEnv);
    this.envBeforeKube = { ...env };
    this.kube = options.kube ?? {};
    Object.assign(env, kubeEnv(this.kube, env, this.tempDir));
    this.env = env;
    this.masker.learn(env);
  }

  /**
   * Another kube context or namespace for the next cells (the status bar's pickers): the kube
   * variables are set anew, whatever earlier cells exported.
   */
  setKube(kube: KubeSelection): void {
    this.kube = kube;
    for (const name of ['KUBECONFIG', 'ILLMLAB_KUBE_CONTEXT', 'ILLMLAB_NAMESPACE']) {
      if (this.envBeforeKube[name] !== undefined) this.env[name] = this.envBeforeKube[name];
      else delete this.env[name];
    }
    Object.assign(this.env, kubeEnv(kube, this.envBeforeKube, this.tempDir));
  }

  /**
   * Called before a cell starts a process that may run kubectl or helm: applies the chosen
   * namespace (reading the kubeconfig). Throws, saying why, when it cannot be applied.
   */
  async prepareKube(): Promise<void> {
    await writeKubeOverlay(this.kube, this.envBeforeKube, this.tempDir);
  }

  /** A folder of this session's own (state files, overlays, spilled output), removed on dispose. */
  get tempDir(): string {
    this.temp ??= mkdtempSync(join(tmpdir(), 'illmlab-'));
    return this.temp;
  }

  /** Takes the environment and directory a cell ended with. */
  applyState(env: Record<string, string>, cwd: string): void {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (isCarried(k)) next[k] = v;
    this.env = next;
    this.cwd = cwd;
    this.masker.learn(next);
  }

  async stopBackground(): Promise<void> {
    await Promise.all([...this.background.values()].map((b) => b.stop()));
  }

  async dispose(): Promise<void> {
    await this.stopBackground();
    if (this.temp) rmSync(this.temp, { recursive: true, force: true });
    this.temp = undefined;
  }
}

function isCarried(name: string): boolean {
  return !NOT_CARRIED.has(name) && !NOT_CARRIED_PREFIX.some((p) => name.startsWith(p));
}

/** The front matter's `env:` as strings (YAML may give numbers and booleans). */
export function envFromFrontMatter(data: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const env = data?.env;
  if (!env || typeof env !== 'object' || Array.isArray(env)) return undefined;
  return Object.fromEntries(Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/**
 * Query endpoints as the session env variables the promql/logql executors read. `over` (CLI
 * flags) wins over the lab's front matter `endpoints:`; settings come in as settingsEnv.
 */
export function endpointEnv(
  frontMatter: Record<string, unknown> | undefined,
  over: { prometheus?: string; loki?: string } = {},
): Record<string, string> {
  const fm = (frontMatter?.endpoints ?? {}) as { prometheus?: unknown; loki?: unknown };
  const prometheus = over.prometheus ?? (typeof fm.prometheus === 'string' ? fm.prometheus : undefined);
  const loki = over.loki ?? (typeof fm.loki === 'string' ? fm.loki : undefined);
  return {
    ...(prometheus ? { ILLMLAB_PROMETHEUS_URL: prometheus } : {}),
    ...(loki ? { ILLMLAB_LOKI_URL: loki } : {}),
  };
}
