import { describe, expect, it } from 'vitest';
import { fromEditable, toEditable, yuanText } from './sections';

describe('report section editor', () => {
  it('round-trips sections through one text per section', () => {
    const body = [{ heading: '总体情况', paragraphs: ['第一段。', '第二段。'] }];
    expect(toEditable(body)).toEqual([{ heading: '总体情况', text: '第一段。\n第二段。' }]);
    expect(fromEditable(toEditable(body))).toEqual(body);
  });
  it('drops blank lines and trims', () => {
    expect(fromEditable([{ heading: ' 标题 ', text: ' 一 \r\n\n  \n二' }])).toEqual([{ heading: '标题', paragraphs: ['一', '二'] }]);
  });
  it('shows money in 元', () => {
    expect(yuanText('38000.5')).toBe('38,000.50元');
    expect(yuanText(null)).toBe('—');
  });
});
