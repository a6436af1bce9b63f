// Team accounts for the dashboard: the instance owner made by the set-up link, sessions, and roles
// per site (owner, editor, viewer) given by invitation links.
import { z } from 'zod';
import { IdSchema, NameSchema, TimestampSchema } from './common';

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const EmailSchema = z.email().max(254).meta({ description: 'The e-mail address the account signs in with.', examples: ['camille@shop.example'] });
const PasswordSchema = z
  .string()
  .min(10, 'at least 10 characters')
  .max(200)
  .meta({ description: 'At least 10 characters. Stored only as a scrypt hash.', examples: ['correct horse battery staple'] });

export const SetupSchema = z
  .strictObject({
    token: z.string().min(10).max(200).meta({ description: 'The set-up token of the link the collector printed at start.', examples: ['stp_Zm9vYmFyYmF6cXV4'] }),
    email: EmailSchema,
    password: PasswordSchema,
    name: NameSchema.optional().meta({ description: 'How teammates see you.', examples: ['Camille'] }),
  })
  .meta({ id: 'Setup', description: 'The first account: the instance owner.' });

export const LoginSchema = z.strictObject({ email: EmailSchema, password: z.string().min(1).max(200) }).meta({ id: 'Login', description: 'Sign in.' });

export const UserSchema = z
  .object({
    id: z.string().meta({ examples: ['us_Xq3v9LrT2wZc'] }),
    email: z.string().meta({ examples: ['camille@shop.example'] }),
    name: z.string().nullable().meta({ examples: ['Camille'] }),
    instanceOwner: z.boolean().meta({ description: 'Sees and manages every site of this collector.', examples: [true] }),
  })
  .meta({ id: 'User', description: 'A team account.' });

export const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().meta({ description: 'Send it as `x-csrf-token` with every request that changes something.', examples: ['c8Zr2LxT9wq3v'] }),
    expiresAt: TimestampSchema,
    sites: z
      .array(z.object({ id: z.string().meta({ examples: ['st_Ab3dE5fG7hJk'] }), name: z.string().meta({ examples: ['Atelier Lumen'] }), role: z.enum(ROLES).meta({ examples: ['owner'] }) }))
      .meta({ description: 'The sites this account may open, with its role on each.' }),
  })
  .meta({ id: 'Session', description: 'The signed-in account.' });

export const SetupStatusSchema = z
  .object({ needsSetup: z.boolean().meta({ description: 'No account exists yet: the collector printed a set-up link at start.', examples: [false] }) })
  .meta({ id: 'SetupStatus' });

export const MemberSchema = z
  .object({
    user: z.string().meta({ examples: ['us_Xq3v9LrT2wZc'] }),
    email: z.string().meta({ examples: ['hugo@shop.example'] }),
    name: z.string().nullable().meta({ examples: ['Hugo'] }),
    role: z.enum(ROLES).meta({ examples: ['viewer'] }),
    since: TimestampSchema,
  })
  .meta({ id: 'Member', description: 'A member of a site’s team.' });
export const MemberListSchema = z.object({ items: z.array(MemberSchema) }).meta({ id: 'MemberList', description: 'The site’s team.' });
export const MemberParamsSchema = z.object({ siteId: IdSchema.meta({ examples: ['st_Ab3dE5fG7hJk'] }), userId: z.string().max(64).meta({ examples: ['us_Xq3v9LrT2wZc'] }) });
export const MemberPatchSchema = z.strictObject({ role: z.enum(ROLES).meta({ examples: ['editor'] }) }).meta({ id: 'MemberPatch' });

export const InviteCreateSchema = z
  .strictObject({
    role: z.enum(ROLES).meta({ description: '`owner`: everything, keys and team; `editor`: surveys, follow-up, quotes; `viewer`: read only.', examples: ['viewer'] }),
    email: EmailSchema.optional().meta({ description: 'Only this address may accept it (any, when left out).' }),
  })
  .meta({ id: 'InviteCreate', description: 'An invitation to the site’s team.' });

const InviteIdSchema = z.string().meta({ description: 'Names the invitation to revoke it; not the token, which only the link holds.', examples: ['ivt_Q7mN2pR8sT4v'] });

export const InviteSchema = z
  .object({
    id: InviteIdSchema,
    url: z.string().meta({ description: 'The link to send: it opens the dashboard to accept. Shown once.', examples: ['https://feedback.shop.example/dashboard/invite?token=inv_…'] }),
    token: z.string().meta({ examples: ['inv_Zm9vYmFyYmF6cXV4'] }),
    role: z.enum(ROLES).meta({ examples: ['viewer'] }),
    expiresAt: TimestampSchema,
  })
  .meta({ id: 'Invite', description: 'A one-use invitation, valid 7 days.' });

export const PendingInviteSchema = z
  .object({
    id: InviteIdSchema,
    email: z.string().nullable().meta({ description: 'The only address that may accept it; null: anyone with the link.', examples: ['hugo@shop.example'] }),
    role: z.enum(ROLES).meta({ examples: ['viewer'] }),
    invitedBy: z.string().meta({ description: 'Who made it: an account’s e-mail address, `secret key` or `admin token`.', examples: ['camille@shop.example'] }),
    createdAt: TimestampSchema,
    expiresAt: TimestampSchema,
  })
  .meta({ id: 'PendingInvite', description: 'An invitation not accepted yet and not expired. Its link is not shown again.' });
export const PendingInviteListSchema = z.object({ items: z.array(PendingInviteSchema) }).meta({ id: 'PendingInviteList', description: 'The invitations waiting to be accepted, newest first.' });
export const InviteParamsSchema = z.object({ siteId: IdSchema.meta({ examples: ['st_Ab3dE5fG7hJk'] }), inviteId: z.string().max(64).meta({ examples: ['ivt_Q7mN2pR8sT4v'] }) });

export const InviteAcceptSchema = z
  .strictObject({
    token: z.string().min(10).max(200).meta({ examples: ['inv_Zm9vYmFyYmF6cXV4'] }),
    email: EmailSchema.optional().meta({ description: 'For a new account (without a session).' }),
    password: PasswordSchema.optional().meta({ description: 'For a new account (without a session).' }),
    name: NameSchema.optional(),
  })
  .meta({ id: 'InviteAccept', description: 'Join a site: signed in, with the current account; otherwise with a new one.' });
