import Type from 'typebox';
import { defineContract } from './contract.ts';
import { FileAttachment } from './file.ts';

/**
 * A file a citizen uploaded in the portal (an application material, a photo for a tip) crossing to the police
 * network. The contract is the boundary's rule for every upload; the features that send and take files
 * (applications, tips) register their handlers when they arrive.
 */
export const attachmentSubmitted = defineContract({
  type: 'attachment.submitted',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      attachmentId: Type.String({ format: 'uuid' }),
      citizenRef: Type.String({ format: 'uuid' }),
      purpose: Type.Union([Type.Literal('application-material'), Type.Literal('tip-evidence')]),
      file: FileAttachment,
    },
    { additionalProperties: false },
  ),
  maxBytes: 7_100_000,
  files: ['file'],
});
