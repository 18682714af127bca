/** The options of a recording mode and an announcement, as the product pages word them. */
import type { Announcement, RecordingMode } from '../../api/types';
import { ANNOUNCEMENT_HELP, ANNOUNCEMENT_LABELS, MODE_HELP, MODE_LABELS } from '../../components/labels';

export const MODE_OPTIONS = (Object.keys(MODE_LABELS) as RecordingMode[]).map((value) => ({
  value,
  label: MODE_LABELS[value],
  description: MODE_HELP[value],
}));
export const ANNOUNCEMENT_OPTIONS = (Object.keys(ANNOUNCEMENT_LABELS) as Announcement[]).map((value) => ({
  value,
  label: ANNOUNCEMENT_LABELS[value],
  description: ANNOUNCEMENT_HELP[value],
}));
