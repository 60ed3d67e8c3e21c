import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    failed: '登录失败：{{message}}',
    hintPublic: '公众查询无需登录',
  },
  en: {
    title: 'Log in',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    failed: 'Login failed: {{message}}',
    hintPublic: 'The public pages need no login',
  },
});
