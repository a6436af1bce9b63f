// The served OpenAPI document passes Redocly's recommended ruleset with no error: what a generated
// client or a docs site needs (servers, security on every operation, unique operationIds, valid
// examples, resolvable $refs). Warnings are printed, not failed.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

it('has no error under the recommended OpenAPI rules', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: res.body, absoluteRef: 'served:/docs/json', config });
  const line = (p: (typeof problems)[number]) => `${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`;
  const warnings = problems.filter((p) => p.severity === 'warn');
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w.ruleId, (counts.get(w.ruleId) ?? 0) + 1);
  const byRule = [...counts].map(([rule, n]) => `${rule} ×${n}`);
  console.log(`OpenAPI lint (recommended): ${problems.length - warnings.length} errors, ${warnings.length} warnings${byRule.length ? ` (${byRule.join(', ')})` : ''}`);
  for (const w of warnings) console.log(`  warning: ${line(w)}`);
  expect(problems.filter((p) => p.severity === 'error').map(line)).toEqual([]);
});
