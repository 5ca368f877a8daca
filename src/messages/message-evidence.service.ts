import { Injectable } from '@nestjs/common';
import { FieldCipher } from '../common/crypto/field-cipher';
import type { MediaAsset } from '../common/media/media-asset';
import { MediaUrls } from '../common/media/media-urls';
import { ConversationsService } from '../conversations/conversations.service';
import { MessageRecord, MessageResponse, toMessageResponse } from './message.response';
import { isReferenced } from './message.schema';
import { MessagesRepository } from './messages.repository';

/**
 * A message as evidence: its response, and by attachment index the reference of an uploaded attachment (null
 * for one sent as a URL), so a report can deliver the media again after its URLs expired.
 */
export interface EvidenceMessage extends MessageResponse {
  media: Array<MediaAsset | null>;
}

/** Reads for reports and their review (moderation, above): what a reporter may report and its context. */
@Injectable()
export class MessageEvidenceService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly conversations: ConversationsService,
    private readonly cipher: FieldCipher,
    private readonly urls: MediaUrls,
  ) {}

  /**
   * A message the user may see now: stored, not deleted, in a conversation they are a member of. Null
   * otherwise, whichever the reason, so a report tells nothing of messages the user cannot see.
   */
  async findVisible(userId: string, messageId: string): Promise<EvidenceMessage | null> {
    const message = await this.repository.findById(messageId);
    if (!message || message.deletedAt) {
      return null;
    }
    const [member] = await this.conversations.stillMembers(message.conversationId.toHexString(), [userId]);
    return member ? this.toEvidence(message) : null;
  }

  /**
   * Up to `before` messages before `seq` and `after` after it (ascending, the one at `seq` left out), or
   * the last `before` ones when `seq` is null. No access check: the caller decided the reader may see them.
   */
  async around(
    conversationId: string,
    seq: number | null,
    count: { before: number; after: number },
  ): Promise<EvidenceMessage[]> {
    const [older, newer] = await Promise.all([
      // A limit of 0 would be no limit at all.
      count.before > 0
        ? this.repository.page(conversationId, seq === null ? {} : { before: seq }, count.before)
        : [],
      seq !== null && count.after > 0
        ? this.repository.page(conversationId, { after: seq }, count.after)
        : [],
    ]);
    return [...older, ...newer].map((row) => this.toEvidence(row));
  }

  private toEvidence(record: MessageRecord): EvidenceMessage {
    return {
      ...toMessageResponse(record, { cipher: this.cipher, urls: this.urls }),
      media: record.attachments.map((file) =>
        isReferenced(file)
          ? {
              publicId: file.publicId,
              resourceType: file.resourceType,
              deliveryType: file.deliveryType,
              format: file.format,
              kind: file.kind,
            }
          : null,
      ),
    };
  }
}
