import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Ack, CHAT_NAMESPACE, ChatSocket, ClientEvent } from '../realtime/events';
import { parsePayload, respond } from '../realtime/socket-ack';
import { MessageResponse } from './message.response';
import {
  ConversationRefPayloadSchema,
  EditMessagePayloadSchema,
  MarkReadPayloadSchema,
  MessageRefPayloadSchema,
  ReactionPayloadSchema,
  ReadPointer,
  SendMessagePayloadSchema,
} from './messages.dto';
import { MessagesService } from './messages.service';
import { ReceiptsService } from './receipts.service';

/** Message events on the `/chat` namespace; the same services as the REST routes. */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class MessagesGateway {
  constructor(
    private readonly messages: MessagesService,
    private readonly receipts: ReceiptsService,
  ) {}

  @SubscribeMessage(ClientEvent.SendMessage)
  send(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<MessageResponse>> {
    return respond(() => {
      const { conversationId, ...message } = parsePayload(SendMessagePayloadSchema, body);
      return this.messages.send(socket.data.user.userId, conversationId, message);
    });
  }

  @SubscribeMessage(ClientEvent.EditMessage)
  edit(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<MessageResponse>> {
    return respond(() => {
      const { conversationId, messageId, content } = parsePayload(EditMessagePayloadSchema, body);
      return this.messages.edit(socket.data.user.userId, conversationId, messageId, content);
    });
  }

  @SubscribeMessage(ClientEvent.DeleteMessage)
  delete(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<MessageResponse>> {
    return respond(() => {
      const { conversationId, messageId } = parsePayload(MessageRefPayloadSchema, body);
      return this.messages.delete(socket.data.user.userId, conversationId, messageId);
    });
  }

  @SubscribeMessage(ClientEvent.AddReaction)
  addReaction(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<MessageResponse>> {
    return respond(() => {
      const { conversationId, messageId, emoji } = parsePayload(ReactionPayloadSchema, body);
      return this.messages.react(socket.data.user.userId, conversationId, messageId, emoji, true);
    });
  }

  @SubscribeMessage(ClientEvent.RemoveReaction)
  removeReaction(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<MessageResponse>> {
    return respond(() => {
      const { conversationId, messageId, emoji } = parsePayload(ReactionPayloadSchema, body);
      return this.messages.react(socket.data.user.userId, conversationId, messageId, emoji, false);
    });
  }

  @SubscribeMessage(ClientEvent.MarkRead)
  markRead(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<ReadPointer>> {
    return respond(() => {
      const { conversationId, ...target } = parsePayload(MarkReadPayloadSchema, body);
      return this.receipts.markRead(socket.data.user.userId, conversationId, target);
    });
  }

  @SubscribeMessage(ClientEvent.OpenConversation)
  open(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<ReadPointer>> {
    return respond(() => {
      const { conversationId } = parsePayload(ConversationRefPayloadSchema, body);
      return this.receipts.markRead(socket.data.user.userId, conversationId, {});
    });
  }
}
