import type { Client } from './test-app';

/** A user's id, looked up through the API by a session that may read users. */
export async function userIdOf(session: Client, username: string): Promise<string> {
  const found = (await session.get(`/api/users?q=${username}&pageSize=50`)).json().items as { id: string; username: string }[];
  const user = found.find((u) => u.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user.id;
}

/** A client by its exact registry name, looked up through the API. */
export async function clientNamed(session: Client, name: string): Promise<{ id: string; party: { id: string; name: string } }> {
  const items = (await session.get(`/api/registry/clients?q=${encodeURIComponent(name)}&pageSize=5`)).json().items as { id: string; party: { id: string; name: string } }[];
  const client = items.find((c) => c.party.name === name);
  if (!client) throw new Error(`no client ${name}`);
  return client;
}
