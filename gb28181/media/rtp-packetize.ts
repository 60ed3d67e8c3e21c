// Cuts one PS pack (one video frame) into RTP packets; the marker bit is set on the frame's last packet.
import { serializeRtp } from './rtp';

export const DEFAULT_RTP_PAYLOAD_TYPE = 96;
/** Keeps a packet (with IP and UDP headers) under a 1500-byte Ethernet MTU. */
export const DEFAULT_MAX_RTP_PAYLOAD = 1400;

export interface PacketizeOptions {
  ssrc: number;
  payloadType?: number;
  sequence: number;
  timestamp: number;
  maxPayload?: number;
}

export function packetizeRtp(payload: Buffer, options: PacketizeOptions): { packets: Buffer[]; nextSequence: number } {
  const maxPayload = options.maxPayload ?? DEFAULT_MAX_RTP_PAYLOAD;
  if (!Number.isInteger(maxPayload) || maxPayload < 1) throw new RangeError(`maxPayload ${maxPayload} must be a positive integer`);
  const packets: Buffer[] = [];
  let sequence = options.sequence & 0xffff;
  for (let offset = 0; offset < payload.length || packets.length === 0; offset += maxPayload) {
    const end = Math.min(offset + maxPayload, payload.length);
    packets.push(
      serializeRtp({
        marker: end >= payload.length,
        payloadType: options.payloadType ?? DEFAULT_RTP_PAYLOAD_TYPE,
        sequence,
        timestamp: options.timestamp,
        ssrc: options.ssrc,
        payload: payload.subarray(offset, end),
      }),
    );
    sequence = (sequence + 1) & 0xffff;
  }
  return { packets, nextSequence: sequence };
}
