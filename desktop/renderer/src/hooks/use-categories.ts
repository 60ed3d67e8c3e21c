// Alert (and task) categories with their names in the screen's language, from the server's one list (the desk's
// filters and forms, the school's view of a task's evidence).
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

export interface AlertCategoryInfo {
  code: string;
  zh: string;
  en: string;
  severity: string;
  sources: string[];
}

export function useCategories() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['/api/alert-categories', {}],
    queryFn: () => api.get<{ items: AlertCategoryInfo[] }>('/api/alert-categories'),
    staleTime: Infinity,
  });
  const items = query.data?.items ?? [];
  const english = i18n.language === 'en';
  const nameOf = useCallback(
    (code: string | null | undefined, fallback?: string): string => {
      if (!code) return '';
      const item = query.data?.items.find((category) => category.code === code);
      return item ? (english ? item.en : item.zh) : (fallback ?? code);
    },
    [query.data, english],
  );
  return { items, nameOf, english };
}
