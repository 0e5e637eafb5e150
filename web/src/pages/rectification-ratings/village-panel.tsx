import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Form, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ratingKeys, ratingsApi, type IssuedLink, type RatingVillage } from '../../api/rectification-ratings';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { RepresentativesFields, toRepresentatives, type RepresentativeRow } from './representatives-fields';
import { SessionView } from './session-view';
import { SlipsModal } from './slips-modal';

/** A village of a round: its rating sessions (newest first), one shown, and a new one when none is open. */
export function VillagePanel({ roundId, village, canWrite }: { roundId: string; village: RatingVillage; canWrite: boolean }) {
  const sessions = useQuery({ queryKey: ratingKeys.sessions(roundId, village.villageCode), queryFn: () => ratingsApi.sessions(roundId, village.villageCode) });
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [slips, setSlips] = useState<{ links: IssuedLink[]; closesOn: string } | null>(null);
  const list = sessions.data?.items ?? [];
  const current = chosen ?? list[0]?.id ?? null;
  const hasOpen = list.some((s) => s.status === 'open');

  return (
    <div data-testid="rating-village-panel">
      <Typography.Paragraph type="secondary">
        {`${village.townName}${village.villageName}：本轮整改事项 ${village.items} 项。群众代表（老党员、致富带头人、普通农民、返乡青年、乡镇企业主）凭一次性链接或二维码逐项评议，无需账号；不满意过半的事项不能销号，该村列入回头看。`}
      </Typography.Paragraph>
      {sessions.isError && <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />}
      <Space wrap style={{ marginBottom: 12 }}>
        {list.length > 1 && (
          <Select
            style={{ minWidth: 260 }}
            value={current ?? undefined}
            onChange={(v: string) => setChosen(v)}
            options={list.map((s) => ({ value: s.id, label: `${s.openedOn} 发起（${s.statusName}，已评议 ${s.rated}/${s.representatives} 人）` }))}
            aria-label="选择评议场次"
          />
        )}
        {canWrite && !hasOpen && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="rating-create">
            组织群众评议
          </Button>
        )}
      </Space>
      {sessions.data && list.length === 0 && <Empty description="该村尚未组织群众评议" />}
      {current && <SessionView key={current} sessionId={current} />}
      {creating && (
        <CreateModal
          roundId={roundId}
          villageCode={village.villageCode}
          onClose={() => setCreating(false)}
          onDone={(id, links, closesOn) => {
            setCreating(false);
            setChosen(id);
            setSlips({ links, closesOn });
          }}
        />
      )}
      {slips && <SlipsModal links={slips.links} villageName={`${village.townName}${village.villageName}`} closesOn={slips.closesOn} onClose={() => setSlips(null)} />}
    </div>
  );
}

interface CreateValues {
  closesOn: Dayjs;
  representatives: RepresentativeRow[];
}

function CreateModal({ roundId, villageCode, onClose, onDone }: { roundId: string; villageCode: string; onClose: () => void; onDone: (id: string, links: IssuedLink[], closesOn: string) => void }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const create = useMutation({
    mutationFn: (v: CreateValues) => ratingsApi.create({ roundId, villageCode, closesOn: v.closesOn.format('YYYY-MM-DD'), representatives: toRepresentatives(v.representatives) }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ratingKeys.all });
      onDone(r.session.id, r.links, r.session.closesOn);
    },
  });
  return (
    <Modal open width={680} title="组织群众评议" okText="生成评议凭条" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <RefusalAlert error={create.error} />
      <Form form={form} layout="vertical" initialValues={{ closesOn: dayjs().add(14, 'day'), representatives: [{}] }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="closesOn" label="评议截止日期" rules={[{ required: true, message: '请选择评议截止日期' }]} extra="截止日当天结束后，未使用的链接失效">
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="群众代表" required>
          <RepresentativesFields />
        </Form.Item>
      </Form>
    </Modal>
  );
}
