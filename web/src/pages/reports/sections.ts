/** The report's sections as the editor shows them: one text area per section, one paragraph per line. */
import type { Dayjs } from 'dayjs';
import type { ReportSection } from '../../../../domain/reports/report';

export interface EditableSection {
  heading: string;
  text: string;
}

export const toEditable = (body: ReportSection[]): EditableSection[] => body.map((s) => ({ heading: s.heading, text: s.paragraphs.join('\n') }));

/** Lines become paragraphs; blank lines and surrounding spaces are dropped. */
export const fromEditable = (list: EditableSection[]): ReportSection[] =>
  list.map((s) => ({
    heading: (s.heading ?? '').trim(),
    paragraphs: (s.text ?? '')
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  }));

export const isoDay = (d: Dayjs | null | undefined): string => (d ? d.format('YYYY-MM-DD') : '');

/** 38000.5 → "38,000.50元". */
export const yuanText = (amount: string | null | undefined): string =>
  amount == null ? '—' : `${Number(amount).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
