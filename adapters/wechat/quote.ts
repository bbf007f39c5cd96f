/**
 * A quoted reply, where the puppet delivers one: WeChat sends it as an app message (type 57) whose
 * XML carries the reply text in <title> and the quoted message's server id in <refermsg><svrid>.
 */
export interface Quote {
  text: string;
  quotedMessageId: string;
}

function tag(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${name}>`).exec(xml);
  return match?.[1];
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function parseQuote(raw: string): Quote | null {
  if (!raw.includes('<refermsg>')) return null;
  const xml = raw.includes('&lt;refermsg&gt;') ? unescapeXml(raw) : raw;
  const refer = tag(xml, 'refermsg');
  const quotedMessageId = refer ? tag(refer, 'svrid')?.trim() : undefined;
  const title = tag(xml.replace(/<refermsg>[\s\S]*<\/refermsg>/, ''), 'title');
  if (!quotedMessageId || title === undefined) return null;
  return { text: unescapeXml(title).trim(), quotedMessageId };
}
