/** What the routes that create, change and delete directory records share: ids, If-Match, and the answer of a write. */
import { Type } from 'typebox';
import { withETag } from './versions.js';

export const Id = Type.String({ minLength: 1, maxLength: 100 });
export const Saved = Type.Object({ id: Type.String(), version: Type.Integer() });
export const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String()) });

export const params = <K extends string>(...keys: K[]) =>
  Type.Object(Object.fromEntries([['networkId', Id], ...keys.map((k) => [k, Id])]) as Record<'networkId' | K, typeof Id>);

/** 201 with the new record's id and version. */
export const created = (reply: { status(code: number): { send(body: unknown): unknown } }, saved: { id: string; version: number }) =>
  reply.status(201).send(saved);

/** The changed record's id and version, its version also as the ETag. */
export const saved = (reply: Parameters<typeof withETag>[0], result: { id: string; version: number }) => {
  withETag(reply, result.version);
  return result;
};
