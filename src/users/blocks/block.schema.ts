import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** `blockerId:blockedId`: one block per pair and direction, found by `_id` alone (fast on every store). */
export function blockIdOf(blockerId: string, blockedId: string): string {
  return `${blockerId}:${blockedId}`;
}

/** A user's choice to stop another user reaching them. Blocks are one-way; each side may block the other. */
@Schema({ collection: 'blocks', versionKey: false })
export class Block {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Types.ObjectId, required: true })
  blockerId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true, index: true }) // relationsOf: who blocked this user
  blockedId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const BlockSchema = SchemaFactory.createForClass(Block);
// The blocker's list, newest first; also relationsOf: whom this user blocked.
BlockSchema.index({ blockerId: 1, createdAt: -1 });
