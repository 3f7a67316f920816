import { createHash } from 'node:crypto';

/** SHA-256 (hex) of a letter's exact text as UTF-8: what the signature is kept with and the signer confirms. */
export const letterSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The whole text of a letter as it is issued, signed and printed: the title, both parties, the period and the
 * template's commitments with the parties' names filled in. Frozen at issue, so a later template edit changes no
 * letter already out.
 */
export function composeLetterText(x: {
  title: string;
  body: string;
  partyAName: string;
  partyAPerson: string;
  businessName: string;
  uscc: string;
  periodStart: string;
  periodEnd: string;
}): string {
  const body = x.body.replaceAll('{business}', x.businessName).replaceAll('{partyA}', x.partyAName);
  return [
    x.title,
    '',
    `甲方（责任单位）：${x.partyAName}　代表：${x.partyAPerson}`,
    `乙方（经营主体）：${x.businessName}　统一社会信用代码：${x.uscc}`,
    `责任期限：${x.periodStart} 至 ${x.periodEnd}`,
    '',
    body,
  ].join('\n');
}
