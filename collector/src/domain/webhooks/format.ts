// The body a webhook receives: the queued event as it is (`json`), or a message a Slack incoming
// webhook accepts (`slack`). User text goes into Slack escaped, so a comment cannot ping a channel
// or make a link.
import type { StoredResponse } from '@plaudit/shared';

interface QueuedEvent {
  type: string;
  timestamp: string;
  data: { site: string; response: StoredResponse; followUp?: { state: string; assignee: string | null } };
}

/** Slack's mrkdwn control characters as entities (api.slack.com/reference/surfaces/formatting#escaping). */
const slackText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const CATEGORY = (r: StoredResponse) => {
  if (r.nps !== null) return r.nps <= 6 ? 'detractor' : r.nps <= 8 ? 'passive' : 'promoter';
  if (r.csat !== null) return r.csat <= 2 ? 'unsatisfied' : r.csat === 3 ? 'neutral' : 'satisfied';
  return 'no score';
};

const HEADLINE: Record<string, string> = {
  'response.created': 'New answer',
  'response.updated': 'Answer updated',
  'response.completed': 'Answer completed',
  'followup.changed': 'Follow-up changed',
};

export function slackBody(payload: string, link: string | null): string {
  const event = JSON.parse(payload) as QueuedEvent;
  const r = event.data.response;
  const score = r.nps !== null ? `NPS ${r.nps}` : r.csat !== null ? `CSAT ${r.csat}/5` : 'No score';
  const title = `${HEADLINE[event.type] ?? event.type}: ${score} (${CATEGORY(r)})`;
  const lines = [`*${slackText(title)}*`];
  if (r.comment) lines.push(...r.comment.split('\n').map((l) => `>${slackText(l)}`));
  if (event.data.followUp) lines.push(`Follow-up: ${slackText(event.data.followUp.state)}${event.data.followUp.assignee ? ` · ${slackText(event.data.followUp.assignee)}` : ''}`);
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }];
  if (link) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${link}|Open in Plaudit>` }] });
  return JSON.stringify({ text: slackText(`${title}${r.comment ? `: ${r.comment.slice(0, 200)}` : ''}`), blocks });
}

/** Where the owner reads the response, when the collector knows its public address. */
export function responseLink(publicUrl: string | undefined, payload: string): string | null {
  if (!publicUrl) return null;
  const event = JSON.parse(payload) as QueuedEvent;
  return `${publicUrl.replace(/\/$/, '')}/dashboard/responses/${encodeURIComponent(event.data.response.id)}`;
}
