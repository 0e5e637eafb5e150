import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_CONFIG, INSPECTION_STEP_LIST, type InspectionStep } from '../inspections/steps';
import { WORK_RECORD_KIND_LIST } from '../inspections/work-records';
import {
  ARCHIVE_STAGE_LIST,
  buildCatalogue,
  completenessProblems,
  safeFileName,
  stageFolder,
  targetFolder,
  uniqueNames,
  WORK_RECORD_STAGE,
  type ArchiveItem,
  type CompletenessFacts,
} from './archive';

const item = (stage: ArchiveItem['stage'], fileName: string, title = fileName): ArchiveItem => ({
  stage,
  type: 'record_file',
  title,
  fileName,
  date: '2026-11-10',
  responsible: '第一巡察组',
  size: 1,
  sha256: 'x',
  source: { kind: 'attachment', attachmentId: fileName },
});

describe('stages', () => {
  it('folders are numbered in filing order', () => {
    expect(ARCHIVE_STAGE_LIST.map(stageFolder)).toEqual(['01-进驻', '02-听取汇报', '03-查阅资料', '04-个别谈话', '05-走访勘查', '06-问题底稿', '07-问题线索', '08-巡察报告', '09-反馈']);
  });
  it.each(WORK_RECORD_KIND_LIST)('work record kind %s is filed in a stage', (k) => {
    expect(ARCHIVE_STAGE_LIST).toContain(WORK_RECORD_STAGE[k]);
  });
});

describe('file names', () => {
  it.each([
    ['谈话记录.jpg', '谈话记录.jpg'],
    ['a/b\\c.pdf', 'a_b_c.pdf'],
    ['问:题*?"<>|.docx', '问_题______.docx'],
    ['  .hidden ', 'hidden'],
    ['name. ', 'name'],
    ['\u0001\u0002', '文件'],
    ['', '文件'],
  ])('%j → %j', (input, want) => expect(safeFileName(input)).toBe(want));

  it.each([
    [['a.jpg', 'a.jpg', 'a.jpg'], ['a.jpg', 'a(2).jpg', 'a(3).jpg']],
    [['A.jpg', 'a.JPG'], ['A.jpg', 'a(2).JPG']],
    [['a(2).jpg', 'a.jpg', 'a.jpg'], ['a(2).jpg', 'a.jpg', 'a(3).jpg']],
    [['说明', '说明'], ['说明', '说明(2)']],
    [['x.tar.gz', 'x.tar.gz'], ['x.tar.gz', 'x.tar(2).gz']],
  ])('uniqueNames %j', (input, want) => expect(uniqueNames(input)).toEqual(want));

  it('target folders are numbered', () => expect(targetFolder(0, '城关镇')).toBe('01-城关镇'));
});

describe('catalogue', () => {
  it('sorts by stage (keeping order within), numbers from 1 and deduplicates per folder only', () => {
    const c = buildCatalogue([item('feedback', '反馈.docx'), item('talk', '照片.jpg', '谈话1'), item('entry', '照片.jpg'), item('talk', '照片.jpg', '谈话2'), item('talk', 'a/b.jpg')]);
    expect(c.map((e) => [e.seq, e.zipPath, e.title])).toEqual([
      [1, '01-进驻/照片.jpg', '照片.jpg'],
      [2, '04-个别谈话/照片.jpg', '谈话1'],
      [3, '04-个别谈话/照片(2).jpg', '谈话2'],
      [4, '04-个别谈话/a_b.jpg', 'a/b.jpg'],
      [5, '09-反馈/反馈.docx', '反馈.docx'],
    ]);
    expect(c[0]).toMatchObject({ stageName: '进驻', typeName: '工作记录附件' });
  });
  it('is empty for nothing', () => expect(buildCatalogue([])).toEqual([]));
});

const complete = (): CompletenessFacts => ({
  target: { name: '城关镇', kind: 'town' },
  stepConfig: { ...DEFAULT_STEP_CONFIG },
  villages: [
    { code: 'v1', name: '东村', stepsDone: INSPECTION_STEP_LIST, talks: 2 },
    { code: 'v2', name: '西村', stepsDone: INSPECTION_STEP_LIST, talks: 1 },
  ],
  findings: [{ label: '第001号', title: '资金问题', status: 'approved', statusName: '已审定', materials: 1, materialFiles: 2 }],
  leads: [{ code: '2026-02-001', status: 'received', letterNo: '溧巡移〔2026〕1号', files: 1 }],
  report: { status: 'approved', statusName: '已审定' },
  feedback: { target: true, villages: new Set(['v1', 'v2']) },
});

describe('completeness', () => {
  it('a complete file has no reasons', () => expect(completenessProblems(complete())).toEqual([]));

  const without = (steps: InspectionStep[]) => INSPECTION_STEP_LIST.filter((s) => !steps.includes(s));
  const cases: [string, (f: CompletenessFacts) => void, string[]][] = [
    ['a mandatory step missing', (f) => (f.villages[0]!.stepsDone = without(['individual_talks'])), ['东村：必经环节“个别谈话”未登记完成']],
    ['an optional step missing is fine', (f) => (f.villages[0]!.stepsDone = without(['symposium'])), []],
    [
      'a step made mandatory by the round',
      (f) => {
        f.stepConfig.symposium = 'mandatory';
        f.villages[1]!.stepsDone = without(['symposium']);
      },
      ['西村：必经环节“召开座谈会”未登记完成'],
    ],
    ['no talk record', (f) => (f.villages[1]!.talks = 0), ['西村：没有个别谈话记录']],
    ['no villages', (f) => (f.villages = []), ['城关镇没有村级巡察记录']],
    ['finding not approved', (f) => Object.assign(f.findings[0]!, { status: 'submitted', statusName: '待副组长审核' }), ['问题第001号“资金问题”尚未审定（待副组长审核），问题底稿不能归档']],
    ['finding without materials', (f) => Object.assign(f.findings[0]!, { materials: 0, materialFiles: 0 }), ['问题第001号“资金问题”没有佐证材料']],
    ['finding materials without files', (f) => (f.findings[0]!.materialFiles = 0), ['问题第001号“资金问题”的佐证材料没有上传文件']],
    ['lead still a draft', (f) => Object.assign(f.leads[0]!, { status: 'draft', letterNo: null, files: 0 }), ['问题线索2026-02-001尚未移交']],
    ['lead without letter number', (f) => (f.leads[0]!.letterNo = null), ['问题线索2026-02-001的移交函没有文号']],
    ['lead without signed hand-over', (f) => (f.leads[0]!.files = 0), ['问题线索2026-02-001没有上传签收的移交材料（签收单或回执）']],
    ['no report', (f) => (f.report = null), ['巡察报告尚未起草']],
    ['report not approved', (f) => (f.report = { status: 'heard', statusName: '已听取汇报' }), ['巡察报告尚未审定（已听取汇报）']],
    ['no feedback to the target', (f) => (f.feedback = { target: false, villages: new Set(['v1', 'v2']) }), ['尚未向城关镇反馈']],
    ['no feedback to a village', (f) => (f.feedback = { target: true, villages: new Set(['v1']) }), ['尚未向西村反馈']],
  ];
  it.each(cases)('%s', (_name, change, want) => {
    const f = complete();
    change(f);
    expect(completenessProblems(f)).toEqual(want);
  });

  it('a village target names no village and needs no village feedback', () => {
    const f = complete();
    f.target = { name: '东村', kind: 'village' };
    f.villages = [{ code: 'v1', name: '东村', stepsDone: without(['petitions']), talks: 0 }];
    f.feedback = { target: true, villages: new Set() };
    expect(completenessProblems(f)).toEqual(['必经环节“受理信访”未登记完成', '没有个别谈话记录']);
  });
});
