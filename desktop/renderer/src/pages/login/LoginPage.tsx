import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { homeOf, useSession } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation(['login', 'common']);
  const { login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Why the login failed, in the user's language where the server's code says it. */
  const describe = (failure: unknown): string => {
    const message = (failure as Error).message;
    if (!(failure instanceof ApiError)) return t('failed', { message });
    if (failure.code === 'login_throttled') {
      const seconds = (failure.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
      const wait = seconds < 60 ? t('wait.seconds', { count: seconds }) : t('wait.minutes', { count: Math.ceil(seconds / 60) });
      return t('failed', { message: t('errors.login_throttled', { wait }) });
    }
    if (failure.code === 'invalid_credentials' || failure.code === 'rate_limited')
      return t('failed', { message: t(`errors.${failure.code}`) });
    return t('failed', { message });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await login(username, password);
      const next = params.get('next');
      void navigate(next?.startsWith('/') ? next : homeOf(user.role), { replace: true });
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={(event) => void submit(event)}>
        <h1>{t('common:appName')}</h1>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('submit')}
        </button>
        <div className="login-foot">
          <Link to="/public">{t('hintPublic')}</Link>
          <LanguageSwitch />
        </div>
      </form>
    </div>
  );
}
