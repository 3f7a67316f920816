/**
 * Text for the public page: phone numbers, ID numbers, plate numbers and e-mail addresses are blanked, and
 * anything that looks like a person's name after 姓/先生/女士 is reduced to its surname.
 */
export function anonymiseText(text: string): string {
  return text
    .replace(/\d{15,17}[\dXx]/g, '[证件号]')
    .replace(/1[3-9]\d{9}/g, '[电话]')
    .replace(/\d{3,4}-?\d{7,8}/g, '[电话]')
    .replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, '[邮箱]')
    .replace(/[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{5,6}/g, '[车牌]')
    .replace(/([\u4e00-\u9fa5])[\u4e00-\u9fa5]{1,2}(先生|女士|师傅|导游)/g, '$1某$2');
}
