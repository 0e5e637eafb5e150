/**
 * Every public /p/ page declares an empty inline icon, so the browser does not ask for /favicon.ico
 * (a 404 costing a round trip on a weak rural link), and each page's CSP lets that data: icon load.
 */
import { describe, expect, it } from 'vitest';
import { disclosureErrorPage, DISCLOSURE_PAGE_CSP } from '../rectification-disclosure/disclosure.page';
import { ratingErrorPage, ratingPageCsp } from '../rectification-ratings/ratings.page';
import { questionnaireErrorPage } from '../questionnaires/questionnaire.page';
import { errorPage, publicPageCsp, receiptPage } from './report.page';

const ICON = '<link rel="icon" href="data:,">';
const imgSrc = (csp: string) => /(?:^|;\s*)img-src ([^;]*)/.exec(csp)?.[1]?.split(/\s+/) ?? [];

describe('public pages and the favicon request', () => {
  const pages: [string, string, string][] = [
    ['receipt', receiptPage('n0nce'), publicPageCsp('n0nce')],
    ['report error', errorPage('扫码编号不存在', 'n0nce'), publicPageCsp('n0nce')],
    ['questionnaire error', questionnaireErrorPage('问卷不存在', 'n0nce'), ratingPageCsp('n0nce')],
    ['rating error', ratingErrorPage('链接已失效', 'n0nce'), ratingPageCsp('n0nce')],
    ['disclosure error', disclosureErrorPage('公开页面不存在'), DISCLOSURE_PAGE_CSP],
  ];
  it.each(pages)('%s page declares an inline icon inside <head> that its CSP allows', (_name, html, csp) => {
    const head = /<head>([\s\S]*?)<\/head>/.exec(html)![1]!;
    expect(head.split(ICON)).toHaveLength(2);
    expect(imgSrc(csp)).toContain('data:');
  });
});
