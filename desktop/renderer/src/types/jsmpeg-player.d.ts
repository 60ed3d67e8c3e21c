declare module '@cycjimmy/jsmpeg-player' {
  const JSMpeg: { Player: new (url: string, options: Record<string, unknown>) => { destroy(): void } };
  export default JSMpeg;
}
