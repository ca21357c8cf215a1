/**
 * `msgsim schema`: print the JSON Schema of scenario files, for editors.
 */
import { scenarioJsonSchemaText } from '../../scenario/schema.js';
import { ExitCode } from '../errors.js';

/** Prints the JSON Schema of scenario files. */
export function schemaCommand(): number {
  process.stdout.write(scenarioJsonSchemaText());
  return ExitCode.Ok;
}
