import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * Every member's delivered pointer of one conversation in one document (`_id` = the conversation id), keyed
 * by user id: marking a message delivered to all online members of a group is one document write, not one
 * per member. A read pointer implies delivery, so a member's effective delivered seq is the higher of this
 * one and their membership's `readSeq`.
 */
@Schema({ collection: 'delivery_pointers', versionKey: false })
export class DeliveryPointers {
  @Prop({ type: Types.ObjectId })
  _id!: Types.ObjectId;

  /** User id -> highest seq delivered to one of the user's devices. */
  @Prop({ type: Object, default: {} })
  seqs!: Record<string, number>;

  /** User id -> when a delivery last reached the user. */
  @Prop({ type: Object, default: {} })
  at!: Record<string, Date>;

  // /sync asks which conversations had pointers move since its cursor.
  @Prop({ type: Date })
  updatedAt?: Date;
}

export const DeliveryPointersSchema = SchemaFactory.createForClass(DeliveryPointers);
