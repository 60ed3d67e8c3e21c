// Multipart uploads (one file per request), held in memory up to a size limit. Runs only after the policy
// has accepted the caller, so strangers cannot make the server buffer their files.
import type { Request, Response } from 'express';
import multer from 'multer';
import { DomainError } from '../errors';

export interface UploadSpec {
  field: string;
  maxBytes: number;
  /** Whether the request is valid without a file. */
  optional?: boolean;
}

export interface UploadedFile {
  buffer: Buffer;
  originalName: string;
  size: number;
}

export async function receiveUpload(req: Request, res: Response, spec: UploadSpec): Promise<UploadedFile | undefined> {
  const middleware = multer({
    storage: multer.memoryStorage(),
    // Keep the name as sent, so a path-like name is refused rather than silently cut to its last part.
    preservePath: true,
    limits: { fileSize: spec.maxBytes, files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024 },
  }).single(spec.field);
  await new Promise<void>((resolve, reject) => {
    middleware(req, res, (error: unknown) => {
      if (!error) return resolve();
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') {
          return reject(
            new DomainError('payload_too_large', 'file_too_large', `The file is larger than ${Math.round(spec.maxBytes / 1024 / 1024)} MB`),
          );
        }
        return reject(new DomainError('invalid_input', 'bad_upload', `Upload refused: ${error.message}`, { field: error.field }));
      }
      reject(new DomainError('invalid_input', 'bad_upload', 'The upload could not be read'));
    });
  });
  const file = req.file;
  if (!file) {
    if (spec.optional) return undefined;
    throw new DomainError('invalid_input', 'file_required', `Send the file as multipart/form-data field "${spec.field}"`);
  }
  // busboy decodes the name as latin1; browsers send UTF-8 (Chinese file names).
  const originalName = Buffer.from(file.originalname, 'latin1').toString('utf8');
  return { buffer: file.buffer, originalName, size: file.size };
}
