import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Collection } from 'mongodb';
import { Model, Types } from 'mongoose';
import type { MediaKind, MediaResourceType } from '../common/media/media-asset';
import { Upload } from './upload.schema';

/** The message an upload is attached to. */
export interface UploadTarget {
  conversationId: string;
  messageId: string;
}

/**
 * An upload record with the media fields the upload pipeline writes (docs/media.md, "The upload record").
 * Records written before signed delivery have none of them (nor `deliveryType`) and are never attached.
 */
export interface MediaUploadRecord {
  _id: Types.ObjectId;
  owner: Types.ObjectId;
  publicId: string;
  resourceType: MediaResourceType;
  deliveryType?: 'authenticated';
  format?: string | null;
  kind?: MediaKind;
  mimeType?: string;
  bytes: number;
  name?: string;
  width?: number;
  height?: number;
  durationMs?: number;
  blurhash?: string;
  waveform?: string;
  attachedTo?: { conversationId: Types.ObjectId; messageId: Types.ObjectId } | null;
  createdAt: Date;
}

/** Uploads of the signed-delivery pipeline; legacy public uploads belong to the messages that named their URL. */
const ATTACHABLE = { deliveryType: 'authenticated' } as const;

const attachedTo = (target: UploadTarget) => ({
  'attachedTo.conversationId': new Types.ObjectId(target.conversationId),
  'attachedTo.messageId': new Types.ObjectId(target.messageId),
});

/** What claims, releases and sweeps read and write of upload records: who they are attached to. */
@Injectable()
export class UploadReferencesRepository {
  private readonly records: Collection<MediaUploadRecord>;

  // The driver's collection: a Mongoose update would drop fields the schema does not declare.
  constructor(@InjectModel(Upload.name) uploads: Model<Upload>) {
    this.records = uploads.db
      .getClient()
      .db(uploads.db.name)
      .collection<MediaUploadRecord>(uploads.collection.collectionName);
  }

  /** The owner's attachable uploads among `ids` (any order; unknown and foreign ids are left out). */
  findOwnedMany(ids: readonly string[], owner: string): Promise<MediaUploadRecord[]> {
    return this.records
      .find({
        _id: { $in: ids.map((id) => new Types.ObjectId(id)) },
        owner: new Types.ObjectId(owner),
        ...ATTACHABLE,
      })
      .toArray();
  }

  /**
   * Attaches an upload of the owner's to the target, when it is attached to nothing or to this target
   * already. Answers `claimed` (newly), `kept` (already this target's), or null when it may not be.
   */
  async claim(id: string, owner: string, target: UploadTarget): Promise<'claimed' | 'kept' | null> {
    const before = await this.records.findOneAndUpdate(
      {
        _id: new Types.ObjectId(id),
        owner: new Types.ObjectId(owner),
        ...ATTACHABLE,
        $or: [{ attachedTo: null }, attachedTo(target)],
      },
      {
        $set: {
          attachedTo: {
            conversationId: new Types.ObjectId(target.conversationId),
            messageId: new Types.ObjectId(target.messageId),
          },
        },
      },
      // No projection: FerretDB v1's findAndModify does not take one.
      { returnDocument: 'before' },
    );
    if (!before) {
      return null;
    }
    return before.attachedTo ? 'kept' : 'claimed';
  }

  /** Detaches the owner's uploads among `ids` that are attached to the target. */
  async release(ids: readonly string[], owner: string, target: UploadTarget): Promise<void> {
    await this.records.updateMany(
      {
        _id: { $in: ids.map((id) => new Types.ObjectId(id)) },
        owner: new Types.ObjectId(owner),
        ...attachedTo(target),
      },
      { $set: { attachedTo: null } },
    );
  }

  /** Attachable uploads never attached, uploaded before `date`, oldest first. */
  listUnattachedBefore(date: Date, limit: number): Promise<MediaUploadRecord[]> {
    return this.records
      .find({ attachedTo: null, ...ATTACHABLE, createdAt: { $lt: date } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Removes an upload's record if it is still unattached: the decision the orphan sweep takes atomically, so
   * a send cannot claim an upload while its asset is being deleted. False when a send claimed it first.
   */
  async removeIfUnattached(id: Types.ObjectId): Promise<boolean> {
    const { deletedCount } = await this.records.deleteOne({
      _id: id,
      attachedTo: null,
      ...ATTACHABLE,
    });
    return deletedCount === 1;
  }

  /** Puts back a record whose removal could not be completed at the media host (the next sweep retries). */
  async restore(record: MediaUploadRecord): Promise<void> {
    await this.records.insertOne(record);
  }

  /** The uploads among `ids` attached to the message (a deleted message's media). */
  findAttachedTo(ids: readonly string[], target: UploadTarget): Promise<MediaUploadRecord[]> {
    return this.records
      .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) }, ...attachedTo(target) })
      .toArray();
  }

  async remove(id: Types.ObjectId): Promise<void> {
    await this.records.deleteOne({ _id: id });
  }
}
