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

/**
 * Some puppets (e.g. padlocal) flatten a quote to text, 「张三：原文」, a dashed line, then the reply,
 * without the quoted id: only the reply is kept, so a typed `同意 #12` still reads as a command.
 */
const FLAT_QUOTE = /^「[\s\S]*」\n(?:- ){5,}-?\n([\s\S]*)$/;

export function replyOfFlatQuote(text: string): string | null {
  return FLAT_QUOTE.exec(text)?.[1]?.trim() ?? null;
}

export function parseQuote(raw: string): Quote | null {
  if (!raw.includes('<refermsg>') && !raw.includes('&lt;refermsg&gt;')) return null;
  const xml = raw.includes('&lt;refermsg&gt;') ? unescapeXml(raw) : raw;
  const refer = tag(xml, 'refermsg');
  const quotedMessageId = refer ? tag(refer, 'svrid')?.trim() : undefined;
  const title = tag(xml.replace(/<refermsg>[\s\S]*<\/refermsg>/, ''), 'title');
  if (!quotedMessageId || title === undefined) return null;
  return { text: unescapeXml(title).trim(), quotedMessageId };
}
