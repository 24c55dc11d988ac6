// A signal, within one process, that published content under a path changed (a catalogue item was published
// or withdrawn), so caches of anonymous pages drop what they hold under it at once instead of at expiry.
type Listener = (pathPrefix: string) => void;
const listeners = new Set<Listener>();

export function onPublicContentChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function publicContentChanged(pathPrefix: string): void {
  for (const listener of listeners) listener(pathPrefix);
}
