// pdfmake 0.3 ships no types (and @types/pdfmake describes 0.2): the little of its server API used here.
declare module 'pdfmake' {
  type TFontFile = string | [string, string];
  const pdfmake: {
    virtualfs: { writeFileSync(name: string, data: Buffer): void; existsSync(name: string): boolean };
    setFonts(
      fonts: Record<string, { normal: TFontFile; bold?: TFontFile; italics?: TFontFile; bolditalics?: TFontFile }>,
    ): void;
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy(cb: (path: string) => boolean): void;
    createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
  };
  export default pdfmake;
}
