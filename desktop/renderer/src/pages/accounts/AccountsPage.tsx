// 登录限制 (#/accounts): for a city administrator, the accounts of the jurisdiction with wrong passwords in
// the last day, those whose logins are delayed first, and a button to lift a user's delay once the user is
// known to have only mistyped. The server scopes the list and the unlock, and audits the unlock.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ThrottledUser, ThrottledUserPage } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import './accounts.css';

export const LOGIN_THROTTLES_PATH = '/api/auth/login-throttles';
const QUERY = { pageSize: 200 };

export function AccountsPage() {
  const { t } = useTranslation(['accounts', 'common']);
  const client = useQueryClient();
  // No event announces a failed login: look again every half minute.
  const list = useLiveQuery<ThrottledUserPage>(LOGIN_THROTTLES_PATH, QUERY, { intervalMs: 30_000 });
  const unlock = useMutation({
    mutationFn: (user: ThrottledUser) => api.delete(`${LOGIN_THROTTLES_PATH}/${user.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: [LOGIN_THROTTLES_PATH, QUERY], exact: true }),
  });
  return (
    <div className="acc-page" data-testid="accounts-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {unlock.isSuccess && (
        <p className="acc-done" role="status">
          {t('unlocked', { name: unlock.variables.displayName })}
        </p>
      )}
      {unlock.isError && (
        <p className="error" role="alert">
          {t('failed', { message: unlock.error.message })}
        </p>
      )}
      <QueryState query={list}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <table className="grid">
              <thead>
                <tr>
                  {(['username', 'name', 'role', 'scope', 'failures', 'addresses', 'lastFailed', 'delayedUntil'] as const).map((column) => (
                    <th key={column}>{t(`columns.${column}`)}</th>
                  ))}
                  <th />
                </tr>
              </thead>
              <tbody>
                {page.items.map((user) => (
                  <tr key={user.id} data-testid="throttled-account" data-username={user.username}>
                    <td>{user.username}</td>
                    <td>{user.displayName}</td>
                    <td>{t(`common:roles.${user.role}`)}</td>
                    <td>{user.scope.name}</td>
                    <td>{t('times', { count: user.failures })}</td>
                    <td>{t('addressCount', { count: user.addresses })}</td>
                    <td>{formatDateTime(user.lastFailedAt)}</td>
                    <td>
                      {user.delayedUntil ? (
                        <span className="badge bad">{formatDateTime(user.delayedUntil)}</span>
                      ) : (
                        <span className="muted">{t('notDelayed')}</span>
                      )}
                    </td>
                    <td>
                      <button type="button" disabled={unlock.isPending} onClick={() => unlock.mutate(user)}>
                        {unlock.isPending && unlock.variables.id === user.id ? t('unlocking') : t('unlock')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </div>
  );
}
