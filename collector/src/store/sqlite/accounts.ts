// Team accounts on SQLite.
import type { Role } from '@plaudit/shared';
import { randomId } from '../../lib/keys';
import { SQL, toInvite, toUser, type InviteRow, type UserRow } from '../accounts-sql';
import { StoreError } from '../errors';
import type { AccountsStore, UserRecord } from '../types';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export function createAccountsRepository(db: Db): AccountsStore {
  const q = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare<unknown[]>(sql)])) as Record<keyof typeof SQL, Statement<unknown[]>>;
  const insert = (first: boolean, u: Omit<UserRecord, 'id' | 'createdAt' | 'instanceOwner'>, now: number): UserRecord | undefined => {
    const user: UserRecord = { ...u, id: randomId('us_'), instanceOwner: first, createdAt: now };
    const done = (first ? q.insertFirst : q.insertUser).run(user.id, user.email, user.name, user.passwordHash, first ? 1 : 0, now);
    return done.changes === 1 ? user : undefined;
  };
  const accept = db.transaction((tokenHash: string, userId: string, now: number) => {
    if (q.useInvite.run(userId, tokenHash, now).changes !== 1) return undefined;
    const invite = toInvite(q.invite.get(tokenHash) as InviteRow);
    q.grant.run(invite.siteId, userId, invite.role, now);
    return invite;
  });
  return {
    async countUsers() {
      return (q.countUsers.get() as { n: number }).n;
    },
    async createFirstUser(u, now) {
      return insert(true, u, now);
    },
    async createUser(u, now) {
      const user = insert(false, u, now);
      if (!user) throw new StoreError('conflict', 'an account with this e-mail address exists');
      return user;
    },
    async userByEmail(email) {
      const row = q.userByEmail.get(email) as UserRow | undefined;
      return row && toUser(row);
    },
    async createSession(s) {
      q.insertSession.run(s.tokenHash, s.userId, s.csrf, s.createdAt, s.expiresAt);
    },
    async session(tokenHash, now) {
      const row = q.session.get(tokenHash, now) as (UserRow & { session_csrf: string; session_expires_at: number }) | undefined;
      return row && { user: toUser(row), csrf: row.session_csrf, expiresAt: Number(row.session_expires_at) };
    },
    async deleteSession(tokenHash) {
      q.deleteSession.run(tokenHash);
    },
    async sitesOf(user) {
      if (user.instanceOwner) return (q.allSites.all() as { id: string; name: string }[]).map((s) => ({ ...s, role: 'owner' as const }));
      return q.sitesOf.all(user.id) as { id: string; name: string; role: Role }[];
    },
    async roleOn(siteId, user) {
      if (user.instanceOwner) return 'owner';
      return (q.roleOn.get(siteId, user.id) as { role: Role } | undefined)?.role;
    },
    async members(siteId) {
      return (q.members.all(siteId) as { user_id: string; email: string; name: string | null; role: Role; created_at: number }[]).map((m) => ({
        userId: m.user_id,
        email: m.email,
        name: m.name,
        role: m.role,
        createdAt: Number(m.created_at),
      }));
    },
    async setRole(siteId, userId, role) {
      return q.setRole.run(role, siteId, userId).changes === 1;
    },
    async removeMember(siteId, userId) {
      return q.removeMember.run(siteId, userId).changes === 1;
    },
    async createInvite(i) {
      q.insertInvite.run(i.id, i.tokenHash, i.siteId, i.role, i.email, i.createdBy, i.createdAt, i.expiresAt);
    },
    async acceptInvite(tokenHash, userId, now) {
      return accept(tokenHash, userId, now);
    },
    async invite(tokenHash) {
      const row = q.invite.get(tokenHash) as InviteRow | undefined;
      return row && toInvite(row);
    },
    async pendingInvites(siteId, now) {
      return (q.pendingInvites.all(siteId, now) as InviteRow[]).map(toInvite);
    },
    async revokeInvite(siteId, id) {
      return q.revokeInvite.run(siteId, id).changes === 1;
    },
  };
}
