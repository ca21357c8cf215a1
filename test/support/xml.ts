/**
 * Test helper: a small well-formedness checker for the SVG documents msgsim writes (tag
 * balance, attributes, entities, one root `<svg>`), standing in for an XML parser.
 */

const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

/** Problems that make `xml` not a well-formed XML document (a small checker, not a parser). */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const token = /<\?xml[^?]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)|</gy;
  const stack: string[] = [];
  let roots = 0;
  const checkText = (text: string, where: string): void => {
    for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
      if (!ENTITY.test(text.slice(i))) problems.push(`bare & in ${where}: ${text.slice(i, i + 12)}`);
    }
    if (text.includes('<')) problems.push(`< in ${where}`);
  };
  for (let match = token.exec(xml); match !== null && match[0] !== ''; match = token.exec(xml)) {
    const [whole, close, name, attributes, selfClosing, text] = match;
    if (whole.startsWith('<?xml')) {
      if (match.index !== 0) problems.push('XML declaration not at the start');
    } else if (whole.startsWith('<!--')) {
      continue;
    } else if (name !== undefined) {
      if (stack.length === 0 && close !== '/') roots++;
      const seen = new Set<string>();
      for (const [, attribute, value] of (attributes ?? '').matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*"([^"]*)"/g)) {
        if (seen.has(attribute!)) problems.push(`duplicate attribute ${attribute} on <${name}>`);
        seen.add(attribute!);
        checkText(value!, `attribute ${attribute}`);
      }
      if (close === '/') {
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
      } else if (selfClosing !== '/') {
        stack.push(name);
      }
    } else if (text !== undefined) {
      if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root: ${text.slice(0, 20)}`);
      checkText(text, 'text');
    } else {
      problems.push(`stray < at ${match.index}: ${xml.slice(match.index, match.index + 20)}`);
    }
  }
  if (token.lastIndex !== 0 && token.lastIndex < xml.length) problems.push(`unparsed input at ${token.lastIndex}`);
  if (stack.length > 0) problems.push(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  if (!/^(<\?xml[^?]*\?>\s*)?<svg[\s>]/.test(xml)) problems.push('root is not <svg>');
  return problems;
}
