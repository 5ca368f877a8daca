import { Types } from 'mongoose';
import { messageIdFor } from './message-id';

describe('messageIdFor', () => {
  const sender = new Types.ObjectId().toHexString();
  const other = new Types.ObjectId().toHexString();

  it('gives a resend of the same clientMessageId the same id', () => {
    expect(messageIdFor(sender, 'c-1').equals(messageIdFor(sender, 'c-1'))).toBe(true);
  });

  it('gives different clientMessageIds and different senders different ids', () => {
    const ids = [messageIdFor(sender, 'c-1'), messageIdFor(sender, 'c-2'), messageIdFor(other, 'c-1')];
    expect(new Set(ids.map((id) => id.toHexString())).size).toBe(3);
  });

  it('is a valid 24-hex ObjectId, as every message id in the API', () => {
    expect(messageIdFor(sender, 'c-1').toHexString()).toMatch(/^[a-f\d]{24}$/);
  });
});
