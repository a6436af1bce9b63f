// Team accounts on PostgreSQL.
import type { Role } from '@plaudit/shared';
import { randomId } from '../../lib/keys';
import { SQL, toInvite, toUser, type InviteRow, type UserRow } from '../accounts-sql';
import { StoreError } from '../errors';
import type { AccountsStore, UserRecord } from '../types';
import { holdsNul, numbered, read, type Pool } from './database';

export function createAccountsRepository(pool: Pool): AccountsStore {
  const rows = async <T>(sql: keyof typeof SQL, params: unknown[]): Promise<T[]> => (holdsNul(params) ? [] : read(async () => (await pool.query(numbered(SQL[sql]), params)).rows as T[]));
  const run = async (sql: keyof typeof SQL, params: unknown[]): Promise<number> => (holdsNul(params) ? 0 : read(async () => (await pool.query(numbered(SQL[sql]), params)).rowCount ?? 0));
  const insert = async (first: boolean, u: Omit<UserRecord, 'id' | 'createdAt' | 'instanceOwner'>, now: number): Promise<UserRecord | undefined> => {
    const user: UserRecord = { ...u, id: randomId('us_'), instanceOwner: first, createdAt: now };
    const done = await run(first ? 'insertFirst' : 'insertUser', [user.id, user.email, user.name, user.passwordHash, first, now]);
    return done === 1 ? user : undefined;
  };
  return {
    async countUsers() {
      return Number((await rows<{ n: string }>('countUsers', []))[0]!.n);
    },
    async createFirstUser(u, now) {
      return insert(true, u, now);
    },
    async createUser(u, now) {
      const user = await insert(false, u, now);
      if (!user) throw new StoreError('conflict', 'an account with this e-mail address exists');
      return user;
    },
    async userByEmail(email) {
      const [row] = await rows<UserRow>('userByEmail', [email]);
      return row && toUser(row);
    },
    async createSession(s) {
      await run('insertSession', [s.tokenHash, s.userId, s.csrf, s.createdAt, s.expiresAt]);
    },
    async session(tokenHash, now) {
      const [row] = await rows<UserRow & { session_csrf: string; session_expires_at: string }>('session', [tokenHash, now]);
      return row && { user: toUser(row), csrf: row.session_csrf, expiresAt: Number(row.session_expires_at) };
    },
    async deleteSession(tokenHash) {
      await run('deleteSession', [tokenHash]);
    },
    async sitesOf(user) {
      if (user.instanceOwner) return (await rows<{ id: string; name: string }>('allSites', [])).map((s) => ({ ...s, role: 'owner' as const }));
      return rows<{ id: string; name: string; role: Role }>('sitesOf', [user.id]);
    },
    async roleOn(siteId, user) {
      if (user.instanceOwner) return 'owner';
      return (await rows<{ role: Role }>('roleOn', [siteId, user.id]))[0]?.role;
    },
    async members(siteId) {
      return (await rows<{ user_id: string; email: string; name: string | null; role: Role; created_at: string }>('members', [siteId])).map((m) => ({
        userId: m.user_id,
        email: m.email,
        name: m.name,
        role: m.role,
        createdAt: Number(m.created_at),
      }));
    },
    async setRole(siteId, userId, role) {
      return (await run('setRole', [role, siteId, userId])) === 1;
    },
    async removeMember(siteId, userId) {
      return (await run('removeMember', [siteId, userId])) === 1;
    },
    async createInvite(i) {
      await run('insertInvite', [i.id, i.tokenHash, i.siteId, i.role, i.email, i.createdBy, i.createdAt, i.expiresAt]);
    },
    async acceptInvite(tokenHash, userId, now) {
      if (holdsNul([tokenHash])) return undefined;
      return read(async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          if ((await client.query(numbered(SQL.useInvite), [userId, tokenHash, now])).rowCount !== 1) {
            await client.query('ROLLBACK');
            return undefined;
          }
          const invite = toInvite((await client.query<InviteRow>(numbered(SQL.invite), [tokenHash])).rows[0]!);
          await client.query(numbered(SQL.grant), [invite.siteId, userId, invite.role, now]);
          await client.query('COMMIT');
          return invite;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      });
    },
    async invite(tokenHash) {
      const [row] = await rows<InviteRow>('invite', [tokenHash]);
      return row && toInvite(row);
    },
    async pendingInvites(siteId, now) {
      return (await rows<InviteRow>('pendingInvites', [siteId, now])).map(toInvite);
    },
    async revokeInvite(siteId, id) {
      return (await run('revokeInvite', [siteId, id])) === 1;
    },
  };
}
