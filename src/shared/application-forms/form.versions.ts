import { createHash } from 'node:crypto';
import { canonicalJson } from '../crypto/canonical-json.ts';
import type { FormDefinition } from './form.schema.ts';

// Every application keeps the form version it was made with, so a version, once in use, must never change
// meaning: a changed definition needs a new version number. The hash is over the canonical JSON, so key order
// and whitespace in a file are not changes.

export function formHash(form: FormDefinition): string {
  return createHash('sha256').update(canonicalJson(form)).digest('hex');
}

export class FormVersionError extends Error {
  override readonly name = 'FormVersionError';
}

interface Stored {
  form: FormDefinition;
  hash: string;
}

/** Every version of every form still needed, by (id, version). */
export class FormVersions {
  readonly #byKey = new Map<string, Stored>();

  constructor(forms: readonly FormDefinition[] = []) {
    for (const form of forms) this.add(form);
  }

  /**
   * Adds a version; adding the same content again is allowed (a restart reads the same files), a different
   * content under a version already held is refused.
   */
  add(form: FormDefinition): 'added' | 'unchanged' {
    const key = keyOf(form.id, form.version);
    const hash = formHash(form);
    const held = this.#byKey.get(key);
    if (held) {
      if (held.hash === hash) return 'unchanged';
      throw new FormVersionError(
        `form ${key} already exists with other content (hash ${held.hash.slice(0, 12)}…, now ` +
          `${hash.slice(0, 12)}…): give the changed form a new version number`,
      );
    }
    this.#byKey.set(key, { form, hash });
    return 'added';
  }

  find(id: string, version: number): FormDefinition | undefined {
    return this.#byKey.get(keyOf(id, version))?.form;
  }

  /** The version an application was made with; an application naming one that is not held is a fault. */
  get(id: string, version: number): FormDefinition {
    const form = this.find(id, version);
    if (!form) throw new FormVersionError(`no form ${keyOf(id, version)} is loaded`);
    return form;
  }

  hashOf(id: string, version: number): string | undefined {
    return this.#byKey.get(keyOf(id, version))?.hash;
  }

  versions(id: string): number[] {
    return [...this.#byKey.values()]
      .filter((s) => s.form.id === id)
      .map((s) => s.form.version)
      .sort((a, b) => a - b);
  }

  /** The version new applications start with. */
  current(id: string): FormDefinition | undefined {
    const newest = this.versions(id).at(-1);
    return newest === undefined ? undefined : this.find(id, newest);
  }
}

function keyOf(id: string, version: number): string {
  return `${id}@${version}`;
}
