import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export type MessageParams = Record<string, string | number>;

/**
 * The texts of each family, by key. A family declares its keys here by declaration merging, next
 * to its catalog (commands/<family>/texts.ts), so every key is typed and none is cast into being.
 */
// A type alias cannot be merged into: the families' keys arrive as this interface's members.
export interface FamilyTexts {}

export type MessageKey = keyof typeof zhCN | (keyof FamilyTexts & string);
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A catalog per locale: zh-CN first, English beside it. */
export type Catalogs = Record<Locale, Readonly<Record<string, string>>>;

/** The core's own texts (roles, errors, prompts, help). */
export const coreCatalogs: Catalogs = { 'zh-CN': zhCN, en };

/** The core's texts and the families': two claiming one key fail here, at start. */
export function mergeCatalogs(parts: readonly Catalogs[]): Catalogs {
  const merged: Record<Locale, Record<string, string>> = { 'zh-CN': {}, en: {} };
  for (const part of parts) {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(part[locale])) {
        if (key in merged[locale]) throw new Error(`two catalogs have the text "${key}"`);
        merged[locale][key] = text;
      }
    }
  }
  return merged;
}

export function translator(locale: Locale, catalogs: Catalogs = coreCatalogs): Translate {
  const catalog = catalogs[locale];
  return (key, params = {}) => {
    const text = catalog[key];
    if (text === undefined) throw new Error(`no ${locale} text "${key}"`);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
