import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { Upload } from './upload.schema';

export type UploadRecord = Upload & { _id: Types.ObjectId };

/** A new upload's record, as the pipeline measured it. */
export type NewUpload = Omit<Upload, 'owner' | 'createdAt' | 'attachedTo' | 'url'> & { owner: string };

@Injectable()
export class UploadsRepository {
  constructor(@InjectModel(Upload.name) private readonly uploads: Model<Upload>) {}

  async create(upload: NewUpload): Promise<UploadRecord> {
    // Fields the pipeline did not measure are left out rather than stored as undefined/null.
    const measured = Object.fromEntries(Object.entries(upload).filter(([, value]) => value !== undefined));
    const record = {
      ...measured,
      _id: new Types.ObjectId(),
      owner: new Types.ObjectId(upload.owner),
      attachedTo: null,
      createdAt: new Date(),
    } as UploadRecord;
    await this.uploads.collection.insertOne(record);
    return record;
  }

  /** The upload when `owner` owns it; null otherwise, so others cannot tell it exists. */
  findOwned(id: string, owner: string): Promise<UploadRecord | null> {
    return this.uploads
      .findOne({ _id: new Types.ObjectId(id), owner: new Types.ObjectId(owner) })
      .lean<UploadRecord>()
      .exec();
  }

  async remove(id: string): Promise<void> {
    await this.uploads.collection.deleteOne({ _id: new Types.ObjectId(id) });
  }

  /** The owner's uploads, oldest first (their data export lists them; account deletion removes them). */
  listByOwner(owner: string): Promise<UploadRecord[]> {
    return this.uploads
      .find({ owner: new Types.ObjectId(owner) })
      .sort({ createdAt: 1, _id: 1 })
      .lean<UploadRecord[]>()
      .exec();
  }
}
