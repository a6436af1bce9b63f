// Following up responses on SQLite: changes and notes go through the group commit like answers.
import { applyChange, followUpEvent, newEntry, toFollowUp, type LogRow, type OutreachRow } from '../outreach-record';
import type { OutreachStore } from '../types';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';
import type { SqliteReader } from './thread';
import type { EventQueue } from './webhooks';

export function createOutreachRepository(db: Db, commits: GroupCommit, reader: SqliteReader, queueEvents: EventQueue): OutreachStore {
  const row = db.prepare<[string, string], OutreachRow>(
    'SELECT follow_up_state, follow_up_assignee, first_contact_at, follow_up_changed_at FROM responses WHERE id = ? AND site_id = ?',
  );
  const log = db.prepare<[string], LogRow>('SELECT id, kind, body, actor, created_at FROM follow_up_log WHERE response_id = ? ORDER BY seq');
  const update = db.prepare('UPDATE responses SET follow_up_state = ?, follow_up_assignee = ?, first_contact_at = ?, follow_up_changed_at = ? WHERE id = ? AND site_id = ?');
  const insertLog = db.prepare('INSERT INTO follow_up_log (id, site_id, response_id, kind, body, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');

  return {
    async get(siteId, responseId) {
      const current = row.get(responseId, siteId);
      return current && toFollowUp(current, log.all(responseId));
    },
    update(siteId, responseId, change, actor, now) {
      return commits.write(() => {
        const current = row.get(responseId, siteId);
        if (!current) return undefined;
        const { next, entries } = applyChange(current, change, actor, now);
        if (entries.length) {
          update.run(next.follow_up_state, next.follow_up_assignee, next.first_contact_at, next.follow_up_changed_at, responseId, siteId);
          for (const e of entries) insertLog.run(e.id, siteId, responseId, e.kind, e.body, e.actor, e.createdAt);
          queueEvents(siteId, responseId, ['followup.changed'], now, { followUp: followUpEvent(next, entries) });
        }
        return toFollowUp(next, log.all(responseId));
      });
    },
    addNote(siteId, responseId, body, actor, now) {
      return commits.write(() => {
        if (!row.get(responseId, siteId)) return undefined;
        const entry = newEntry('note', body, actor, now);
        insertLog.run(entry.id, siteId, responseId, entry.kind, entry.body, entry.actor, entry.createdAt);
        return entry;
      });
    },
    async contactDelays(q) {
      const where = ['site_id = ?', 'first_contact_at IS NOT NULL', 'nps <= 6'];
      const params: string[] = [q.siteId];
      if (q.fromDay) (where.push('day >= ?'), params.push(q.fromDay));
      if (q.toDay) (where.push('day <= ?'), params.push(q.toDay));
      if (q.surveyId) (where.push('survey_id = ?'), params.push(q.surveyId));
      const rows = await reader.all<{ delay: number }>(
        `SELECT first_contact_at - created_at AS delay FROM responses INDEXED BY responses_contacted_detractors WHERE ${where.join(' AND ')} ORDER BY delay`,
        params,
      );
      return rows.map((r) => r.delay);
    },
  };
}
