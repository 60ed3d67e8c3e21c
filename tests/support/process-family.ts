// The processes a test started and everything they started in turn, found by a mark in their environment
// (children inherit it, and keep it when their parent dies and they are handed to init): a way to ask "is
// anything of that server still running?" that no reparenting can hide from. Linux /proc.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

const MARK_VARIABLE = 'CANTEEN_TEST_FAMILY';

export interface FamilyMember {
  pid: number;
  /** The command line, arguments joined by spaces. */
  command: string;
  /** Who started it (init or a subreaper once its parent died). */
  parentPid: number;
}

export interface ProcessFamily {
  /** Put into the environment of the process that heads the family. */
  readonly env: Record<string, string>;
  /** The living members (zombies, whose environment is gone, are not counted). */
  members(): FamilyMember[];
}

export function markProcessFamily(): ProcessFamily {
  const entry = `${MARK_VARIABLE}=${randomUUID()}`;
  return {
    env: { [MARK_VARIABLE]: entry.slice(MARK_VARIABLE.length + 1) },
    members() {
      const found: FamilyMember[] = [];
      for (const name of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        try {
          if (!fs.readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(entry)) continue;
          const command = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
          found.push({ pid: Number(name), command, parentPid: parentPidOf(name) });
        } catch {
          // Gone while we looked, or not ours to read.
        }
      }
      return found;
    },
  };
}

/** The fourth field of /proc/<pid>/stat; the command name before it is in parentheses and may hold spaces. */
function parentPidOf(pid: string): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** What a member is, by its command line: the server, one of its companions, or an ffmpeg. */
export function roleOf(member: FamilyMember): 'server' | 'relay' | 'worker' | 'ffmpeg' | 'other' {
  if (member.command.includes('server/main.ts')) return 'server';
  if (member.command.includes('stream-relay/main.ts')) return 'relay';
  if (member.command.includes('analytics/worker/main.ts')) return 'worker';
  if (/(^|\/)ffmpeg( |$)/.test(member.command)) return 'ffmpeg';
  return 'other';
}
