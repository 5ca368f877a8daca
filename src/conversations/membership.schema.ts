import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum MemberRole {
  Owner = 'owner',
  Admin = 'admin',
  Member = 'member',
}

/** One user's place in one conversation, with their receipt pointers (they only move forward). */
@Schema({ collection: 'memberships', timestamps: true })
export class Membership {
  @Prop({ type: Types.ObjectId, required: true })
  conversationId!: Types.ObjectId;

  // conversationIdsOf(userId): a socket joins the rooms of all its user's conversations.
  @Prop({ type: Types.ObjectId, required: true, index: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(MemberRole), required: true })
  role!: MemberRole;

  @Prop({ type: Boolean, default: false })
  muted!: boolean;

  @Prop({ type: Number, default: 0 })
  deliveredSeq!: number;

  @Prop({ type: Number, default: 0 })
  readSeq!: number;

  @Prop({ type: Date })
  deliveredAt?: Date;

  @Prop({ type: Date })
  readAt?: Date;

  createdAt!: Date;
  updatedAt!: Date;
}

export const MembershipSchema = SchemaFactory.createForClass(Membership);
// One membership per user and conversation; also serves requireMember and the member list.
MembershipSchema.index({ conversationId: 1, userId: 1 }, { unique: true });
