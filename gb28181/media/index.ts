// GB/T 28181 media: RTP (UDP, RFC 4571 TCP), reordering, MPEG-2 PS in and out, H.264/H.265 access units.
export * from './annexb';
export * from './es-frame';
export * from './media-log';
export * from './media-port-pool';
export * from './ps-demux';
export * from './ps-mux';
export * from './rtp';
export * from './rtp-packetize';
export * from './rtp-receiver';
export * from './rtp-reorder';
export * from './rtp-sender';
export * from './rtp-tcp';
