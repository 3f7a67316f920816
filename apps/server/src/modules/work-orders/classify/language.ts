import type { TLang } from './data-files.js';
import { isTraditional } from './normalise.js';

const HAN = /\p{Script=Han}/gu;
const LATIN = /[A-Za-z]/g;

/** The language of a text when a row does not say: English if Latin letters outnumber Chinese characters. */
export function languageOf(text: string): TLang {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (latin > han * 2) return 'en';
  return isTraditional(text) ? 'zh-Hant' : 'zh-Hans';
}
