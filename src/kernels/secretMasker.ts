/** Variable names whose values are masked: the list; settings may replace it. */
export const DEFAULT_SECRET_NAMES = ['TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'API_KEY', 'ACCESS_KEY', 'CLIENT_SECRET'];

export const MASK = '••••••';

/** Values this short would mask ordinary words and digits; they are left alone. */
const MIN_SECRET_LENGTH = 4;

/**
 * Masks the values of secret-looking environment variables in any text. A name is secret when
 * it contains one of `names` (case-insensitive), so GITHUB_TOKEN and db_password both count.
 */
export class SecretMasker {
  private values: string[] = [];
  private pattern: RegExp | undefined;

  constructor(private readonly names: readonly string[] = DEFAULT_SECRET_NAMES) {}

  isSecretName(name: string): boolean {
    const upper = name.toUpperCase();
    return this.names.some((n) => upper.includes(n.toUpperCase()));
  }

  /** Learns the secrets in `env` (added to those already known: a secret stays masked once seen). */
  learn(env: Readonly<Record<string, string | undefined>>): void {
    const found = new Set(this.values);
    for (const [name, value] of Object.entries(env)) {
      if (value && value.length >= MIN_SECRET_LENGTH && this.isSecretName(name)) found.add(value);
    }
    if (found.size === this.values.length) return;
    // Longest first, so a secret that contains another is masked whole.
    this.values = [...found].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(this.values.map(escapeRegExp).join('|'), 'g');
  }

  mask(text: string): string {
    return this.pattern ? text.replace(this.pattern, MASK) : text;
  }

  /** Characters at the end of `text` that could be the start of a secret cut by a chunk boundary. */
  heldBack(text: string): number {
    let hold = 0;
    for (const v of this.values) {
      for (let n = Math.min(v.length - 1, text.length); n > hold; n--) {
        if (text.endsWith(v.slice(0, n))) {
          hold = n;
          break;
        }
      }
    }
    return hold;
  }
}

/** Masks a stream of chunks, holding back only a tail that might be the start of a secret. */
export class MaskingStream {
  private pending = '';

  constructor(private readonly masker: SecretMasker) {}

  write(chunk: string): string {
    const text = this.masker.mask(this.pending + chunk);
    const hold = this.masker.heldBack(text);
    this.pending = text.slice(text.length - hold);
    return text.slice(0, text.length - hold);
  }

  end(): string {
    const rest = this.masker.mask(this.pending);
    this.pending = '';
    return rest;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
