/**
 * X2-X5: the exclusion list as a file. Upload (multipart, field `file`) with `dryRun=true` for
 * the preview, then again without it to apply, adding or replacing; download as CSV or XLSX.
 * Uploading is stateless: the browser keeps the file between preview and apply, so any node can
 * answer either request.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError, errors } from '../../../shared/errors.js';
import { FileRejected, formatOf, readExclusionFile } from '../../../formats/exclusion-files/exclusion-file-reader.js';
import { CONTENT_TYPES, writeExclusionFile } from '../../../formats/exclusion-files/exclusion-file-writer.js';
import { DEFAULT_LIMITS } from '../../../formats/exclusion-files/limits.js';
import { applyImport, planImport } from '../../../app/commands/exclusion-list-importer.js';
import { exclusionList } from '../../../app/queries/recording.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { singleFile } from '../uploads.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as recording from '../../../app/policies/recording.policy.js';
import { errorResponses, NetworkParams, OneOf } from '../schemas.js';

const ImportResult = Type.Object({
  applied: Type.Boolean({ description: 'false for a preview (dryRun)' }),
  mode: OneOf(['add', 'replace']),
  rowsRead: Type.Integer(),
  entries: Type.Integer({ description: 'distinct entries in the file' }),
  repeated: Type.Integer({ description: 'entries repeated further down the file' }),
  alreadyListed: Type.Integer(),
  added: Type.Integer(),
  removed: Type.Integer({ description: 'taken off by a replace' }),
  totalAfter: Type.Integer(),
  invalidCount: Type.Integer(),
  invalid: Type.Array(Type.Object({ row: Type.Integer(), value: Type.String(), reason: Type.String() }), {
    description: 'the first 1,000 invalid rows',
  }),
});

export const exclusionFileRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app, config }) => {
  const limits = config.importLimits ?? DEFAULT_LIMITS;

  server.post(
    '/api/networks/:networkId/exclusions/import',
    {
      schema: {
        tags: ['exclusions'],
        summary: 'X2 X3 X5 upload an exclusion list (CSV or XLSX): preview it (dryRun), or add it to the list or replace the list with it',
        description:
          'multipart/form-data with one part `file`. A file with any invalid row (unless validRowsOnly when adding), or that is not what its name says, changes nothing.',
        consumes: ['multipart/form-data'],
        params: NetworkParams,
        querystring: Type.Object(
          {
            mode: OneOf(['add', 'replace']),
            dryRun: Type.Optional(Type.Boolean({ default: false })),
            allowEmpty: Type.Optional(
              Type.Boolean({
                default: false,
                description: 'replace only: allow a file with no entries to empty the list (refused otherwise)',
              }),
            ),
            validRowsOnly: Type.Optional(
              Type.Boolean({
                default: false,
                description:
                  'add only: add the valid rows and leave the invalid ones out (a file with any invalid row is refused otherwise)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ImportResult, ...errorResponses, 400: Type.Ref('ErrorResponse'), 413: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(recording.can(scope.actor, 'edit', scope), 'change the exclusion list (needs edit_call_recording_settings)');
      const file = await singleFile(request, 'file', limits.maxBytes);
      const format = formatOf(file.filename, file.mimetype);
      if (format === null) throw errors.validation('file', file.filename, `file: "${file.filename}" is neither .csv nor .xlsx.`);
      const { mode, dryRun = false, allowEmpty = false, validRowsOnly = false } = request.query;
      try {
        const reading = await readExclusionFile(file.bytes, format, limits);
        const plan = dryRun
          ? planImport(reading, new Set(await exclusionList(app, scope.networkId)), mode)
          : await applyImport(app.commands, byOf(request, scope), scope.networkId, reading, mode, { allowEmpty, validRowsOnly });
        return { applied: !dryRun, ...plan, invalid: [...plan.invalid] };
      } catch (error) {
        if (error instanceof FileRejected)
          throw new AppError(error.code === 'file_too_large' ? 413 : 422, error.code, `file: ${error.message}`, 'file', file.filename);
        throw error;
      }
    },
  );

  server.get(
    '/api/networks/:networkId/exclusions/export',
    {
      schema: {
        tags: ['exclusions'],
        summary: 'X2 download the exclusion list as CSV or XLSX (a blank template when it is empty); it uploads back with no change',
        params: NetworkParams,
        querystring: Type.Object({ format: Type.Optional(OneOf(['csv', 'xlsx'], { default: 'csv' })) }, { additionalProperties: false }),
        produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(recording.can(scope.actor, 'view', scope), 'see the exclusion list');
      const format = request.query.format ?? 'csv';
      const file = await writeExclusionFile(await exclusionList(app, scope.networkId), format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="exclusion-list-${scope.networkId}.${format}"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
};
