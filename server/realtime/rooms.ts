// Socket.IO room names, for reaching the sockets of one session or one actor on every process (through the
// Redis adapter). Domain events are not sent through rooms: each process hands them to its own sockets.
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const actorRoom = (actorId: string) => `actor:${actorId}`;
