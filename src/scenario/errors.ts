/**
 * Errors in a user's scenario file: which file, where in it, and what was expected. The CLI
 * prints the message as one line and exits with code 2.
 */

/** A path into a scenario document, e.g. ["links", 0, "bandwidth"]. */
export type FieldPath = readonly (string | number)[];

/** Formats a field path as it reads in the file: links[0].bandwidth. */
export function formatPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text;
}

/** "file:line: path: detail", as mistakes and warnings about a scenario file read. */
export function locatedMessage(file: string, path: FieldPath, detail: string, line?: number): string {
  const where = line === undefined ? file : `${file}:${line}`;
  return path.length === 0 ? `${where}: ${detail}` : `${where}: ${formatPath(path)}: ${detail}`;
}

/** A mistake in a scenario file. */
export class ScenarioError extends Error {
  /**
   * @param file the file as the user named it
   * @param path where in the document; empty for the document as a whole
   * @param detail what is wrong, e.g. `"10 Mbit" is not a bandwidth (e.g. "10Mbps")`
   * @param line 1-based line in the file, when known
   */
  constructor(
    readonly file: string,
    readonly path: FieldPath,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(locatedMessage(file, path, detail, line));
    this.name = 'ScenarioError';
  }
}
