import fs from 'node:fs';
import pdfmake from 'pdfmake';

/**
 * The one CJK font every PDF prints with (rating sheets, rectification orders, responsibility letters, dishonest-list
 * notices), and pdfmake's setup for it. pdfmake is one object per process: one virtual file ('cjk-font'), one family
 * ('Cjk'), loaded once, so whichever document is made first, all find the same font.
 */
export type TPdfFont = { file: string; face: string };

/** Debian's CJK fonts, best first: [file, the face inside a collection]. */
const CJK_FONTS: [string, string][] = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
];

/** The first CJK font installed (looked up once at start); null: the documents answer 503 rather than empty boxes. */
export function findCjkFont(candidates: [string, string][] = CJK_FONTS): TPdfFont | null {
  for (const [file, face] of candidates) if (fs.existsSync(file)) return { file, face };
  return null;
}

let fontLoaded: string | null = null;

/** Makes `font` the 'Cjk' family for the next document; documents reference no outside files or URLs. */
export function usePdfFont(font: TPdfFont) {
  if (fontLoaded !== font.file) {
    // Read into pdfmake's in-memory file system once; each document then embeds only the glyphs it uses.
    pdfmake.virtualfs.writeFileSync('cjk-font', fs.readFileSync(font.file));
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    fontLoaded = font.file;
  }
  // Fresh definitions for every document: pdfmake replaces the file name in them by the file's bytes.
  const face = (): [string, string] => ['cjk-font', font.face];
  pdfmake.setFonts({ Cjk: { normal: face(), bold: face(), italics: face(), bolditalics: face() } });
}
