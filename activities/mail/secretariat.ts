/**
 * The secretariat's addresses as mail recipients (`"name" <email>`, each once): where the staff's
 * notices go (a refused sub-campaign result, a failed later phase).
 */
import type { CampaignDefinition } from '../../domain/campaign-schema';

export function secretariatRecipients(header: CampaignDefinition['campaign']): string[] {
  const { secretariat } = header;
  return [
    ...new Set(secretariat.contacts.flatMap((c) => (c.email ? [`"${c.name ?? secretariat.name}" <${c.email}>`] : []))),
  ];
}
