import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { keys, registryApi } from '../../../api/endpoints';
import { useMe } from '../../../session/session';

/** True when the office covers more than one county and must say which one a new record is for. */
export function useNeedsCounty(): boolean {
  return useMe().org.scopeCode.length < 6;
}

/** The counties in the office's scope (imported ones). */
export function CountySelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const counties = useQuery({ queryKey: keys.counties, queryFn: registryApi.counties });
  return (
    <Select
      value={value}
      onChange={onChange}
      placeholder="选择区县"
      loading={counties.isPending}
      options={(counties.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
      data-testid="county-select"
    />
  );
}

/** Towns of a county, for home and work town and town targets. */
export function TownSelect({
  county,
  value,
  onChange,
  allowClear = true,
  placeholder = '选择乡镇（街道）',
}: {
  county: string | undefined;
  value?: string | null;
  onChange?: (v: string | null) => void;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const towns = useQuery({ queryKey: keys.towns(county ?? ''), queryFn: () => registryApi.towns(county!), enabled: !!county });
  return (
    <Select
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={county ? placeholder : '请先选择区县'}
      disabled={!county}
      loading={towns.isFetching}
      options={(towns.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
    />
  );
}

/** The first county in scope, for pages that need one (a county office's own). */
export function useDefaultCounty(): string | undefined {
  const me = useMe();
  const counties = useQuery({ queryKey: keys.counties, queryFn: registryApi.counties, enabled: me.org.scopeCode.length < 6 });
  if (me.org.scopeCode.length >= 6) return me.org.scopeCode.slice(0, 6);
  return counties.data?.items[0]?.code;
}
