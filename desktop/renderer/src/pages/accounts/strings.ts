import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: {
    title: '登录限制',
    intro:
      '同一账号在同一地址连续输错密码后，该地址每次再试前需等待的时间逐次加倍，其他地址不受影响；一天内没有再输错即自动解除。确认是本人输错后，可在此为其解除限制（记入审计日志）。',
    columns: {
      username: '账号',
      name: '姓名',
      role: '角色',
      scope: '所属',
      failures: '近一天输错',
      addresses: '来源地址',
      lastFailed: '最近输错',
      delayedUntil: '限制至',
    },
    times: '{{count}} 次',
    addressCount: '{{count}} 个',
    notDelayed: '未限制',
    unlock: '解除限制',
    unlocking: '正在解除…',
    unlocked: '已解除 {{name}} 的登录限制',
    failed: '解除失败：{{message}}',
    none: '辖区内近一天没有账号输错密码',
  },
  en: {
    title: 'Login delays',
    intro:
      'After repeated wrong passwords for one account from one address, that address waits twice as long before each further try; other addresses are not held up, and a day without another mistake lifts it. Once you are sure the user only mistyped, lift the delay here (it is audited).',
    columns: {
      username: 'Account',
      name: 'Name',
      role: 'Role',
      scope: 'Jurisdiction',
      failures: 'Wrong passwords (last day)',
      addresses: 'Addresses',
      lastFailed: 'Last wrong password',
      delayedUntil: 'Delayed until',
    },
    times: '{{count}}',
    addressCount: '{{count}}',
    notDelayed: 'Not delayed',
    unlock: 'Lift delay',
    unlocking: 'Lifting…',
    unlocked: 'Lifted the login delay of {{name}}',
    failed: 'Could not lift the delay: {{message}}',
    none: 'No account in your jurisdiction had a wrong password in the last day',
  },
});
