// What both engines share about accounts: their statements (`?` placeholders) and rows.
import type { Role } from '@plaudit/shared';
import type { InviteRecord, UserRecord } from './types';

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  instance_owner: number | boolean;
  created_at: number | string;
}

export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  instanceOwner: r.instance_owner === 1 || r.instance_owner === true,
  createdAt: Number(r.created_at),
});

export interface InviteRow {
  id: string;
  token_hash: string;
  site_id: string;
  role: Role;
  email: string | null;
  created_by: string;
  created_at: number | string;
  expires_at: number | string;
  accepted_by: string | null;
}

export const toInvite = (r: InviteRow): InviteRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  siteId: r.site_id,
  role: r.role,
  email: r.email,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  acceptedBy: r.accepted_by,
});

export const SQL = {
  countUsers: 'SELECT count(*) AS n FROM users',
  // Only while there is no account: two set-ups at once make one owner.
  insertFirst: 'INSERT INTO users (id, email, name, password_hash, instance_owner, created_at) SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM users)',
  insertUser: 'INSERT INTO users (id, email, name, password_hash, instance_owner, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
  userByEmail: 'SELECT * FROM users WHERE email = ?',
  userById: 'SELECT * FROM users WHERE id = ?',
  insertSession: 'INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  session: 'SELECT u.*, s.csrf AS session_csrf, s.expires_at AS session_expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?',
  deleteSession: 'DELETE FROM sessions WHERE token_hash = ?',
  allSites: 'SELECT id, name FROM sites ORDER BY created_at, id',
  sitesOf: 'SELECT s.id, s.name, m.role FROM memberships m JOIN sites s ON s.id = m.site_id WHERE m.user_id = ? ORDER BY s.created_at, s.id',
  roleOn: 'SELECT role FROM memberships WHERE site_id = ? AND user_id = ?',
  members: 'SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.site_id = ? ORDER BY m.created_at, u.email',
  setRole: 'UPDATE memberships SET role = ? WHERE site_id = ? AND user_id = ?',
  removeMember: 'DELETE FROM memberships WHERE site_id = ? AND user_id = ?',
  insertInvite: 'INSERT INTO invites (id, token_hash, site_id, role, email, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  pendingInvites: 'SELECT * FROM invites WHERE site_id = ? AND accepted_by IS NULL AND expires_at > ? ORDER BY created_at DESC, id',
  // An accepted invitation stays: it says who let a member in.
  revokeInvite: 'DELETE FROM invites WHERE site_id = ? AND id = ? AND accepted_by IS NULL',
  invite: 'SELECT * FROM invites WHERE token_hash = ?',
  useInvite: 'UPDATE invites SET accepted_by = ? WHERE token_hash = ? AND accepted_by IS NULL AND expires_at > ?',
  // A member invited again takes the invitation's role: the owner chose it.
  grant: 'INSERT INTO memberships (site_id, user_id, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (site_id, user_id) DO UPDATE SET role = excluded.role',
} as const;
