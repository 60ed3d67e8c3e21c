import { defineStrings } from '../../i18n/translation';

// What a video tile says over its picture, wherever it is shown (wall, patrol, big screen, public page).
export default defineStrings({
  zh: {
    connecting: '正在连接视频…',
    reconnecting: '视频中断，正在重新连接…',
    notConnected: '未接入视频',
    offline: '摄像头离线',
    errors: {
      camera_unavailable: '摄像头暂不可用',
      relay_unavailable: '视频服务暂不可用',
      not_found: '摄像头不存在或无权查看',
      forbidden: '无权查看该摄像头',
      unauthenticated: '登录已过期',
      network: '网络连接失败',
      generic: '视频加载失败',
    },
    retrying: '稍后自动重试',
  },
  en: {
    connecting: 'Connecting…',
    reconnecting: 'Video interrupted, reconnecting…',
    notConnected: 'Not connected to video',
    offline: 'Camera offline',
    errors: {
      camera_unavailable: 'Camera unavailable',
      relay_unavailable: 'Video service unavailable',
      not_found: 'No such camera, or not yours to watch',
      forbidden: 'Not allowed to watch this camera',
      unauthenticated: 'Session expired',
      network: 'Network failure',
      generic: 'Video failed to load',
    },
    retrying: 'Retrying shortly',
  },
});
