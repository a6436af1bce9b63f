// What both engines share about following up a response: how a change applies (first contact is
// recorded once, on the first move to contacted or resolved) and which log entries it writes.
import type { FollowUpState } from '@plaudit/shared';
import { randomId } from '../lib/keys';
import type { FollowUpEntryRecord, FollowUpRecord } from './types';

export interface OutreachRow {
  follow_up_state: FollowUpState;
  follow_up_assignee: string | null;
  first_contact_at: number | string | null;
  follow_up_changed_at: number | string | null;
}

export interface LogRow {
  id: string;
  kind: 'note' | 'state' | 'assignee';
  body: string | null;
  actor: string;
  created_at: number | string;
}

export const toEntry = (r: LogRow): FollowUpEntryRecord => ({ id: r.id, kind: r.kind, body: r.body, actor: r.actor, createdAt: Number(r.created_at) });

export function toFollowUp(row: OutreachRow, log: LogRow[]): FollowUpRecord {
  return {
    state: row.follow_up_state,
    assignee: row.follow_up_assignee,
    firstContactAt: row.first_contact_at === null ? null : Number(row.first_contact_at),
    changedAt: row.follow_up_changed_at === null ? null : Number(row.follow_up_changed_at),
    history: log.map(toEntry),
  };
}

export const newEntry = (kind: FollowUpEntryRecord['kind'], body: string | null, actor: string, now: number): FollowUpEntryRecord => ({ id: randomId('fe_'), kind, body, actor, createdAt: now });

/** The row after a change, and the log entries of what actually changed (none for a no-op). */
export function applyChange(row: OutreachRow, change: { state?: FollowUpState; assignee?: string | null }, actor: string, now: number) {
  const entries: FollowUpEntryRecord[] = [];
  const next: OutreachRow = { ...row };
  if (change.state !== undefined && change.state !== row.follow_up_state) {
    next.follow_up_state = change.state;
    if (row.first_contact_at === null && (change.state === 'contacted' || change.state === 'resolved')) next.first_contact_at = now;
    entries.push(newEntry('state', change.state, actor, now));
  }
  if (change.assignee !== undefined && change.assignee !== row.follow_up_assignee) {
    next.follow_up_assignee = change.assignee;
    entries.push(newEntry('assignee', change.assignee, actor, now));
  }
  if (entries.length) next.follow_up_changed_at = now;
  return { next, entries };
}

/** What a `followup.changed` event says of the change: where it stands now, and what changed by whom. */
export function followUpEvent(row: OutreachRow, entries: FollowUpEntryRecord[]) {
  return {
    state: row.follow_up_state,
    assignee: row.follow_up_assignee,
    firstContactAt: row.first_contact_at === null ? null : new Date(Number(row.first_contact_at)).toISOString(),
    changes: entries.map((e) => ({ kind: e.kind, value: e.body, actor: e.actor })),
  };
}
