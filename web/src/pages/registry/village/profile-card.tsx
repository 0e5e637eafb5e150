import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PROFILE_LABELS } from '../../../../../domain/registry/village';
import { isApiError } from '../../../api/client';
import { applyFieldErrors } from '../../../api/errors';
import { keys, registryApi, type ProfileBody } from '../../../api/endpoints';
import type { Village, VillageProfile } from '../../../api/types';

type Figures = Omit<ProfileBody, 'version' | 'tags'>;

const COUNT_FIELDS = ['partyMembers', 'households', 'population', 'petitionsLastYear'] as const;
const MONEY_FIELDS = ['collectiveAssets', 'annualIncome', 'annualExpenditure'] as const;

const label = (k: string) => PROFILE_LABELS[k] ?? k;
const blank = <Typography.Text type="secondary">未填写</Typography.Text>;

export function formatMoney(v: string | null) {
  if (v === null || v === '') return blank;
  const n = Number(v);
  return Number.isFinite(n) ? `${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : v;
}
const formatCount = (v: number | null) => (v === null ? blank : v.toLocaleString('zh-CN'));

const groupThousands = (v: string | number | undefined) => {
  if (v === undefined || v === '') return '';
  const [int, dec] = String(v).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec !== undefined ? `.${dec}` : ''}`;
};

function bodyOf(p: VillageProfile, patch: Partial<ProfileBody>): ProfileBody {
  return {
    tags: p.tags,
    partyMembers: p.partyMembers,
    households: p.households,
    population: p.population,
    collectiveAssets: p.collectiveAssets,
    annualIncome: p.annualIncome,
    annualExpenditure: p.annualExpenditure,
    petitionsLastYear: p.petitionsLastYear,
    notes: p.notes,
    version: p.version,
    ...patch,
  };
}

/** Saving the profile, with the optimistic lock: someone else's save first means reload and redo. */
function useSaveProfile(village: Village, onSaved: () => void) {
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  return useMutation({
    mutationFn: (body: ProfileBody) => registryApi.saveProfile(village.code, body),
    meta: { silent: true },
    onSuccess: (profile) => {
      queryClient.setQueryData<Village>(keys.village(village.code), (v) => (v ? { ...v, profile } : v));
      void queryClient.invalidateQueries({ queryKey: ['registry', 'villages'] });
      void queryClient.invalidateQueries({ queryKey: ['registry', 'village', village.code, 'history'] });
      onSaved();
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'CONFLICT') {
        modal.confirm({
          title: '档案已被他人修改',
          content: `${e.message}。载入最新内容后，您刚才的修改需要重新填写。`,
          okText: '载入最新内容',
          cancelText: '取消',
          onOk: () => queryClient.invalidateQueries({ queryKey: keys.village(village.code) }),
        });
      }
    },
  });
}

function TagsEditor({ village }: { village: Village }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<string[]>(village.profile.tags);
  const tags = useQuery({ queryKey: keys.tags, queryFn: registryApi.tags, enabled: editing });
  const save = useSaveProfile(village, () => {
    setEditing(false);
    void message.success('分类标签已保存');
  });
  if (!editing) {
    return (
      <Space wrap data-testid="village-tags">
        {village.profile.tags.length ? village.profile.tags.map((t) => <Tag key={t} color="volcano">{t}</Tag>) : <Typography.Text type="secondary">未分类</Typography.Text>}
        {village.canEdit && (
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => {
              setValue(village.profile.tags);
              setEditing(true);
            }}
            data-testid="edit-tags"
          >
            编辑标签
          </Button>
        )}
      </Space>
    );
  }
  const byCategory = new Map<string, { value: string; label: string }[]>();
  for (const t of tags.data?.items ?? []) byCategory.set(t.category, [...(byCategory.get(t.category) ?? []), { value: t.name, label: t.name }]);
  return (
    <Space wrap>
      <Select
        mode="multiple"
        style={{ minWidth: 320 }}
        value={value}
        onChange={setValue}
        loading={tags.isPending}
        placeholder="选择分类标签"
        options={[...byCategory].map(([category, options]) => ({ label: category, title: category, options }))}
        data-testid="tags-select"
      />
      <Button type="primary" size="small" loading={save.isPending} onClick={() => save.mutate(bodyOf(village.profile, { tags: value }))}>
        保存
      </Button>
      <Button size="small" onClick={() => setEditing(false)}>
        取消
      </Button>
      {save.isError && !(isApiError(save.error) && save.error.code === 'CONFLICT') && (
        <Typography.Text type="danger">{save.error.message}</Typography.Text>
      )}
    </Space>
  );
}

function FiguresForm({ village, onDone }: { village: Village; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Figures>();
  const save = useSaveProfile(village, () => {
    void message.success('村情档案已保存');
    onDone();
  });
  const p = village.profile;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ ...p }}
      disabled={save.isPending}
      onFinish={(v) =>
        save.mutate(bodyOf(p, { ...v, notes: v.notes ?? '' }), {
          onError: (e) => {
            if (isApiError(e) && e.code === 'CONFLICT') return; // the confirm dialog explains it
            applyFieldErrors(form, e);
            void message.error(e.message);
          },
        })
      }
      data-testid="profile-form"
    >
      <Row gutter={16}>
        {COUNT_FIELDS.map((k) => (
          <Col xs={24} sm={12} lg={6} key={k}>
            <Form.Item name={k} label={label(k)}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} placeholder="未填写" />
            </Form.Item>
          </Col>
        ))}
        {MONEY_FIELDS.map((k) => (
          <Col xs={24} sm={12} lg={8} key={k}>
            <Form.Item name={k} label={label(k)} tooltip="单位：元，最多两位小数">
              <InputNumber<string>
                stringMode
                precision={2}
                style={{ width: '100%' }}
                placeholder="未填写"
                formatter={groupThousands}
                parser={(v) => (v ?? '').replace(/[,\s元]/g, '')}
              />
            </Form.Item>
          </Col>
        ))}
        <Col span={24}>
          <Form.Item name="notes" label={label('notes')}>
            <Input.TextArea rows={3} maxLength={5000} showCount placeholder="村情概况、主要产业、突出问题等" />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
          保存
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}

/** 村情概况: figures, classification tags, notes; editable by those who keep the registry. */
export function ProfileCard({ village }: { village: Village }) {
  const [editing, setEditing] = useState(false);
  const p = village.profile;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="分类标签">
        <TagsEditor village={village} key={p.version} />
      </Card>
      <Card
        size="small"
        title="村情数字"
        extra={
          village.canEdit &&
          !editing && (
            <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-profile">
              编辑档案
            </Button>
          )
        }
      >
        {editing ? (
          <FiguresForm village={village} onDone={() => setEditing(false)} />
        ) : (
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            data-testid="profile-figures"
            items={[
              ...COUNT_FIELDS.map((k) => ({ key: k, label: label(k), children: formatCount(p[k]) })),
              ...MONEY_FIELDS.map((k) => ({ key: k, label: label(k), children: formatMoney(p[k]) })),
              {
                key: 'secretary',
                label: '党组织书记',
                children: village.secretary ? (
                  <Space>
                    {village.secretary}
                    {village.oneShoulder && <Tag color="red">一肩挑</Tag>}
                  </Space>
                ) : (
                  blank
                ),
              },
              { key: 'cadres', label: '“两委”干部', children: `${village.cadreCount} 名` },
              { key: 'updated', label: '最后修改', children: dayjs(p.updatedAt).format('YYYY-MM-DD HH:mm') },
              {
                key: 'notes',
                label: label('notes'),
                span: 'filled',
                children: p.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.notes}</Typography.Paragraph> : blank,
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
