/**
 * Sourced by bash (as BASH_ENV) before each shell cell. On exit it writes the directory and the
 * exported environment to $ILLMLAB_STATE_FILE, NUL-separated, with builtins only (no extra
 * process per cell), so the next cell starts where this one ended.
 */
export const PRELUDE = `__illmlab_save_state() {
  local __illmlab_rc=$? __illmlab_name
  # compgen writes to a file and read reads it back: no command substitution, so no fork.
  builtin compgen -e > "$ILLMLAB_STATE_FILE.names" 2>/dev/null
  {
    builtin printf '%s\\0' "$PWD"
    while IFS= builtin read -r __illmlab_name; do
      builtin printf '%s=%s\\0' "$__illmlab_name" "\${!__illmlab_name}"
    done < "$ILLMLAB_STATE_FILE.names"
  } > "$ILLMLAB_STATE_FILE" 2>/dev/null
  return $__illmlab_rc
}
trap __illmlab_save_state EXIT
`;

/** Reads what the prelude wrote: the directory first, then NAME=value entries. */
export function parseState(data: string): { cwd: string; env: Record<string, string> } | undefined {
  const parts = data.split('\0');
  if (parts.length < 2) return undefined;
  const env: Record<string, string> = {};
  for (const entry of parts.slice(1)) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { cwd: parts[0], env };
}
