// The window's one realtime connection, resuming within the tab's session (sessionStorage keeps its place).
import { RealtimeClient } from './realtime-client';

export const realtime = new RealtimeClient(window.sessionStorage);
