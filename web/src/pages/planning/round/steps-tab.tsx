import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Radio, Switch, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { INSPECTION_STEP_LIST, INSPECTION_STEPS, STEP_REQUIREMENTS, type InspectionStep, type StepRequirement } from '../../../../../domain/inspections/steps';
import { planningApi, planningKeys, type RoundDetail } from '../../../api/planning';

/** 环节设置: which steps are mandatory, optional or not used in this round (only while it is in 准备). */
export function StepsTab({ round }: { round: RoundDetail }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [steps, setSteps] = useState(round.steps);
  const [policy, setPolicy] = useState(round.completionPolicy);
  useEffect(() => setSteps(round.steps), [round.steps]);
  useEffect(() => setPolicy(round.completionPolicy), [round.completionPolicy]);
  const editable = round.canWrite && round.phase === 'preparation';
  const changed =
    INSPECTION_STEP_LIST.some((s) => steps[s] !== round.steps[s]) ||
    policy.visits.householdPercent !== round.completionPolicy.visits.householdPercent ||
    policy.requireTalkCoverage !== round.completionPolicy.requireTalkCoverage;

  const save = useMutation({
    mutationFn: () =>
      planningApi.updateRound(round.id, {
        termPlanId: round.termPlanId,
        number: round.number,
        year: round.year,
        theme: round.theme,
        startDate: round.startDate,
        endDate: round.endDate,
        onSitePolicy: round.onSitePolicy,
        steps,
        completionPolicy: policy,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(planningKeys.round(round.id), saved);
      void message.success('环节设置和完成条件已保存');
    },
  });

  const columns: TableColumnsType<{ step: InspectionStep }> = [
    { title: '环节', dataIndex: 'step', render: (s: InspectionStep) => INSPECTION_STEPS[s] },
    {
      title: '要求',
      key: 'req',
      render: (_, { step }) => (
        <Radio.Group
          disabled={!editable}
          value={steps[step]}
          onChange={(e) => setSteps({ ...steps, [step]: e.target.value as StepRequirement })}
          options={(Object.keys(STEP_REQUIREMENTS) as StepRequirement[]).map((r) => ({ value: r, label: STEP_REQUIREMENTS[r] }))}
        />
      ),
    },
  ];

  return (
    <Card size="small" title="环节设置与完成条件" extra={editable && <Button type="primary" disabled={!changed} loading={save.isPending} onClick={() => save.mutate()}>保存</Button>}>
      {!editable && round.canWrite && <Alert type="info" showIcon title="轮次已离开准备阶段，环节设置不能再修改" style={{ marginBottom: 12 }} />}
      <Alert type="info" showIcon title="必经环节未完成的村（社区）不能完成巡察；不适用的环节在工作台中不显示、不能记录" style={{ marginBottom: 12 }} />
      <Table rowKey="step" size="small" columns={columns} dataSource={INSPECTION_STEP_LIST.map((step) => ({ step }))} pagination={false} />
      <Form layout="inline" style={{ marginTop: 16 }} data-testid="completion-policy">
        <Form.Item label="应走访农户比例" tooltip="完成本村巡察前须走访的户数占全村户数的比例（向上取整）">
          <InputNumber
            disabled={!editable}
            min={1}
            max={100}
            addonAfter="%"
            value={policy.visits.householdPercent}
            onChange={(v) => setPolicy({ ...policy, visits: { householdPercent: typeof v === 'number' ? v : 10 } })}
          />
        </Form.Item>
        <Form.Item label="须谈到“三老”“两低”" tooltip="开启后，未与老党员、老干部、老军人、低保户、低收入户各谈话一次的村不能完成巡察">
          <Switch disabled={!editable} checked={policy.requireTalkCoverage} onChange={(v) => setPolicy({ ...policy, requireTalkCoverage: v })} />
        </Form.Item>
      </Form>
    </Card>
  );
}
