import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { Block, blockIdOf } from './block.schema';

export type BlockRecord = Block;

@Injectable()
export class BlocksRepository {
  constructor(@InjectModel(Block.name) private readonly blocks: Model<Block>) {}

  /** Records the block once; blocking again keeps the first time. */
  async block(blockerId: string, blockedId: string): Promise<void> {
    await this.blocks
      .updateOne(
        { _id: blockIdOf(blockerId, blockedId) },
        {
          $setOnInsert: {
            blockerId: new Types.ObjectId(blockerId),
            blockedId: new Types.ObjectId(blockedId),
            createdAt: new Date(),
          },
        },
        { upsert: true },
      )
      .exec();
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    await this.blocks.deleteOne({ _id: blockIdOf(blockerId, blockedId) }).exec();
  }

  /** The user's blocks, newest first. */
  listByBlocker(blockerId: string): Promise<BlockRecord[]> {
    return this.blocks
      .find({ blockerId: new Types.ObjectId(blockerId) })
      .sort({ createdAt: -1, _id: 1 })
      .lean<BlockRecord[]>()
      .exec();
  }

  /** Every block the user made or is the target of. */
  involving(userId: string): Promise<BlockRecord[]> {
    const id = new Types.ObjectId(userId);
    return this.blocks
      .find({ $or: [{ blockerId: id }, { blockedId: id }] })
      .lean<BlockRecord[]>()
      .exec();
  }
}
