import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list page's filters kept in the URL (shareable, kept on back/forward), with a search box that writes
 * `q` a moment after typing stops. Only a change of `q` itself (back button, 清除筛选) resets the box,
 * not other filters.
 */
export function useUrlFilters<P extends string>() {
  const [params, setParams] = useSearchParams();

  /** Changes filters; any change other than the page goes back to page 1. */
  const update = (patch: Partial<Record<P | 'q' | 'page', string | undefined>>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v as string);
          else next.delete(k);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });

  const urlQ = params.get('q') ?? '';
  const [text, setText] = useState(urlQ);
  useEffect(() => setText(urlQ), [urlQ]);
  useEffect(() => {
    const t = setTimeout(() => {
      if (urlQ !== text.trim()) update({ q: text.trim() || undefined } as Partial<Record<P | 'q' | 'page', string | undefined>>);
    }, 300);
    return () => clearTimeout(t);
  }, [text]); // only typing triggers a search

  return { params, update, clear, text, setText };
}
