/** Reads the mail catcher's inbox through its REST API, as a developer would. */
export interface InboxMessage {
  id: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  from: Array<{ address: string; name: string }>;
  to: Array<{ address: string; name: string }>;
  cc?: Array<{ address: string; name: string }>;
  attachments?: Array<{ filename: string; contentType: string; size: number }>;
}

export async function readInbox(webPort: number): Promise<InboxMessage[]> {
  const res = await fetch(`http://127.0.0.1:${webPort}/api/email`);
  if (!res.ok) throw new Error(`maildev /api/email answered ${res.status}`);
  return (await res.json()) as InboxMessage[];
}
