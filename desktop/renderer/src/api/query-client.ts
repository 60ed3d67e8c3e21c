// Server data is cached per query key ([path, query]) by TanStack Query; realtime events invalidate the keys
// they touch (see useLiveQuery), so figures change on every screen without a reload.
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Bad input or no permission will not improve by retrying; a lost connection will.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 3,
    },
  },
});
