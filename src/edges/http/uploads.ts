/**
 * X5: the one file of a multipart upload, read whole (within its limit), with every way a
 * multipart body can be wrong answered as a 4xx: no boundary, a boundary that never comes, a body
 * cut short (400 `file_malformed`); a second file (413 `too_many_files`: it would otherwise be
 * ignored without a word); a file over the limit (413 `file_too_large`).
 */
import type { FastifyRequest } from 'fastify';
import { AppError, errors } from '../../shared/errors.js';

export interface Upload {
  readonly filename: string;
  readonly mimetype: string;
  readonly bytes: Buffer;
}

const MB = 1024 * 1024;

export async function singleFile(request: FastifyRequest, field: string, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart())
    throw errors.validation(field, undefined, `${field}: send the file as multipart/form-data, in a part named "${field}".`);
  let upload: Upload | undefined;
  try {
    // Two files allowed by the parser, so that the second is seen here and refused by name.
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 2 } })) {
      if (part.type !== 'file') continue;
      if (upload !== undefined)
        throw new AppError(
          413,
          'too_many_files',
          `${field}: send one file per upload; a second file ("${part.filename}") was sent.`,
          field,
          part.filename,
        );
      if (part.fieldname !== field)
        throw errors.validation(
          field,
          part.fieldname,
          `${field}: the file must be sent in a part named "${field}" (it was in "${part.fieldname}").`,
        );
      upload = { filename: part.filename, mimetype: part.mimetype, bytes: await part.toBuffer() };
    }
  } catch (error) {
    throw refusal(error, field, maxBytes);
  }
  if (upload === undefined) throw errors.validation(field, undefined, `${field}: no file was sent (a part named "${field}").`);
  return upload;
}

function refusal(error: unknown, field: string, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError(
      413,
      'file_too_large',
      `${field}: the file is larger than ${Math.round(maxBytes / MB)} MB: split it into smaller files.`,
      field,
    );
  if (code === 'FST_FILES_LIMIT') return new AppError(413, 'too_many_files', `${field}: send one file per upload.`, field);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new AppError(413, 'too_many_parts', `${field}: the upload has too many parts; send the file alone.`, field);
  // busboy's "Unexpected end of form", "Boundary not found", "Malformed part header", ...
  return new AppError(
    400,
    'file_malformed',
    `${field}: the upload is not a complete multipart/form-data body (${(error as Error).message ?? 'unreadable'}); send the file again.`,
    field,
  );
}
