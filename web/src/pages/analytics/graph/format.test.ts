import { describe, expect, it } from 'vitest';
import { graphPath, subjectOfText } from '../../../api/analytics-graph';
import { evidenceCell, graphSubjectsOf, nodeSize, yuanOfFen } from './format';

describe('关系图谱 page helpers', () => {
  it('tells an ID number, a credit code and a name apart', () => {
    expect(subjectOfText(' 37012419700312315x ')).toEqual({ person: '37012419700312315X' });
    expect(subjectOfText('91370124ma3c1k0q6k')).toEqual({ company: '91370124MA3C1K0Q6K' });
    expect(subjectOfText('李国强')).toBeNull();
    expect(subjectOfText('3701241970031231')).toBeNull();
    // I, O, Z, S and V are not in credit codes
    expect(subjectOfText('91370124MA3C1K0Q6O')).toBeNull();
  });

  it('builds the page address the hit drawer links to', () => {
    expect(graphPath({ person: '370124197003123156' })).toBe('/analytics/graph?person=370124197003123156');
    expect(graphPath({ company: '91370124MA3C1K0Q6K' }, 2)).toBe('/analytics/graph?company=91370124MA3C1K0Q6K&depth=2');
  });

  it('sizes nodes by money, the subject largest', () => {
    expect(nodeSize({ amountFen: 0, subject: false })).toBe(16);
    const small = nodeSize({ amountFen: 100_000, subject: false });
    const big = nodeSize({ amountFen: 100_000_000, subject: false });
    expect(small).toBeGreaterThan(16);
    expect(big).toBeGreaterThan(small);
    expect(nodeSize({ amountFen: 1e15, subject: false })).toBe(50);
    expect(nodeSize({ amountFen: 0, subject: true })).toBe(48);
  });

  it('shows evidence cells in 元, units and words', () => {
    const ds = new Map([['d1', '2023年村级支付']]);
    expect(yuanOfFen(10_000_000)).toBe('100,000.00 元');
    expect(evidenceCell('amount', 123456, ds)).toBe('1,234.56 元');
    expect(evidenceCell('area', 1250, ds)).toBe('12.5');
    expect(evidenceCell('won', true, ds)).toBe('中标');
    expect(evidenceCell('won', false, ds)).toBe('未中标');
    expect(evidenceCell('_dataset', 'd1', ds)).toBe('2023年村级支付');
    expect(evidenceCell('_dataset', 'registry', ds)).toBe('村级组织名册');
    expect(evidenceCell('purpose', null, ds)).toBe('—');
  });

  it('finds the people and companies a hit names, each once, for links to their graph', () => {
    const columns = [
      { key: 'person_name', label: '姓名' },
      { key: 'person_id_number', label: '身份证号' },
      { key: 'cadre_id_number', label: '干部身份证号' },
      { key: 'bidder_credit_code', label: '投标人信用代码' },
      { key: 'winner_credit_code', label: '中标人信用代码' },
      { key: 'amount_fen', label: '金额' },
    ];
    const row = {
      person_name: '张秀英',
      person_id_number: '37012419700312315X',
      cadre_id_number: '37012419700312315X',
      bidder_credit_code: '91370124MA3C1K0Q6K',
      winner_credit_code: 'not a code',
      amount_fen: 350000,
    };
    expect(graphSubjectsOf(columns, row)).toEqual([
      { label: '身份证号', subject: { person: '37012419700312315X' } },
      { label: '投标人信用代码', subject: { company: '91370124MA3C1K0Q6K' } },
    ]);
    expect(graphSubjectsOf(columns, {})).toEqual([]);
  });
});
