import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    failed: '登录失败：{{message}}',
    errors: {
      invalid_credentials: '用户名或密码错误',
      login_throttled: '密码输错次数过多，请 {{wait}}后再试',
      rate_limited: '登录请求过于频繁，请稍后再试',
    },
    wait: { seconds: '{{count}} 秒', minutes: '{{count}} 分钟' },
    hintPublic: '公众查询无需登录',
  },
  en: {
    title: 'Log in',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    failed: 'Login failed: {{message}}',
    errors: {
      invalid_credentials: 'Wrong username or password',
      login_throttled: 'Too many wrong passwords: try again in {{wait}}',
      rate_limited: 'Too many login requests: try again shortly',
    },
    wait: { seconds: '{{count}} s', minutes: '{{count}} min' },
    hintPublic: 'The public pages need no login',
  },
});
