import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AutoComplete, Cascader, Input } from 'antd';
import { useEffect, useState } from 'react';
import type { OrgKind } from '../../../../../domain/access/roles';
import { keys, registryApi } from '../../../api/endpoints';

export interface ScopeOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  loading?: boolean;
  children?: ScopeOption[];
}

/** What a scope code is chosen from: towns and villages from the registry, other kinds a city/county code. */
export const scopeDepth = (kind: OrgKind | undefined) => (kind === 'town' ? 2 : kind === 'village' ? 3 : 0);

interface Props {
  kind: OrgKind | undefined;
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  /** the chosen division's name, to suggest an organisation name */
  onPicked?: (name: string, kindOfTown?: string) => void;
}

/**
 * Picks the division an organisation stands for: county → town (→ village) from the registry for
 * town and village organisations; a 4- or 6-digit code (with imported counties offered) otherwise.
 */
export function ScopePicker({ kind, value, onChange, onPicked }: Props) {
  const queryClient = useQueryClient();
  const counties = useQuery({ queryKey: keys.counties, queryFn: registryApi.counties });
  const depth = scopeDepth(kind);
  const [options, setOptions] = useState<ScopeOption[]>([]);

  useEffect(() => {
    setOptions((counties.data?.items ?? []).map((c) => ({ value: c.code, label: c.name, isLeaf: false })));
  }, [counties.data, depth]);

  if (depth === 0) {
    return (
      <AutoComplete
        value={typeof value === 'string' ? value : undefined}
        onChange={(v: string) => onChange?.(v)}
        options={(counties.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
        onSelect={(v: string) => onPicked?.(counties.data?.items.find((c) => c.code === v)?.name ?? '')}
        data-testid="org-scope-code"
      >
        <Input placeholder="区县 6 位代码（或市 4 位代码）" maxLength={6} />
      </AutoComplete>
    );
  }

  const loadData = async (selected: ScopeOption[]) => {
    const target = selected[selected.length - 1]!;
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      if (selected.length === 1) {
        const towns = await queryClient.fetchQuery({ queryKey: keys.towns(target.value), queryFn: () => registryApi.towns(target.value) });
        target.children = towns.items.map((t) => ({ value: t.code, label: t.name, isLeaf: depth === 2 }));
      } else {
        const f = { town: target.value, page: 1, pageSize: 500 };
        const villages = await queryClient.fetchQuery({ queryKey: keys.villages(f), queryFn: () => registryApi.villages(f) });
        target.children = villages.items.map((v) => ({ value: v.code, label: v.name, isLeaf: true }));
      }
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };

  return (
    <div data-testid="org-scope-cascader">
      <Cascader<ScopeOption>
        options={options}
        loadData={loadData}
        value={Array.isArray(value) ? value : undefined}
        onChange={(v, selected) => {
          onChange?.((v ?? []) as string[]);
          const last = selected?.[selected.length - 1];
          if (last) onPicked?.(last.label);
        }}
        placeholder={depth === 2 ? '选择区县 / 乡镇（街道）' : '选择区县 / 乡镇（街道） / 村（社区）'}
        changeOnSelect={false}
        loading={counties.isPending}
        notFoundContent={counties.data?.items.length === 0 ? '尚未导入行政区划' : undefined}
      />
    </div>
  );
}
