// A markers row as both engines return it.
import type { MarkerRecord } from './types';

export interface MarkerRow {
  id: string;
  site_id: string;
  survey_id: string | null;
  day: string;
  label: string;
  created_at: number | string;
}

export const toMarker = (row: MarkerRow): MarkerRecord => ({
  id: row.id,
  siteId: row.site_id,
  surveyId: row.survey_id,
  day: row.day,
  label: row.label,
  createdAt: Number(row.created_at),
});
