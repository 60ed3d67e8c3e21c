// Alert category names in the screen's language, from the server's catalogue (it never changes while running).
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

interface CategoryList {
  items: Array<{ code: string; zh: string; en: string }>;
}

export function useCategoryName(): (code: string) => string {
  const { i18n } = useTranslation();
  const { data } = useQuery({
    queryKey: ['/api/alert-categories'],
    queryFn: () => api.get<CategoryList>('/api/alert-categories'),
    staleTime: Infinity,
  });
  const english = i18n.language === 'en';
  return useCallback(
    (code: string) => {
      const entry = data?.items.find((item) => item.code === code);
      return entry ? (english ? entry.en : entry.zh) : code;
    },
    [data, english],
  );
}
